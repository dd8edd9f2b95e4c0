import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../src/cluster/summary';
import { makeDeployment, makePod } from '../fixtures/fake-apiserver';

function withMeta(o: object, meta: Record<string, unknown>): object {
  const copy = JSON.parse(JSON.stringify(o)) as { metadata: Record<string, unknown> };
  copy.metadata = { ...copy.metadata, uid: 'u-1', resourceVersion: '42', creationTimestamp: '2024-01-01T00:00:00Z', ...meta };
  return copy;
}

test('a running ready pod is ok, with ready count, containers and owner', () => {
  const pod = withMeta(makePod('web-1', 'shop', { containers: ['app', 'sidecar'], ownerName: 'web-abc', ownerKind: 'ReplicaSet' }), {});
  const s = summarize('pod', pod);
  assert.equal(s.name, 'web-1');
  assert.equal(s.namespace, 'shop');
  assert.equal(s.creationTimestamp, '2024-01-01T00:00:00Z');
  assert.deepEqual(s.owner, { kind: 'ReplicaSet', name: 'web-abc' });
  assert.equal(s.health, 'ok');
  assert.equal(s.state, 'running');
  assert.match(s.status, /^Running 2\/2$/);
  assert.deepEqual(s.containers, ['app', 'sidecar']);
});

test('waiting reasons such as CrashLoopBackOff and ImagePullBackOff are errors, with restarts', () => {
  for (const reason of ['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull']) {
    const s = summarize('pod', makePod('p', 'default', { waitingReason: reason, restarts: 4 }));
    assert.equal(s.health, 'error', reason);
    assert.equal(s.state, reason.toLowerCase());
    assert.match(s.status, new RegExp(`^${reason} 0/1, 4 restarts$`));
  }
});

test('a pending pod is progressing and a failed one is an error', () => {
  const pending = summarize('pod', makePod('p', 'default', { phase: 'Pending' }));
  assert.equal(pending.health, 'progressing');
  assert.match(pending.status, /ContainerCreating 0\/1/);
  assert.equal(summarize('pod', makePod('p', 'default', { phase: 'Failed' })).health, 'error');
  assert.equal(summarize('pod', makePod('p', 'default', { phase: 'Succeeded' })).health, 'neutral');
});

test('an object with a deletionTimestamp is terminating', () => {
  const s = summarize('pod', withMeta(makePod('p'), { deletionTimestamp: '2024-01-01T00:00:01Z' }));
  assert.equal(s.health, 'terminating');
  assert.equal(s.state, 'terminating');
  assert.match(s.status, /^Terminating/);
});

test('deployment: desired/ready/updated/available and replicas for scaling', () => {
  const ok = summarize('deployment', makeDeployment('web', 'default', 3));
  assert.equal(ok.health, 'ok');
  assert.equal(ok.status, '3/3 ready');
  assert.equal(ok.replicas, 3);
  const rolling = JSON.parse(JSON.stringify(makeDeployment('web', 'default', 3))) as { status: Record<string, number> };
  rolling.status.readyReplicas = 1;
  rolling.status.updatedReplicas = 2;
  rolling.status.availableReplicas = 1;
  const s = summarize('deployment', rolling);
  assert.equal(s.health, 'progressing');
  assert.equal(s.status, '1/3 ready, 2 updated');
  assert.deepEqual(
    s.details?.map(([k, v]) => `${k}=${v}`),
    ['Desired=3', 'Ready=1', 'Up-to-date=2', 'Available=1'],
  );
});

test('service: type, cluster IP and ports', () => {
  const s = summarize('service', {
    metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'NodePort', clusterIP: '10.96.0.12', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443 }] },
  });
  assert.equal(s.status, 'NodePort 10.96.0.12 80:30080/TCP,443/TCP');
  assert.equal(s.state, 'nodeport');
});

test('node Ready condition, roles and version; NotReady is an error', () => {
  const node = (ready: string) => ({
    metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/control-plane': '' } },
    status: { conditions: [{ type: 'Ready', status: ready }], nodeInfo: { kubeletVersion: 'v1.30.4' } },
  });
  const ready = summarize('node', node('True'));
  assert.equal(ready.health, 'ok');
  assert.equal(ready.status, 'Ready control-plane v1.30.4');
  assert.equal(summarize('node', node('False')).health, 'error');
});

test('job completions and failure', () => {
  const running = summarize('job', { metadata: { name: 'j' }, spec: { completions: 3 }, status: { succeeded: 1 } });
  assert.equal(running.status, '1/3 completed');
  assert.equal(running.health, 'progressing');
  const failed = summarize('job', { metadata: { name: 'j' }, spec: {}, status: { failed: 2, conditions: [{ type: 'Failed', status: 'True' }] } });
  assert.equal(failed.health, 'error');
  assert.equal(failed.status, '0/1 completed, 2 failed');
});

test('helm release secrets: name, revision and status come from labels', () => {
  const s = summarize('helmrelease', {
    metadata: { name: 'sh.helm.release.v1.redis.v3', namespace: 'default', labels: { owner: 'helm', name: 'redis', version: '3', status: 'deployed' } },
    type: 'helm.sh/release.v1',
  });
  assert.deepEqual(s.release, { name: 'redis', revision: 3 });
  assert.equal(s.status, 'rev 3 deployed');
  assert.equal(s.health, 'ok');
});

test('a summary holds no part of the original object', () => {
  const s = summarize('pod', makePod('p', 'default', { labels: { app: 'x' } }));
  for (const key of ['metadata', 'spec', 'labels', 'apiVersion', 'kind']) assert.equal(key in s, false, key);
  assert.equal(typeof s.status, 'string');
});

test('compact storage gives back the same timestamps, owners, details and containers', () => {
  for (const created of ['2024-02-29T23:59:59Z', '2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00+02:00', 'not a date']) {
    assert.equal(summarize('pod', withMeta(makePod('p'), { creationTimestamp: created })).creationTimestamp, created);
  }
  const pod = JSON.parse(JSON.stringify(makePod('p', 'default', { containers: ['a', 'b'] }))) as { status: Record<string, unknown> };
  pod.status.podIP = 'odd\u001fvalue';
  const s = summarize('pod', withMeta(pod, { ownerReferences: [{ kind: 'Job', name: 'x/y' }] }));
  assert.deepEqual(s.owner, { kind: 'Job', name: 'x/y' });
  assert.deepEqual(s.containers, ['a', 'b']);
  assert.deepEqual(s.details?.find(([k]) => k === 'IP'), ['IP', 'odd\u001fvalue']);
  assert.equal(summarize('pod', { metadata: { name: 'bare' } }).creationTimestamp, undefined);
  assert.deepEqual(summarize('pod', { metadata: { name: 'bare' } }).containers, []);
});
