// Text from a course or a cluster on its way into VS Code's own UI (notifications, progress,
// quick picks, input boxes, dialogs, the log) is made inert here, and only here.
//
// What VS Code parses, read in its source (1.100 and 1.139 alike):
// - Notifications (and progress shown as a notification) and input box prompts and validation
//   messages run `parseLinkedText`: `[label](target)` becomes a link when target starts with
//   `https://`, `http://`, `command:` or `file:` and holds no `)` or white space. It knows no
//   escapes (`\[` still links), so the only way out is that `](` never appears: we write `] (`.
//   Notifications also turn line breaks into spaces and cut messages at 1000 characters.
// - Quick pick labels, descriptions and details, input box prompts and the status bar (where a
//   progress title also shows) render `$(name)` and `$(name~spin)` as icons; `\$(name)` shows
//   the text `$(name)`. So `$(` gets a backslash there, and only there.
// - Modal dialogs (message and detail), quick input titles and placeholders, tree view messages
//   and the log are plain text.
// Everywhere: control, format (bidi, zero-width, soft hyphen) and separator characters are shown
// as `⟨U+XXXX⟩`, line breaks and tabs become spaces, and long text is cut with `…`.

import { visibleText } from './visibleText';

export type Surface = 'notification' | 'progress' | 'quickPick' | 'prompt' | 'plain' | 'log';

const LINKS: ReadonlySet<Surface> = new Set(['notification', 'progress', 'prompt']);
const ICONS: ReadonlySet<Surface> = new Set(['progress', 'quickPick', 'prompt']);

/** How many characters of one value each surface shows (before escaping). */
export const MAX_LENGTH: Readonly<Record<Surface, number>> = {
  notification: 200,
  progress: 200,
  quickPick: 200,
  prompt: 200,
  plain: 2000,
  log: 2000,
};

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAKS = /[ \t]*(?:\r\n|[\r\n\t\u000b\u000c\u0085\u2028\u2029])[ \t]*/gu;
/** The visible form of invisible characters (the one rule of visibleText.ts): `⟨U+202E⟩`; line breaks and tabs become one space. */
export function showInvisible(text: string): string {
  return visibleText(text.replace(LINE_BREAKS, ' '));
}

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, Math.max(1, max - 1)).join('')}…` : text;
}

/** No `[label](target)` link can form: `](` is written `] (`. */
export function breakLinks(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

/** `$(name)` shows as text, not as an icon. */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** One value from a course or a cluster, made inert for `surface`. */
export function inert(value: string | number | undefined, surface: Surface, max = MAX_LENGTH[surface]): string {
  let text = cut(showInvisible(String(value ?? '')), max);
  if (LINKS.has(surface)) text = breakLinks(text);
  if (ICONS.has(surface)) text = escapeIcons(text);
  return text;
}

/**
 * A template tag for a whole message on `surface`: every `${value}` is made inert, and the
 * result is checked again for links, which could form across a value and the text around it.
 */
export function inertTemplate(surface: Surface): (strings: TemplateStringsArray, ...values: Array<string | number | undefined>) => string {
  return (strings, ...values) => {
    const text = strings.reduce((out, literal, i) => out + literal + (i < values.length ? inert(values[i], surface) : ''), '');
    return LINKS.has(surface) ? breakLinks(text) : text;
  };
}

/** A notification message: `notice\`the course links to ${file}\``. */
export const notice = inertTemplate('notification');
/** A progress title or message (shown as a notification and in the status bar). */
export const progressText = inertTemplate('progress');
/** Plain text: a modal dialog's message or detail, a quick input's title. */
export const plainText = inertTemplate('plain');
/** A quick pick item's label, description or detail. */
export const pickText = inertTemplate('quickPick');

/** A whole log line: one line, invisible characters shown, at most `max` characters. */
export function logLine(message: string, max = 8000): string {
  return cut(showInvisible(message), max);
}
