// Command `workshop.insertSnippet`: pick a Kubernetes manifest snippet and
// insert it into the active YAML editor (or a new untitled YAML document).

import * as vscode from 'vscode';
import type { Logger } from '../logger';
import { registerCommand } from './commands';
import type * as Catalog from '../snippets/catalog';
import type { SnippetEntry } from '../snippets/catalog';
import { noSuchSnippet } from '../text/messages';

export const INSERT_SNIPPET_COMMAND = 'workshop.insertSnippet';

interface SnippetPick extends vscode.QuickPickItem {
  entry: SnippetEntry;
}

/**
 * Registers `workshop.insertSnippet`.
 *
 * Argument (optional): a snippet id (`service-nodeport`), label
 * (`Service/NodePort`) or prefix (`svc-nodeport`, `k8s-svc-nodeport`), or an
 * object `{ id }`. Without it, a quick pick lists every snippet.
 * Resolves to the editor the snippet went into, or undefined when nothing was
 * inserted (picker dismissed, unknown snippet, edit refused).
 */
export function registerInsertSnippet(log: Logger): vscode.Disposable {
  return registerCommand(INSERT_SNIPPET_COMMAND, async (arg?: unknown) => {
    const catalog = await snippetCatalog();
    const entry = arg === undefined ? await pickSnippet(catalog.listSnippets()) : resolveArgument(arg, catalog.findSnippet);
    if (!entry) return undefined;
    return insertSnippetEntry(entry);
  }, log);
}

function resolveArgument(arg: unknown, findSnippet: (key: string) => SnippetEntry | undefined): SnippetEntry | undefined {
  const key =
    typeof arg === 'string'
      ? arg
      : arg && typeof arg === 'object' && typeof (arg as { id?: unknown }).id === 'string'
        ? (arg as { id: string }).id
        : undefined;
  const entry = key === undefined ? undefined : findSnippet(key);
  if (!entry) void vscode.window.showErrorMessage(noSuchSnippet(key ?? String(typeof arg)));
  return entry;
}

async function pickSnippet(entries: SnippetEntry[]): Promise<SnippetEntry | undefined> {
  const items: SnippetPick[] = entries.map((entry) => ({
    label: entry.label,
    description: entry.prefix,
    detail: entry.description,
    entry,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Insert a Kubernetes manifest',
    placeHolder: 'Type a kind or a prefix (deploy, svc-nodeport, netpol-deny-all...)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.entry;
}

/** Inserts a snippet into the active YAML editor, or into a new untitled YAML document. */
export async function insertSnippetEntry(entry: SnippetEntry): Promise<vscode.TextEditor | undefined> {
  let editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    editor = await vscode.window.showTextDocument(document);
  }
  const document = editor.document;
  // The snippet always becomes a YAML document of its own (see planInsertion):
  // in an empty document it goes at the top with no separator; on a blank line
  // that starts a document, right there (with a `---` after it if something
  // follows); anywhere else it goes at the end of the document holding the
  // cursor, after a `---` line, so that an existing manifest is never split.
  // The selection is not replaced: a manifest never belongs inside another.
  const { planInsertion } = await snippetCatalog();
  const plan = planInsertion(document.getText(), document.offsetAt(editor.selection.active));
  const position = document.positionAt(plan.offset);
  const ok = await editor.insertSnippet(new vscode.SnippetString(plan.prefix + entry.body + plan.suffix), position, {
    undoStopBefore: true,
    undoStopAfter: true,
    // The insertion point is at a line start or after a newline of our own:
    // the body's own 2-space indentation must not be re-indented.
    keepWhitespace: true,
  });
  return ok ? editor : undefined;
}

/** The catalogue and snippets/kubernetes.json load with the first insertion, not at activation (dist/snippets.js). */
function snippetCatalog(): Promise<typeof Catalog> {
  return import('../snippets/catalog');
}
