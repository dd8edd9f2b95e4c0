// Scenario 15: Run all on labs in the upstream format, with stand-in kubectl and curl: watches in
// split terminals, keys only after their command, `wait` on the typed line, the ^D guard, a
// nested shell's statuses, a step out of time then Continue; `data-run-state` on each lab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitFor, waitForFile } from './harness.mjs';
import { showSnippet, waitForStatus } from './course-fixture.mjs';
import { replayCourseFiles, replayCourseSettings } from './replay-fixture.mjs';

const skip = await skipReason();

async function runAll(wb, frame, text) {
  const snippet = await showSnippet(frame, text, { maxSlides: 8 });
  const lab = frame.locator('.lab[data-lab]', { has: snippet }).first();
  await lab.locator('[data-action="run-all"]').first().click();
  await wb.clickDialogButton(/^Run All/, { timeout: 10_000 });
  return { lab, snippet };
}

async function runState(lab, wanted, timeout = 30_000) {
  await waitFor(async () => (await lab.getAttribute('data-run-state')) === wanted, { timeout, message: `data-run-state="${wanted}"` });
}

test('Run all replays upstream-style labs: watches, keys, waits, ^D, nested shells, time limits', { skip, timeout: 360_000 }, async (t) => {
  const wb = await openWorkbench(t, { name: '15-replay', tmpFiles: replayCourseFiles, settings: replayCourseSettings });
  for (const tool of ['kubectl', 'curl']) chmodSync(join(wb.tmp, 'bin', tool), 0o755);
  const marks = join(wb.tmp, 'marks');
  const frame = await wb.openCourse();

  await t.test('two watches get split terminals; the scale runs after both are stopped', async () => {
    const { lab } = await runAll(wb, frame, 'kubectl get deployments -w');
    await waitForFile(join(marks, 'scaled'), { timeout: 40_000 });
    await runState(lab, 'done');
    const names = (await wb.terminalNames()).join(' | ');
    assert.match(names, /watch: kubectl get pods -w/, names);
    assert.match(names, /watch: kubectl get deployments -w/, names);
    await wb.screenshot('watches');
  });

  await t.test('keys wait for their command; ^D does not close the Workshop shell', async () => {
    const { lab } = await runAll(wb, frame, 'kubectl delete pod pingpong');
    await waitForFile(join(marks, 'after-guard'), { timeout: 30_000 });
    assert.ok(existsSync(join(marks, 'deleted')), 'the pod was deleted before the keys were sent');
    await runState(lab, 'done');
  });

  await t.test('wait matches the typed line, then ^C stops curl', async () => {
    const started = Date.now();
    const { lab } = await runAll(wb, frame, 'curl $IP');
    await waitForFile(join(marks, 'after-curl'), { timeout: 30_000 });
    assert.ok(existsSync(join(marks, 'curl-interrupted')), 'curl got the Ctrl-C');
    assert.ok(Date.now() - started < 8_000 + 10_000, 'the wait did not run out of time');
    await runState(lab, 'done');
  });

  await t.test('a nested shell: a failing command fails, the run continues when asked, ^D leaves the nested shell', async () => {
    const { lab } = await runAll(wb, frame, 'kubectl exec -ti db-0 -- sh');
    await wb.clickDialogButton(/^Continue/, { timeout: 30_000 });
    await waitForFile(join(marks, 'after-nested'), { timeout: 30_000 });
    const failing = frame.locator('.snippet[data-snippet]', { hasText: 'test -d /nonexistent-folder' }).first();
    const passing = frame.locator('.snippet[data-snippet]', { hasText: /test -d \/\s*$/ }).first();
    await waitForStatus(failing, 'failed', { timeout: 5_000 });
    await waitForStatus(passing, 'succeeded', { timeout: 5_000 });
    await runState(lab, 'failed');
    await wb.screenshot('nested');
  });

  await t.test('a step out of time asks; Continue goes on', async () => {
    const { lab } = await runAll(wb, frame, 'sleep 11');
    await wb.dialog({ timeout: 30_000 });
    await wb.screenshot('timeout');
    await wb.clickDialogButton(/^Continue/);
    await waitForFile(join(marks, 'after-timeout'), { timeout: 60_000 });
    await runState(lab, 'done', 60_000);
  });
});
