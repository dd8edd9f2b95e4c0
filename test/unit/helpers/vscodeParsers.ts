// VS Code's own parsers of message text, as they are in its source (vs/base/common/linkedText.ts
// and vs/base/browser/ui/iconLabel/iconLabels.ts; the same in 1.100 and 1.139): the tests check
// what VS Code would draw, not what our helper happens to write.
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const VSCODE_ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

/** The link targets VS Code would draw in a notification, progress or prompt. */
export function linksIn(message: string): string[] {
  return [...message.matchAll(VSCODE_LINK)].map((m) => m[2]);
}

/** The icons VS Code would draw in a label (escaped ones are text). */
export function iconsIn(label: string): string[] {
  return [...label.matchAll(VSCODE_ICON)].filter((m) => !m[1]).map((m) => m[2]);
}

/** What VS Code shows of a label: `\$(x)` is the text `$(x)`, an icon is `<icon x>`. */
export function shownLabel(label: string): string {
  return label.replace(VSCODE_ICON, (_all, escaped: string | undefined, name: string) => (escaped ? `$(${name})` : `<icon ${name}>`));
}

/** Markup VS Code would draw from a notification or prompt text: links and icons. */
export function markupIn(text: string): string[] {
  return [...linksIn(text), ...iconsIn(text).map((name) => `$(${name})`)];
}
