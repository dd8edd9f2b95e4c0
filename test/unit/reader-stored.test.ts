import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readStoredReader, withCourseReading } from '../../src/reader/stored';

const DECK = '/home/user/container.training/slides/kube-selfpaced.yml';

test('positions stored by release 0.1 (workshop.positions) are read', () => {
  const legacy = { [DECK]: { slide: 42, step: 0 }, '/bundled/kube.yml': { slide: 3, step: 2 } };
  assert.deepEqual(readStoredReader(undefined, legacy), {
    version: 2,
    courses: { [DECK]: { position: { slide: 42, step: 0 } }, '/bundled/kube.yml': { position: { slide: 3, step: 2 } } },
  });
});

test('the new value wins over the legacy one, course by course', () => {
  const stored = { version: 2, courses: { [DECK]: { position: { slide: 7, step: 1 }, stepMode: true, hideExtraDetails: true } } };
  const legacy = { [DECK]: { slide: 42, step: 0 }, other: { slide: 1, step: 0 } };
  assert.deepEqual(readStoredReader(stored, legacy).courses, {
    [DECK]: { position: { slide: 7, step: 1 }, stepMode: true, hideExtraDetails: true },
    other: { position: { slide: 1, step: 0 } },
  });
});

test('malformed entries are dropped, the others kept; nothing throws', () => {
  const stored = {
    version: 2,
    courses: { good: { position: { slide: 2, step: 0 } }, bad: { position: { slide: -1 } }, worse: 'x', __proto__: { position: { slide: 1, step: 0 } } },
  };
  assert.deepEqual(Object.keys(readStoredReader(stored, ['nope']).courses), ['good']);
  assert.deepEqual(readStoredReader({ version: 3, courses: {} }, null), { version: 2, courses: {} });
  assert.deepEqual(readStoredReader('garbage', 'garbage'), { version: 2, courses: {} });
  assert.deepEqual(readStoredReader(undefined, { a: { slide: 1, step: 'two' } }).courses, { a: { position: { slide: 1, step: 0 } } });
});

test('a saved reading replaces that course only', () => {
  const store = readStoredReader(undefined, { a: { slide: 1, step: 0 }, b: { slide: 2, step: 0 } });
  const next = withCourseReading(store, 'a', { position: { slide: 5, step: 0 }, stepMode: false });
  assert.deepEqual(next.courses, { a: { position: { slide: 5, step: 0 }, stepMode: false }, b: { position: { slide: 2, step: 0 } } });
  assert.deepEqual(store.courses.a, { position: { slide: 1, step: 0 } }, 'the input is not changed');
});
