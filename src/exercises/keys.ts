// Key names (tmux style, as the `key` and `keys` methods write them) -> the bytes a terminal receives.
// Sequences are those of xterm in normal cursor mode, which is what VS Code's terminal (xterm.js) sends.

export type KeyResult = { ok: true; sequence: string } | { ok: false; error: string };

const ESC = '\x1b';

/** Keys whose xterm sequence is `CSI 1 ; <mod> <final>` when modified and `ESC O <final>` / `CSI <final>` when not. */
const LETTER_KEYS: Record<string, { plain: string; final: string }> = {
  up: { plain: `${ESC}[A`, final: 'A' },
  down: { plain: `${ESC}[B`, final: 'B' },
  right: { plain: `${ESC}[C`, final: 'C' },
  left: { plain: `${ESC}[D`, final: 'D' },
  home: { plain: `${ESC}[H`, final: 'H' },
  end: { plain: `${ESC}[F`, final: 'F' },
  f1: { plain: `${ESC}OP`, final: 'P' },
  f2: { plain: `${ESC}OQ`, final: 'Q' },
  f3: { plain: `${ESC}OR`, final: 'R' },
  f4: { plain: `${ESC}OS`, final: 'S' },
};

/** Keys whose xterm sequence is `CSI <n> ~` (`CSI <n> ; <mod> ~` when modified). */
const TILDE_KEYS: Record<string, number> = {
  ic: 2, insert: 2,
  dc: 3, delete: 3,
  ppage: 5, pageup: 5, pgup: 5,
  npage: 6, pagedown: 6, pgdn: 6,
  f5: 15, f6: 17, f7: 18, f8: 19, f9: 20, f10: 21, f11: 23, f12: 24,
};

/** Keys that are a fixed byte string (modifiers other than Meta do not apply). */
const PLAIN_KEYS: Record<string, string> = {
  enter: '\r',
  space: ' ',
  escape: ESC,
  tab: '\t',
  btab: `${ESC}[Z`,
  bspace: '\x7f',
};

/** Canonical spellings, for the `keys` method (where a word is a key only when written like this). */
export const NAMED_KEYS: readonly string[] = [
  'Enter', 'Space', 'Escape', 'Tab', 'BTab', 'BSpace',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End',
  'IC', 'Insert', 'DC', 'Delete', 'PPage', 'PageUp', 'PgUp', 'NPage', 'PageDown', 'PgDn',
  'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12',
];

interface Modifiers {
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
}

/** Control code of `^X` / `C-x`: letters, `@ [ \ ] ^ _`, `?` (DEL) and Space (NUL). */
function controlCode(char: string): string | undefined {
  if (char === '?') return '\x7f';
  if (char === ' ') return '\x00';
  const upper = char.toUpperCase();
  const code = upper.charCodeAt(0);
  if (upper.length === 1 && code >= 0x40 && code <= 0x5f) return String.fromCharCode(code & 0x1f);
  return undefined;
}

function xtermModifier(mods: Modifiers): number {
  return 1 + (mods.shift ? 1 : 0) + (mods.meta ? 2 : 0) + (mods.ctrl ? 4 : 0);
}

function translateBase(base: string, mods: Modifiers): KeyResult {
  const lower = base.toLowerCase();
  const anyModifier = mods.ctrl || mods.meta || mods.shift;

  const letterKey = LETTER_KEYS[lower];
  if (letterKey) {
    return { ok: true, sequence: anyModifier ? `${ESC}[1;${xtermModifier(mods)}${letterKey.final}` : letterKey.plain };
  }
  const tilde = TILDE_KEYS[lower];
  if (tilde !== undefined) {
    return { ok: true, sequence: anyModifier ? `${ESC}[${tilde};${xtermModifier(mods)}~` : `${ESC}[${tilde}~` };
  }

  let sequence: string | undefined;
  if (lower === 'space' && mods.ctrl) sequence = '\x00';
  else if (PLAIN_KEYS[lower] !== undefined) sequence = PLAIN_KEYS[lower];
  else if ([...base].length === 1) {
    sequence = mods.shift ? base.toUpperCase() : base;
    if (mods.ctrl) {
      const code = controlCode(sequence);
      if (code === undefined) return { ok: false, error: `"${base}" has no Ctrl form` };
      sequence = code;
    }
  } else {
    return { ok: false, error: `unknown key name "${base}"` };
  }
  return { ok: true, sequence: mods.meta ? ESC + sequence : sequence };
}

