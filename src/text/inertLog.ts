// Every line written to the log goes through `logLine`: one line, invisible characters shown,
// so that course or cluster text cannot forge a line or carry terminal escapes.
import { logLine } from './inert';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine']);

function text(message: unknown): string {
  return message instanceof Error ? (message.stack ?? message.message) : String(message);
}

/** The same log, whose writing methods make each message inert (extra arguments are dropped). */
export function inertLog<T extends object>(log: T): T {
  return new Proxy(log, {
    get(target, property) {
      // The channel's own getters run on the channel itself (they may use private fields).
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property === 'string' && LEVELS.has(property)) return (message: unknown) => method.call(target, logLine(text(message)));
      return method.bind(target);
    },
  });
}
