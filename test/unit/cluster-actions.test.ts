import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as yaml from 'js-yaml';
import { startFakeApiServer, makePod, makeDeployment } from '../fixtures/fake-apiserver';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { requireKind } from '../../src/cluster/resources';
import { deleteObject, getObject, restartRollout, scaleObject, toDisplayYaml } from '../../src/cluster/actions';
import { terminalCommandLine, findKubectl, logsArgs, parsePortSpecs, portForwardArgs, shellArgs, describeArgs } from '../../src/cluster/kubectl';

const pod = requireKind('pod');
const deployment = requireKind('deployment');
const node = requireKind('node');

async function setup() {
  const server = await startFakeApiServer();
  after(() => server.close());
  const loaded = await loadKubeconfig({ env: { KUBECONFIG: server.kubeconfigPath }, homeDir: '/nonexistent', exists: existsSync });
  if (loaded.kind !== 'loaded') throw new Error('kubeconfig not loaded');
  return { server, transport: loaded.session.transport() };
}

test('YAML: fetched from the API, managedFields removed', async () => {
  const { server, transport } = await setup();
  const created = makePod('web', 'default') as { metadata: Record<string, unknown> };
  created.metadata.managedFields = [{ manager: 'kubectl', operation: 'Apply' }];
  server.create('pods', created);
  const object = await getObject(transport, { resource: pod, name: 'web', namespace: 'default' });
  const text = toDisplayYaml(object, pod);
  const parsed = yaml.load(text) as { kind: string; metadata: Record<string, unknown> };
  assert.equal(parsed.kind, 'Pod');
  assert.equal(parsed.metadata.name, 'web');
  assert.equal('managedFields' in parsed.metadata, false);
  assert.ok(text.startsWith('apiVersion: v1\nkind: Pod\n'));
});

test('scale, restart rollout and delete change the object on the server', async () => {
  const { server, transport } = await setup();
  server.create('deployments', makeDeployment('web', 'default', 1));
  const ref = { resource: deployment, name: 'web', namespace: 'default' };
  await scaleObject(transport, ref, 4);
  assert.equal((server.get('deployments', 'default', 'web') as { spec: { replicas: number } }).spec.replicas, 4);
  await assert.rejects(scaleObject(transport, ref, -1), /whole number/);
  await restartRollout(transport, ref, new Date('2024-05-01T10:00:00Z'));
  const restarted = server.get('deployments', 'default', 'web') as { spec: { template: { metadata: { annotations: Record<string, string> } } } };
  assert.equal(restarted.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'], '2024-05-01T10:00:00.000Z');
  await deleteObject(transport, ref);
  assert.equal(server.get('deployments', 'default', 'web'), undefined);
  await assert.rejects(deleteObject(transport, ref), (e: Error & { reason?: string }) => e.reason === 'notFound');
});

test('kubectl command lines name the context and namespace explicitly', () => {
  const ref = { resource: pod, name: 'web-1', namespace: 'shop' };
  assert.equal(terminalCommandLine('kind-x', logsArgs('kind-x', ref, 'app'), 'posix'), 'kubectl --context=kind-x -n shop logs -f --tail=200 pods/web-1 -c app');
  assert.equal(terminalCommandLine('kind-x', shellArgs('kind-x', ref), 'posix'), 'kubectl --context=kind-x -n shop exec -it pods/web-1 -- sh');
  assert.equal(
    terminalCommandLine('my ctx', portForwardArgs('my ctx', { resource: deployment, name: 'web', namespace: 'shop' }, ['8080:80']), 'posix'),
    "kubectl '--context=my ctx' -n shop port-forward deployments.apps/web 8080:80",
  );
  assert.deepEqual(describeArgs('c', { resource: node, name: 'n1' }), ['--context=c', 'describe', 'nodes', '--', 'n1']);
});

test('port specs are validated', () => {
  assert.deepEqual(parsePortSpecs('8080:80, 9090'), ['8080:80', '9090']);
  assert.deepEqual(parsePortSpecs(':80'), [':80']);
  assert.equal(typeof parsePortSpecs('http'), 'string');
  assert.equal(typeof parsePortSpecs('70000:80'), 'string');
  assert.equal(typeof parsePortSpecs(''), 'string');
});

test('kubectl is looked up on PATH', () => {
  assert.equal(findKubectl({ PATH: '/a:/b' }, 'linux', (f) => f === '/b/kubectl'), '/b/kubectl');
  assert.equal(findKubectl({ PATH: '/a:/b' }, 'linux', () => false), undefined);
});
