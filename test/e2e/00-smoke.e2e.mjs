// Smoke test of the harness itself: code-server serves VS Code, Chromium shows the workbench,
// the integrated terminal runs a command (node-pty works), the window reloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitForFile } from './harness.mjs';

const skip = await skipReason({ needExtension: false });

test('code-server serves a VS Code workbench that Chromium drives', { skip, timeout: 120_000 }, async (t) => {
  const wb = await openWorkbench(t, { name: 'smoke', extension: false, files: { 'hello.txt': 'hello from the e2e harness\n' } });
  await wb.screenshot('workbench');
  const title = await wb.page.title();
  assert.match(title, /workspace/i, `window title: ${title}`);

  // The integrated terminal runs commands (node-pty built for this Node).
  await wb.runCommand('Terminal: Create New Terminal');
  const marker = join(wb.tmp, 'terminal-ok');
  await wb.page.locator('.terminal-wrapper.active .xterm, .terminal .xterm').first().waitFor({ timeout: 15_000 });
  await wb.page.waitForTimeout(1000);
  await wb.page.keyboard.type(`touch ${marker} && echo terminal-says-hi\n`);
  await waitForFile(marker, { timeout: 15_000 });
  await wb.waitForTerminalText('terminal-says-hi');
  await wb.screenshot('terminal');

  await wb.reloadWindow();
  await wb.screenshot('reloaded');
});
