// Scenario 11: terminal actions of the cluster tree type a command quoted for the terminal's
// shell, and refuse (with a message, typing nothing) a context name holding a quote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { openWorkbench, skipReason, waitFor } from './harness.mjs';
import { FAKE_CLI, startFakeApiServer } from './fake-cluster.mjs';

const skip = (await skipReason()) || (!existsSync(FAKE_CLI) && `the fake API server (${FAKE_CLI}) is not there`);

/** Hovers a tree row and clicks one of its inline actions (by its title). */
async function clickInlineAction(wb, row, title) {
  await row.hover();
  const action = row.locator(`.actions .action-label[aria-label^="${title}"]`).first();
  await action.waitFor({ state: 'visible', timeout: 5_000 });
  await action.click();
}

async function podRow(wb) {
  const pane = await wb.openClusterView({ maximize: true });
  await wb.expandTreeRow(pane, 'Pods', { timeout: 20_000 });
  const row = wb.treeRow(pane, 'pod-0');
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  return { pane, row };
}

test('cluster terminal actions: quoted for the shell, hostile context names refused', { skip, timeout: 180_000 }, async (t) => {
  const api = await startFakeApiServer(t, ['--pods', '1']);
  const wb = await openWorkbench(t, { name: '11-cluster-terminal-safety', env: { KUBECONFIG: api.kubeconfig, SHELL: '/bin/bash' } });

  // An ordinary context: Logs types the kubectl command into a terminal named after the action.
  let { row } = await podRow(wb);
  await clickInlineAction(wb, row, 'Show Logs');
  // Long lines wrap in the terminal: compare without the line breaks.
  const typed = 'kubectl --context=fake -n default logs -f --tail=200 pods/pod-0';
  await waitFor(async () => (await wb.terminalText()).replace(/\n/g, '').includes(typed), { timeout: 20_000, message: 'the typed command' });
  await wb.waitForTerminalText('fake log for pod pod-0');
  await waitFor(async () => (await wb.terminalNames()).some((n) => n.includes('Logs: pod-0')), { timeout: 10_000, message: 'the Logs terminal' });
  await wb.screenshot('logs-typed');
  const terminalsBefore = await wb.page.locator('.terminal-wrapper').count();

  // The kubeconfig now names the context with a quote (a file a learner may have been handed).
  const hostile = "lab'; touch /tmp/pwned-e2e; echo '";
  const config = yaml.load(readFileSync(api.kubeconfig, 'utf8'));
  config.contexts[0].name = hostile;
  config['current-context'] = hostile;
  writeFileSync(api.kubeconfig, yaml.dump(config));
  await wb.runCommand('Workshop: Refresh Cluster View');
  ({ row } = await podRow(wb));
  const pane = await wb.openClusterView();
  await wb.treeRow(pane, hostile).waitFor({ state: 'visible', timeout: 15_000 });
  await clickInlineAction(wb, row, 'Show Logs');
  const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /control characters or quotes/ }).first();
  await toast.waitFor({ state: 'visible', timeout: 10_000 });
  await wb.screenshot('refused');
  assert.match(await toast.innerText(), /rename-context/);
  await wb.runCommand('Terminal: Focus Terminal');
  await wb.page.locator('.terminal-wrapper').first().waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await wb.page.locator('.terminal-wrapper').count(), terminalsBefore, 'no terminal was opened for the refused action');
  assert.doesNotMatch(await wb.terminalText(), /pwned/);
  assert.equal(existsSync('/tmp/pwned-e2e'), false);
});
