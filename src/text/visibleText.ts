// What you see is what runs: the one rule for characters a reader cannot see.
//
// Runnable and copyable text may hold printable characters, spaces, tabs and newlines only.
// Anything else (C0/C1 controls such as ESC, DEL, NUL or CSI, bidi controls, zero-width and other
// format characters, soft hyphens, line/paragraph separators, spaces other than U+0020) is shown
// as `⟨U+XXXX⟩` wherever the text is shown or copied, and a lab directive that holds one is
// refused for Run, Send, Run all and Next step. Terminal sequences (`ESC[201~`, OSC 52) are
// made of such characters, so they are caught as their ESC or C1 byte.

/** One character a reader would not see, where it is. */
export interface InvisibleChar {
  /** The character itself. */
  char: string;
  /** `⟨U+202E⟩`: how it is shown. */
  shown: string;
  /** 0-based line of the text it is on. */
  line: number;
  /** 0-based column (UTF-16 units) on that line. */
  column: number;
}

/**
 * Characters that do not show as themselves: controls (Cc) other than tab and newline, format
 * characters (Cf: bidi controls, zero-width, soft hyphen, BOM, tags), line and paragraph
 * separators, spaces other than U+0020, lone surrogates, private-use characters (drawn as the
 * font likes) and other default-ignorable code points (fillers, variation selectors), which a terminal or shell may treat differently from what is drawn.
 */
const INVISIBLE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}/gu;

/**
 * Text of printable ASCII, tabs and newlines only (nearly every command and code block) holds no
 * invisible character: a cheap check before the Unicode-property one.
 */
const PLAIN_ASCII = /^[\t\n\x20-\x7e]*$/;

/** Control bytes that key names (`^C`, `Escape`, `Enter`) stand for: allowed in what `key`/`keys` send. */
function isKeyControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

function codePoint(char: string): string {
  return `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** The text with each invisible character replaced by `⟨U+XXXX⟩`; text without any is returned as is. */
export function visibleText(text: string): string {
  if (PLAIN_ASCII.test(text)) return text;
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text) ? text.replace(INVISIBLE, codePoint) : text;
}

/** Every invisible character of `text`, in order. */
export function findInvisible(text: string): InvisibleChar[] {
  const found: InvisibleChar[] = [];
  if (PLAIN_ASCII.test(text)) return found;
  let line = 0;
  let lineStart = 0;
  INVISIBLE.lastIndex = 0;
  for (let m = INVISIBLE.exec(text); m; m = INVISIBLE.exec(text)) {
    for (let nl = text.indexOf('\n', lineStart); nl !== -1 && nl < m.index; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    found.push({ char: m[0], shown: codePoint(m[0]), line, column: m.index - lineStart });
  }
  return found;
}

/** True when `text` holds a character a reader would not see. */
export function hasInvisible(text: string): boolean {
  if (PLAIN_ASCII.test(text)) return false;
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

/**
 * Why `text` is refused, or undefined: `"⟨U+202E⟩ at line 3"`, listing the first few characters.
 * `firstLine` is the 1-based line of the text's first line in its file.
 */
export function describeInvisible(text: string, firstLine = 1): string | undefined {
  const found = findInvisible(text);
  if (!found.length) return undefined;
  const listed = found.slice(0, 5).map((c) => `${c.shown} at line ${firstLine + c.line}`);
  const more = found.length > 5 ? ` and ${found.length - 5} more` : '';
  return `holds invisible or control characters: ${listed.join(', ')}${more}`;
}

/**
 * The last check before text is typed into a terminal: a command may hold no invisible character;
 * keys may also hold the C0 controls and DEL that key names stand for. Returns why it is refused.
 */
export function refuseTerminalText(text: string, kind: 'command' | 'keys'): string | undefined {
  const found = findInvisible(text).filter((c) => kind === 'command' || !isKeyControl(c.char));
  if (!found.length) return undefined;
  return `refused to type text that holds invisible or control characters (${[...new Set(found.map((c) => c.shown))].slice(0, 5).join(' ')})`;
}
