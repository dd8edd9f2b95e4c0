// Scenario 5: with KUBECONFIG pointing at the fake API server, the cluster tree
// (view workshop.cluster) lists its pods, follows creations and deletions within 2 seconds,
// and shows an error item for a forbidden kind (Secrets) while the others work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openWorkbench, skipReason } from './harness.mjs';
import { FAKE_CLI, startFakeApiServer } from './fake-cluster.mjs';

const skip = (await skipReason()) || (!existsSync(FAKE_CLI) && `the fake API server (${FAKE_CLI}) is not there`);

test('cluster tree: pods listed, live updates within 2 s, forbidden kind shows its error', { skip, timeout: 180_000 }, async (t) => {
  const api = await startFakeApiServer(t, ['--pods', '3', '--forbid', 'secrets']);
  const wb = await openWorkbench(t, { name: '05-cluster-tree', env: { KUBECONFIG: api.kubeconfig } });
  const pane = await wb.openClusterView({ maximize: true });
  await wb.screenshot('cluster-view');

  // The current namespace (default) is expanded; open its Pods.
  await wb.expandTreeRow(pane, 'Pods', { timeout: 20_000 });
  for (const name of ['pod-0', 'pod-1', 'pod-2']) {
    await wb.treeRow(pane, name).waitFor({ state: 'visible', timeout: 10_000 });
  }
  await wb.screenshot('pods');

  // A pod created on the server shows up within 2 seconds.
  await api.send({ op: 'makePod', name: 'e2e-created', namespace: 'default' });
  let started = Date.now();
  await wb.treeRow(pane, 'e2e-created').waitFor({ state: 'visible', timeout: 2_000 });
  const appeared = Date.now() - started;

  // A deleted one disappears within 2 seconds.
  await api.send({ op: 'remove', resource: 'pods', namespace: 'default', name: 'pod-1' });
  started = Date.now();
  await wb.treeRow(pane, 'pod-1').waitFor({ state: 'detached', timeout: 2_000 });
  const disappeared = Date.now() - started;
  t.diagnostic(`created pod shown after ${appeared}ms, deleted pod gone after ${disappeared}ms`);
  await wb.screenshot('live-updates');

  // Secrets are forbidden: their node shows the error, the pods keep working.
  await wb.expandTreeRow(pane, 'Secrets');
  await wb.treeRow(pane, /Forbidden/i).waitFor({ state: 'visible', timeout: 10_000 });
  await wb.screenshot('forbidden');
  const labels = await wb.treeLabels(pane);
  assert.ok(labels.includes('pod-0') && labels.includes('e2e-created'), `pods still listed: ${labels.join(', ')}`);
  assert.ok(!labels.includes('pod-1'));
});
