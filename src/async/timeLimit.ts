// The one helper for waiting with a time limit and a cancel signal (the Workshop terminal, its
// screen, the replay, lab file reads). Pure: the timers are injected in tests.

export const TIMED_OUT: unique symbol = Symbol('timed out');

/** Thrown when the signal aborts the wait. */
export class AbortedError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortedError';
  }
}

/** Thrown when time runs out and no `onTimeout` gives a value instead. */
export class TimeLimitError extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeLimitError';
  }
}

export interface LimitTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: LimitTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface TimeLimit<F> {
  /** No limit when undefined. */
  ms?: number;
  /** Rejects the wait with {@link AbortedError} once it aborts (at once if it already has). */
  signal?: AbortSignal;
  /** The value to resolve with when time runs out; without it the wait rejects with {@link TimeLimitError}. */
  onTimeout?: () => F;
  timers?: LimitTimers;
}

/**
 * Resolves or rejects as `work` does, unless time runs out or the signal aborts first. The work
 * left behind is not awaited nor cancelled (its later rejection is swallowed here); timer and
 * abort listener are always released.
 */
export function withTimeLimit<T, F = never>(work: Promise<T>, limit: TimeLimit<F>): Promise<T | F> {
  const { ms, signal, onTimeout, timers = realTimers } = limit;
  return new Promise<T | F>((resolve, reject) => {
    if (signal?.aborted) {
      work.catch(() => undefined);
      return reject(new AbortedError());
    }
    let timer: unknown;
    const settle = (finish: () => void) => {
      if (timer !== undefined) timers.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      finish();
    };
    const onAbort = () => settle(() => reject(new AbortedError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (ms !== undefined) {
      timer = timers.setTimeout(() => {
        timer = undefined;
        settle(() => {
          if (!onTimeout) return reject(new TimeLimitError(ms));
          try {
            resolve(onTimeout());
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      }, ms);
    }
    work.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}

/** `work`, or {@link TIMED_OUT} after `ms`. */
export function within<T>(work: Promise<T>, ms: number, signal?: AbortSignal): Promise<T | typeof TIMED_OUT> {
  return withTimeLimit(work, { ms, signal, onTimeout: () => TIMED_OUT });
}

/** Resolves after `ms`; rejects with {@link AbortedError} once `signal` aborts. */
export function delay(ms: number, signal?: AbortSignal, timers: LimitTimers = realTimers): Promise<void> {
  return withTimeLimit(new Promise<never>(() => {}), { ms, signal, timers, onTimeout: () => undefined });
}
