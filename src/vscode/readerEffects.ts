// What the reader's buttons do outside the webview: the clipboard, editors, links, files.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { confineAbsolute } from '../course/confine';
import { nodeFileSystem } from '../course/nodeFileSystem';
import { snippetText } from '../exercises/prepare';
import { visibleText } from '../text/visibleText';
import type { OpenCourse } from './courseLibrary';
import { linkNotOpened } from '../text/messages';

/**
 * Copies a snippet (by its key, cleaned like Run would type it) or a plain code block's text, in
 * the form the reader shows: invisible characters as ⟨U+XXXX⟩, never the raw bytes.
 */
export async function copyToClipboard(course: OpenCourse | undefined, key: string | undefined, text: string | undefined): Promise<true> {
  const ref = key ? course?.index.snippet(key) : undefined;
  const copied = ref ? snippetText(ref.snippet) : text;
  if (copied === undefined) throw new Error('nothing to copy: the snippet is not in the open course');
  await vscode.env.clipboard.writeText(visibleText(copied));
  vscode.window.setStatusBarMessage('$(clippy) Copied to the clipboard', 2000);
  return true;
}

export async function openYaml(text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

export async function openLink(course: OpenCourse, kind: 'external' | 'file', target: string, fragment: string | undefined, log: vscode.LogOutputChannel): Promise<void> {
  if (kind === 'external') {
    if (/^(https?|mailto):/i.test(target)) await vscode.env.openExternal(vscode.Uri.parse(target, true));
    return;
  }
  const line = fragment && /^L?(\d+)$/.exec(fragment)?.[1];
  await openFile(course, target, line ? Number(line) : undefined, log);
}

/** Opens a problem's file (relative to the course) at its line. */
export function openProblem(course: OpenCourse, file: string, line: number, log: vscode.LogOutputChannel): Promise<void> {
  return openFile(course, path.resolve(course.index.course.baseDir, file), line, log);
}

async function openFile(course: OpenCourse, file: string, line: number | undefined, log: vscode.LogOutputChannel): Promise<void> {
  // Webview messages are not trusted either: only files of the course are opened or revealed.
  const root = course.index.course.root;
  if (!confineAbsolute(nodeFileSystem, root, file)) {
    log.warn(`not opened: ${file} is outside the course (${root}), inside .git or missing`);
    void vscode.window.showWarningMessage(linkNotOpened(file, 'outside'));
    return;
  }
  try {
    const uri = vscode.Uri.file(file);
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) {
      await vscode.commands.executeCommand('revealInExplorer', uri);
      return;
    }
    const selection = line ? new vscode.Range(line - 1, 0, line - 1, 0) : undefined;
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true, selection });
  } catch {
    void vscode.window.showWarningMessage(linkNotOpened(file, 'missing'));
  }
}
