// What the webview asks of mermaid, with no DOM and no mermaid code: the theme that goes with
// VS Code's, the settings a diagram cannot change, and the one-line note of a failed diagram.
// The mermaid bundle (mermaidChunk.ts) and the slide (diagrams.ts) share it.
import type { MermaidConfig } from 'mermaid';

export type DiagramTheme = 'dark' | 'default';

/** What dist/mermaid.js puts on `window` once loaded. */
export interface MermaidDrawer {
  /** The diagram as an SVG document (mermaid's, sanitized), or throws why it cannot be drawn. */
  draw(id: string, source: string, theme: DiagramTheme): Promise<string>;
}

declare global {
  interface Window {
    workshopMermaid?: MermaidDrawer;
  }
}

/** VS Code marks the webview's body with the theme's kind: `vscode-dark`, `vscode-high-contrast`, `vscode-light`, ... */
export function diagramTheme(bodyClasses: readonly string[]): DiagramTheme {
  return bodyClasses.includes('vscode-dark') || bodyClasses.includes('vscode-high-contrast') ? 'dark' : 'default';
}

/**
 * Keys a diagram's own `%%{init: ...}%%` may not change: those that put text into the
 * diagram's CSS (course text is untrusted), and how far mermaid trusts the diagram.
 */
export const SECURE_KEYS = [
  'secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'maxEdges', 'suppressErrorRendering',
  'theme', 'themeCSS', 'themeVariables', 'fontFamily', 'altFontFamily', 'darkMode', 'htmlLabels',
];

/**
 * `securityLevel: 'strict'`: mermaid sanitizes labels and drops click handlers and links to
 * scripts; nothing runs at load; errors are thrown to us, never drawn as mermaid's own picture.
 */
export function mermaidConfig(theme: DiagramTheme): MermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme,
    suppressErrorRendering: true,
    secure: SECURE_KEYS,
    maxTextSize: 50_000,
  };
}

const NOTE_LIMIT = 160;

/** `Expecting 'A', 'B', ... (a dozen), got 'X'` says little more than `unexpected 'X'`. */
function shortExpecting(line: string): string {
  const m = /^Expecting (.*), got (.+)$/.exec(line);
  return m && m[1].split(',').length > 3 ? `unexpected ${m[2]}` : line;
}

/** The note under a diagram that was not drawn: one line, short, from mermaid's message. */
export function diagramNote(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  // A parse error reads `Parse error on line 2:`, the line, a `---^` marker, `Expecting ...`.
  const lines = raw.split('\n').map((l) => l.trim()).filter((l) => l && !/^-*\^$/.test(l)).map(shortExpecting);
  const line = (lines.length > 1 && lines[0].endsWith(':') ? `${lines[0]} ${lines[lines.length - 1]}` : lines[0] ?? '').replace(/\s+/g, ' ');
  const why = line.length > NOTE_LIMIT ? `${line.slice(0, NOTE_LIMIT - 1)}…` : line;
  return why ? `Mermaid diagram not drawn: ${why}` : 'Mermaid diagram not drawn.';
}
