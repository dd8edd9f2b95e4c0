// The last check before text reaches a terminal: every `sendText` and `executeCommand` of the
// extension goes through here, so that nothing a reader cannot see is typed (see visibleText.ts).
import type * as vscode from 'vscode';
import { refuseTerminalText } from '../text/visibleText';

/** Throws when `text` holds an invisible character (keys may hold the control bytes key names stand for). */
export function checkTerminalText(text: string, kind: 'command' | 'keys' = 'command'): string {
  const refused = refuseTerminalText(text, kind);
  if (refused) throw new Error(refused);
  return text;
}

/** `terminal.sendText`, after {@link checkTerminalText}. */
export function sendTextChecked(terminal: Pick<vscode.Terminal, 'sendText'>, text: string, addNewLine: boolean, kind: 'command' | 'keys' = 'command'): void {
  terminal.sendText(checkTerminalText(text, kind), addNewLine);
}
