// Registering commands with one policy: a failure is logged as an error and shown once;
// a command that runs something declares it needs a trusted workspace, and in Restricted
// Mode it says so instead of running.
import * as vscode from 'vscode';
import type { Logger } from '../logger';
import { commandFailed } from '../text/messages';

export interface CommandOptions {
  /** `required`: refused in Restricted Mode, with `trustMessage` (or a generic one) shown. */
  trust?: 'required' | 'any';
  trustMessage?: string;
  /** The text to log and show for an error (to redact it, say); undefined stays silent (a cancellation). */
  describe?(error: unknown): string | undefined;
}

export type CommandRun = (...args: unknown[]) => unknown;

/** Error notifications currently on screen: the same failure is not stacked twice. */
const shown = new Set<string>();

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function reportError(log: Logger, what: string, text: string): void {
  log.error(`${what} failed: ${text}`);
  const message = commandFailed(text);
  if (shown.has(message)) return;
  shown.add(message);
  void Promise.resolve(vscode.window.showErrorMessage(message)).finally(() => shown.delete(message));
}

function refuseUntrusted(message: string): void {
  void Promise.resolve(vscode.window.showWarningMessage(message, 'Manage Workspace Trust')).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
}

export function registerCommand(id: string, run: CommandRun, log: Logger, options: CommandOptions = {}): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    if (options.trust === 'required' && !vscode.workspace.isTrusted) {
      refuseUntrusted(options.trustMessage ?? 'This command runs commands or changes files, which Restricted Mode does not allow. Trust this workspace to use it.');
      return undefined;
    }
    try {
      return await run(...args);
    } catch (error) {
      const text = (options.describe ?? describeError)(error);
      if (text !== undefined) reportError(log, id, text);
      return undefined;
    }
  });
}

/** Registers several commands with the same options. */
export function registerCommands(commands: Record<string, CommandRun>, log: Logger, options: CommandOptions = {}): vscode.Disposable {
  return vscode.Disposable.from(...Object.entries(commands).map(([id, run]) => registerCommand(id, run, log, options)));
}
