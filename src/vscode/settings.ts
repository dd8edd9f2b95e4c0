// Every setting of the extension (declared in package.json): typed getters that read the
// current value, change events, and which ones Restricted Mode ignores.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { PlanOptions } from '../exercises/plan';
import { userValue, type SettingName } from './settingNames';

export { SETTINGS, type SettingName } from './settingNames';

export const SECTION = 'workshop';

export type TerminalMode = 'reuse' | 'perChapter' | 'active';
const TERMINAL_MODES: readonly TerminalMode[] = ['reuse', 'perChapter', 'active'];

export type OpenLinks = 'ask' | 'always' | 'never';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export const settings = {
  coursePath: (): string => config().get<string>('coursePath', '').trim(),
  /** The default of the reader's extra-details switch (the reader keeps the user's choice per course). */
  hideExtraDetails: (): boolean => config().get<boolean>('hideExtraDetails', false),
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
  terminalFocus: (): boolean => config().get<boolean>('terminal.focus', false),
  /** Run all goes on after a failed step instead of stopping there. */
  continueAfterFailure: (): boolean => config().get<boolean>('replay.continueAfterFailure', false),
  /** Only the user's settings count: a course's repository must not turn on opening without asking. */
  openLinks(): OpenLinks {
    const value = userValue(config().inspect<string>('replay.openLinks'), 'ask');
    return value === 'always' || value === 'never' ? value : 'ask';
  },
  /** The user's answer "Always Open" is their setting from then on. */
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

export function affects(event: vscode.ConfigurationChangeEvent, name: SettingName): boolean {
  return event.affectsConfiguration(`${SECTION}.${name}`);
}

/** Calls `listener` when one of `names` changes. */
export function onDidChangeSettings(names: readonly SettingName[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (names.some((name) => affects(event, name))) listener();
  });
}
