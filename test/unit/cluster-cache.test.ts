import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiServer, makePod, makeDeployment, kubeconfigYaml, type FakeApiServer } from '../fixtures/fake-apiserver';
import { transportFor, waitFor } from './helpers/clusterTest';
import { requireKind } from '../../src/cluster/resources';
import type { WatchCache, WatchOptions } from '../../src/cluster/watchCache';
import { WatchHub } from '../../src/cluster/watchHub';
import { childNodes, type TreeNode } from '../../src/cluster/treeModel';
import { presentNode } from '../../src/cluster/treePresentation';

const FAST: WatchOptions = { backoff: { initialMs: 20, maxMs: 200 }, batchMs: 10 };
const pods = requireKind('pod');
const deployments = requireKind('deployment');

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function setup(options: WatchOptions = FAST, serverOptions?: Parameters<typeof startFakeApiServer>[0]) {
  const server = await startFakeApiServer(serverOptions);
  const hub = new WatchHub(await transportFor(server.kubeconfigPath), options);
  cleanups.push(() => server.close(), () => hub.dispose());
  return { server, hub };
}

function names(cache: WatchCache): string[] {
  return [...cache.values()].map((s) => s.name).sort();
}

function podRequests(server: FakeApiServer, namespace = 'default') {
  const path = `/api/v1/namespaces/${namespace}/pods`;
  const all = server.requests.filter((r) => r.path === path);
  const params = all.map((r) => new URLSearchParams(r.query));
  return { lists: params.filter((q) => !q.has('watch')), watches: params.filter((q) => q.has('watch')) };
}

test('initial list is paged with limit/continue, then a watch starts from its resourceVersion with bookmarks', async () => {
  const { server, hub } = await setup({ ...FAST, pageSize: 2 });
  for (const name of ['a', 'b', 'c', 'd', 'e']) server.create('pods', makePod(name));
  const sub = hub.subscribe(pods, 'default');
  await waitFor(() => sub.cache.status.phase === 'ready' && server.activeWatches() === 1, 10_000, 'ready');
  assert.deepEqual(names(sub.cache), ['a', 'b', 'c', 'd', 'e']);
  const { lists, watches } = podRequests(server);
  assert.equal(lists.length, 3);
  assert.ok(lists.every((q) => q.get('limit') === '2'));
  assert.equal(lists.filter((q) => q.has('continue')).length, 2);
  assert.equal(watches.length, 1);
  assert.equal(watches[0].get('allowWatchBookmarks'), 'true');
  assert.ok(Number(watches[0].get('resourceVersion')) > 0);
  sub.dispose();
});

test('live add, modify and delete reach the cache as summaries', async () => {
  const { server, hub } = await setup();
  const sub = hub.subscribe(pods, 'default');
  await waitFor(() => sub.cache.status.phase === 'ready' && server.activeWatches() === 1);
  server.create('pods', makePod('web', 'default', { phase: 'Pending' }));
  await waitFor(() => names(sub.cache).includes('web'), 10_000, 'add');
  assert.equal([...sub.cache.values()][0].health, 'progressing');
  server.update('pods', makePod('web', 'default', { waitingReason: 'CrashLoopBackOff', restarts: 2 }));
  await waitFor(() => [...sub.cache.values()][0]?.state === 'crashloopbackoff', 10_000, 'modify');
  assert.equal([...sub.cache.values()][0].health, 'error');
  server.remove('pods', 'default', 'web');
  await waitFor(() => sub.cache.size === 0, 10_000, 'delete');
  sub.dispose();
});

