// The first list of a cache shows its rows page by page (issue 23): the first page at once,
// the count and a "Loading N more…" row while the rest arrive, the watch from the list's version.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer, makePod, type FakeApiServer } from '../fixtures/fake-apiserver';
import { transportFor, waitFor } from './helpers/clusterTest';
import { requireKind } from '../../src/cluster/resources';
import type { KubeTransport } from '../../src/cluster/transport';
import type { WatchCache, WatchOptions } from '../../src/cluster/watchCache';
import { WatchHub } from '../../src/cluster/watchHub';
import { childNodes, type CacheLookup, type TreeNode } from '../../src/cluster/treeModel';
import { presentNode } from '../../src/cluster/treePresentation';

const pods = requireKind('pod');
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A transport that holds every list page after the first until `release()`; records each first-page request. */
function gated(inner: KubeTransport, onFirstPage: () => void) {
  const waiting: (() => void)[] = [];
  let open = 0;
  const transport: KubeTransport = {
    server: inner.server,
    async request(req) {
      const query = req.query ?? {};
      if (query.continue !== undefined && open === 0) await new Promise<void>((resolve) => waiting.push(resolve));
      else if (query.continue !== undefined) open--;
      if (query.watch === undefined && query.continue === undefined) onFirstPage();
      return inner.request(req);
    },
  };
  const release = (pages = 1) => {
    for (let i = 0; i < pages; i++) {
      const next = waiting.shift();
      if (next) next();
      else open++;
    }
  };
  return { transport, release };
}

async function setup(count: number, options: WatchOptions, onFirstPage: (cache: () => WatchCache | undefined) => void = () => {}) {
  const server: FakeApiServer = await startFakeApiServer();
  for (let i = 0; i < count; i++) server.create('pods', makePod(`pod-${String(i).padStart(2, '0')}`));
  const holder: { cache?: WatchCache } = {};
  const { transport, release } = gated(await transportFor(server.kubeconfigPath), () => onFirstPage(() => holder.cache));
  const hub = new WatchHub(transport, { backoff: { initialMs: 20, maxMs: 200 }, batchMs: 10, ...options });
  cleanups.push(() => server.close(), () => hub.dispose());
  const sub = hub.subscribe(pods, 'default');
  holder.cache = sub.cache;
  return { server, hub, sub, release };
}

const names = (cache: WatchCache) => [...cache.values()].map((s) => s.name).sort();
const kindNode: TreeNode = { type: 'kind', id: 'x/pod', resource: pods, namespace: 'default' };
const lookupOf = (cache: WatchCache): CacheLookup => (resource) => (resource.id === 'pod' ? cache : undefined);

test('the first page shows at once with the count and "Loading N more…"; the rest stream in; the watch starts from the list', async () => {
  const { server, hub, sub, release } = await setup(7, { firstPageSize: 3, pageSize: 2 });
  const reported: string[] = [];
  hub.onDidChange((keys) => reported.push(...keys));
  const cache = sub.cache;
  await waitFor(() => cache.size === 3, 10_000, 'first page');
  assert.deepEqual(names(cache), ['pod-00', 'pod-01', 'pod-02']);
  assert.deepEqual(cache.status, { phase: 'loading', partial: { remaining: 4 } });
  await waitFor(() => reported.includes(cache.key), 10_000, 'change report of the first page');

  const caches = lookupOf(cache);
  assert.equal(presentNode(kindNode, caches).description, '3 of 7');
  const rows = childNodes(kindNode, caches);
  assert.deepEqual(rows.map((r) => presentNode(r, caches).label), ['Loading 4 more…', 'pod-00', 'pod-01', 'pod-02']);

  release();
  await waitFor(() => cache.size === 5, 10_000, 'second page');
  assert.deepEqual(cache.status, { phase: 'loading', partial: { remaining: 2 } });
  assert.equal(presentNode(kindNode, caches).description, '5 of 7');

  release();
  await waitFor(() => cache.status.phase === 'ready' && server.activeWatches() === 1, 10_000, 'ready');
  assert.equal(cache.size, 7);
  assert.equal(presentNode(kindNode, caches).description, '7');
  assert.deepEqual(childNodes(kindNode, caches).map((r) => r.type), ['item', 'item', 'item', 'item', 'item', 'item', 'item']);
  const requests = server.requests.filter((r) => r.path === '/api/v1/namespaces/default/pods').map((r) => new URLSearchParams(r.query));
  const lists = requests.filter((q) => !q.has('watch'));
  assert.deepEqual(lists.map((q) => q.get('limit')), ['3', '2', '2']);
  const watch = requests.find((q) => q.has('watch'));
  // Every page of one list carries the version of its first page; the watch goes on from there.
  assert.ok(watch && Number(watch.get('resourceVersion')) > 0);
  assert.equal(cache.stats.lists, 1);
});

