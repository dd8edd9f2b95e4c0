// Health rules of the objects a step touched: Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, Pod, Service endpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, type ResourceSummary } from '../../src/cluster/summary';
import { healthOf, type RelatedItems } from '../../src/lab/health';

const owner = (kind: string, name: string) => [{ apiVersion: 'apps/v1', kind, name, uid: `${kind}-${name}`, controller: true }];

function pod(name: string, opts: { owner?: [string, string]; phase?: string; ready?: boolean; waiting?: string; created?: string } = {}): ResourceSummary {
  const waiting = opts.waiting ? { waiting: { reason: opts.waiting } } : opts.phase === 'Running' ? { running: {} } : { waiting: { reason: 'ContainerCreating' } };
  return summarize('pod', {
    metadata: { name, namespace: 'default', ownerReferences: opts.owner ? owner(...opts.owner) : undefined },
    spec: { containers: [{ name: 'main' }] },
    status: { phase: opts.phase ?? 'Pending', containerStatuses: [{ name: 'main', ready: opts.ready ?? false, restartCount: 0, state: waiting }] },
  });
}

function event(about: string, type: string, reason: string, message: string, at: string): ResourceSummary {
  return summarize('event', { metadata: { name: `${about}.${at}`, namespace: 'default' }, involvedObject: { kind: 'Pod', name: about }, type, reason, message, lastTimestamp: at });
}

function related(parts: Partial<RelatedItems>): RelatedItems {
  return { pods: [], replicaSets: [], events: [], endpoints: [], ...parts };
}

const deployment = (replicas: number, available: number, updated = replicas) =>
  summarize('deployment', { metadata: { name: 'web', namespace: 'default' }, spec: { replicas }, status: { replicas, readyReplicas: available, availableReplicas: available, updatedReplicas: updated } });
const rs = summarize('replicaset', { metadata: { name: 'web-abc', namespace: 'default', ownerReferences: owner('Deployment', 'web') }, spec: { replicas: 2 }, status: { readyReplicas: 0 } });

test('Deployment: ready when its available replicas match; progressing meanwhile; failed with the pod reason and last warning', () => {
  assert.deepEqual(healthOf('deployment', deployment(2, 2)), { health: 'ready', text: '2/2 ready' });
  const starting = healthOf('deployment', deployment(2, 0), related({ replicaSets: [rs], pods: [pod('web-abc-1', { owner: ['ReplicaSet', 'web-abc'] })] }));
  assert.equal(starting.health, 'progressing');
  assert.equal(starting.text, '0/2 ready');

  const pods = [pod('web-abc-1', { owner: ['ReplicaSet', 'web-abc'], waiting: 'ImagePullBackOff' })];
  const events = [
    event('web-abc-1', 'Warning', 'Failed', 'Failed to pull image "nginx:nope": not found', '2026-01-01T10:00:01Z'),
    event('web-abc-1', 'Warning', 'Failed', 'Error: ImagePullBackOff', '2026-01-01T10:00:05Z'),
    event('web-abc-1', 'Normal', 'BackOff', 'Back-off pulling image "nginx:nope"', '2026-01-01T10:00:06Z'),
  ];
  const failed = healthOf('deployment', deployment(2, 0), related({ replicaSets: [rs], pods, events }));
  assert.equal(failed.health, 'failed');
  assert.equal(failed.reason, 'ImagePullBackOff: Failed to pull image "nginx:nope": not found');

  // Before the ReplicaSet is in the cache, its pods are found by name.
  assert.equal(healthOf('deployment', deployment(1, 0), related({ pods })).health, 'failed');
  // A rolling update that is not over is not ready, even with enough available pods.
  assert.equal(healthOf('deployment', deployment(2, 2, 1)).health, 'progressing');
  // Scaled to zero: nothing to wait for.
  assert.equal(healthOf('deployment', deployment(0, 0)).health, 'ready');
});

