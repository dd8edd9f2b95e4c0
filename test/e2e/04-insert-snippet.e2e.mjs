// Scenario 4: "Workshop: Insert Kubernetes Snippet" puts a Deployment into a new YAML document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkbench, skipReason, waitFor } from './harness.mjs';

const skip = await skipReason();

test('Insert Kubernetes Snippet: a Deployment in a new YAML document', { skip, timeout: 120_000 }, async (t) => {
  const wb = await openWorkbench(t, { name: '04-insert-snippet' });
  await wb.runCommand('Workshop: Insert Kubernetes Snippet');
  await wb.pickQuickPick(/^\s*Deployment\s*$/);
  const text = await waitFor(async () => {
    const v = await wb.editorText().catch(() => '');
    return /kind: Deployment/.test(v) ? v : null;
  }, { timeout: 10_000, message: 'kind: Deployment in the editor' });
  assert.match(text, /apiVersion: apps\/v1/);
  assert.match(await wb.editorLanguage(), /YAML/i, 'the new document is YAML');
  await wb.screenshot('deployment');
});
