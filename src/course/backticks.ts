// Where inline code spans close, found in linear time: a span opened by a run of N
// backticks closes at the next run of exactly N (as CommonMark and markdown-it read it).
// Searching the text afresh for each opener costs quadratic time on runs that never close.
import { lowerBound } from './sorted';

/** For a text range, the next run of a given length after an offset. */
export function backtickRuns(text: string, from: number, to: number): (length: number, after: number) => number {
  let byLength: Map<number, number[]> | undefined;
  return (length, after) => {
    byLength ??= runsByLength(text, from, to);
    const starts = byLength.get(length);
    const at = starts ? lowerBound(starts, after) : -1;
    return starts && at < starts.length ? starts[at] : -1;
  };
}

/** The start of every backtick run of the range, by run length. */
function runsByLength(text: string, from: number, to: number): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  for (let i = text.indexOf('`', from); i !== -1 && i < to; i = text.indexOf('`', i)) {
    const start = i;
    while (i < to && text.charCodeAt(i) === 96 /* ` */) i++;
    const list = runs.get(i - start);
    if (list) list.push(start);
    else runs.set(i - start, [start]);
  }
  return runs;
}