test('pages arriving quickly after the first are told to the view at most twice a second, the whole list at once', async () => {
  const { hub, sub, release } = await setup(7, { firstPageSize: 1, pageSize: 1 });
  const cache = sub.cache;
  const reports: number[] = [];
  hub.onDidChange((keys) => {
    if (keys.has(cache.key)) reports.push(cache.size);
  });
  await waitFor(() => reports.length === 1, 10_000, 'the first page told');
  // Six more pages, 40 ms apart (more than the hub's 10 ms batch): within 500 ms of the first.
  for (let i = 0; i < 6; i++) {
    release();
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  await waitFor(() => cache.status.phase === 'ready', 10_000, 'ready');
  await waitFor(() => reports.at(-1) === 7, 10_000, 'the whole list told');
  // The whole list may be told twice (listed, then watching: "ready"), never a part of it after the first page.
  assert.deepEqual(reports.filter((size) => size < 7), [1], `the first page, then the whole list: ${reports.join(', ')}`);
});

test('a list started ahead of the view holds its pages after the first until the view asks, or for at most its limit', async () => {
  const { server, sub, release } = await setup(7, { firstPageSize: 1, pageSize: 2 });
  release(10); // the transport lets every page through: only the hold stops them
  const cache = sub.cache;
  const resume = cache.holdPagesAfterFirst(10_000);
  await waitFor(() => cache.size === 1, 10_000, 'the first page');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const lists = () => server.requests.filter((r) => r.path === '/api/v1/namespaces/default/pods' && !new URLSearchParams(r.query).has('watch')).length;
  assert.equal(cache.size, 1, 'no page after the first while held');
  assert.equal(lists(), 1);
  resume();
  await waitFor(() => cache.status.phase === 'ready', 10_000, 'the rest once released');
  assert.equal(cache.size, 7);

  const other = await setup(5, { firstPageSize: 1, pageSize: 2 });
  other.release(10);
  other.sub.cache.holdPagesAfterFirst(200);
  await waitFor(() => other.sub.cache.status.phase === 'ready', 10_000, 'the rest after the limit, never released');
  assert.equal(other.sub.cache.size, 5);
  // A cache that has listed already does not hold.
  other.sub.cache.holdPagesAfterFirst(10_000)();
});

test('a list that fits one page shows no partial state', async () => {
  const { sub } = await setup(3, { firstPageSize: 5 });
  const seen: string[] = [];
  const cache = sub.cache;
  await waitFor(() => {
    seen.push(JSON.stringify(cache.status));
    return cache.status.phase === 'ready';
  });
  assert.ok(!seen.some((s) => s.includes('partial')), seen.join(' '));
  assert.equal(cache.size, 3);
});

test('a first list that fails halfway keeps no half list: it starts again from an empty cache', async () => {
  const sizesAtFirstPage: number[] = [];
  const { server, sub, release } = await setup(6, { firstPageSize: 2, pageSize: 2 }, (cache) => sizesAtFirstPage.push(cache()?.size ?? -1));
  const cache = sub.cache;
  await waitFor(() => cache.size === 2, 10_000, 'first page');
  server.faults.failNext = { status: 500, count: 1 };
  release(100);
  await waitFor(() => cache.status.phase === 'ready' && cache.size === 6, 10_000, 'ready after the relist');
  assert.equal(cache.stats.lists, 2);
  // The second list began with nothing shown (not with two of six rows and a wrong count).
  assert.deepEqual(sizesAtFirstPage, [-1, 0]);
  assert.deepEqual(names(cache), ['pod-00', 'pod-01', 'pod-02', 'pod-03', 'pod-04', 'pod-05']);
});

test('a relist after 410 Gone swaps the new list in whole: rows never go missing meanwhile', async () => {
  const { server, hub, sub, release } = await setup(6, { firstPageSize: 2, pageSize: 2 });
  release(100);
  const cache = sub.cache;
  await waitFor(() => cache.status.phase === 'ready' && server.activeWatches() === 1, 10_000, 'ready');
  const sizes: number[] = [];
  hub.onDidChange(() => sizes.push(cache.size));
  // Cut the watch and keep it cut while the history it would resume from is compacted away.
  server.faults.failNext = { status: 503, count: 1_000_000 };
  server.faults.dropWatchesAfterMs = 0;
  await waitFor(() => server.activeWatches() === 0, 10_000, 'watch cut');
  server.faults.dropWatchesAfterMs = undefined;
  server.create('pods', makePod('pod-99'));
  server.compact();
  server.faults.failNext = undefined;
  await waitFor(() => cache.stats.relists >= 1 && cache.size === 7 && cache.status.phase === 'ready', 10_000, 'relisted');
  assert.ok(sizes.every((n) => n >= 6), `sizes seen: ${sizes.join(',')}`);
  assert.deepEqual(cache.status, { phase: 'ready' });
});
