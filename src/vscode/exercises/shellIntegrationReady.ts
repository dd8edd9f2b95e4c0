// A new terminal activates shell integration a moment after it opens (or never: turned off, a
// shell VS Code does not inject into); the replay waits for it a few seconds at most.
import * as vscode from 'vscode';

/** Resolves once `terminal` has shell integration, or after `timeoutMs` without it. */
export function shellIntegrationReady(terminal: vscode.Terminal, timeoutMs: number): Promise<void> {
  if (terminal.shellIntegration) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(finish, timeoutMs);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((event) => {
      if (event.terminal === terminal) finish();
    });
    function finish(): void {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}
