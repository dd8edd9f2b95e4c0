import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, sleep, type Timers } from '../../src/cluster/timers';

test('backoff doubles, is capped, and jitters between half and all of the delay', () => {
  const options = { initialMs: 100, maxMs: 1000 };
  assert.deepEqual([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, options, () => 0.999999)), [100, 200, 400, 800, 1000, 1000]);
  assert.deepEqual([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, options, () => 0)), [50, 100, 200, 400, 500, 500]);
});

test('sleep uses the injected timers and ends early on abort', async () => {
  const pending: { callback: () => void; ms: number }[] = [];
  const timers: Timers = {
    setTimeout: (callback, ms) => pending.push({ callback, ms }),
    clearTimeout: () => undefined,
    random: () => 0.5,
  };
  const abort = new AbortController();
  let done = false;
  const slept = sleep(timers, 5000, abort.signal).then(() => (done = true));
  assert.equal(pending[0]?.ms, 5000);
  await Promise.resolve();
  assert.equal(done, false);
  pending[0].callback();
  await slept;
  assert.equal(done, true);

  const aborted = sleep(timers, 5000, abort.signal);
  abort.abort();
  await aborted;
});