test('ReplicaSet, StatefulSet, DaemonSet: ready counts; a crash-looping pod fails them', () => {
  assert.equal(healthOf('replicaset', rs).health, 'progressing');
  const sts = summarize('statefulset', { metadata: { name: 'store', namespace: 'default' }, spec: { replicas: 3 }, status: { readyReplicas: 3 } });
  assert.deepEqual(healthOf('statefulset', sts), { health: 'ready', text: '3/3 ready' });
  const ds = summarize('daemonset', { metadata: { name: 'rng', namespace: 'default' }, status: { desiredNumberScheduled: 2, numberReady: 1 } });
  const crashing = pod('rng-x', { owner: ['DaemonSet', 'rng'], phase: 'Running', waiting: 'CrashLoopBackOff' });
  const verdict = healthOf('daemonset', ds, related({ pods: [crashing] }));
  assert.equal(verdict.health, 'failed');
  assert.equal(verdict.reason, 'CrashLoopBackOff');
  assert.equal(healthOf('daemonset', ds, related({ pods: [pod('other', { owner: ['DaemonSet', 'other'], waiting: 'CrashLoopBackOff' })] })).health, 'progressing');
});

test('Job: complete is ready, failed names why, running progresses', () => {
  const job = (status: object) => summarize('job', { metadata: { name: 'pi', namespace: 'default' }, spec: { completions: 1 }, status });
  assert.equal(healthOf('job', job({ succeeded: 1 })).health, 'ready');
  const failed = healthOf('job', job({ failed: 4, conditions: [{ type: 'Failed', status: 'True' }] }), related({ pods: [pod('pi-1', { owner: ['Job', 'pi'], phase: 'Failed' })] }));
  assert.equal(failed.health, 'failed');
  assert.match(failed.reason!, /Failed/);
  assert.equal(healthOf('job', job({ active: 1 })).health, 'progressing');
});

test('Pod: running and ready, completed, failing with its reason, pending with the scheduler warning', () => {
  assert.equal(healthOf('pod', pod('a', { phase: 'Running', ready: true })).health, 'ready');
  assert.equal(healthOf('pod', summarize('pod', { metadata: { name: 'done' }, status: { phase: 'Succeeded' } })).health, 'ready');
  const pending = healthOf('pod', pod('big'), related({ events: [event('big', 'Warning', 'FailedScheduling', '0/1 nodes are available: 1 Insufficient cpu.', '2026-01-01T10:00:00Z')] }));
  assert.equal(pending.health, 'progressing');
  assert.equal(pending.reason, 'ContainerCreating: 0/1 nodes are available: 1 Insufficient cpu.');
  const err = healthOf('pod', pod('bad', { waiting: 'ErrImagePull' }));
  assert.deepEqual([err.health, err.reason], ['failed', 'ErrImagePull']);
  assert.deepEqual(healthOf('pod', undefined), { health: 'deleted', text: 'deleted' });
});

test('Service: ready with ready endpoints; waiting without; ExternalName needs none', () => {
  const svc = (type = 'ClusterIP') => summarize('service', { metadata: { name: 'web', namespace: 'default' }, spec: { type, clusterIP: '10.0.0.5', ports: [{ port: 80 }] } });
  const endpoints = (subsets: object[]) => summarize('endpoints', { metadata: { name: 'web', namespace: 'default' }, subsets });
  assert.deepEqual(healthOf('service', svc(), related({ endpoints: [endpoints([{ addresses: [{ ip: 'a' }, { ip: 'b' }] }])] })), { health: 'ready', text: '2 endpoints' });
  assert.equal(healthOf('service', svc(), related({ endpoints: [endpoints([{ notReadyAddresses: [{ ip: 'a' }] }])] })).health, 'progressing');
  assert.equal(healthOf('service', svc()).text, 'no endpoints yet');
  assert.equal(healthOf('service', svc('ExternalName')).health, 'ready');
});

test('kinds without a rollout are ready once they exist', () => {
  assert.equal(healthOf('configmap', summarize('configmap', { metadata: { name: 'c' }, data: { a: '1' } })).health, 'ready');
});
