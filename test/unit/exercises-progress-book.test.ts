// The ProgressBook: statuses recorded in memory and saved, outputs kept for the session only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deserializeProgress, serializeProgress, type CourseProgress } from '../../src/exercises/progress';
import { ProgressBook, type ProgressStore } from '../../src/exercises/progressBook';

/** A store as the extension's global state keeps it: JSON values, one key per course. */
class MemoryStore implements ProgressStore {
  readonly saved = new Map<string, unknown>();
  syncs = 0;
  reads = 0;
  progress(courseId: string): CourseProgress {
    this.reads++;
    return deserializeProgress(this.saved.get(courseId));
  }
  hasProgress(courseId: string): boolean {
    return this.saved.has(courseId);
  }
  async saveProgress(courseId: string, progress: CourseProgress | undefined): Promise<void> {
    await Promise.resolve();
    if (progress) this.saved.set(courseId, serializeProgress(progress));
    else this.saved.delete(courseId);
  }
  syncProgress(): void {
    this.syncs++;
  }
}

test('ProgressBook: a status is seen at once, saved, and the course joins sync on its first save only', async () => {
  const store = new MemoryStore();
  const book = new ProgressBook(store, () => 42);
  const first = book.record('course', 'lab.md:8', 'succeeded', { exitCode: 0, chapter: 'lab.md:1' });
  assert.deepEqual(book.progress('course').snippets['lab.md:8'], { status: 'succeeded', exitCode: 0, at: 42, chapter: 'lab.md:1' });
  await first;
  assert.deepEqual(store.saved.get('course'), { version: 1, snippets: { 'lab.md:8': { status: 'succeeded', exitCode: 0, at: 42, chapter: 'lab.md:1' } } });
  assert.equal(store.syncs, 1);
  await book.record('course', 'lab.md:13', 'failed', { exitCode: 2 });
  assert.equal(store.syncs, 1);
  assert.deepEqual(Object.keys(book.progress('course').snippets), ['lab.md:8', 'lab.md:13']);
  assert.equal(store.reads, 1, 'the store is read once per course');
});

test('ProgressBook: progress saved in an earlier session is read back, courses kept apart', async () => {
  const store = new MemoryStore();
  await new ProgressBook(store, () => 1).record('a', 'x.md:3', 'sent');
  const later = new ProgressBook(store, () => 2);
  assert.deepEqual(later.progress('a').snippets, { 'x.md:3': { status: 'sent', at: 1 } });
  assert.deepEqual(later.progress('b').snippets, {});
});

test('ProgressBook: outputs are per course and snippet, and a reset forgets only its course', async () => {
  const store = new MemoryStore();
  const book = new ProgressBook(store);
  book.recordOutput('a', 'x.md:3', 'hello');
  book.recordOutput('ab', 'x.md:3', 'other course');
  await book.record('a', 'x.md:3', 'succeeded');
  await book.record('ab', 'x.md:3', 'succeeded');
  assert.equal(book.output('a', 'x.md:3'), 'hello');
  assert.equal(book.output('a', 'x.md:4'), undefined);
  await book.reset('a');
  assert.equal(book.output('a', 'x.md:3'), undefined);
  assert.equal(book.output('ab', 'x.md:3'), 'other course');
  assert.deepEqual(book.progress('a').snippets, {});
  assert.equal(store.saved.has('a'), false);
  assert.equal(store.saved.has('ab'), true);
});
