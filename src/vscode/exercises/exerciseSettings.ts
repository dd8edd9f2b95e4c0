// The exercise settings (declared in package.json, see docs/exercises.md), read fresh on every use.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { PlanOptions } from '../../exercises/plan';

export type TerminalMode = 'reuse' | 'perChapter' | 'active';
export type OpenLinks = 'ask' | 'always' | 'never';

const TERMINAL_MODES: readonly TerminalMode[] = ['reuse', 'perChapter', 'active'];

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('workshop');
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export const exerciseSettings = {
  terminalMode(): TerminalMode {
    const mode = config().get<string>('terminal.mode', 'reuse');
    return TERMINAL_MODES.includes(mode as TerminalMode) ? (mode as TerminalMode) : 'reuse';
  },
  /** Working folder for new terminals; `undefined` lets VS Code choose. */
  terminalCwd(): string | undefined {
    const raw = config().get<string>('terminal.cwd', '').trim();
    if (!raw) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (raw.includes('${workspaceFolder}') && !folder) return undefined;
    return raw.replace(/\$\{workspaceFolder\}/g, folder ?? '').replace(/\$\{userHome\}/g, os.homedir()).replace(/^~(?=$|[\\/])/, os.homedir());
  },
  /** True when the terminal takes the focus when shown. */
  terminalFocus(): boolean {
    return config().get<boolean>('terminal.focus', false);
  },
  /** Run all goes on after a failed step instead of stopping there. */
  continueAfterFailure(): boolean {
    return config().get<boolean>('replay.continueAfterFailure', false);
  },
  openLinks(): OpenLinks {
    const value = config().get<string>('replay.openLinks', 'ask');
    return value === 'always' || value === 'never' ? value : 'ask';
  },
  async setOpenLinks(value: OpenLinks): Promise<void> {
    await config().update('replay.openLinks', value, vscode.ConfigurationTarget.Global);
  },
  planOptions(): PlanOptions {
    const c = config();
    return {
      waitTimeoutMs: positive(c.get('replay.waitTimeoutSeconds'), 60) * 1000,
      longWaitMultiplier: positive(c.get('replay.longWaitMultiplier'), 10),
      nodeAddress: c.get<string>('labNodeAddress', 'localhost').trim() || 'localhost',
    };
  },
};

export const EXERCISE_SETTING_KEYS = [
  'workshop.terminal.mode',
  'workshop.terminal.cwd',
  'workshop.terminal.focus',
  'workshop.replay.waitTimeoutSeconds',
  'workshop.replay.longWaitMultiplier',
  'workshop.replay.continueAfterFailure',
  'workshop.replay.openLinks',
  'workshop.labNodeAddress',
] as const;
