import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deserializeProgress, emptyProgress, isDone, recordStatus, serializeProgress } from '../../src/exercises/progress';

test('recording a status does not change the input; done means succeeded, sent or unknown', () => {
  const empty = emptyProgress();
  let progress = recordStatus(empty, 'lab.md:8', 'succeeded', { exitCode: 0, at: 1000, chapter: 'lab.md:1' });
  progress = recordStatus(progress, 'lab.md:13', 'failed', { exitCode: 2, at: 1001, chapter: 'lab.md:1' });
  assert.deepEqual(empty.snippets, {});
  assert.deepEqual(progress.snippets, {
    'lab.md:8': { status: 'succeeded', exitCode: 0, at: 1000, chapter: 'lab.md:1' },
    'lab.md:13': { status: 'failed', exitCode: 2, at: 1001, chapter: 'lab.md:1' },
  });
  assert.deepEqual(
    (['succeeded', 'sent', 'unknown', 'failed', 'running', undefined] as const).map((status) => isDone(status)),
    [true, true, true, false, false, false],
  );
});

test('a later status replaces the earlier one and keeps its chapter', () => {
  let progress = recordStatus(emptyProgress(), 'k', 'failed', { exitCode: 1, at: 1, chapter: 'c' });
  progress = recordStatus(progress, 'k', 'succeeded', { exitCode: 0, at: 2 });
  assert.deepEqual(progress.snippets.k, { status: 'succeeded', exitCode: 0, at: 2, chapter: 'c' });
});

test('serialize then deserialize gives the same progress; running is not restored', () => {
  let progress = recordStatus(emptyProgress(), 'a', 'succeeded', { exitCode: 0, at: 5, chapter: 'c' });
  progress = recordStatus(progress, 'b', 'running', { at: 6, chapter: 'c' });
  const stored = serializeProgress(progress);
  const back = deserializeProgress(JSON.parse(JSON.stringify(stored)));
  assert.deepEqual(back, { version: 1, snippets: { a: { status: 'succeeded', exitCode: 0, at: 5, chapter: 'c' } } });
  assert.deepEqual(deserializeProgress(JSON.stringify(stored)), back);
});

test('bad stored data gives an empty progress, never an exception', () => {
  for (const bad of [undefined, null, 42, 'not json {', '[]', [], {}, { version: 2, snippets: {} }, { version: 1, snippets: [] }, { version: 1, snippets: null }]) {
    assert.deepEqual(deserializeProgress(bad), emptyProgress(), JSON.stringify(bad));
  }
});

test('bad entries are dropped, good ones kept', () => {
  const stored = {
    version: 1,
    snippets: {
      good: { status: 'sent', at: 1 },
      badStatus: { status: 'exploded', at: 1 },
      badTime: { status: 'failed', at: 'yesterday' },
      notObject: 'succeeded',
      badExtras: { status: 'failed', at: 2, exitCode: 'one', chapter: 7 },
    },
  };
  assert.deepEqual(deserializeProgress(stored).snippets, { good: { status: 'sent', at: 1 }, badExtras: { status: 'failed', at: 2 } });
  const proto = deserializeProgress('{"version":1,"snippets":{"__proto__":{"status":"sent","at":1}}}');
  assert.deepEqual(Object.keys(proto.snippets), []);
  assert.equal(Object.getPrototypeOf(proto.snippets), Object.prototype);
});
