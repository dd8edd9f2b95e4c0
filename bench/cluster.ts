// Cluster tree benchmark against the in-process fake API server with 10,000 pods in one namespace.
//
// Usage: node --expose-gc --import tsx bench/cluster.ts [--pods N] [--events N]
//
// - expand: from subscribing the pods cache of a namespace (what the tree provider does when
//   the pods node is expanded) to the first children (pages) the tree model returns after the
//   hub's change notification;
// - watch: from a write on the server to the hub's change notification (200 sequential updates);
// - memory: heap held by the cache, per 1,000 pods;
// - peer: `kubectl get pods -o json` against the same server, in the same run.
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiServer, makePod, type FakeApiServer } from '../test/fixtures/fake-apiserver';
import { loadKubeconfig } from '../src/cluster/kubeconfig';
import { requireKind } from '../src/cluster/resources';
import { WatchHub, type CacheSubscription } from '../src/cluster/watchHub';
import { childNodes, type CacheLookup, type TreeNode } from '../src/cluster/treeModel';
import { presentNode } from '../src/cluster/treePresentation';
import type { KubeTransport } from '../src/cluster/transport';
import { emit, figure, log, now, percentile, round, summary } from './stats.mjs';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const PODS = opt('--pods', 10_000);
const EVENTS = opt('--events', 200);
const EXPAND_SAMPLES = opt('--expand-samples', 5);
const KUBECTL_SAMPLES = opt('--kubectl-samples', 3);
const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
const pods = requireKind('pod');
const gc = (globalThis as { gc?: () => void }).gc;

function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

async function transportFor(kubeconfigPath: string): Promise<KubeTransport> {
  const loaded = await loadKubeconfig({ env: { KUBECONFIG: kubeconfigPath }, homeDir: '/nonexistent', exists: existsSync });
  if (loaded.kind !== 'loaded') throw new Error(`cannot load the fake server's kubeconfig: ${JSON.stringify(loaded)}`);
  return loaded.session.transport();
}

/** The pods node of the current namespace, as the tree model builds it. */
function podsNode(): TreeNode {
  const context: TreeNode = { type: 'context', id: 'ctx:fake', context: 'fake', namespace: 'default' };
  const namespace = childNodes(context, () => undefined)[0];
  const node = childNodes(namespace, () => undefined).find((n) => n.type === 'kind' && n.resource.id === 'pod');
  if (!node) throw new Error('the tree model has no pods node under a namespace');
  return node;
}

/** Subscribes like the tree provider and resolves with the first real children and the time taken. */
async function expand(hub: WatchHub, node: TreeNode): Promise<{ ms: number; wholeMs: number; children: TreeNode[]; sub: CacheSubscription }> {
  const t0 = now();
  const sub = hub.subscribe(pods, 'default');
  const lookup: CacheLookup = (resource, namespace) => (resource.id === pods.id && namespace === 'default' ? sub.cache : undefined);
  // The provider answers at once (a "Loading" node), then asks again on each change notification.
  let children = childNodes(node, lookup);
  const done = new Promise<TreeNode[]>((resolve) => {
    const listener = hub.onDidChange(() => {
      const next = childNodes(node, lookup);
      if (next.some((c) => c.type === 'item')) {
        listener.dispose();
        resolve(next);
      }
    });
  });
  children = await deadline(done, 60_000, 'first children of the pods node');
  const ms = now() - t0;
  for (const child of children) presentNode(child, lookup);
  // The first page shows at once; the rest of the list streams in.
  const complete = new Promise<void>((resolve) => {
    if (sub.cache.status.phase === 'ready') return resolve();
    const listener = hub.onDidChange(() => {
      if (sub.cache.status.phase !== 'ready') return;
      listener.dispose();
      resolve();
    });
  });
  await deadline(complete, 60_000, 'the whole list of pods');
  return { ms, wholeMs: now() - t0, children, sub };
}

function runKubectl(kubeconfig: string, cacheDir: string): Promise<{ ms: number; bytes: number; items: number }> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn(KUBECTL!, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, 'get', 'pods', '-n', 'default', '-o', 'json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, KUBECONFIG: kubeconfig },
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (e) => (clearTimeout(timer), reject(e)));
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = now() - t0;
      if (code !== 0) return reject(new Error(`kubectl exited ${code}: ${stderr.slice(0, 500)}`));
      const body = Buffer.concat(chunks);
      const items = (JSON.parse(body.toString('utf8')) as { items: unknown[] }).items.length;
      resolve({ ms, bytes: body.length, items });
    });
  });
}

function requestRaw(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let head = '';
        res.on('data', (c: Buffer) => {
          if (head.length < 400) head += c.toString('utf8', 0, 400);
        });
        res.on('end', () => resolve(head));
      })
      .on('error', reject);
  });
}

