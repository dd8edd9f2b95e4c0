// The cluster connection: "live" only once a watch answers, dead connections noticed,
// 410 loops backed off, one-off requests and credential plugins bounded, Helm as metadata.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiServer, makePod, kubeconfigYaml, type FakeApiServer } from '../fixtures/fake-apiserver';
import { startFreezingProxy } from '../fixtures/freezing-proxy';
import { transportFor, waitFor } from './helpers/clusterTest';
import { requireKind } from '../../src/cluster/resources';
import { WatchHub } from '../../src/cluster/watchHub';
import type { WatchOptions } from '../../src/cluster/watchCache';
import { realTimers, type Timers } from '../../src/cluster/timers';
import { requestJson, type KubeTransport } from '../../src/cluster/transport';
import { deleteObject, getObject } from '../../src/cluster/actions';
import { CancelledError } from '../../src/cluster/abort';
import { applyCredentials, limitCredentialPlugins } from '../../src/cluster/credentials';

const pods = requireKind('pod');
const helm = requireKind('helmrelease');
/** Real timers, but every wait is cut to at most 50 ms: the cache's own delays (stale after 5 s) shrink. */
const SHORT: Timers = { ...realTimers, setTimeout: (callback, ms) => realTimers.setTimeout(callback, Math.min(ms, 50)) };
const FAST: WatchOptions = { backoff: { initialMs: 20, maxMs: 200 }, batchMs: 10 };

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function startServer(): Promise<FakeApiServer> {
  const server = await startFakeApiServer();
  cleanups.push(() => server.close());
  return server;
}

function hubFor(transport: KubeTransport, options: WatchOptions): WatchHub {
  const hub = new WatchHub(transport, options);
  cleanups.push(() => hub.dispose());
  return hub;
}

test('the cache reports ready only once a watch has answered, not right after the list', async () => {
  const server = await startServer();
  server.create('pods', makePod('web'));
  const real = await transportFor(server.kubeconfigPath);
  let openGate!: () => void;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const gated: KubeTransport = {
    server: real.server,
    request: async (req) => {
      if (req.query?.watch) await gate;
      return real.request(req);
    },
  };
  const sub = hubFor(gated, FAST).subscribe(pods, 'default');
  await waitFor(() => sub.cache.size === 1, 5000, 'list');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(sub.cache.status.phase, 'loading', 'listed but not watching yet');
  openGate();
  await waitFor(() => sub.cache.status.phase === 'ready', 5000, 'ready after the watch answered');
  sub.dispose();
});

test('a silently dead connection is noticed: the idle watch is abandoned and the cache shows it is stale', async () => {
  const server = await startServer();
  server.create('pods', makePod('web'));
  const proxy = await startFreezingProxy(server.url);
  cleanups.push(() => proxy.close());
  const dir = mkdtempSync(join(tmpdir(), 'sec-cluster-'));
  writeFileSync(join(dir, 'config'), kubeconfigYaml(proxy.url, undefined));
  const hub = hubFor(await transportFor(join(dir, 'config')), { ...FAST, timers: SHORT, watchIdleTimeoutMs: 300 });
  const sub = hub.subscribe(pods, 'default');
  await waitFor(() => sub.cache.status.phase === 'ready', 5000, 'ready');
  proxy.freeze();
  const frozenAt = Date.now();
  await waitFor(() => sub.cache.status.phase === 'reconnecting', 5000, 'reconnecting');
  assert.ok(Date.now() - frozenAt < 3000);
  assert.equal(sub.cache.size, 1, 'what was known stays shown');
  sub.dispose();
});

test('a quiet but healthy watch is resumed after the idle timeout without listing again', async () => {
  const server = await startServer();
  const hub = hubFor(await transportFor(server.kubeconfigPath), { ...FAST, watchIdleTimeoutMs: 200 });
  const sub = hub.subscribe(pods, 'default');
  const watches = () => server.requests.filter((r) => r.path === '/api/v1/namespaces/default/pods' && r.query.includes('watch=')).length;
  await waitFor(() => watches() >= 3, 5000, 'resumed watches');
  assert.equal(sub.cache.stats.lists, 1);
  assert.equal(sub.cache.status.phase, 'ready');
  sub.dispose();
});

