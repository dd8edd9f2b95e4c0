// The fake API server's controllers, driven by the real kubectl as the course drives a cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiServer, type FakeApiServer } from '../fixtures/fake-apiserver';
import { kubectl, kubectlMissing } from '../fixtures/run-kubectl';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function withServer(t: { after(fn: () => Promise<void> | void): void }, options: Parameters<typeof startFakeApiServer>[0]): Promise<{ server: FakeApiServer; run: (args: string[]) => ReturnType<typeof kubectl> }> {
  const server = await startFakeApiServer(options);
  const cache = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  t.after(async () => {
    await server.close();
    rmSync(cache, { recursive: true, force: true });
  });
  return { server, run: (args) => kubectl(args, server.kubeconfigPath, cache) };
}

const skip = kubectlMissing();

test('kubectl create deployment: a ReplicaSet, pods Pending then Running and ready, deployment 2/2', { skip, timeout: 60000 }, async (t) => {
  const { server, run } = await withServer(t, { controllers: { podStartMs: 200 } });
  const created = await run(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
  assert.equal(created.code, 0, created.stderr);
  const pending = await until('pending pods', () => {
    const pods = server.list('pods', 'default') as Obj[];
    return pods.length === 2 ? pods : undefined;
  });
  assert.ok(pending.every((p) => p.metadata.name.startsWith('web-') && p.metadata.ownerReferences[0].kind === 'ReplicaSet'));
  const deployment = await until('deployment ready', () => {
    const d = server.get('deployments', 'default', 'web') as Obj;
    return d.status?.availableReplicas === 2 ? d : undefined;
  });
  assert.equal(deployment.status.readyReplicas, 2);
  const rs = server.list('replicasets', 'default') as Obj[];
  assert.equal(rs.length, 1);
  assert.equal(rs[0].status.readyReplicas, 2);
  const pods = server.list('pods', 'default') as Obj[];
  assert.ok(pods.every((p) => p.status.phase === 'Running' && p.status.containerStatuses[0].ready === true));

  // kubectl sees the same thing.
  const status = await run(['rollout', 'status', 'deployment', 'web', '--timeout=10s']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /successfully rolled out/);

  // Scaling down removes pods; deleting the deployment removes what it owned.
  assert.equal((await run(['scale', 'deployment', 'web', '--replicas=1'])).code, 0);
  await until('one pod', () => ((server.list('pods', 'default') as Obj[]).length === 1 ? true : undefined));
  assert.equal((await run(['delete', 'deployment', 'web'])).code, 0);
  await until('nothing left', () => ((server.list('pods', 'default') as Obj[]).length + (server.list('replicasets', 'default') as Obj[]).length === 0 ? true : undefined));
});

test('an image that cannot be pulled: ErrImagePull, then ImagePullBackOff with a Warning event', { skip, timeout: 60000 }, async (t) => {
  const { server, run } = await withServer(t, { controllers: { podStartMs: 100, backOffMs: 300 } });
  assert.equal((await run(['run', 'broken', '--image=nginx:does-not-exist'])).code, 0);
  const reasonOf = () => (server.get('pods', 'default', 'broken') as Obj).status?.containerStatuses?.[0]?.state?.waiting?.reason as string | undefined;
  await until('ErrImagePull', () => (reasonOf() === 'ErrImagePull' ? true : undefined));
  await until('ImagePullBackOff', () => (reasonOf() === 'ImagePullBackOff' ? true : undefined));
  const warnings = (server.list('events', 'default') as Obj[]).filter((e) => e.type === 'Warning' && e.involvedObject.name === 'broken');
  assert.ok(warnings.some((e) => /Failed to pull image "nginx:does-not-exist"/.test(e.message)), JSON.stringify(warnings));
  const got = await run(['get', 'pod', 'broken']);
  assert.match(got.stdout, /ImagePullBackOff/);

  // A Deployment with that image: pods fail, the deployment never gets available.
  assert.equal((await run(['create', 'deployment', 'bad', '--image=nginx:does-not-exist'])).code, 0);
  await until('deployment pod in back-off', () =>
    (server.list('pods', 'default') as Obj[]).some((p) => p.metadata.name.startsWith('bad-') && p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff') ? true : undefined,
  );
  assert.equal((server.get('deployments', 'default', 'bad') as Obj).status?.availableReplicas ?? 0, 0);
});

test('kubectl expose: the Service gets Endpoints of the ready pods', { skip, timeout: 60000 }, async (t) => {
  const { server, run } = await withServer(t, { controllers: { podStartMs: 100 } });
  assert.equal((await run(['create', 'deployment', 'web', '--image=nginx', '--replicas=2'])).code, 0);
  assert.equal((await run(['expose', 'deployment', 'web', '--port=80'])).code, 0);
  const endpoints = await until('endpoints with 2 addresses', () => {
    const e = server.get('endpoints', 'default', 'web') as Obj | undefined;
    return e?.subsets?.[0]?.addresses?.length === 2 ? e : undefined;
  });
  assert.equal(endpoints.subsets[0].ports[0].port, 80);
});

test('discovery without some groups: kubectl does not see them, the rest works', { skip, timeout: 60000 }, async (t) => {
  const { run } = await withServer(t, { withoutGroupVersions: ['autoscaling/v2', 'policy'] });
  const versions = await run(['api-versions']);
  assert.equal(versions.code, 0, versions.stderr);
  const served = versions.stdout.split('\n');
  assert.ok(served.includes('autoscaling/v1') && served.includes('apps/v1'));
  assert.ok(!served.includes('autoscaling/v2') && !served.some((v) => v.startsWith('policy/')), versions.stdout);
  const pdb = await run(['get', 'poddisruptionbudgets']);
  assert.notEqual(pdb.code, 0);
});

test('without controllers, pods keep the status they were written with', { timeout: 20000 }, async (t) => {
  const server = await startFakeApiServer();
  t.after(() => server.close());
  server.create('pods', { metadata: { name: 'still', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((server.get('pods', 'default', 'still') as Obj).status.phase, 'Pending');
  assert.equal((server.get('pods', 'default', 'still') as Obj).status.containerStatuses, undefined);
});

test('a nodeSelector that matches no node: Pending, PodScheduled False, a FailedScheduling event; a matching one runs', { skip, timeout: 60000 }, async (t) => {
  const { server, run } = await withServer(t, { controllers: { podStartMs: 100 } });
  const overrides = (selector: Record<string, string>) => `--overrides=${JSON.stringify({ spec: { nodeSelector: selector } })}`;
  assert.equal((await run(['run', 'pinned', '--image=nginx', overrides({ disktype: 'ssd' })])).code, 0);
  assert.equal((await run(['run', 'linux', '--image=nginx', overrides({ 'kubernetes.io/os': 'linux' })])).code, 0);
  const event = await until('FailedScheduling', () => (server.list('events', 'default') as Obj[]).find((e) => e.reason === 'FailedScheduling'));
  assert.equal(event.type, 'Warning');
  assert.equal(event.involvedObject.name, 'pinned');
  assert.match(event.message, /didn't match Pod's node affinity\/selector/);
  const pinned = server.get('pods', 'default', 'pinned') as Obj;
  assert.equal(pinned.status.phase, 'Pending');
  assert.equal(pinned.spec.nodeName, undefined);
  assert.deepEqual(pinned.status.conditions.map((c: Obj) => [c.type, c.status, c.reason]), [['PodScheduled', 'False', 'Unschedulable']]);
  await until('the matching pod runs', () => ((server.get('pods', 'default', 'linux') as Obj).status?.phase === 'Running' ? true : undefined));
});

test('a second create of the same name: 409 AlreadyExists, as kubectl prints it', { skip, timeout: 60000 }, async (t) => {
  const { run } = await withServer(t, { controllers: {} });
  assert.equal((await run(['create', 'deployment', 'web', '--image=nginx'])).code, 0);
  const again = await run(['create', 'deployment', 'web', '--image=nginx']);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /deployments\.apps "web" already exists/);
});
