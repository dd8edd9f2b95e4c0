// Runs a course-supplied regular expression with a time limit. A pattern such as
// `(a+)+$` backtracks exponentially on some terminal output; run directly it would
// freeze the extension host. In a `vm` context with a timeout, V8 interrupts it.
import type { Script } from 'node:vm';
import { vm } from '../onFirstUse';

export const REGEX_TIME_LIMIT_MS = 500;

export class RegexTimeoutError extends Error {
  constructor(source: string, ms: number) {
    super(`the pattern /${source.length > 60 ? `${source.slice(0, 60)}…` : source}/ took longer than ${ms} ms and was stopped`);
    this.name = 'RegexTimeoutError';
  }
}

const LAST_MATCH = `
  let found;
  for (const match of text.matchAll(new RegExp(source, flags))) {
    found = match.length > 1 && match[1] !== undefined ? match[1] : match[0];
  }
  found;
`;
let script: Script | undefined;

/** The last match of `pattern` in `text` (group 1 when it has one), within `timeoutMs`; throws `RegexTimeoutError` past it. */
export function lastMatchWithin(pattern: RegExp, text: string, timeoutMs = REGEX_TIME_LIMIT_MS): string | undefined {
  const flags = pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g';
  try {
    script ??= new (vm().Script)(LAST_MATCH);
    return script.runInNewContext({ text, source: pattern.source, flags }, { timeout: timeoutMs }) as string | undefined;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new RegexTimeoutError(pattern.source, timeoutMs);
    throw error;
  }
}
