import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startFakeApiServer, makePod, makeDeployment, type FakeApiServer } from '../fixtures/fake-apiserver';
import { kubectl, kubectlMissing } from '../fixtures/run-kubectl';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

async function getJson(server: FakeApiServer, path: string, init: RequestInit = {}): Promise<{ status: number; body: Any }> {
  const r = await fetch(server.url + path, init);
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

interface WatchHandle {
  events: Any[];
  status: number;
  ended: Promise<void>;
  isEnded(): boolean;
  next(count: number, timeoutMs?: number): Promise<Any[]>;
  close(): void;
}

/** Open a raw watch stream and collect its JSON lines. */
function openWatch(server: FakeApiServer, path: string, headers: Record<string, string> = {}): Promise<WatchHandle> {
  return new Promise((resolve, reject) => {
    const req = http.get(server.url + path, { headers }, (res) => {
      const events: Any[] = [];
      let ended = false;
      let waiters: (() => void)[] = [];
      const wake = () => {
        const w = waiters;
        waiters = [];
        w.forEach((f) => f());
      };
      const endedP = new Promise<void>((done) => {
        const fin = () => {
          ended = true;
          wake();
          done();
        };
        res.on('end', fin);
        res.on('close', fin);
        res.on('error', fin);
      });
      const rl = createInterface({ input: res });
      rl.on('error', () => undefined); // an aborted stream is just "ended" here
      rl.on('line', (line) => {
        if (line.trim()) events.push(JSON.parse(line));
        wake();
      });
      let consumed = 0;
      resolve({
        events,
        status: res.statusCode ?? 0,
        ended: endedP,
        isEnded: () => ended,
        async next(count: number, timeoutMs = 3000) {
          const deadline = Date.now() + timeoutMs;
          while (events.length < consumed + count && !ended && Date.now() < deadline) {
            await new Promise<void>((r) => {
              const t = setTimeout(r, Math.max(1, deadline - Date.now()));
              waiters.push(() => {
                clearTimeout(t);
                r();
              });
            });
          }
          const out = events.slice(consumed, consumed + count);
          consumed += out.length;
          return out;
        },
        close() {
          req.destroy();
        },
      });
    });
    req.on('error', reject);
  });
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<T>((_, reject) => {
      t = setTimeout(() => reject(new Error(`timeout: ${what}`)), ms);
    }),
  ]);
}

