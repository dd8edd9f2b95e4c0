import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiServer } from '../fixtures/fake-apiserver';
import { clusterAddonObjects, seedClusterAddons } from '../fixtures/cluster-addons';
import { clusterDns, metricsApi, nodeReadiness, parseVersion, versionSkew } from '../../src/setup/clusterAddons';
import { overallStatus, runSetupChecks, type CheckId, type CheckResult, type SetupProbe } from '../../src/setup/checks';
import { createNodeProbe } from '../../src/setup/nodeProbe';

function byId(results: CheckResult[]): Record<CheckId, CheckResult> {
  return Object.fromEntries(results.map((r) => [r.id, r])) as Record<CheckId, CheckResult>;
}

/** A kubectl that only answers `version --client -o json`, with the given version. */
function fakeKubectlPath(gitVersion: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'setup-kubectl-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'kubectl');
  writeFileSync(file, `#!/bin/sh\necho '{"clientVersion":{"major":"1","minor":"30","gitVersion":"${gitVersion}"}}'\n`);
  chmodSync(file, 0o755);
  return dir;
}

async function probeFor(options: { addons: boolean; kubectl?: string }): Promise<SetupProbe> {
  const server = await startFakeApiServer();
  after(() => server.close());
  if (options.addons) seedClusterAddons(server);
  const path = options.kubectl ?? fakeKubectlPath('v1.30.2');
  return createNodeProbe({
    environment: { env: { KUBECONFIG: server.kubeconfigPath }, homeDir: '/nonexistent', exists: () => true },
    env: { PATH: path },
    shellIntegration: () => Promise.resolve('active'),
  });
}

test('a bare fake cluster: metrics-server, StorageClass, nodes, DNS and ingress reported missing, each with a fix', async () => {
  const results = byId(await runSetupChecks(await probeFor({ addons: false })));
  assert.equal(results.kubectl.status, 'ok');
  assert.equal(results.context.status, 'ok');
  assert.match(results.context.summary, /v1\.30/);
  assert.equal(results.versionSkew.status, 'ok');
  assert.equal(results.metrics.status, 'warning');
  assert.match(results.metrics.summary, /metrics-server/);
  assert.match(results.metrics.fix?.shell ?? '', /metrics-server/);
  assert.equal(results.storageClass.status, 'warning');
  assert.match(results.storageClass.fix?.shell ?? '', /kubectl apply/);
  assert.equal(results.nodes.status, 'error');
  assert.equal(results.dns.status, 'error');
  assert.equal(results.ingress.status, 'warning');
  assert.equal(results.shellIntegration.status, 'ok');
  for (const r of Object.values(results)) if (r.status !== 'ok') assert.ok(r.fix, `${r.id} has a fix`);
});

test('a fake cluster with the add-ons: every check passes', async () => {
  const results = await runSetupChecks(await probeFor({ addons: true }));
  assert.deepEqual(
    results.filter((r) => r.status !== 'ok').map((r) => `${r.id}: ${r.summary}`),
    [],
  );
  assert.equal(overallStatus(results), 'ok');
  assert.match(byId(results).storageClass.summary, /local-path \(default\)/);
  assert.match(byId(results).metrics.summary, /kube-system\/metrics-server/);
});

test('no kubectl, an unreachable context: errors with fixes, the cluster checks skipped', async () => {
  const server = await startFakeApiServer();
  const kubeconfig = server.kubeconfigPath;
  const dir = mkdtempSync(join(tmpdir(), 'setup-kc-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const copy = join(dir, 'config');
  server.writeKubeconfig(copy);
  await server.close();
  const probe = createNodeProbe({
    environment: { env: { KUBECONFIG: copy }, homeDir: '/nonexistent', exists: () => true },
    env: { PATH: dir },
    shellIntegration: () => Promise.resolve('inactive'),
    timeoutMs: 2_000,
  });
  const results = byId(await runSetupChecks(probe));
  assert.ok(kubeconfig);
  assert.equal(results.kubectl.status, 'error');
  assert.match(results.kubectl.fix?.url ?? '', /kubernetes\.io/);
  assert.equal(results.context.status, 'error');
  assert.match(results.context.summary, /does not answer/);
  assert.equal(results.context.fix?.vscodeCommand, 'workshop.selectContext');
  for (const id of ['versionSkew', 'nodes', 'dns', 'storageClass', 'metrics', 'ingress'] as const) assert.equal(results[id].status, 'skipped', id);
  assert.equal(results.shellIntegration.status, 'warning');
});

test('no kubeconfig at all points to the walkthrough', async () => {
  const probe = createNodeProbe({
    environment: { env: {}, homeDir: '/nonexistent', exists: () => false },
    env: { PATH: '' },
    shellIntegration: () => Promise.resolve('untrusted'),
  });
  const results = byId(await runSetupChecks(probe));
  assert.equal(results.context.status, 'error');
  assert.equal(results.context.fix?.vscodeCommand, 'workshop.openWalkthrough');
  assert.equal(results.shellIntegration.status, 'skipped');
});

test('version skew: one minor either way is supported, two is not', async () => {
  const v = (s: string) => parseVersion(s)!;
  assert.deepEqual(versionSkew(v('v1.31.0'), v('v1.30.4')), { minors: 1, supported: true });
  assert.deepEqual(versionSkew(v('v1.28.9'), v('v1.30.4')), { minors: -2, supported: false });
  assert.equal(parseVersion({ major: '1', minor: '32+' })?.minor, 32);
  assert.equal(parseVersion('v1.32.4-dispatcher')?.minor, 32);
  assert.equal(parseVersion('nonsense'), undefined);
  const results = byId(await runSetupChecks(await probeFor({ addons: true, kubectl: fakeKubectlPath('v1.33.0') })));
  assert.equal(results.versionSkew.status, 'warning');
  assert.match(results.versionSkew.summary, /3 minor versions newer/);
  assert.match(results.versionSkew.fix?.text ?? '', /1\.30/);
});

test('detection reads what real clusters publish', () => {
  const of = (resource: string) => clusterAddonObjects().filter((o) => o.resource === resource).map((o) => o.object as never);
  assert.equal(metricsApi(of('apiservices')).available, true);
  assert.deepEqual(metricsApi([{ metadata: { name: 'v1beta1.metrics.k8s.io' }, status: { conditions: [{ type: 'Available', status: 'False', message: 'failing or missing response' }] } }]), {
    registered: true,
    available: false,
    problem: 'failing or missing response',
    service: undefined,
  });
  assert.equal(metricsApi([]).registered, false);
  assert.deepEqual(clusterDns([{ metadata: { name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' } }, spec: { replicas: 2 }, status: { readyReplicas: 0 } }]), {
    deployment: 'kube-dns',
    replicas: 2,
    readyReplicas: 0,
  });
  assert.deepEqual(nodeReadiness([{ metadata: { name: 'n1' }, status: { conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady' }] } }]).notReady, [
    { name: 'n1', reason: 'KubeletNotReady' },
  ]);
});
