// Scenario 19: VS Code reports that a command started and never that it ended (it happens under
// load). The learner's ~/.bashrc of this scenario turns VS Code's end report off after
// `kubectl delete` lines (test/e2e/lost-ends.mjs), so VS Code never fires the end event: Run all
// still goes on once the extension's prompt hook reports the prompt, well before the time limit,
// with the status the hook wrote (a hidden Ctrl-C after it finds nothing running); a Run click on a
// failing command shows the failure and its exit code. The log says the hook reported the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, RESULTS_DIR, skipReason, waitFor, waitForFile } from './harness.mjs';
import { courseManifest, runAllOf, showSnippet, waitForRunState, waitForStatus } from './course-fixture.mjs';
import { replayCourseSettings, standInKubectl } from './replay-fixture.mjs';
import { bashrcLosingEndsOf } from './lost-ends.mjs';

const skip = await skipReason();

function courseFiles({ tmp }) {
  const marks = join(tmp, 'marks');
  const fence = (command) => ['  ```bash', `  ${command}`, '  ```', ''];
  return {
    'bin/kubectl': standInKubectl(marks),
    'home/.bashrc': bashrcLosingEndsOf('kubectl delete'),
    'marks/.keep': '',
    'course/course.yml': courseManifest('E2E lost ends', 'lost.md'),
    'course/lost.md': [
      '# Lost ends',
      '',
      '## A command whose end is not reported',
      '',
      '.lab[',
      '',
      ...fence('kubectl delete pod pingpong'),
      // As upstream labs do after a command: a Ctrl-C that must find nothing running.
      '<!-- ```key ^C``` -->',
      '',
      ...fence(`touch ${join(marks, 'after-lost')}`),
      ']',
      '',
      '## A failing one',
      '',
      '.lab[',
      '',
      ...fence('kubectl delete pod missing'),
      ']',
      '',
    ].join('\n'),
  };
}

test('a command whose end VS Code does not report still ends, with its own status', { skip, timeout: 180_000 }, async (t) => {
  const wb = await openWorkbench(t, {
    name: '19-lost-command-end',
    tmpFiles: courseFiles,
    settings: (where) => ({
      ...replayCourseSettings(where),
      // Long enough that a run waiting for the lost end would still be waiting when the test looks.
      'workshop.replay.waitTimeoutSeconds': 45,
    }),
  });
  chmodSync(join(wb.tmp, 'bin', 'kubectl'), 0o755);
  const frame = await wb.openCourse();
  const marks = join(wb.tmp, 'marks');

  const started = Date.now();
  const { lab, snippet: deleting } = await runAllOf(wb, frame, 'kubectl delete pod pingpong');
  await waitForFile(join(marks, 'after-lost'), { timeout: 25_000 });
  assert.ok(Date.now() - started < 25_000, 'the run went on before the 45 s limit');
  await waitForStatus(deleting, 'succeeded', { timeout: 5_000 });
  // The status line the extension typed is no command of the lab's: the Ctrl-C was not sent to it.
  const after = frame.locator('.snippet[data-snippet]', { hasText: 'after-lost' }).first();
  await waitForStatus(after, 'succeeded', { timeout: 5_000 });
  await waitForRunState(lab, 'done', { timeout: 10_000 });
  assert.equal(await wb.dialog({ timeout: 500 }).then((box) => box !== null, () => false), false, 'no time-limit dialog');
  await wb.screenshot('went-on');
  // The end came from the prompt hook: VS Code reported none (the rc above did its part).
  const log = () => {
    wb.keepExtensionLog();
    return readFileSync(join(RESULTS_DIR, '19-lost-command-end.workshop.log'), 'utf8');
  };
  await waitFor(() => /the prompt hook reported the end \(VS Code reported no end or no status\): exit 0/.test(log()), { timeout: 5_000, message: 'the log says the hook ended the command' });
  assert.match(log(), /its bash prompt hook reports the end and status of each command/);

  const failing = await showSnippet(frame, 'kubectl delete pod missing');
  await failing.locator('[data-action="run"]').click();
  await waitForStatus(failing, 'failed', { timeout: 25_000 });
  assert.match((await failing.locator('[data-role="status"]').textContent()) ?? '', /exit 1/);
  await wb.screenshot('failed');
});
