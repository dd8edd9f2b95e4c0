// Scenario 1: the Workshop view shows the bundled course's table of contents; opening a
// chapter and moving to the next slide works; the position survives a window reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openWorkbench, PROJECT_ROOT, skipReason, waitFor } from './harness.mjs';

const skip = await skipReason();

test('course view: table of contents, next slide, position survives a reload', { skip, timeout: 180_000 }, async (t) => {
  const wb = await openWorkbench(t, { name: '01-course-navigation' });
  let frame = await wb.openCourse({ selector: '#toc [data-chapter]' });
  const chapters = frame.locator('#toc [data-chapter]');
  // Every chapter of the bundled course, as the course engine reads it (the inspect command).
  const inspected = JSON.parse(
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli.js'), 'inspect', join(PROJECT_ROOT, 'content', 'kube.yml'), '--json'], { encoding: 'utf8' }),
  );
  const expected = inspected.parts.reduce((n, part) => n + part.chapters.length, 0);
  assert.equal(await chapters.count(), expected, 'the table of contents lists every chapter of the bundled course');
  for (const el of await chapters.all()) {
    assert.match((await el.getAttribute('data-chapter')) ?? '', /^\d+$/, 'data-chapter is a chapter index');
    assert.notEqual(await el.getAttribute('data-part'), null, 'each chapter link carries data-part');
  }
  await wb.screenshot('toc');

  // Open a chapter of the course (the second one listed), then go to the next slide.
  await chapters.nth(1).click();
  const slide = frame.locator('#slide[data-slide-index]');
  await slide.waitFor({ state: 'visible', timeout: 10_000 });
  const first = Number(await slide.getAttribute('data-slide-index'));
  await wb.screenshot('chapter');
  await frame.locator('[data-nav="next"]').first().click();
  const second = await waitFor(
    async () => {
      const v = Number(await frame.locator('#slide').getAttribute('data-slide-index'));
      return v !== first ? v : null;
    },
    { timeout: 10_000, message: 'the slide index to change after [data-nav=next]' },
  );
  assert.equal(second, first + 1, 'next moves one slide forward');
  await wb.screenshot('next-slide');

  // Reload the window: the same slide is shown again.
  await wb.reloadWindow();
  frame = await wb.openCourse({ selector: '#slide[data-slide-index]' });
  await waitFor(async () => Number(await frame.locator('#slide').getAttribute('data-slide-index')) === second, {
    timeout: 15_000,
    message: `slide ${second} after the reload`,
  }).catch(async (e) => {
    const shown = await frame.locator('#slide').getAttribute('data-slide-index').catch(() => 'none');
    throw new Error(`${e.message}; shown: ${shown}`);
  });
  await wb.screenshot('after-reload');
});
