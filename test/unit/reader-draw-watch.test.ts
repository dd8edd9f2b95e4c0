import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DrawWatch, type DrawVerdict } from '../../src/reader/drawWatch';

const policy = { deadlineMs: 1000, maxRebuilds: 2 };
const shown = { shown: true, loading: false };

// Each row: what happens to the view, in order, and the verdicts the deadlines give.
type Event = 'expect' | 'drawn' | 'restart' | 'expire' | 'expireHidden' | 'expireLoading';
const table: [string, Event[], DrawVerdict[]][] = [
  ['a view that draws in time is left alone', ['expect', 'drawn', 'expire'], ['none']],
  ['a view nobody expects a draw from is left alone', ['expire'], ['none']],
  ['a hidden view waits: VS Code loads it when shown', ['expect', 'expireHidden', 'expireHidden'], ['wait', 'wait']],
  ['a course still loading waits: "Loading the course…" is true then', ['expect', 'expireLoading', 'expire'], ['wait', 'rebuild']],
  ['a lost draw is rebuilt, twice, then the watch gives up', ['expect', 'expire', 'expire', 'expire', 'expire'], ['rebuild', 'rebuild', 'giveUp', 'none']],
  ['a rebuild that draws resets the count', ['expect', 'expire', 'drawn', 'expect', 'expire', 'expire', 'expire'], ['rebuild', 'rebuild', 'rebuild', 'giveUp']],
  ['Reload after giving up gives fresh attempts', ['expect', 'expire', 'expire', 'expire', 'restart', 'expire'], ['rebuild', 'rebuild', 'giveUp', 'rebuild']],
  ['a view shown again after a draw is watched again', ['expect', 'drawn', 'expect', 'expire'], ['rebuild']],
];

for (const [name, events, verdicts] of table) {
  test(`draw watch: ${name}`, () => {
    const watch = new DrawWatch(policy);
    const seen: DrawVerdict[] = [];
    for (const e of events) {
      if (e === 'expect') watch.expect();
      else if (e === 'drawn') watch.drawn();
      else if (e === 'restart') watch.restart();
      else seen.push(watch.expired(e === 'expireHidden' ? { shown: false, loading: false } : e === 'expireLoading' ? { shown: true, loading: true } : shown));
    }
    assert.deepEqual(seen, verdicts);
  });
}

test('draw watch: counts the rebuilds of the current wait', () => {
  const watch = new DrawWatch(policy);
  watch.expect();
  watch.expired(shown);
  assert.equal(watch.attempts, 1);
  assert.equal(watch.isWaiting, true);
  watch.drawn();
  assert.equal(watch.attempts, 0);
  assert.equal(watch.isWaiting, false);
});
