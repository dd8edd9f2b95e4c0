// Courses load in a worker thread, so that the extension host never waits on one; a loader
// that runs too long or needs too much memory is stopped and the course reports why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { loadCourse } from '../../src/course/load';
import { loadCourseOffThread } from '../../src/course/loadOffThread';

const WORKER = path.join(__dirname, '..', '..', 'src', 'course', 'loadWorker.ts');
const BUNDLED = path.join(__dirname, '..', '..', 'content', 'kube.yml');

function scratchWorker(code: string): { file: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-'));
  const file = path.join(dir, 'worker.mjs');
  fs.writeFileSync(file, code);
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('a course loaded in a worker is the course loaded in place', async () => {
  // The worker as the build bundles it (a worker's entry cannot be TypeScript).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-'));
  const workerFile = path.join(dir, 'courseWorker.js');
  buildSync({ entryPoints: [WORKER], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerFile, logLevel: 'silent' });
  const course = await loadCourseOffThread(BUNDLED, { workerFile }).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  const here = loadCourse(BUNDLED);
  assert.equal(course.readable, true);
  assert.equal(course.slideCount, here.slideCount);
  assert.deepEqual(course.parts.map((p) => p.chapters.map((c) => c.title)), here.parts.map((p) => p.chapters.map((c) => c.title)));
  assert.deepEqual(course.problems, here.problems);
});

test('a loader that never answers is stopped after the time limit', async () => {
  const worker = scratchWorker('for (;;) {}\n');
  try {
    const course = await loadCourseOffThread('/course/slides/deck.yml', { workerFile: worker.file, timeoutMs: 300 });
    assert.equal(course.readable, false);
    assert.match(course.problems[0].message, /took longer than 0.3 s; it was stopped/);
  } finally {
    worker.cleanup();
  }
});

test('a loader that needs too much memory is stopped, the host keeps running', async () => {
  const worker = scratchWorker('const keep = []; for (;;) keep.push(new Array(1e5).fill({ x: keep.length }));\n');
  try {
    const course = await loadCourseOffThread('/course/slides/deck.yml', { workerFile: worker.file, maxMemoryMb: 16, timeoutMs: 20_000 });
    assert.equal(course.readable, false);
    assert.match(course.problems[0].message, /too much memory/);
  } finally {
    worker.cleanup();
  }
});
