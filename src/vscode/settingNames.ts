// The extension's settings (without `workshop.`), as package.json declares them. `restricted`
// ones are listed in `restrictedConfigurations`: Restricted Mode ignores their workspace values.
export const SETTINGS = {
  coursePath: { restricted: true },
  hideExtraDetails: { restricted: false },
  'terminal.mode': { restricted: false },
  'terminal.cwd': { restricted: true },
  'terminal.focus': { restricted: false },
  'replay.waitTimeoutSeconds': { restricted: false },
  'replay.continueAfterFailure': { restricted: false },
  'replay.openLinks': { restricted: false },
  'replay.longWaitMultiplier': { restricted: false },
  labNodeAddress: { restricted: false },
} as const;

export type SettingName = keyof typeof SETTINGS;