function heapAfterGc(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  if (!gc) throw new Error('run with node --expose-gc');
  let server: FakeApiServer | undefined;
  let hub: WatchHub | undefined;
  const cacheDir = mkdtempSync(join(tmpdir(), 'bench-kubectl-cache-'));
  try {
    server = await startFakeApiServer();
    const t0 = now();
    for (let i = 0; i < PODS; i++) server.create('pods', makePod(`pod-${String(i).padStart(5, '0')}`, 'default'));
    log(`cluster: ${PODS} pods created in the fake server in ${round(now() - t0)} ms`);
    const transport = await transportFor(server.kubeconfigPath); // loads client-node (the tree does this before any expand)
    const node = podsNode();

    // Expand: one warm-up, then cold caches each time (a new hub lists everything again).
    const expandTimes: number[] = [];
    const wholeTimes: number[] = [];
    for (let i = 0; i < 1 + EXPAND_SAMPLES; i++) {
      const h = new WatchHub(transport);
      try {
        const r = await expand(h, node);
        if (r.children.length === 0 || r.sub.cache.size !== PODS) throw new Error(`expected ${PODS} pods, the cache holds ${r.sub.cache.size}`);
        if (i > 0) {
          expandTimes.push(r.ms);
          wholeTimes.push(r.wholeMs);
        }
      } finally {
        h.dispose();
      }
    }
    const expandStats = summary(expandTimes);
    const wholeStats = summary(wholeTimes);
    // The fake server shares this thread: its share of an expand is the same paged list
    // fetched with plain node:http, bodies discarded (no JSON.parse, no summaries).
    const serverOnly: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = now();
      let token: string | undefined;
      do {
        const page = await requestRaw(`${server.url}/api/v1/namespaces/default/pods?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
        token = /"continue":"([^"]*)"/.exec(page.slice(0, 400))?.[1] || undefined;
      } while (token);
      serverOnly.push(now() - t);
    }
    log(`cluster: expand ${round(expandStats.median)} ms to the first rows, ${round(wholeStats.median)} ms to the whole list (median of ${expandTimes.length})`);

    // Memory held by one cache of PODS pods.
    const before = heapAfterGc();
    hub = new WatchHub(transport);
    const held = await expand(hub, node);
    const after = heapAfterGc();
    const perThousand = (after - before) / (PODS / 1000) / 1e6;
    log(`cluster: cache heap ${round((after - before) / 1048576)} MiB for ${held.sub.cache.size} pods`);

    // The rows an expand shows (the first 500 and a "more" row) with their presentation, for information.
    const lookup: CacheLookup = () => held.sub.cache;
    const pageTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = now();
      for (const item of childNodes(node, lookup)) presentNode(item, lookup);
      pageTimes.push(now() - t);
    }

    // Watch latency: write on the server -> hub change notification, sequential.
    const deadlineAt = Date.now() + 10_000;
    while (server.activeWatches() < 1 && Date.now() < deadlineAt) await new Promise((r) => setTimeout(r, 10));
    if (server.activeWatches() < 1) throw new Error('the cache never started its watch');
    const latencies: number[] = [];
    for (let i = 0; i < 10 + EVENTS; i++) {
      const name = `pod-${String((i * 37) % PODS).padStart(5, '0')}`;
      const notified = new Promise<number>((resolve) => {
        const l = hub!.onDidChange((keys) => {
          if (!keys.has(held.sub.key)) return;
          l.dispose();
          resolve(now());
        });
      });
      const t = now();
      server.update('pods', makePod(name, 'default', { restarts: i + 1 }));
      const at = await deadline(notified, 5_000, `change notification for event ${i}`);
      if (i >= 10) latencies.push(at - t);
      await new Promise((r) => setTimeout(r, 2));
    }
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    log(`cluster: watch event -> notification p50 ${round(p50)} ms, p99 ${round(p99)} ms`);

    // Peer: kubectl get pods -o json against the same server.
    const figures = [
      figure(`Cluster: expand pods node to first children (${PODS} pods, cold cache)`, expandStats, 'ms', 500, 'lower'),
      figure(`Cluster: expand pods node to the whole list (${PODS} pods, cold cache)`, wholeStats, 'ms', null),
      figure('Cluster: watch event to change notification, p50', { median: p50, min: Math.min(...latencies), max: Math.max(...latencies) }, 'ms', 100, 'lower'),
      figure('Cluster: watch event to change notification, p99', { median: p99, min: Math.min(...latencies), max: Math.max(...latencies) }, 'ms', 250, 'lower'),
      figure('Cluster: cache heap per 1,000 pods', perThousand, 'MB', 1, 'lower'),
    ];
    const notes: string[] = [];
    let kubectl: { ms: number[]; bytes: number } | undefined;
    if (!KUBECTL) {
      notes.push('cluster: kubectl not found: the peer comparison was skipped');
    } else {
      const warm = await runKubectl(server.kubeconfigPath, cacheDir); // fills the discovery cache
      if (warm.items !== PODS) throw new Error(`kubectl listed ${warm.items} pods, expected ${PODS}`);
      const times: number[] = [];
      for (let i = 0; i < KUBECTL_SAMPLES; i++) times.push((await runKubectl(server.kubeconfigPath, cacheDir)).ms);
      kubectl = { ms: times, bytes: warm.bytes };
      const k = summary(times);
      log(`cluster: kubectl get pods -o json ${round(k.median)} ms (median of ${times.length}, ${(warm.bytes / 1048576).toFixed(1)} MiB of JSON)`);
      figures.push(
        figure('Cluster: kubectl get pods -o json time / our whole list time (same server)', { median: k.median / wholeStats.median, min: k.min / wholeStats.max, max: k.max / wholeStats.min }, 'x', 5, 'higher'),
      );
    }
    emit({
      figures,
      notes,
      breakdown: {
        cluster: {
          pods: PODS,
          expandMs: expandStats,
          wholeListMs: wholeStats,
          serverShareOfExpandMs: summary(serverOnly),
          firstChildren: held.children.length,
          pageOf500WithPresentationMs: summary(pageTimes),
          cacheHeapMB: round((after - before) / 1e6),
          watchLatencyMs: { p50: round(p50), p90: round(percentile(latencies, 90)), p99: round(p99), max: round(Math.max(...latencies)), batchWindowMs: 30 },
          kubectlMs: kubectl ? summary(kubectl.ms) : undefined,
          kubectlJsonBytes: kubectl?.bytes,
        },
      },
    });
  } finally {
    hub?.dispose();
    await server?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
