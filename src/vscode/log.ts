// The extension's one log: a LogOutputChannel named "Kubernetes Workshop". Every line is made
// inert on its way in (src/text/inertLog.ts): course and cluster text is in many of them.
import * as vscode from 'vscode';
import { inertLog } from '../text/inertLog';

let channel: vscode.LogOutputChannel | undefined;

export function workshopLog(): vscode.LogOutputChannel {
  channel ??= inertLog(vscode.window.createOutputChannel('Kubernetes Workshop', { log: true }));
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
