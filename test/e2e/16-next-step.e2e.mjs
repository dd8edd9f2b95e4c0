// Scenario 16: "Next step" walks the course one step at a time: the reader's button runs the
// first step, the command runs the next one on the following slide (the reader goes there),
// and after a reload of the window the next Next step goes on from there, not from the start;
// Previous Step and Go to Step run an earlier step again, and Next step goes on from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitFor, waitForFile } from './harness.mjs';
import { courseManifest, courseSettings, waitForRunState } from './course-fixture.mjs';

const skip = await skipReason();

function stepCourseFiles({ tmp }) {
  const lab = (title, file) => [`## ${title}`, '', '.lab[', '', '- Run:', '  ```bash', `  touch ${join(tmp, file)}`, '  ```', '', ']', ''];
  return {
    'course/course.yml': courseManifest('E2E step course', 'steps.md'),
    'course/steps.md': ['# Walking the course', '', ...lab('First stop', 'one'), '---', '', ...lab('Second stop', 'two'), '---', '', ...lab('Third stop', 'three')].join('\n'),
  };
}

async function slideShows(frame, title) {
  await waitFor(async () => (await frame.locator('#slide h2', { hasText: title }).count()) > 0, { timeout: 15_000, message: `the reader shows "${title}"` });
}

test('Next step runs the course in order and resumes after a reload', { skip, timeout: 240_000 }, async (t) => {
  const wb = await openWorkbench(t, {
    name: '16-next-step',
    tmpFiles: stepCourseFiles,
    settings: courseSettings,
  });
  const [one, two, three] = ['one', 'two', 'three'].map((file) => join(wb.tmp, file));
  let frame = await wb.openCourse();

  await frame.locator('#next-step').click();
  await waitForFile(one, { timeout: 30_000 });
  await slideShows(frame, 'First stop');
  assert.equal(existsSync(two), false, 'only the first step ran');
  await wb.screenshot('first-step');

  await wb.runCommand('Workshop: Next Step');
  await waitForFile(two, { timeout: 30_000 });
  await slideShows(frame, 'Second stop');
  await wb.screenshot('second-step');

  rmSync(one);
  rmSync(two);
  await wb.reloadWindow();
  frame = await wb.openCourse();
  await wb.runCommand('Workshop: Next Step');
  await waitForFile(three, { timeout: 30_000 });
  await slideShows(frame, 'Third stop');
  assert.equal(existsSync(one), false, 'the walk did not start over');
  assert.equal(existsSync(two), false, 'the second step did not run again');
  await wb.screenshot('after-reload');
  // The lab of the step carries its run state, as after Run all.
  await waitForRunState(frame.locator('.lab[data-lab]', { hasText: 'three' }).first(), 'done', { timeout: 15_000 });

  // Previous step runs the one before again, and the reader goes back to it.
  await wb.runCommand('Workshop: Previous Step');
  await waitForFile(two, { timeout: 30_000 });
  await slideShows(frame, 'Second stop');

  // Go to step lists every step; the one picked runs, and Next step goes on from there.
  await wb.runCommand('Workshop: Go to Step');
  await wb.pickQuickPick(`touch ${one}`, { timeout: 15_000 });
  await waitForFile(one, { timeout: 30_000 });
  await slideShows(frame, 'First stop');
  rmSync(two);
  await wb.runCommand('Workshop: Next Step');
  await waitForFile(two, { timeout: 30_000 });
  await slideShows(frame, 'Second stop');
});
