// Scenario 6: in an untrusted workspace, Run and Next step are disabled and say why (Workspace Trust).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason } from './harness.mjs';
import { tinyCourseFiles, courseSettings, showSnippet } from './course-fixture.mjs';

const skip = await skipReason();

test('untrusted workspace: Run and Next step are disabled and explain Workspace Trust', { skip, timeout: 180_000 }, async (t) => {
  const wb = await openWorkbench(t, {
    name: '06-untrusted',
    tmpFiles: tinyCourseFiles,
    settings: (where) => ({
      ...courseSettings(where),
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.emptyWindow': false,
    }),
  });
  // Restricted Mode is on: the status bar says so.
  await wb.page.locator('#status\\.workspaceTrust, .statusbar-item[id*="workspaceTrust"]').first().waitFor({ timeout: 15_000 }).catch(() => {});
  const frame = await wb.openCourse();
  const ok = await showSnippet(frame, 'ran-ok');
  const run = ok.locator('[data-action="run"]').first();
  const disabled = (await run.isDisabled()) || (await run.getAttribute('aria-disabled')) === 'true';
  assert.ok(disabled, 'Run is disabled (disabled or aria-disabled="true")');
  const title = (await run.getAttribute('title')) ?? '';
  assert.match(title, /trust/i, `Run says why (title: "${title}")`);
  await wb.screenshot('run-disabled');
  // Next step (the reader's bar) follows Workspace Trust too.
  const next = frame.locator('#next-step');
  assert.ok(await next.isDisabled(), 'Next step is disabled');
  assert.match((await next.getAttribute('title')) ?? '', /not trusted/);

  await run.click({ force: true, timeout: 2_000 }).catch(() => {});
  await wb.page.waitForTimeout(2_000);
  assert.equal(existsSync(join(wb.tmp, 'ran-ok')), false, 'nothing ran');
});
