// Waiting with a time limit and a cancel signal (moved out of workshopTerminal.ts as it was).

export class AbortedError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Resolves with `promise`, or rejects when `signal` aborts or after `timeoutMs` (when given). */
export function guard<T>(promise: Promise<T>, signal: AbortSignal | undefined, timeoutMs?: number, onTimeout?: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      cleanup();
      reject(new AbortedError());
    };
    if (signal?.aborted) return reject(new AbortedError());
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        cleanup();
        if (onTimeout) resolve(onTimeout());
        else reject(new Error(`timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    }
    promise.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return guard(new Promise<void>((resolve) => setTimeout(resolve, ms)), signal);
}
