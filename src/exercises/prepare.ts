// Text of a `bash` (or `hide`) fence -> what is typed into the shell.
import { leadingBlanks, trimEndBlanks } from '../text/blanks';

/** A `bash` block, ready for a terminal. */
export interface PreparedBash {
  /** The whole block, cleaned: what Copy puts on the clipboard and what the confirmation shows. */
  text: string;
  /** The block cut into the commands the shell will see, in order (see {@link splitShellCommands}). */
  commands: string[];
}

/**
 * Cleans `bash` data as the upstream autopilot does, with one deliberate difference:
 *
 * - every backtick is removed: inside `bash` data they are Remark highlight markers
 *   (the autopilot removes them all, so the decks never use backtick command substitution);
 * - the fence's indentation is removed. The autopilot removes *all* indentation after a newline,
 *   which flattens the YAML of a heredoc; here only the indentation common to the lines after the
 *   first is removed (the first line is trimmed, as a parser that trimmed the data leaves it), so
 *   relative indentation survives;
 * - trailing spaces are removed, so that `\` stays the last character of a continued line;
 * - blank lines at the start and the end are dropped.
 */
export function cleanBashData(data: string): string {
  const unticked = data.includes('`') ? data.replace(/`/g, '') : data;
  const lines = (unticked.includes('\r') ? unticked.replace(/\r\n?/g, '\n') : unticked).split('\n').map(trimEndBlanks);
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return '';
  if (lines.length === 1) return lines[0].trimStart();
  let common = Infinity;
  for (let i = 1; i < lines.length; i++) if (lines[i] !== '') common = Math.min(common, leadingBlanks(lines[i]));
  return [lines[0].trimStart(), ...lines.slice(1).map((line) => line.slice(common))].join('\n');
}

/** What Run types, Copy copies and the reader shows for a snippet. */
export function snippetText(snippet: { method: string; data: string }): string {
  return snippet.method === 'bash' ? cleanBashData(snippet.data) : snippet.data;
}

interface LineState {
  /** Inside a quote that continues on the next line. */
  quote: "'" | '"' | undefined;
  /** Open `do`/`if`/`case`/`{`/`(` constructs. */
  depth: number;
  /** Open `case ... esac`, whose patterns end with an unmatched `)`. */
  cases: number;
  /** Heredoc terminators still expected, in order. */
  heredocs: { word: string; stripTabs: boolean }[];
}

const OPENERS = new Set(['do', 'if', 'case', '{']);
const CLOSERS = new Set(['done', 'fi', 'esac', '}']);

/**
 * Scans one line of shell (not inside a heredoc body), updating quote, nesting and heredocs.
 * A heuristic, not a parser: it errs towards keeping lines together, which is always safe.
 */
function scanLine(line: string, state: LineState): void {
  let word = '';
  let wordStart = true;
  const endWord = () => {
    if (state.quote === undefined) {
      if (OPENERS.has(word)) state.depth++;
      else if (CLOSERS.has(word)) state.depth = Math.max(0, state.depth - 1);
      if (word === 'case') state.cases++;
      if (word === 'esac') state.cases = Math.max(0, state.cases - 1);
    }
    word = '';
    wordStart = true;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (state.quote === "'") {
      if (c === "'") state.quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      word += 'x';
      wordStart = false;
      continue;
    }
    if (state.quote === '"') {
      if (c === '"') state.quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') {
      state.quote = c;
      wordStart = false;
      word += 'x';
      continue;
    }
    if (c === '#' && wordStart) break; // a comment runs to the end of the line
    if (c === '<' && line[i + 1] === '<' && line[i + 2] !== '<') {
      const match = /^<<(-?)\s*(['"]?)([A-Za-z_][\w.-]*)\2/.exec(line.slice(i));
      if (match) {
        state.heredocs.push({ word: match[3], stripTabs: match[1] === '-' });
        i += match[0].length - 1;
        endWord();
        continue;
      }
    }
    if (c === '(' && state.cases === 0) {
      state.depth++;
      endWord();
      continue;
    }
    if (c === ')' && state.cases === 0) {
      state.depth = Math.max(0, state.depth - 1);
      endWord();
      continue;
    }
    if (/[\s;&|<>()]/.test(c)) {
      endWord();
      continue;
    }
    word += c;
    wordStart = false;
  }
  endWord();
}

/** True when the line asks the shell for more: `\` at the end, or a trailing `|`, `&&`, `||`. */
function continues(line: string): boolean {
  return /(?:\\|\||&&)$/.test(line);
}

/**
 * Cuts cleaned `bash` text into the commands the shell will run, one per element:
 * - a line ending with `\` is joined with the next (backslash-newline removed, as the shell does);
 * - a line ending with `|`, `&&` or `||` is joined with the next by a space;
 * - heredoc bodies, quotes left open, `do ... done`, `if ... fi`, `case ... esac`, `{ ... }` and
 *   `( ... )` keep their lines together in one element, which then still holds newlines;
 * - blank lines separate nothing and are dropped.
 */
export function splitShellCommands(text: string): string[] {
  const commands: string[] = [];
  const state: LineState = { quote: undefined, depth: 0, cases: 0, heredocs: [] };
  let current = '';
  let joinNext: '' | ' ' | '\n' | undefined;

  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (state.heredocs.length) {
      current += '\n' + line;
      const expected = state.heredocs[0];
      const candidate = expected.stripTabs ? line.replace(/^\t+/, '') : line;
      if (candidate === expected.word) state.heredocs.shift();
    } else {
      if (current === '' && line.trim() === '') continue;
      current = current === '' ? line : current + (joinNext ?? '\n') + line;
      scanLine(line, state);
    }
    joinNext = undefined;
    if (state.heredocs.length) continue;
    if (state.quote !== undefined) {
      joinNext = '\n';
      continue;
    }
    if (/\\$/.test(line) && current.endsWith('\\')) {
      current = current.slice(0, -1);
      joinNext = '';
      continue;
    }
    if (continues(line)) {
      joinNext = state.depth > 0 ? '\n' : ' ';
      continue;
    }
    if (state.depth > 0) {
      joinNext = '\n';
      continue;
    }
    commands.push(current);
    current = '';
  }
  if (current.trim() !== '') commands.push(current);
  return commands;
}

/** Cleans a `bash` block and cuts it into commands. */
export function prepareBash(data: string): PreparedBash {
  const text = cleanBashData(data);
  return { text, commands: splitShellCommands(text) };
}
