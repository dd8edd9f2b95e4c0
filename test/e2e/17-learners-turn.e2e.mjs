// Scenario 17: the labs of the real course leave editors to the learner and watches running.
// Run all on `vim file` then a command: the run gives the terminal to the learner, says so, and
// runs the command only once they saved and quit. A watch an earlier lab left running is
// stopped, and its terminal closed, when the next lab starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitFor, waitForFile } from './harness.mjs';
import { runAllOf, waitForRunState } from './course-fixture.mjs';
import { replayCourseFiles, replayCourseSettings } from './replay-fixture.mjs';

const skip = await skipReason();

test("Run all gives an editor to the learner and tidies up watches left running", { skip, timeout: 300_000 }, async (t) => {
  const wb = await openWorkbench(t, { name: '17-learners-turn', tmpFiles: replayCourseFiles, settings: replayCourseSettings });
  for (const tool of ['kubectl', 'curl', 'vim']) chmodSync(join(wb.tmp, 'bin', tool), 0o755);
  const marks = join(wb.tmp, 'marks');
  const frame = await wb.openCourse();

  await t.test("the editor is the learner's: the next command waits until they save and quit", async () => {
    const { lab } = await runAllOf(wb, frame, 'vim deployment.yaml', { maxSlides: 10 });
    await wb.waitForTerminalText('stand-in vim: editing deployment.yaml', { timeout: 30_000 });
    const notice = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /Your turn: make the change in the terminal/ }).first();
    await notice.waitFor({ state: 'visible', timeout: 15_000 });
    const editor = frame.locator('.snippet[data-snippet]', { hasText: 'vim deployment.yaml' }).first();
    await waitFor(async () => /your turn/.test((await editor.locator('[data-role="status"]').textContent()) ?? ''), { timeout: 10_000, message: 'the snippet says "your turn"' });
    await wb.screenshot('your-turn');
    // Longer than a command's limit in this course (8 s): the learner's turn has its own.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    assert.equal(existsSync(join(marks, 'after-edit')), false, 'the next command waits for the editor');
    assert.equal(await lab.getAttribute('data-run-state'), 'running');
    assert.equal(await wb.page.locator('.monaco-dialog-box').count(), 0, 'no time-out dialog while the learner edits');
    // The terminal has the keyboard: the learner types straight into the editor.
    await wb.page.keyboard.type('i  replicas: 3');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type(':wq');
    await wb.page.keyboard.press('Enter');
    await waitForFile(join(marks, 'edited'), { timeout: 15_000 });
    await waitForFile(join(marks, 'after-edit'), { timeout: 30_000 });
    await waitForRunState(lab, 'done');
  });

  await t.test('a watch left running by a lab is stopped and its terminal closed when the next lab starts', async () => {
    const { lab: left } = await runAllOf(wb, frame, 'kubectl label namespaces hello color=purple', { maxSlides: 10 });
    await waitForRunState(left, 'done');
    await waitFor(async () => (await wb.terminalNames()).some((name) => /watch: kubectl get deployments -w/.test(name)), { timeout: 15_000, message: 'the watch terminal' });
    const { lab: next } = await runAllOf(wb, frame, `touch ${join(marks, 'next-lab')}`, { maxSlides: 10 });
    await waitForFile(join(marks, 'next-lab'), { timeout: 30_000 });
    await waitForRunState(next, 'done');
    await waitFor(async () => !(await wb.terminalNames()).some((name) => /watch: kubectl get deployments -w/.test(name)), { timeout: 15_000, message: 'the watch terminal closed' });
  });
});
