// Setting names in one place, with typed getters that read the current value.
import * as vscode from 'vscode';

export const SECTION = 'workshop';

export const settings = {
  coursePath: (): string => vscode.workspace.getConfiguration(SECTION).get<string>('coursePath', '').trim(),
  hideExtraDetails: (): boolean => vscode.workspace.getConfiguration(SECTION).get<boolean>('hideExtraDetails', false),
  setHideExtraDetails: (hide: boolean): Thenable<void> =>
    vscode.workspace.getConfiguration(SECTION).update('hideExtraDetails', hide, vscode.ConfigurationTarget.Global),
};

export function affects(event: vscode.ConfigurationChangeEvent, key: string): boolean {
  return event.affectsConfiguration(`${SECTION}.${key}`);
}
