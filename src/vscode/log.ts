// The extension's one log: a LogOutputChannel named "Kubernetes Workshop".
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function workshopLog(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Kubernetes Workshop', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
