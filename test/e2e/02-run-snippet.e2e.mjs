// Scenario 2: Run on a bash snippet runs it in the Workshop terminal (a file appears) and the
// snippet shows data-status="succeeded"; a failing command shows data-status="failed".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitForFile } from './harness.mjs';
import { tinyCourseFiles, courseSettings, showSnippet, waitForStatus } from './course-fixture.mjs';

const skip = await skipReason();
const FAILING = /^\s*false\s*$/;

test('Run runs a bash snippet in the Workshop terminal and shows its result', { skip, timeout: 180_000 }, async (t) => {
  const wb = await openWorkbench(t, { name: '02-run-snippet', tmpFiles: tinyCourseFiles, settings: courseSettings });
  const frame = await wb.openCourse();
  const ok = await showSnippet(frame, 'ran-ok');
  assert.equal(await ok.getAttribute('data-method'), 'bash');
  assert.match((await ok.getAttribute('data-snippet')) ?? '', /^\d+:\d+:\d+$/, 'data-snippet is <slide>:<lab>:<snippet>');
  const initial = await ok.getAttribute('data-status');
  assert.ok(['idle', 'unknown'].includes(initial), `a snippet starts idle (was ${initial})`);
  await wb.screenshot('before-run');

  const marker = join(wb.tmp, 'ran-ok');
  assert.equal(existsSync(marker), false);
  await ok.locator('[data-action="run"]').click();
  await wb.clickDialogButton(/^(Run|Continue|Allow)/, { timeout: 1_500 }).catch(() => {}); // only if the extension asks
  await waitForFile(marker, { timeout: 20_000 });
  await waitForStatus(ok, 'succeeded', { timeout: 20_000 });
  const names = (await wb.terminalNames()).join(', ');
  assert.match(names, /workshop/i, `the command ran in the Workshop terminal (terminals: ${names})`);
  await wb.screenshot('succeeded');

  const failing = frame.locator('.snippet[data-snippet]', { has: frame.locator('pre', { hasText: FAILING }) }).first();
  await failing.locator('[data-action="run"]').click();
  await waitForStatus(failing, 'failed', { timeout: 20_000 });
  assert.equal(await ok.getAttribute('data-status'), 'succeeded', 'the first snippet keeps its status');
  await wb.screenshot('failed');

  // A command's exit status is shown with the failure.
  const exit3 = frame.locator('.snippet[data-snippet]', { has: frame.locator('pre', { hasText: /^\s*bash -c 'exit 3'\s*$/ }) }).first();
  await exit3.scrollIntoViewIfNeeded();
  await exit3.locator('[data-action="run"]').click();
  await waitForStatus(exit3, 'failed', { timeout: 20_000 });
  assert.match((await exit3.locator('[data-role="status"]').textContent()) ?? '', /exit 3/);
  await wb.screenshot('exit-3');

  // bash's shell integration reports no status for a subshell such as `(exit 3)` (VS Code marks
  // the command "incomplete"): the extension asks the shell, once it is back at its prompt.
  const subshell = frame.locator('.snippet[data-snippet]', { has: frame.locator('pre', { hasText: /^\s*\(exit 3\)\s*$/ }) }).first();
  await subshell.scrollIntoViewIfNeeded();
  await subshell.locator('[data-action="run"]').click();
  await waitForStatus(subshell, 'failed', { timeout: 15_000 });
  assert.match((await subshell.locator('[data-role="status"]').textContent()) ?? '', /exit 3/);
  await wb.screenshot('subshell');
});
