// Scenario 18: a terminal without shell integration (turned off in the settings): VS Code reports
// no command and its output cannot be read, yet Run all learns each exit status: a failing command
// fails and stops the run, the next ones succeed. In bash the Workshop terminal's prompt hook
// reports each end and status; in sh (no hook) the replay types a line after each command that
// writes `$?` to a file it reads (the status-file fallback).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, RESULTS_DIR, skipReason, waitFor, waitForFile } from './harness.mjs';
import { courseManifest, courseSettings, runAllOf, waitForRunState, waitForStatus } from './course-fixture.mjs';

const skip = await skipReason();

function courseFiles({ tmp }) {
  const fence = (command) => ['  ```bash', `  ${command}`, '  ```', ''];
  return {
    'course/course.yml': courseManifest('E2E blind terminal', 'blind.md'),
    'course/blind.md': [
      '# Without shell integration',
      '',
      '## Statuses all the same',
      '',
      '.lab[',
      '',
      ...fence('test -d /nonexistent-folder'),
      ...fence(`touch ${join(tmp, 'after')}`),
      ...fence('test -d /'),
      ']',
      '',
    ].join('\n'),
  };
}

/** Runs the lab and checks each status; `logSays` is how the Workshop log tells where they came from. */
async function statusesOfRunAll(t, { name, settings, logSays }) {
  const wb = await openWorkbench(t, {
    name,
    tmpFiles: courseFiles,
    settings: (where) => ({ ...courseSettings(where), 'terminal.integrated.shellIntegration.enabled': false, ...settings }),
  });
  const frame = await wb.openCourse();
  // The failing command comes first: the status read is its own, not that of a line typed before it.
  const { lab, snippet: failing } = await runAllOf(wb, frame, 'test -d /nonexistent-folder');
  await waitForStatus(failing, 'failed', { timeout: 30_000 });
  assert.equal(existsSync(join(wb.tmp, 'after')), false, 'the failure stopped the run');
  // It asks; Continue goes on, and each later command gets its own status.
  await wb.clickDialogButton(/^Continue/, { timeout: 15_000 });
  await waitForFile(join(wb.tmp, 'after'), { timeout: 30_000 });
  const after = frame.locator('.snippet[data-snippet]', { hasText: `touch ${join(wb.tmp, 'after')}` }).first();
  const passing = frame.locator('.snippet[data-snippet]', { hasText: /test -d \/\s*$/ }).first();
  await waitForStatus(after, 'succeeded', { timeout: 30_000 });
  await waitForStatus(passing, 'succeeded', { timeout: 30_000 });
  await waitForRunState(lab, 'failed', { timeout: 15_000 });
  await wb.screenshot('statuses');
  const log = () => {
    wb.keepExtensionLog();
    return readFileSync(join(RESULTS_DIR, `${name}.workshop.log`), 'utf8');
  };
  await waitFor(() => logSays.test(log()), { timeout: 5_000, message: `the log says ${logSays}` });
}

test('without shell integration, the prompt hook (bash) tells Run all each exit status', { skip, timeout: 180_000 }, async (t) => {
  await statusesOfRunAll(t, {
    name: '18-no-shell-integration',
    settings: {},
    logSays: /the prompt hook reported the end \(VS Code reported no end or no status\): exit 1/,
  });
});

test('without shell integration nor a prompt hook (sh), Run all reads each exit status from a file the shell writes', { skip, timeout: 180_000 }, async (t) => {
  await statusesOfRunAll(t, {
    name: '18-no-shell-integration-sh',
    settings: {
      'terminal.integrated.profiles.linux': { sh: { path: '/bin/sh' } },
      'terminal.integrated.defaultProfile.linux': 'sh',
    },
    logSays: /has no shell integration; exit statuses are read from files its shell writes/,
  });
});
