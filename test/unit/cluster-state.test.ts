import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { startFakeApiServer, makePod } from '../fixtures/fake-apiserver';
import { ClusterState } from '../../src/cluster/clusterState';
import { requireKind } from '../../src/cluster/resources';

async function waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('no kubeconfig: phase none, no hub, the welcome check is cheap', async () => {
  const state = new ClusterState({}, { env: {}, homeDir: '/nonexistent', exists: existsSync });
  assert.equal(state.hasKubeconfig(), false);
  assert.equal(state.phase, 'notLoaded');
  await state.ensureLoaded();
  assert.equal(state.phase, 'none');
  assert.equal(state.hub, undefined);
  assert.equal(state.info, undefined);
});

test('switching context stops the old watches and watches the new cluster; reload keeps the choices', async () => {
  const a = await startFakeApiServer();
  const b = await startFakeApiServer({ namespaces: ['default', 'team'] });
  after(() => Promise.all([a.close(), b.close()]));
  const fileA = join(a.kubeconfigPath, '..', 'a.yaml');
  const fileB = join(b.kubeconfigPath, '..', 'b.yaml');
  a.writeKubeconfig(fileA, { contextName: 'ctx-a' });
  b.writeKubeconfig(fileB, { contextName: 'ctx-b', namespace: 'team' });
  b.create('pods', makePod('only-in-b', 'team'));

  const state = new ClusterState({ backoff: { initialMs: 20, maxMs: 200 }, batchMs: 10 }, {
    env: { KUBECONFIG: [fileA, fileB].join(delimiter) },
    homeDir: '/nonexistent',
    exists: existsSync,
  });
  after(() => state.dispose());
  let changes = 0;
  state.onDidChange(() => changes++);
  await state.ensureLoaded();
  assert.equal(state.phase, 'loaded');
  assert.deepEqual(state.info, { context: 'ctx-a', namespace: 'default', server: a.url });

  state.hub!.subscribe(requireKind('pod'), 'default');
  await waitFor(() => a.activeWatches() === 1, 10_000, 'watch on a');

  state.useContext('ctx-b');
  assert.equal(state.info?.context, 'ctx-b');
  assert.equal(state.info?.namespace, 'team');
  await waitFor(() => a.activeWatches() === 0, 10_000, 'a stopped');
  const sub = state.hub!.subscribe(requireKind('pod'), state.info.namespace);
  await waitFor(() => sub.cache.size === 1, 10_000, 'pods of b');
  assert.equal([...sub.cache.values()][0].name, 'only-in-b');

  state.useNamespace('default');
  await state.reload();
  assert.deepEqual(state.info, { context: 'ctx-b', namespace: 'default', server: b.url });
  assert.ok(changes >= 3);
  await waitFor(() => b.activeWatches() === 0, 10_000, 'old hub stopped on reload');
});