/**
 * One key name as tmux reads it: `^C` (any `^X`), `C-c`, `M-x`, `S-Up`, `C-M-Left`, `Enter`, `F5`, a single character...
 * Names ignore case, as in tmux. Anything else is an error, never text.
 */
export function translateKey(name: string): KeyResult {
  if (name.length === 0) return { ok: false, error: 'empty key name' };
  if (name.length === 2 && name[0] === '^') {
    const code = controlCode(name[1]);
    return code === undefined ? { ok: false, error: `"${name}" is not a control key` } : { ok: true, sequence: code };
  }
  const mods: Modifiers = { ctrl: false, meta: false, shift: false };
  let rest = name;
  // `C-`, `M-`, `S-` prefixes in any order; `C--` is Ctrl with the `-` key, hence length > 2.
  while (rest.length > 2 && rest[1] === '-') {
    const prefix = rest[0].toUpperCase();
    if (prefix === 'C') mods.ctrl = true;
    else if (prefix === 'M') mods.meta = true;
    else if (prefix === 'S') mods.shift = true;
    else break;
    rest = rest.slice(2);
  }
  if (rest.length === 2 && rest[0] === '^' && (mods.ctrl || mods.meta || mods.shift)) {
    const code = controlCode(rest[1]);
    if (code === undefined) return { ok: false, error: `"${name}" is not a control key` };
    return { ok: true, sequence: mods.meta ? ESC + code : code };
  }
  const result = translateBase(rest, mods);
  return result.ok ? result : { ok: false, error: rest === name ? result.error : `${result.error} in "${name}"` };
}

/** True when a word of `keys` text is written as a key: `^X`, a `C-`/`M-`/`S-` form, or a canonical name. */
function looksLikeKey(word: string): boolean {
  if (word.length === 2 && word[0] === '^') return true;
  if (/^(?:[CMS]-)+\S/.test(word)) return true;
  return NAMED_KEYS.includes(word);
}

/**
 * Text of the `keys` method: literal text in which some words are keys.
 *
 * - The text is cut into words at spaces. A word written as a key (`^C`, `C-c`, `M-x`, or a name
 *   spelled exactly as in {@link NAMED_KEYS}, e.g. `Enter`, `Escape`) becomes that key; every
 *   other word is typed as written. Names are case-sensitive here (`enter` is text) so that prose
 *   words are not taken for keys; `^c` and `^C` are the same key.
 * - A space next to a key is a separator and is not typed (`:wq Enter` types `:wq` then Enter);
 *   spaces between two literal words, and leading/trailing spaces, are typed
 *   (`kubectl delete pod ` keeps its trailing space, as upstream tmux does).
 * - A newline is Enter.
 * - A word that looks like a key but is not one (`^1`, `C-!`) is an error, as with `key`.
 */
export function translateKeysText(text: string): KeyResult {
  let out = '';
  let pendingSpaces = '';
  let previousWasKey = false;
  const lines = text.split(/\r?\n/);
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    if (lineIndex > 0) {
      out += '\r';
      pendingSpaces = '';
      previousWasKey = true; // spaces after a newline are separators too
    }
    for (const part of lines[lineIndex].split(/( +)/)) {
      if (part === '') continue;
      if (part.startsWith(' ')) {
        pendingSpaces += part;
        continue;
      }
      if (looksLikeKey(part)) {
        const key = translateKey(part);
        if (!key.ok) return key;
        out += key.sequence;
        previousWasKey = true;
      } else {
        if (!previousWasKey) out += pendingSpaces;
        out += part;
        previousWasKey = false;
      }
      pendingSpaces = '';
    }
  }
  if (!previousWasKey) out += pendingSpaces;
  return { ok: true, sequence: out };
}