test('repeated 410 Gone on a list backs off instead of relisting in a tight loop', async () => {
  const server = await startServer();
  const hub = hubFor(await transportFor(server.kubeconfigPath), { ...FAST, backoff: { initialMs: 200, maxMs: 400 } });
  server.faults.failNext = { status: 410, count: 4 };
  const started = Date.now();
  const sub = hub.subscribe(pods, 'default');
  await waitFor(() => sub.cache.status.phase === 'ready', 10_000, 'ready after the 410s');
  assert.equal(sub.cache.stats.relists, 4);
  // The first 410 relists at once; the next three wait at least 100, 200 and 200 ms.
  assert.ok(Date.now() - started >= 450, `relisted too fast: ${Date.now() - started} ms`);
  sub.dispose();
});

test('Helm releases are listed and watched as metadata only', async () => {
  const server = await startServer();
  server.create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: { name: 'sh.helm.release.v1.web.v1', namespace: 'default', labels: { owner: 'helm', name: 'web', version: '1', status: 'deployed' } },
    data: { release: Buffer.from('x'.repeat(1000)).toString('base64') },
  });
  const real = await transportFor(server.kubeconfigPath);
  const bodies: string[] = [];
  const recording: KubeTransport = {
    server: real.server,
    request: async (req) => {
      const response = await real.request(req);
      if (req.query?.watch) return response;
      const text = await response.text();
      bodies.push(text);
      return { status: response.status, chunks: (async function* () {})(), text: () => Promise.resolve(text) };
    },
  };
  const sub = hubFor(recording, FAST).subscribe(helm, 'default');
  await waitFor(() => sub.cache.status.phase === 'ready' && sub.cache.size === 1, 5000, 'release listed');
  assert.equal([...sub.cache.values()][0].release?.name, 'web');
  const secretRequests = server.requests.filter((r) => r.path === '/api/v1/namespaces/default/secrets');
  assert.ok(secretRequests.length >= 2);
  for (const r of secretRequests) assert.match(r.accept ?? '', /^application\/json;as=PartialObjectMetadata(List)?;g=meta\.k8s\.io;v=v1$/);
  for (const body of bodies) assert.doesNotMatch(body, /"data"|eHh4eHh4/);
  sub.dispose();
});

test('one-off requests end at their time limit or when cancelled', async () => {
  const server = await startServer();
  server.create('pods', makePod('web'));
  const transport = await transportFor(server.kubeconfigPath);
  server.faults.delayMs = 2000;
  const started = Date.now();
  await assert.rejects(requestJson(transport, { path: '/api/v1/namespaces' }, 'namespaces', { timeoutMs: 150 }), /No answer from the API server within/);
  assert.ok(Date.now() - started < 1500);
  const abort = new AbortController();
  const pending = getObject(transport, { resource: pods, name: 'web', namespace: 'default' }, { signal: abort.signal });
  setTimeout(() => abort.abort(), 50);
  await assert.rejects(pending, CancelledError);
  server.faults.delayMs = undefined;
});

test('a name the API server would not accept never reaches a URL (".." would climb to the collection)', async () => {
  const server = await startServer();
  const transport = await transportFor(server.kubeconfigPath);
  const before = server.requests.length;
  await assert.rejects(deleteObject(transport, { resource: pods, name: '..', namespace: 'default' }), /not a valid Pod name/);
  await assert.rejects(deleteObject(transport, { resource: pods, name: 'web', namespace: '..' }), /not a valid namespace/);
  assert.equal(server.requests.length, before);
});

test('a hung exec credential plugin is killed at its time limit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sec-cluster-exec-'));
  const pidFile = join(dir, 'pid');
  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]',
      'contexts: [{ name: c, context: { cluster: c, user: u } }]',
      'current-context: c',
      'users:',
      '- name: u',
      '  user:',
      '    exec:',
      '      apiVersion: client.authentication.k8s.io/v1beta1',
      '      command: /bin/sh',
      `      args: ["-c", "echo $$ > ${pidFile}; exec sleep 30"]`,
      '      interactiveMode: Never',
    ].join('\n'),
  );
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  limitCredentialPlugins(kc, 300);
  const started = Date.now();
  await assert.rejects(applyCredentials(kc, {}, undefined, 300), /did not answer within/);
  assert.ok(Date.now() - started < 2000);
  await waitFor(() => existsSync(pidFile), 2000, 'pid file');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  await waitFor(() => !isAlive(pid), 3000, 'plugin killed');
  // Cancelling also ends the wait at once.
  const abort = new AbortController();
  const pending = applyCredentials(kc, {}, abort.signal, 10_000);
  abort.abort();
  await assert.rejects(pending, CancelledError);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
