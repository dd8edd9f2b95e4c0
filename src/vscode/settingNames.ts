// The extension's settings (without `workshop.`), as package.json declares them. `restricted`
// ones are listed in `restrictedConfigurations`: Restricted Mode ignores their workspace values.
// `userOnly` ones (scope `application`) are read from the user's settings only, in any workspace.
export const SETTINGS = {
  coursePath: { restricted: true },
  hideExtraDetails: { restricted: false },
  'terminal.mode': { restricted: false },
  'terminal.cwd': { restricted: true },
  'terminal.focus': { restricted: false },
  'replay.waitTimeoutSeconds': { restricted: false },
  'replay.continueAfterFailure': { restricted: false },
  'replay.openLinks': { restricted: true, userOnly: true },
  'replay.longWaitMultiplier': { restricted: false },
  labNodeAddress: { restricted: false },
} as const;

export type SettingName = keyof typeof SETTINGS;

/** What `WorkspaceConfiguration.inspect` returns, as far as `userValue` needs it. */
export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The user's own value, else the default: what a workspace's settings say is not read. */
export function userValue<T>(inspected: InspectedSetting<T> | undefined, fallback: T): T {
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}
