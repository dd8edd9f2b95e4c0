// What the reader's buttons do outside the webview: the clipboard, editors, links, files.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cleanBashData } from '../exercises/prepare';
import type { OpenCourse } from './courseLibrary';

/** Copies a snippet (by its key, cleaned like Run would type it) or a plain code block's text. */
export async function copyToClipboard(course: OpenCourse | undefined, key: string | undefined, text: string | undefined): Promise<true> {
  const ref = key ? course?.index.snippet(key) : undefined;
  const copied = ref ? (ref.snippet.method === 'bash' ? cleanBashData(ref.snippet.data) : ref.snippet.data) : text;
  if (copied === undefined) throw new Error('nothing to copy: the snippet is not in the open course');
  await vscode.env.clipboard.writeText(copied);
  vscode.window.setStatusBarMessage('$(clippy) Copied to the clipboard', 2000);
  return true;
}

export async function openYaml(text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

export async function openLink(kind: 'external' | 'file', target: string, fragment?: string): Promise<void> {
  if (kind === 'external') {
    if (/^(https?|mailto):/i.test(target)) await vscode.env.openExternal(vscode.Uri.parse(target, true));
    return;
  }
  const line = fragment && /^L?(\d+)$/.exec(fragment)?.[1];
  await openFile(target, line ? Number(line) : undefined);
}

/** Opens a problem's file (relative to the course) at its line. */
export function openProblem(course: OpenCourse, file: string, line: number): Promise<void> {
  return openFile(path.resolve(course.index.course.baseDir, file), line);
}

async function openFile(file: string, line?: number): Promise<void> {
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
    void vscode.window.showWarningMessage(`Kubernetes Workshop: the course links to ${file}, which does not exist.`);
  }
}
