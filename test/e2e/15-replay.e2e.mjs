// Scenario 15: Run all on labs in the upstream format, with stand-in kubectl and curl: watches in
// split terminals, keys only after their command, `wait` on the typed line, the ^D guard, a
// nested shell's statuses, a step out of time then Continue; `data-run-state` on each lab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitForFile } from './harness.mjs';
import { runAllOf, waitForRunState, waitForStatus } from './course-fixture.mjs';
import { replayCourseFiles, replayCourseSettings } from './replay-fixture.mjs';

const skip = await skipReason();

test('Run all replays upstream-style labs: watches, keys, waits, ^D, nested shells, time limits', { skip, timeout: 360_000 }, async (t) => {
  const wb = await openWorkbench(t, { name: '15-replay', tmpFiles: replayCourseFiles, settings: replayCourseSettings });
  for (const tool of ['kubectl', 'curl']) chmodSync(join(wb.tmp, 'bin', tool), 0o755);
  const marks = join(wb.tmp, 'marks');
  const frame = await wb.openCourse();
  // A subtest that fails may leave a time-limit dialog open: the next one starts without it.
  t.afterEach(() => wb.dismissDialog());

  await t.test('two watches get split terminals; the scale runs after both are stopped', async () => {
    const { lab } = await runAllOf(wb, frame, 'kubectl get deployments -w', { maxSlides: 8 });
    await waitForFile(join(marks, 'scaled'), { timeout: 40_000 });
    await waitForRunState(lab, 'done');
    const names = (await wb.terminalNames()).join(' | ');
    assert.match(names, /watch: kubectl get pods -w/, names);
    assert.match(names, /watch: kubectl get deployments -w/, names);
    await wb.screenshot('watches');
  });

  await t.test('keys wait for their command; ^D does not close the Workshop shell', async () => {
    const { lab } = await runAllOf(wb, frame, 'kubectl delete pod pingpong', { maxSlides: 8 });
    await waitForFile(join(marks, 'after-guard'), { timeout: 30_000 });
    assert.ok(existsSync(join(marks, 'deleted')), 'the pod was deleted before the keys were sent');
    await waitForRunState(lab, 'done');
  });

  await t.test('wait matches the typed line, then ^C stops curl', async () => {
    const started = Date.now();
    const { lab } = await runAllOf(wb, frame, 'curl $IP', { maxSlides: 8 });
    await waitForFile(join(marks, 'after-curl'), { timeout: 30_000 });
    assert.ok(existsSync(join(marks, 'curl-interrupted')), 'curl got the Ctrl-C');
    assert.ok(Date.now() - started < 8_000 + 10_000, 'the wait did not run out of time');
    await waitForRunState(lab, 'done');
  });

  await t.test('a nested shell: a failing command fails, the run continues when asked, ^D leaves the nested shell', async () => {
    const { lab } = await runAllOf(wb, frame, 'kubectl exec -ti db-0 -- sh', { maxSlides: 8 });
    await wb.clickDialogButton(/^Continue/, { timeout: 30_000 });
    await waitForFile(join(marks, 'after-nested'), { timeout: 30_000 });
    const failing = frame.locator('.snippet[data-snippet]', { hasText: 'test -d /nonexistent-folder' }).first();
    const passing = frame.locator('.snippet[data-snippet]', { hasText: /test -d \/\s*$/ }).first();
    await waitForStatus(failing, 'failed', { timeout: 5_000 });
    await waitForStatus(passing, 'succeeded', { timeout: 5_000 });
    await waitForRunState(lab, 'failed');
    await wb.screenshot('nested');
  });

  await t.test('a step out of time asks; Continue goes on', async () => {
    const { lab } = await runAllOf(wb, frame, 'sleep 11', { maxSlides: 8 });
    await wb.dialog({ timeout: 30_000 });
    await wb.screenshot('timeout');
    await wb.clickDialogButton(/^Continue/);
    await waitForFile(join(marks, 'after-timeout'), { timeout: 60_000 });
    await waitForRunState(lab, 'done', { timeout: 60_000 });
  });
});
