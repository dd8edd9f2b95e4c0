// Scenario 3: "Run all" on a lab with a long-running command, a hidden `wait` and `key ^C`
// asks for confirmation, interrupts the command, and runs the next snippet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitForFile } from './harness.mjs';
import { tinyCourseFiles, courseSettings, showSnippet } from './course-fixture.mjs';

const skip = await skipReason();

test('Run all: long-running command, wait, Ctrl-C, next command', { skip, timeout: 180_000 }, async (t) => {
  const wb = await openWorkbench(t, { name: '03-run-all', tmpFiles: tinyCourseFiles, settings: courseSettings });
  const frame = await wb.openCourse();
  const ticks = await showSnippet(frame, 'tick');
  const lab = frame.locator('.lab[data-lab]', { has: ticks }).first();
  assert.match((await lab.getAttribute('data-lab')) ?? '', /^\d+:\d+$/, 'data-lab is <slide>:<lab>');
  const marker = join(wb.tmp, 'after-ctrl-c');

  await lab.locator('[data-action="run-all"]').first().click();
  // Run all asks for a modal confirmation first.
  await wb.dialog({ timeout: 10_000 });
  await wb.screenshot('confirmation');
  await wb.clickDialogButton(/^(Run|Continue)/);
  const confirmed = Date.now();

  await wb.waitForTerminalText(/tick 3/, { timeout: 20_000 });
  await waitForFile(marker, { timeout: 25_000 });
  const seconds = (Date.now() - confirmed) / 1000;
  // Without the Ctrl-C the loop would run for 20 s before the next command.
  assert.ok(seconds < 15, `the loop was interrupted (next command ran after ${seconds.toFixed(1)}s)`);
  const text = await wb.terminalText();
  assert.doesNotMatch(text, /tick 100\b/, 'the loop did not run to its end');
  assert.ok(existsSync(marker));
  await wb.screenshot('done');
});
