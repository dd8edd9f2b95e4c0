// Multi-line code fences of markdown lines: where each opens and closes.
// Shared by the slide splitter and the scanner, so both agree on what is code.

export interface FenceSpan {
  /** Index of the opening and closing lines. */
  open: number;
  close: number;
  /** Column where the fence marker starts (after indentation, or after `<!--`). */
  column: number;
  /** Column just after the closing marker on the closing line. */
  closeEnd: number;
  indent: string;
  marker: string;
  info: string;
  /** The fence opens right after `<!--` on its line (a hidden directive). */
  afterCommentOpen: boolean;
}

const OPEN = /^([ \t]*)(<!--[ \t]*)?(`{3,}|~{3,})(.*)$/;
const CLOSE = /^([ \t]*)(`{3,}|~{3,})[ \t]*(?:-->)?[ \t]*$/;

interface Closer {
  line: number;
  char: string;
  length: number;
  end: number;
}

interface Opener {
  line: number;
  match: RegExpExecArray;
  close?: Closer;
}

/**
 * Sets each opener's `close`: the first closing line after it with the same character and at
 * least its marker length. One backward pass: per character, a stack keeps the nearest closers
 * whose lengths grow with distance (a nearer, longer closer hides farther, shorter ones), so
 * each opener is a binary search.
 */
function matchClosers(openers: Opener[], closers: Closer[]): void {
  const stacks: Record<string, Closer[]> = { '`': [], '~': [] };
  let next = closers.length - 1;
  for (let o = openers.length - 1; o >= 0; o--) {
    const opener = openers[o];
    // Only the closers after the opener's line are on the stacks.
    for (; next >= 0 && closers[next].line > opener.line; next--) {
      const closer = closers[next];
      const stack = stacks[closer.char];
      while (stack.length && stack[stack.length - 1].length <= closer.length) stack.pop();
      stack.push(closer);
    }
    const marker = opener.match[3];
    const stack = stacks[marker[0]];
    let lo = 0;
    let hi = stack.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (stack[mid].length >= marker.length) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi >= 0) opener.close = stack[hi];
  }
}

/**
 * Fences that are opened and closed; an unclosed opener is reported through `unclosed`.
 * Linear in the number of lines (times a logarithm): no opener scans ahead on its own.
 */
export function findFences(lines: readonly string[], unclosed?: (line: number, marker: string, info: string) => void): FenceSpan[] {
  const openers: Opener[] = [];
  const closers: Closer[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (!text.includes('``') && !text.includes('~~')) continue;
    const c = CLOSE.exec(text);
    if (c) closers.push({ line: i, char: c[2][0], length: c[2].length, end: c[1].length + c[2].length });
    const m = OPEN.exec(text);
    if (!m) continue;
    const marker = m[3];
    const rest = m[4];
    // One-line form (```x y```), inline code, or the tail of a comment: not an opener.
    if ((marker[0] === '`' && rest.includes('`')) || rest.trim().startsWith('-->')) continue;
    openers.push({ line: i, match: m });
  }
  matchClosers(openers, closers);
  const spans: FenceSpan[] = [];
  let after = -1;
  for (const { line, match, close } of openers) {
    if (line <= after) continue;
    const [, indent, comment, marker, rest] = match;
    const info = rest.trim();
    if (!close) {
      unclosed?.(line, marker, info);
      continue;
    }
    after = close.line;
    spans.push({
      open: line,
      close: close.line,
      column: indent.length + (comment?.length ?? 0),
      closeEnd: close.end,
      indent,
      marker,
      info,
      afterCommentOpen: !!comment,
    });
  }
  return spans;
}

/**
 * Remark closes a back-tick fence at the first line of three back-ticks, whatever its opener's
 * length (its fence pattern backtracks to three), so an author's ```` ````bash ```` closed by
 * ```` ``` ```` ends there; markdown-it would run it to the end of the slide, and the slide
 * splitter would take that ```` ``` ```` for an opener swallowing the next slide. An opener of
 * more than three back-ticks that nothing closes becomes three back-ticks. Returns the indexes
 * of the lines rewritten (none for most files: then `lines` is untouched).
 */
export function shortenUnclosedFences(lines: string[]): number[] {
  const changed: number[] = [];
  for (let pass = 0; pass < 8; pass++) {
    const found: number[] = [];
    findFences(lines, (line, marker) => {
      if (marker[0] === '`' && marker.length > 3) found.push(line);
    });
    if (found.length === 0) break;
    for (const line of found) lines[line] = lines[line].replace(/`{4,}/, '```');
    changed.push(...found);
  }
  return changed;
}