test('a dropped watch resumes from the last resourceVersion without listing again', async () => {
  const { server, hub } = await setup();
  const sub = hub.subscribe(pods, 'default');
  await waitFor(() => sub.cache.status.phase === 'ready' && server.activeWatches() === 1);
  server.create('pods', makePod('before'));
  await waitFor(() => sub.cache.size === 1);
  const seenVersion = (server.get('pods', 'default', 'before') as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  server.bookmark();
  const phases = new Set<string>();
  hub.onDidChange(() => phases.add(sub.cache.status.phase));
  server.faults.dropWatchesAfterMs = 0;
  await waitFor(() => podRequests(server).watches.length >= 2, 10_000, 'reconnect');
  server.faults.dropWatchesAfterMs = undefined;
  server.create('pods', makePod('after'));
  await waitFor(() => names(sub.cache).join() === 'after,before', 10_000, 'event after reconnect');
  const { lists, watches } = podRequests(server);
  assert.equal(lists.length, 1, 'no relist');
  assert.equal(sub.cache.stats.relists, 0);
  assert.equal(phases.has('reconnecting'), false, 'a cut watch that reconnects at once is not shown as stale');
  for (const watch of watches.slice(1)) assert.ok(Number(watch.get('resourceVersion')) >= Number(seenVersion));
  await waitFor(() => sub.cache.status.phase === 'ready');
  sub.dispose();
});

test('410 Gone after compaction relists, and the relist reflects changes made meanwhile', async () => {
  const { server, hub } = await setup();
  server.create('pods', makePod('old'));
  const sub = hub.subscribe(pods, 'default');
  await waitFor(() => sub.cache.size === 1 && server.activeWatches() === 1);
  // Keep the cache disconnected while the history it would resume from is compacted away.
  server.faults.failNext = { status: 503, count: 1_000_000 };
  server.faults.dropWatchesAfterMs = 0;
  await waitFor(() => sub.cache.status.phase === 'reconnecting', 10_000, 'reconnecting');
  assert.deepEqual(names(sub.cache), ['old'], 'stale data stays visible while reconnecting');
  server.faults.dropWatchesAfterMs = undefined;
  server.remove('pods', 'default', 'old');
  server.create('pods', makePod('new'));
  server.compact();
  server.faults.failNext = undefined;
  await waitFor(() => names(sub.cache).join() === 'new' && sub.cache.status.phase === 'ready', 10_000, 'relist');
  assert.ok(sub.cache.stats.relists >= 1);
  assert.equal(podRequests(server).lists.length, 2);
  sub.dispose();
});

test('403 on one kind is an error with the server message; other kinds still work', async () => {
  const { server, hub } = await setup();
  server.create('deployments', makeDeployment('web', 'default', 2));
  server.forbid('pods', 'default');
  const podSub = hub.subscribe(pods, 'default');
  const depSub = hub.subscribe(deployments, 'default');
  await waitFor(() => podSub.cache.status.phase === 'error', 10_000, 'pod error');
  await waitFor(() => depSub.cache.status.phase === 'ready' && depSub.cache.size === 1, 10_000, 'deployments');
  const status = podSub.cache.status;
  assert.equal(status.phase, 'error');
  if (status.phase === 'error') {
    assert.equal(status.reason, 'forbidden');
    assert.match(status.message, /pods is forbidden: User "fake" cannot list resource "pods"/);
    assert.equal(status.willRetry, false);
  }
  const kindNode: TreeNode = { type: 'kind', id: 't/pod', resource: pods, namespace: 'default' };
  const [errorNode] = childNodes(kindNode, (r, ns) => (r === pods && ns === 'default' ? podSub.cache : undefined));
  assert.equal(presentNode(errorNode, () => podSub.cache).command?.id, 'workshop.cluster.retry');
  // Once access is granted a retry recovers.
  server.allow('pods');
  hub.retry(podSub.key);
  await waitFor(() => podSub.cache.status.phase === 'ready', 10_000, 'retry');
  podSub.dispose();
  depSub.dispose();
});

test('401 (wrong token) is "unauthorized" and the token never appears in the message', async () => {
  const server = await startFakeApiServer({ token: 'right-token' });
  cleanups.push(() => server.close());
  const dir = mkdtempSync(join(tmpdir(), 'cluster-cache-'));
  const path = join(dir, 'wrong.yaml');
  writeFileSync(path, kubeconfigYaml(server.url, 'wrong-token-12345'));
  const hub = new WatchHub(await transportFor(path), FAST);
  cleanups.push(() => hub.dispose());
  const sub = hub.subscribe(pods, 'default');
  await waitFor(() => sub.cache.status.phase === 'error');
  const status = sub.cache.status;
  assert.equal(status.phase === 'error' && status.reason, 'unauthorized');
  assert.doesNotMatch(JSON.stringify(status), /wrong-token-12345/);
  sub.dispose();
});

test('an unreachable server is an error that keeps retrying with backoff', async () => {
  const server = await startFakeApiServer();
  const path = server.kubeconfigPath.replace(/kubeconfig\.yaml$/, 'copy.yaml');
  writeFileSync(path, kubeconfigYaml(server.url, undefined));
  const transport = await transportFor(path);
  await server.close();
  const hub = new WatchHub(transport, FAST);
  cleanups.push(() => hub.dispose());
  const sub = hub.subscribe(pods, 'default');
  await waitFor(() => sub.cache.status.phase === 'error');
  const status = sub.cache.status;
  assert.equal(status.phase === 'error' && status.reason, 'unreachable');
  assert.equal(status.phase === 'error' && status.willRetry, true);
  await waitFor(() => sub.cache.stats.lists >= 3, 10_000, 'retries');
  sub.dispose();
});

test('10,000 pods: paged list completes, summaries are small, the tree pages the children', async () => {
  const { server, hub } = await setup();
  for (let i = 0; i < 10_000; i++) server.create('pods', makePod(`pod-${String(i).padStart(5, '0')}`, 'default', { labels: { app: 'big' } }));
  const sub = hub.subscribe(pods, 'default');
  await waitFor(() => sub.cache.status.phase === 'ready' && sub.cache.size === 10_000, 60_000, '10,000 pods');
  const { lists } = podRequests(server);
  // A small first page drawn at once, then pages of 500.
  assert.equal(lists.length, 21);
  assert.deepEqual([...new Set(lists.map((q) => q.get('limit')))], ['100', '500']);

  const fullBytes = JSON.stringify(server.list('pods', 'default')).length;
  const summaryBytes = JSON.stringify([...sub.cache.values()]).length;
  assert.ok(summaryBytes < fullBytes * 0.5, `summaries ${summaryBytes} bytes vs objects ${fullBytes}`);
  assert.ok(summaryBytes / 10_000 < 600, `${summaryBytes / 10_000} bytes per summary`);

  const kindNode: TreeNode = { type: 'kind', id: 't/pod', resource: pods, namespace: 'default' };
  const lookup = () => sub.cache;
  const rows = childNodes(kindNode, lookup);
  assert.equal(rows.length, 201, 'the first 200 pods and a "more" row');
  assert.equal(presentNode(rows[0], lookup).label, 'pod-00000');
  assert.equal(presentNode(rows[200], lookup).label, 'Show 200 more…');
  assert.equal(childNodes(kindNode, lookup, { shown: () => 10_000 }).length, 10_000);
  sub.dispose();
});

test('many events are batched into few change notifications that name the cache', async () => {
  const { server, hub } = await setup({ ...FAST, batchMs: 30 });
  const sub = hub.subscribe(pods, 'default');
  await waitFor(() => sub.cache.status.phase === 'ready' && server.activeWatches() === 1);
  const reports: string[][] = [];
  hub.onDidChange((keys) => reports.push([...keys]));
  for (let i = 0; i < 300; i++) server.create('pods', makePod(`burst-${i}`));
  await waitFor(() => sub.cache.size === 300, 10_000, '300 pods');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(reports.length >= 1 && reports.length <= 10, `${reports.length} notifications for 300 events`);
  assert.ok(reports.every((keys) => keys.length === 1 && keys[0] === sub.key));
  sub.dispose();
});

test('subscriptions are shared; the watch stops when the last subscriber leaves', async () => {
  const { server, hub } = await setup();
  const first = hub.subscribe(pods, 'default');
  const second = hub.subscribe(pods, 'default');
  assert.equal(first.cache, second.cache);
  const other = hub.subscribe(deployments, 'default');
  await waitFor(() => server.activeWatches() === 2, 10_000, 'two watches');
  first.dispose();
  first.dispose();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(server.activeWatches(), 2, 'still one subscriber');
  second.dispose();
  await waitFor(() => server.activeWatches() === 1, 10_000, 'pod watch stopped');
  assert.equal(hub.get(first.key), undefined);
  other.dispose();
  await waitFor(() => server.activeWatches() === 0, 10_000, 'all stopped');
});

test('a cache over all namespaces keeps same-named objects of different namespaces apart', async () => {
  const { server, hub } = await setup();
  server.create('pods', makePod('web', 'default'));
  server.create('pods', makePod('web', 'shop', { phase: 'Pending' }));
  const all = hub.subscribe(pods);
  const one = hub.subscribe(pods, 'shop');
  await waitFor(() => all.cache.size === 2 && one.cache.size === 1, 10_000, 'both caches listed');
  assert.deepEqual([...all.cache.values()].map((s) => `${s.namespace}/${s.name}`).sort(), ['default/web', 'shop/web']);
  server.remove('pods', 'default', 'web');
  await waitFor(() => all.cache.size === 1, 10_000, 'delete in one namespace');
  assert.deepEqual([...all.cache.values()].map((s) => `${s.namespace}/${s.name} ${s.health}`), ['shop/web progressing']);
  assert.equal(one.cache.size, 1);
  all.dispose();
  one.dispose();
});
