// What the diagnosis looks at (owner chains, claims, crashing containers) and how a fix's line is built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixLine } from '../../src/lab/diagnosis/fixLine';
import { claimNames, crashingContainers, podsOfResources } from '../../src/lab/diagnosis/ownerChain';
import { nameOf } from '../../src/lab/diagnosis/read';
import * as rec from '../fixtures/diagnosis/recorded';

const rs = (name: string, deployment: string) => ({ metadata: { name, ownerReferences: [{ kind: 'Deployment', name: deployment, controller: true }] } });
const pod = (name: string, owner: [string, string], ready = false, extra: Record<string, unknown> = {}) => ({
  metadata: { name, ownerReferences: [{ kind: owner[0], name: owner[1], controller: true }] },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  ...extra,
});

test('owner chain: a deployment leads to the pods of its replica sets, failing ones first, and no others', () => {
  const replicaSets = [rs('web-1', 'web'), rs('web-2', 'web'), rs('other-1', 'other')];
  const pods = [pod('web-1-a', ['ReplicaSet', 'web-1'], true), pod('web-2-b', ['ReplicaSet', 'web-2']), pod('other-1-c', ['ReplicaSet', 'other-1']), pod('webby', ['ReplicaSet', 'webby'])];
  assert.deepEqual(podsOfResources(['deployment/web'], replicaSets, pods).map(nameOf), ['web-2-b', 'web-1-a']);
  assert.deepEqual(podsOfResources(['job/batch'], [], [pod('batch-x', ['Job', 'batch'])]).map(nameOf), ['batch-x']);
  assert.deepEqual(podsOfResources(['pod/webby'], [], pods).map(nameOf), ['webby']);
  assert.deepEqual(podsOfResources(['service/web'], replicaSets, pods), []);
});

test('owner chain: at most five pods', () => {
  const pods = Array.from({ length: 9 }, (_, i) => pod(`web-1-${i}`, ['ReplicaSet', 'web-1']));
  assert.equal(podsOfResources(['deployment/web'], [rs('web-1', 'web')], pods).length, 5);
});

test('claims: those the step named and those its pods mount', () => {
  const mounting = pod('db-0', ['StatefulSet', 'db'], false, { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }, { name: 'tmp', emptyDir: {} }] } });
  assert.deepEqual(claimNames(['persistentvolumeclaim/logs'], [mounting]), ['logs', 'data-db-0']);
});

test('logs: only containers that ran and ended before, at most two', () => {
  assert.deepEqual(crashingContainers([rec.crashPod, rec.imagePullPod, rec.oomPod, rec.crashPod]), [
    { pod: 'worker-7d9f8-abcde', container: 'worker' },
    { pod: 'hog-5c6d-zzzzz', container: 'hog' },
  ]);
});

test('fix line: plain words only, with the namespace', () => {
  assert.equal(fixLine({ label: '', args: ['delete', 'deployment/web', '--wait=true'], then: 'rerun' }, 'default'), 'kubectl delete deployment/web --wait=true --namespace default');
  assert.equal(fixLine({ label: '', args: ['logs', '--previous', 'pod/a-b', '-c', 'main', '--tail=50'], then: 'terminal' }, undefined), 'kubectl logs --previous pod/a-b -c main --tail=50');
  for (const bad of ['deployment/$(touch x)', 'pod/a;rm', 'pod/`id`', "pod/a'b", 'pod/a b', 'pod/a\nb', 'pod/a|b'])
    assert.equal(fixLine({ label: '', args: ['describe', bad], then: 'terminal' }, 'default'), undefined, bad);
  assert.equal(fixLine({ label: '', args: ['describe', 'pod/a'], then: 'terminal' }, 'ns;x'), undefined);
});
