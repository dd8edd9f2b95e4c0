// Scenario 21: a course whose labs apply files that could block or crash the extension host if
// read (a FIFO outside the course, one inside it, /dev/zero, the course's .git/config, a file in
// the home folder). The reader loads the chapter, its readiness lists each file as "not checked"
// (never as missing, never with its contents), the reader moves on, and Run still runs: both the
// step that names those files (a stand-in kubectl, with the cluster's step effects reading its
// files) and a plain command on the next slide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, RESULTS_DIR, skipReason, waitFor, waitForFile } from './harness.mjs';
import { courseManifest, showSnippet, waitForStatus } from './course-fixture.mjs';
import { FAKE_CLI, startFakeApiServer } from './fake-cluster.mjs';
import { fence, lab, replayCourseSettings, standInKubectl } from './replay-fixture.mjs';

const skip = (await skipReason()) || (!existsSync(FAKE_CLI) && `the fake API server (${FAKE_CLI}) is not there`);

/** The course lives in <tmp>/course, a repository of its own (its .git makes it the course root): <tmp> itself is outside. */
function files({ tmp }) {
  return {
    'bin/kubectl': standInKubectl(join(tmp, 'marks')),
    'course/.git/HEAD': 'ref: refs/heads/main\n',
    'course/.git/config': '[remote "origin"]\n  url = https://learner:TOKEN-e2e@example.invalid/course\n',
    'course/course.yml': courseManifest('Lab files course', 'files.md'),
    'course/files.md': [
      '# Hostile files',
      '',
      lab('Applying what should not be read', ...fence('bash', `kubectl apply -f ${join(tmp, 'outside-pipe.yaml')} -f /dev/zero -f ${join(tmp, 'course', 'pipe.yaml')} -f ${join(tmp, 'course', '.git', 'config')} -f ~/secret-e2e.yaml`)),
      '---',
      '',
      lab('Still running', ...fence('bash', `touch ${join(tmp, 'ran-ok')}`)),
    ].join('\n'),
  };
}

test('lab files: FIFOs and /dev/zero are not read, readiness says "not checked", the reader moves and Run runs', { skip, timeout: 240_000 }, async (t) => {
  const api = await startFakeApiServer(t, []);
  const wb = await openWorkbench(t, {
    name: '21-lab-files',
    tmpFiles: files,
    settings: ({ tmp }) => {
      // The FIFOs are made once the files are written (settings come after them); nothing ever writes to them.
      execFileSync('mkfifo', [join(tmp, 'outside-pipe.yaml'), join(tmp, 'course', 'pipe.yaml')]);
      chmodSync(join(tmp, 'bin', 'kubectl'), 0o755);
      return replayCourseSettings({ tmp });
    },
    env: { KUBECONFIG: api.kubeconfig },
  });
  const frame = await wb.openCourse();
  const tmp = wb.tmp;

  await t.test('the chapter loads and its readiness lists each file as not checked', async () => {
    await showSnippet(frame, 'kubectl apply');
    const box = frame.locator('[data-readiness="unchecked"]').first();
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await box.innerText();
    assert.match(text, new RegExp(`${join(tmp, 'outside-pipe.yaml')}\\s+— outside the course: not checked`));
    assert.match(text, /\/dev\/zero\s+— outside the course: not checked/);
    assert.match(text, new RegExp(`${join(tmp, 'course', 'pipe.yaml')}\\s+— not a regular file: not checked`));
    assert.match(text, /\.git\/config\s+— inside \.git: not checked/);
    assert.match(text, /~\/secret-e2e\.yaml\s+— outside the course: not checked/);
    assert.doesNotMatch(text, /TOKEN-e2e/);
    assert.equal(await frame.locator('[data-readiness="missing"]').count(), 0, 'a file not read is never called missing');
    await wb.screenshot('not-checked');
  });

  await t.test('Run on the step that names them runs it; under it, the step effects list the files they did not read', async () => {
    const step = await showSnippet(frame, 'kubectl apply');
    await step.locator('[data-action="run"]').click();
    await waitForStatus(step, 'succeeded', { timeout: 30_000 });
    await waitFor(async () => (await wb.terminalText()).includes('stand-in kubectl: apply -f'), { timeout: 10_000, message: 'the stand-in kubectl ran' });
    // Under the step: each file it applies that was not read, as written, with why.
    const notRead = step.locator('.step-effects [data-unchecked]');
    await waitFor(async () => (await notRead.count()) === 5, { timeout: 10_000, message: 'five files not read under the step' });
    const under = await step.locator('.step-effects').innerText();
    assert.match(under, /\/dev\/zero\s+— outside the course: not checked/);
    assert.match(under, /course\/pipe\.yaml\s+— not a regular file: not checked/);
    assert.doesNotMatch(under, /TOKEN-e2e/);
    await wb.screenshot('step-not-read');
    // The extension's log says which files the step effects left alone.
    const log = () => {
      wb.keepExtensionLog();
      return readFileSync(join(RESULTS_DIR, '21-lab-files.workshop.log'), 'utf8');
    };
    await waitFor(() => /pipe\.yaml" \(step .*\): not a regular file: not checked/.test(log()), { timeout: 10_000, message: 'the log names the FIFO in the course' });
    assert.match(log(), /"\/dev\/zero" \(step .*\): outside the course: not checked/);
  });

  await t.test('the reader moves to the next slide and Run still runs a command', async () => {
    await frame.locator('[data-nav="next"]').first().click();
    const mark = await showSnippet(frame, 'touch');
    await mark.locator('[data-action="run"]').click();
    await waitForFile(join(tmp, 'ran-ok'), { timeout: 20_000 });
    await waitForStatus(mark, 'succeeded', { timeout: 20_000 });
    await wb.screenshot('still-runs');
  });
});