async function withServer(fn: (s: FakeApiServer) => Promise<void>, opts = {}): Promise<void> {
  const s = await startFakeApiServer(opts);
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

// ---------------------------------------------------------------------------

test('discovery endpoints', { timeout: 20000 }, () =>
  withServer(async (s) => {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const v = await getJson(s, '/version');
    assert.match(v.body.gitVersion, /^v1\.30\./);
    const api = await getJson(s, '/api');
    assert.equal(api.body.kind, 'APIVersions');
    assert.deepEqual(api.body.versions, ['v1']);
    const core = await getJson(s, '/api/v1');
    assert.equal(core.body.kind, 'APIResourceList');
    const byName = new Map<string, Any>(core.body.resources.map((r: Any) => [r.name, r]));
    for (const n of ['pods', 'services', 'endpoints', 'configmaps', 'secrets', 'persistentvolumeclaims', 'serviceaccounts', 'events'])
      assert.equal(byName.get(n)?.namespaced, true, n);
    for (const n of ['namespaces', 'nodes', 'persistentvolumes']) assert.equal(byName.get(n)?.namespaced, false, n);
    assert.equal(byName.get('pods').kind, 'Pod');
    assert.ok(byName.get('pods').verbs.includes('watch'));
    const apis = await getJson(s, '/apis');
    assert.equal(apis.body.kind, 'APIGroupList');
    const groups = apis.body.groups.map((g: Any) => g.name);
    for (const g of ['apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'apiextensions.k8s.io', 'policy', 'autoscaling'])
      assert.ok(groups.includes(g), g);
    const apps = await getJson(s, '/apis/apps/v1');
    const names = apps.body.resources.map((r: Any) => r.name);
    for (const n of ['deployments', 'replicasets', 'daemonsets', 'statefulsets', 'deployments/scale']) assert.ok(names.includes(n), n);
    const rbac = await getJson(s, '/apis/rbac.authorization.k8s.io/v1');
    assert.equal(rbac.body.resources.find((r: Any) => r.name === 'clusterroles').namespaced, false);
    assert.equal((await getJson(s, '/openapi/v2')).status, 404);
    const nf = await getJson(s, '/apis/nope/v1/things');
    assert.equal(nf.status, 404);
    assert.equal(nf.body.kind, 'Status');
    // namespaces created at start
    const ns = await getJson(s, '/api/v1/namespaces');
    assert.equal(ns.body.kind, 'NamespaceList');
    assert.deepEqual(
      ns.body.items.map((n: Any) => n.metadata.name),
      ['default', 'kube-system'],
    );
  }),
);

test('bearer token is required when set and never logged', { timeout: 20000 }, () =>
  withServer(
    async (s) => {
      const anon = await getJson(s, '/api/v1/namespaces/default/pods');
      assert.equal(anon.status, 401);
      assert.equal(anon.body.reason, 'Unauthorized');
      const ok = await getJson(s, '/api/v1/namespaces/default/pods', { headers: { Authorization: 'Bearer s3cret' } });
      assert.equal(ok.status, 200);
      assert.ok(!JSON.stringify(s.requests).includes('s3cret'));
      const kc = readFileSync(s.kubeconfigPath, 'utf8');
      assert.match(kc, /token: "s3cret"/);
      assert.match(kc, /current-context: "fake"/);
    },
    { token: 's3cret' },
  ),
);

test('list: kinds, paging with continue, selectors', { timeout: 20000 }, () =>
  withServer(async (s) => {
    for (let i = 0; i < 25; i++) s.create('pods', makePod(`p${String(i).padStart(2, '0')}`, 'default', { labels: { app: i % 2 ? 'odd' : 'even' } }));
    s.create('pods', makePod('other', 'kube-system'));
    const all = await getJson(s, '/api/v1/namespaces/default/pods');
    assert.equal(all.body.kind, 'PodList');
    assert.equal(all.body.apiVersion, 'v1');
    assert.equal(all.body.items.length, 25);
    assert.equal(all.body.items[0].kind, 'Pod');
    assert.equal(all.body.items[0].apiVersion, 'v1');
    assert.ok(all.body.items[0].metadata.uid);
    assert.ok(all.body.items[0].metadata.creationTimestamp);
    assert.match(all.body.metadata.resourceVersion, /^\d+$/);

    const seen: string[] = [];
    let cont: string | undefined;
    let pages = 0;
    do {
      const q = `limit=10${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`;
      const page = await getJson(s, `/api/v1/namespaces/default/pods?${q}`);
      assert.equal(page.status, 200);
      pages++;
      seen.push(...page.body.items.map((p: Any) => p.metadata.name));
      cont = page.body.metadata.continue;
      if (cont) assert.equal(page.body.metadata.remainingItemCount, 25 - seen.length);
    } while (cont && pages < 10);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...seen].sort());
    assert.equal(new Set(seen).size, 25);

    const everywhere = await getJson(s, '/api/v1/pods');
    assert.equal(everywhere.body.items.length, 26);
    const odd = await getJson(s, '/api/v1/namespaces/default/pods?labelSelector=' + encodeURIComponent('app=odd'));
    assert.equal(odd.body.items.length, 12);
    const notOdd = await getJson(s, '/api/v1/pods?labelSelector=' + encodeURIComponent('app!=odd'));
    assert.equal(notOdd.body.items.length, 14);
    const setBased = await getJson(s, '/api/v1/pods?labelSelector=' + encodeURIComponent('app in (odd,even)'));
    assert.equal(setBased.body.items.length, 25);
    const byName = await getJson(s, '/api/v1/pods?fieldSelector=' + encodeURIComponent('metadata.name=p07'));
    assert.deepEqual(byName.body.items.map((p: Any) => p.metadata.name), ['p07']);
    const byNs = await getJson(s, '/api/v1/pods?fieldSelector=' + encodeURIComponent('metadata.namespace=kube-system'));
    assert.deepEqual(byNs.body.items.map((p: Any) => p.metadata.name), ['other']);
    const rv0 = await getJson(s, '/api/v1/namespaces/default/pods?resourceVersion=0&limit=5');
    assert.equal(rv0.status, 200);
    const bad = await getJson(s, '/api/v1/namespaces/default/pods?continue=garbage');
    assert.equal(bad.status, 400);
    assert.equal(s.list('pods', 'default').length, 25);
    assert.equal(s.list('pods').length, 26);
  }),
);

test('10,000 pods: fast create and list (paged and unpaged)', { timeout: 30000 }, () =>
  withServer(async (s) => {
    let t = Date.now();
    for (let i = 0; i < 10_000; i++) s.create('pods', makePod(`pod-${i}`));
    const createMs = Date.now() - t;
    assert.ok(createMs < 3000, `create took ${createMs}ms`);
    t = Date.now();
    const all = await getJson(s, '/api/v1/namespaces/default/pods');
    assert.equal(all.body.items.length, 10_000);
    const listMs = Date.now() - t;
    t = Date.now();
    let n = 0;
    let cont: string | undefined;
    for (let page = 0; page < 30; page++) {
      const r = await getJson(s, `/api/v1/namespaces/default/pods?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      n += r.body.items.length;
      cont = r.body.metadata.continue;
      if (!cont) break;
    }
    assert.equal(n, 10_000);
    const pagedMs = Date.now() - t;
    assert.ok(listMs < 5000 && pagedMs < 5000, `list ${listMs}ms, paged ${pagedMs}ms`);
  }),
);

test('watch: ADDED/MODIFIED/DELETED from a resourceVersion, synthetic ADDED without one', { timeout: 20000 }, () =>
  withServer(async (s) => {
    s.create('pods', makePod('before'));
    const list = await getJson(s, '/api/v1/namespaces/default/pods');
    const rv = list.body.metadata.resourceVersion;
    const w = await openWatch(s, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${rv}`);
    assert.equal(w.status, 200);
    const fresh = await openWatch(s, '/api/v1/namespaces/default/pods?watch=1');
    const [initial] = await fresh.next(1);
    assert.equal(initial.type, 'ADDED');
    assert.equal(initial.object.metadata.name, 'before');

    const created = s.create('pods', makePod('a')) as Any;
    created.status.phase = 'Failed';
    const updated = s.update('pods', created) as Any;
    assert.ok(Number(updated.metadata.resourceVersion) > Number(created.metadata.resourceVersion));
    s.remove('pods', 'default', 'a');
    s.create('pods', makePod('elsewhere', 'kube-system')); // other namespace: not seen
    const evs = await w.next(3);
    assert.deepEqual(evs.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
    assert.equal(evs[0].object.kind, 'Pod');
    assert.equal(evs[1].object.status.phase, 'Failed');
    assert.ok(Number(evs[2].object.metadata.resourceVersion) > Number(evs[1].object.metadata.resourceVersion));
    assert.equal(s.activeWatches(), 2);

    // replay history: a watch from the list rv sees the same three events
    const replay = await openWatch(s, `/api/v1/watch/namespaces/default/pods?resourceVersion=${rv}`);
    assert.deepEqual((await replay.next(3)).map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);

    // label selector: leaving the selection is a DELETED for that watcher
    s.create('pods', makePod('sel', 'default', { labels: { tier: 'web' } }));
    const lw = await openWatch(s, '/api/v1/pods?watch=true&labelSelector=tier%3Dweb');
    assert.equal((await lw.next(1))[0].type, 'ADDED');
    const p = s.get('pods', 'default', 'sel') as Any;
    p.metadata.labels = { tier: 'db' };
    s.update('pods', p);
    assert.equal((await lw.next(1))[0].type, 'DELETED');
    for (const h of [w, fresh, replay, lw]) h.close();
    const deadline = Date.now() + 2000;
    while (s.activeWatches() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(s.activeWatches(), 0);
  }),
);

test('watch: 410 Expired after compact(), timeoutSeconds, bookmarks', { timeout: 20000 }, () =>
  withServer(async (s) => {
    s.create('pods', makePod('a'));
    const oldRv = (s.get('pods', 'default', 'a') as Any).metadata.resourceVersion;
    s.create('pods', makePod('b'));
    s.compact();
    const w = await openWatch(s, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${oldRv}`);
    const [err] = await w.next(1);
    assert.equal(err.type, 'ERROR');
    assert.equal(err.object.kind, 'Status');
    assert.equal(err.object.code, 410);
    assert.equal(err.object.reason, 'Expired');
    assert.match(err.object.message, /^too old resource version: \d+ \(\d+\)$/);
    await withTimeout(w.ended, 2000, 'stream end after 410');

    const current = (await getJson(s, '/api/v1/namespaces/default/pods')).body.metadata.resourceVersion;
    const ok = await openWatch(s, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${current}&timeoutSeconds=1&allowWatchBookmarks=true`);
    const noBm = await openWatch(s, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${current}`);
    s.bookmark();
    const [bm] = await ok.next(1);
    assert.equal(bm.type, 'BOOKMARK');
    assert.equal(bm.object.kind, 'Pod');
    assert.equal(bm.object.metadata.resourceVersion, current);
    const t = Date.now();
    await withTimeout(ok.ended, 3000, 'timeoutSeconds');
    assert.ok(Date.now() - t < 2500);
    s.create('pods', makePod('c'));
    const [ev] = await noBm.next(1);
    assert.equal(ev.type, 'ADDED'); // the bookmark was not sent to it
    noBm.close();
  }),
);

test('403 Forbidden with a proper Status, per resource and per namespace', { timeout: 20000 }, () =>
  withServer(async (s) => {
    s.forbid('secrets');
    const r = await getJson(s, '/api/v1/namespaces/default/secrets');
    assert.equal(r.status, 403);
    assert.equal(r.body.kind, 'Status');
    assert.equal(r.body.reason, 'Forbidden');
    assert.equal(r.body.code, 403);
    assert.equal(r.body.message, 'secrets is forbidden: User "fake" cannot list resource "secrets" in API group "" in the namespace "default"');
    const w = await getJson(s, '/api/v1/namespaces/default/secrets?watch=true');
    assert.equal(w.status, 403);
    assert.match(w.body.message, /cannot watch/);
    s.forbid('deployments', 'kube-system');
    assert.equal((await getJson(s, '/apis/apps/v1/namespaces/default/deployments')).status, 200);
    const d = await getJson(s, '/apis/apps/v1/namespaces/kube-system/deployments');
    assert.equal(d.status, 403);
    assert.match(d.body.message, /in API group "apps" in the namespace "kube-system"/);
    const cluster = await getJson(s, '/apis/apps/v1/deployments');
    assert.equal(cluster.status, 403);
    assert.match(cluster.body.message, /at the cluster scope/);
    s.allow('secrets');
    assert.equal((await getJson(s, '/api/v1/namespaces/default/secrets')).status, 200);
  }),
);

test('fault injection: failNext, delay, dropped watches', { timeout: 20000 }, () =>
  withServer(async (s) => {
    s.faults.failNext = { status: 500, count: 2 };
    const a = await getJson(s, '/api/v1/namespaces/default/pods');
    const b = await getJson(s, '/api/v1/namespaces/default/pods');
    const c = await getJson(s, '/api/v1/namespaces/default/pods');
    assert.deepEqual([a.status, b.status, c.status], [500, 500, 200]);
    assert.equal(a.body.kind, 'Status');
    assert.equal(a.body.reason, 'InternalError');

    s.faults.delayMs = 150;
    let t = Date.now();
    await getJson(s, '/version');
    assert.ok(Date.now() - t >= 140);
    s.faults.delayMs = 0;

    const w = await openWatch(s, '/api/v1/namespaces/default/pods?watch=true');
    s.faults.dropWatchesAfterMs = 200; // applies to already-open watches too
    t = Date.now();
    await withTimeout(w.ended, 3000, 'dropped watch');
    assert.ok(Date.now() - t < 2000);
    assert.equal(s.activeWatches(), 0);
    s.faults = {};
    const w2 = await openWatch(s, '/api/v1/namespaces/default/pods?watch=true');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(w2.isEnded(), false);
    w2.close();
    assert.ok(s.requests.some((r) => r.path === '/api/v1/namespaces/default/pods' && r.query === 'watch=true'));
  }),
);

test('HTTP CRUD: POST/409, GET/404, PUT conflict, PATCH, scale, DELETE', { timeout: 20000 }, () =>
  withServer(async (s) => {
    const base = '/apis/apps/v1/namespaces/default/deployments';
    const json = (method: string, body: unknown, ctype = 'application/json') => ({
      method,
      headers: { 'Content-Type': ctype },
      body: JSON.stringify(body),
    });
    const created = await getJson(s, base, json('POST', makeDeployment('web', 'default', 2)));
    assert.equal(created.status, 201);
    assert.equal(created.body.kind, 'Deployment');
    assert.equal(created.body.metadata.generation, 1);
    const dup = await getJson(s, base, json('POST', makeDeployment('web')));
    assert.equal(dup.status, 409);
    assert.equal(dup.body.reason, 'AlreadyExists');
    const nf = await getJson(s, `${base}/nope`);
    assert.equal(nf.status, 404);
    assert.equal(nf.body.reason, 'NotFound');
    assert.equal(nf.body.message, 'deployments.apps "nope" not found');
    const noNs = await getJson(s, '/api/v1/namespaces/missing/pods', json('POST', makePod('x', 'missing')));
    assert.equal(noNs.status, 404);

    const stale = { ...created.body, metadata: { ...created.body.metadata, resourceVersion: '1' } };
    assert.equal((await getJson(s, `${base}/web`, json('PUT', stale))).status, 409);
    const put = await getJson(s, `${base}/web`, json('PUT', { ...created.body, spec: { ...created.body.spec, paused: true } }));
    assert.equal(put.status, 200);
    assert.equal(put.body.metadata.generation, 2);

    const merge = await getJson(s, `${base}/web`, json('PATCH', { metadata: { labels: { extra: 'yes' } } }, 'application/merge-patch+json'));
    assert.equal(merge.body.metadata.labels.extra, 'yes');
    assert.equal(merge.body.metadata.labels.app, 'web');
    const smp = await getJson(
      s,
      `${base}/web`,
      json('PATCH', { spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:2' }] } } } }, 'application/strategic-merge-patch+json'),
    );
    assert.equal(smp.body.spec.template.spec.containers[0].image, 'nginx:2');
    const jp = await getJson(s, `${base}/web`, json('PATCH', [{ op: 'replace', path: '/spec/replicas', value: 4 }], 'application/json-patch+json'));
    assert.equal(jp.body.spec.replicas, 4);

    const scale = await getJson(s, `${base}/web/scale`);
    assert.equal(scale.body.kind, 'Scale');
    assert.equal(scale.body.spec.replicas, 4);
    assert.equal(scale.body.status.selector, 'app=web');
    const scaled = await getJson(s, `${base}/web/scale`, json('PATCH', { spec: { replicas: 7 } }, 'application/merge-patch+json'));
    assert.equal(scaled.body.spec.replicas, 7);
    const putScale = await getJson(s, `${base}/web/scale`, json('PUT', { ...scaled.body, spec: { replicas: 1 } }));
    assert.equal(putScale.status, 200);
    assert.equal((s.get('deployments', 'default', 'web') as Any).spec.replicas, 1);

    const del = await getJson(s, `${base}/web`, { method: 'DELETE' });
    assert.equal(del.status, 200);
    assert.equal(del.body.metadata.name, 'web');
    assert.equal(s.get('deployments', 'default', 'web'), undefined);
    assert.equal((await getJson(s, `${base}/web`, { method: 'DELETE' })).status, 404);

    // cluster-scoped resources
    const node = await getJson(s, '/api/v1/nodes', json('POST', { metadata: { name: 'n1' } }));
    assert.equal(node.status, 201);
    assert.equal(node.body.metadata.namespace, undefined);
    assert.equal((await getJson(s, '/api/v1/nodes/n1')).body.kind, 'Node');
  }),
);

test('Table output for kubectl-style Accept headers', { timeout: 20000 }, () =>
  withServer(async (s) => {
    s.create('pods', makePod('t1', 'default', { restarts: 3, waitingReason: 'CrashLoopBackOff' }));
    const r = await getJson(s, '/api/v1/namespaces/default/pods?limit=500', {
      headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json' },
    });
    assert.equal(r.body.kind, 'Table');
    assert.deepEqual(
      r.body.columnDefinitions.filter((c: Any) => c.priority === 0).map((c: Any) => c.name),
      ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
    );
    assert.deepEqual(r.body.rows[0].cells.slice(0, 4), ['t1', '0/1', 'CrashLoopBackOff', '3']);
    assert.equal(r.body.rows[0].object.kind, 'PartialObjectMetadata');
  }),
);

// ---------------------------------------------------------------------------
// @kubernetes/client-node

test('@kubernetes/client-node: list and watch', { timeout: 20000 }, () =>
  withServer(
    async (s) => {
      const k8s = await import('@kubernetes/client-node');
      s.create('pods', makePod('one'));
      s.create('pods', makePod('two'));
      const kc = new k8s.KubeConfig();
      kc.loadFromFile(s.kubeconfigPath);
      assert.equal(kc.getCurrentContext(), 'fake');
      assert.equal(kc.getContextObject('fake')?.namespace, 'default');
      const core = kc.makeApiClient(k8s.CoreV1Api);
      const list = await core.listNamespacedPod({ namespace: 'default' });
      assert.deepEqual(list.items.map((p) => p.metadata?.name), ['one', 'two']);
      const rv = list.metadata?.resourceVersion;

      const events: { type: string; name?: string }[] = [];
      let doneErr: unknown = 'not called';
      const watch = new k8s.Watch(kc);
      const controller = await watch.watch(
        '/api/v1/namespaces/default/pods',
        { resourceVersion: rv, allowWatchBookmarks: true },
        (type: string, obj: Any) => events.push({ type, name: obj?.metadata?.name }),
        (err: unknown) => {
          doneErr = err;
        },
      );
      const deadline0 = Date.now() + 2000;
      while (s.activeWatches() === 0 && Date.now() < deadline0) await new Promise((r) => setTimeout(r, 10));
      s.create('pods', makePod('three'));
      s.remove('pods', 'default', 'one');
      s.bookmark();
      const deadline = Date.now() + 3000;
      while (events.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(events, [
        { type: 'ADDED', name: 'three' },
        { type: 'DELETED', name: 'one' },
        { type: 'BOOKMARK', name: undefined },
      ]);
      // errors surface as ApiException with the Status body
      s.forbid('pods');
      await assert.rejects(core.listNamespacedPod({ namespace: 'default' }), (e: Any) => e.code === 403);
      s.allow('pods');
      assert.equal(doneErr, 'not called');
      controller.abort();
      const deadline2 = Date.now() + 2000;
      while (s.activeWatches() > 0 && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 10));
      assert.equal(s.activeWatches(), 0);
    },
    { token: 'tok-123' },
  ),
);

test('@kubernetes/client-node informer: dropped watch errors, restart relists after 410', { timeout: 20000 }, () =>
  withServer(async (s) => {
    const k8s = await import('@kubernetes/client-node');
    s.create('pods', makePod('a'));
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(s.kubeconfigPath);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const inf = k8s.makeInformer(kc, '/api/v1/namespaces/default/pods', () => core.listNamespacedPod({ namespace: 'default' }));
    const errors: string[] = [];
    inf.on('error', (e: Any) => errors.push(String(e?.message ?? e)));
    const until = async (cond: () => boolean, what: string) => {
      const deadline = Date.now() + 3000;
      while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.ok(cond(), what);
    };
    await inf.start();
    await until(() => s.activeWatches() === 1, 'informer watching');
    s.faults.dropWatchesAfterMs = 50; // abrupt drop: client-node reports it as an error and stops
    await until(() => errors.length > 0 && s.activeWatches() === 0, 'drop reported');
    s.faults.dropWatchesAfterMs = undefined;
    assert.match(errors[0], /Premature close/);
    s.create('pods', makePod('b'));
    s.compact(); // the informer's resourceVersion is now too old: 410 ERROR event, then a fresh list
    const lists = s.requests.filter((r) => r.query === '').length;
    await inf.start();
    await until(() => s.requests.filter((r) => r.query === '').length > lists && s.activeWatches() === 1, 'relisted and watching');
    s.remove('pods', 'default', 'a');
    await until(() => inf.list().length === 1, 'delete seen');
    assert.deepEqual(inf.list().map((p) => p.metadata?.name), ['b']);
    await inf.stop();
  }),
);

// ---------------------------------------------------------------------------
// kubectl

test('kubectl get/delete/apply/scale against the fake server', { timeout: 90000 }, async (t) => {
  const missing = kubectlMissing();
  if (missing) {
    t.skip(`kubectl not found: ${missing}`);
    return;
  }
  const cache = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  try {
    await withServer(
      async (s) => {
        s.create('pods', makePod('alpha'));
        s.create('pods', makePod('beta', 'default', { phase: 'Pending', waitingReason: 'ImagePullBackOff' }));
        s.create('pods', makePod('gamma', 'kube-system'));
        s.create('deployments', makeDeployment('web', 'default', 3));
        const kc = s.kubeconfigPath;

        const j = await kubectl(['get', 'pods', '-n', 'default', '-o', 'json'], kc, cache);
        assert.equal(j.code, 0, j.stderr);
        assert.deepEqual(JSON.parse(j.stdout).items.map((p: Any) => p.metadata.name), ['alpha', 'beta']);

        const table = await kubectl(['get', 'pods'], kc, cache);
        assert.equal(table.code, 0, table.stderr);
        const lines = table.stdout.trim().split('\n');
        assert.match(lines[0], /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
        assert.match(lines[1], /^alpha\s+1\/1\s+Running\s+0\s+/);
        assert.match(lines[2], /^beta\s+0\/1\s+ImagePullBackOff\s+0\s+/);

        const all = await kubectl(['get', 'pods', '-A', '-o', 'name'], kc, cache);
        assert.deepEqual(all.stdout.trim().split('\n'), ['pod/alpha', 'pod/beta', 'pod/gamma']);

        const deps = await kubectl(['get', 'deployments'], kc, cache);
        assert.equal(deps.code, 0, deps.stderr);
        assert.match(deps.stdout, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
        assert.match(deps.stdout, /\nweb\s+3\/3\s+3\s+3\s+/);

        const del = await kubectl(['delete', 'pod', 'alpha'], kc, cache);
        assert.equal(del.code, 0, del.stderr);
        assert.match(del.stdout, /pod "alpha" deleted/);
        assert.equal(s.get('pods', 'default', 'alpha'), undefined);

        const scale = await kubectl(['scale', 'deployment', 'web', '--replicas=5'], kc, cache);
        assert.equal(scale.code, 0, scale.stderr);
        assert.equal((s.get('deployments', 'default', 'web') as Any).spec.replicas, 5);

        const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } });
        const apply1 = await kubectl(['apply', '-f', '-'], kc, cache, manifest);
        assert.equal(apply1.code, 0, apply1.stderr);
        assert.match(apply1.stdout, /configmap\/cfg created/);
        const apply2 = await kubectl(['apply', '-f', '-'], kc, cache, manifest.replace('"1"', '"2"'));
        assert.equal(apply2.code, 0, apply2.stderr);
        assert.match(apply2.stdout, /configmap\/cfg configured/);
        assert.equal((s.get('configmaps', 'default', 'cfg') as Any).data.a, '2');

        s.forbid('secrets');
        const forbidden = await kubectl(['get', 'secrets'], kc, cache);
        assert.notEqual(forbidden.code, 0);
        assert.match(forbidden.stderr, /Forbidden.*cannot list resource "secrets"/);
      },
      // no token: client-go never sends credentials over plain http
      {},
    );
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------
// CLI

test('fake-apiserver-cli: ready line and stdin commands', { timeout: 60000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-cli-'));
  const kubeconfig = join(dir, 'kc.yaml');
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/fake-apiserver-cli.ts', '--port', '0', '--pods', '4', '--kubeconfig', kubeconfig, '--forbid', 'secrets'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const lines: Any[] = [];
    let wake: (() => void) | undefined;
    createInterface({ input: child.stdout }).on('line', (l) => {
      lines.push(JSON.parse(l));
      wake?.();
    });
    const nextLine = async (i: number): Promise<Any> => {
      const deadline = Date.now() + 30000;
      while (lines.length <= i && Date.now() < deadline) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, 200);
          wake = () => {
            clearTimeout(t);
            r();
          };
        });
      }
      assert.ok(lines.length > i, 'no line from the CLI');
      return lines[i];
    };
    const ready = await nextLine(0);
    assert.equal(ready.ready, true);
    assert.equal(ready.kubeconfig, kubeconfig);
    assert.match(readFileSync(kubeconfig, 'utf8'), new RegExp(ready.url.replace(/\./g, '\\.')));
    const list = await (await fetch(`${ready.url}/api/v1/namespaces/default/pods`)).json();
    assert.equal((list).items.length, 4);
    assert.equal((await fetch(`${ready.url}/api/v1/namespaces/default/secrets`)).status, 403);

    child.stdin.write(JSON.stringify({ id: 1, op: 'create', resource: 'pods', object: makePod('from-stdin') }) + '\n');
    const created = await nextLine(1);
    assert.equal(created.id, 1);
    assert.equal(created.ok, true);
    assert.equal(created.result.metadata.name, 'from-stdin');
    child.stdin.write(JSON.stringify({ id: 2, op: 'remove', resource: 'pods', namespace: 'default', name: 'pod-0' }) + '\n');
    assert.equal((await nextLine(2)).ok, true);
    child.stdin.write(JSON.stringify({ id: 3, op: 'allow', resource: 'secrets' }) + '\n');
    assert.equal((await nextLine(3)).ok, true);
    child.stdin.write(JSON.stringify({ id: 4, op: 'remove', resource: 'pods', namespace: 'default', name: 'nope' }) + '\n');
    const failed = await nextLine(4);
    assert.equal(failed.ok, false);
    const after = (await (await fetch(`${ready.url}/api/v1/namespaces/default/pods`)).json());
    assert.deepEqual(after.items.map((p: Any) => p.metadata.name).sort(), ['from-stdin', 'pod-1', 'pod-2', 'pod-3']);
    assert.equal((await fetch(`${ready.url}/api/v1/namespaces/default/secrets`)).status, 200);
  } finally {
    child.kill('SIGTERM');
    await withTimeout(new Promise((r) => child.once('exit', r)), 10000, 'cli exit').catch(() => child.kill('SIGKILL'));
    rmSync(dir, { recursive: true, force: true });
  }
});
