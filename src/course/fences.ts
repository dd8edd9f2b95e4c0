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

/** Fences that are opened and closed; an unclosed opener is reported through `unclosed`. */
export function findFences(lines: readonly string[], unclosed?: (line: number, marker: string, info: string) => void): FenceSpan[] {
  const spans: FenceSpan[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes('``') && !lines[i].includes('~~')) continue;
    const m = OPEN.exec(lines[i]);
    if (!m) continue;
    const [, indent, comment, marker, rest] = m;
    const info = rest.trim();
    // One-line form (```x y```), inline code, or the tail of a comment: not an opener.
    if ((marker[0] === '`' && rest.includes('`')) || info.startsWith('-->')) continue;
    let close = -1;
    let closeEnd = 0;
    for (let j = i + 1; j < lines.length; j++) {
      const c = CLOSE.exec(lines[j]);
      if (c && c[2][0] === marker[0] && c[2].length >= marker.length) {
        close = j;
        closeEnd = c[1].length + c[2].length;
        break;
      }
    }
    if (close === -1) {
      unclosed?.(i, marker, info);
      continue;
    }
    spans.push({
      open: i,
      close,
      column: indent.length + (comment?.length ?? 0),
      closeEnd,
      indent,
      marker,
      info,
      afterCommentOpen: !!comment,
    });
    i = close;
  }
  return spans;
}
