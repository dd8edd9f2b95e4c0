// Spaces and tabs at either end of a line, counted without a regular expression (hot paths
// of rendering and cleaning commands call these once per line).

/** The line without the spaces and tabs that end it (as `replace(/[ \t]+$/, '')`). */
export function trimEndBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && isBlank(line.charCodeAt(end - 1))) end--;
  return end === line.length ? line : line.slice(0, end);
}

/** How many spaces and tabs start the line (as `/^[ \t]*\/.exec(line)[0].length`). */
export function leadingBlanks(line: string): number {
  let n = 0;
  while (n < line.length && isBlank(line.charCodeAt(n))) n++;
  return n;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
