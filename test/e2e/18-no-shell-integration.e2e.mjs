// Scenario 18: a terminal without shell integration (turned off in the settings): VS Code reports
// no command and its output cannot be read, yet Run all learns each exit status from a file the
// shell writes: a failing command fails and stops the run, the next ones succeed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitForFile } from './harness.mjs';
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

test('without shell integration, Run all still learns each exit status', { skip, timeout: 180_000 }, async (t) => {
  const wb = await openWorkbench(t, {
    name: '18-no-shell-integration',
    tmpFiles: courseFiles,
    settings: (where) => ({ ...courseSettings(where), 'terminal.integrated.shellIntegration.enabled': false }),
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
});
