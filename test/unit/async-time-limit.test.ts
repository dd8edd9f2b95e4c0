// The one time-limit helper: what a wait resolves with, or rejects with, for each way it can end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AbortedError, delay, TIMED_OUT, TimeLimitError, within, withTimeLimit, type LimitTimers } from '../../src/async/timeLimit';

/** Timers that fire only when told to, and count what is still pending. */
class FakeTimers implements LimitTimers {
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  private next = 1;
  now = 0;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending]) {
      if (timer.at > this.now) continue;
      this.pending.delete(id);
      timer.callback();
    }
  }
  get count(): number {
    return this.pending.size;
  }
}

/** A promise settled from outside. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

type Outcome = { resolved: unknown } | { rejected: string };

interface Case {
  name: string;
  limit: { ms?: number; onTimeout?: () => unknown; abortBefore?: boolean };
  /** What happens, in order, after the wait began. */
  events: ({ advance: number } | { resolve: unknown } | { reject: string } | 'abort')[];
  expect: Outcome | 'pending';
}

const cases: Case[] = [
  { name: 'work that ends in time gives its value', limit: { ms: 100 }, events: [{ advance: 50 }, { resolve: 'done' }], expect: { resolved: 'done' } },
  { name: 'work that fails in time gives its error', limit: { ms: 100 }, events: [{ reject: 'boom' }], expect: { rejected: 'Error: boom' } },
  { name: 'time out without a fallback rejects with the limit', limit: { ms: 100 }, events: [{ advance: 100 }], expect: { rejected: 'TimeLimitError: timed out after 100 ms' } },
  { name: 'time out with a fallback resolves with it', limit: { ms: 100, onTimeout: () => 'fallback' }, events: [{ advance: 100 }], expect: { resolved: 'fallback' } },
  { name: 'work that ends after the time out changes nothing', limit: { ms: 100, onTimeout: () => TIMED_OUT }, events: [{ advance: 100 }, { resolve: 'late' }], expect: { resolved: TIMED_OUT } },
  { name: 'work that fails after the time out is swallowed', limit: { ms: 100, onTimeout: () => false }, events: [{ advance: 150 }, { reject: 'late' }], expect: { resolved: false } },
  { name: 'no limit: waits as long as the work', limit: {}, events: [{ advance: 1e9 }], expect: 'pending' },
  { name: 'no limit: an abort still ends the wait (waiting for shell integration)', limit: {}, events: [{ advance: 1e9 }, 'abort'], expect: { rejected: 'AbortedError: cancelled' } },
  { name: 'no limit: the work still ends it', limit: {}, events: [{ advance: 1e9 }, { resolve: 7 }], expect: { resolved: 7 } },
  { name: 'abort before the time out rejects as cancelled', limit: { ms: 100, onTimeout: () => 'fallback' }, events: [{ advance: 10 }, 'abort'], expect: { rejected: 'AbortedError: cancelled' } },
  { name: 'abort after the work ended changes nothing', limit: { ms: 100 }, events: [{ resolve: 1 }, 'abort'], expect: { resolved: 1 } },
  { name: 'an already aborted signal rejects at once', limit: { ms: 100, abortBefore: true }, events: [{ resolve: 1 }], expect: { rejected: 'AbortedError: cancelled' } },
  { name: 'a fallback that throws rejects with its error', limit: { ms: 5, onTimeout: () => { throw new Error('no fallback'); } }, events: [{ advance: 5 }], expect: { rejected: 'Error: no fallback' } },
];

for (const { name, limit, events, expect } of cases) {
  test(`withTimeLimit: ${name}`, async () => {
    const timers = new FakeTimers();
    const work = deferred<unknown>();
    const abort = new AbortController();
    if (limit.abortBefore) abort.abort();
    let outcome: Outcome | 'pending' = 'pending';
    withTimeLimit(work.promise, { ms: limit.ms, onTimeout: limit.onTimeout, signal: abort.signal, timers }).then(
      (value) => { if (outcome === 'pending') outcome = { resolved: value }; },
      (error: unknown) => { if (outcome === 'pending') outcome = { rejected: String(error) }; },
    );
    for (const event of events) {
      if (event === 'abort') abort.abort();
      else if ('advance' in event) timers.advance(event.advance);
      else if ('resolve' in event) work.resolve(event.resolve);
      else work.reject(new Error(event.reject));
      await flush();
    }
    assert.deepEqual(outcome, expect);
    if (expect !== 'pending') assert.equal(timers.count, 0, 'the timer is released once the wait is over');
  });
}

test('withTimeLimit: the abort listener is removed once the wait is over', async () => {
  const abort = new AbortController();
  let listeners = 0;
  const signal = abort.signal;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<typeof add>) => { listeners++; add(...args); }) as typeof add;
  signal.removeEventListener = ((...args: Parameters<typeof remove>) => { listeners--; remove(...args); }) as typeof remove;
  assert.equal(await withTimeLimit(Promise.resolve(3), { ms: 1000, signal }), 3);
  assert.equal(listeners, 0);
});

test('within: the value, or TIMED_OUT in real time', async () => {
  assert.equal(await within(Promise.resolve('x'), 1000), 'x');
  assert.equal(await within(new Promise(() => {}), 5), TIMED_OUT);
});

test('delay: resolves after its time, rejects on abort', async () => {
  const timers = new FakeTimers();
  let done = false;
  void delay(100, undefined, timers).then(() => (done = true));
  timers.advance(99);
  await flush();
  assert.equal(done, false);
  timers.advance(1);
  await flush();
  assert.equal(done, true);
  const abort = new AbortController();
  const waiting = delay(100, abort.signal, timers);
  abort.abort();
  await assert.rejects(waiting, AbortedError);
  assert.equal(timers.count, 0);
  assert.ok(new TimeLimitError(1) instanceof Error);
});
