// The reader's HTML shell: strict CSP, one nonce'd script (which may add the diagram bundle,
// with the same nonce), styles from the extension.
import * as vscode from 'vscode';

/** The webview may load the extension's own files and the course's, nothing wider. */
export function readerResourceRoots(extensionUri: vscode.Uri, courseRoot?: string): vscode.Uri[] {
  const roots = [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
  if (courseRoot) roots.push(vscode.Uri.file(courseRoot));
  return roots;
}

function head(csp: string, styles: string[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
<title>Kubernetes Workshop</title>
</head>`;
}

/** In Restricted Mode the policy itself keeps remote images out, whatever the slide holds. */
export function readerHtml(webview: vscode.Webview, extensionUri: vscode.Uri, surface: 'view' | 'panel', trusted = true): string {
  const nonce = globalThis.crypto.randomUUID().replace(/-/g, '');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString();
  const mermaid = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'mermaid.js')).toString();
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'reader.css')).toString();
  const highlight = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'highlight.css')).toString();
  const codicons = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'codicon.css')).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource}${trusted ? ' https:' : ''} data:`,
    // Style elements: the extension's files, and mermaid's (the nonce; media/src/mermaidChunk.ts).
    // Style attributes: mermaid sets them while it draws; course HTML never keeps one (sanitize.ts).
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `${head(csp, [codicons, style, highlight])}
<body class="surface-${surface}">
<div id="app" aria-live="polite"><p class="loading">Loading the course…</p></div>
<script nonce="${nonce}" src="${script}" data-mermaid="${mermaid}"></script>
</body>
</html>`;
}

/** What a view that did not draw after its rebuilds shows: why, and a Reload button (its only script). */
export function readerStuckHtml(webview: vscode.Webview, extensionUri: vscode.Uri, surface: 'view' | 'panel', text: string): string {
  const nonce = globalThis.crypto.randomUUID().replace(/-/g, '');
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'reader.css')).toString();
  const csp = ["default-src 'none'", `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `${head(csp, [style])}
<body class="surface-${surface}">
<div id="app"><div class="error-view" role="alert">
<h1>The course reader did not draw</h1>
<p>${escaped}</p>
<button id="reload" class="action primary">Reload the reader</button>
</div></div>
<script nonce="${nonce}">
const api = acquireVsCodeApi();
document.getElementById('reload').addEventListener('click', () => api.postMessage({ type: 'reload' }));
</script>
</body>
</html>`;
}
