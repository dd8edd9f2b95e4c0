// Step effects from the caches' contents over time: created, changed, deleted; health until settled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceKind } from '../../src/cluster/resources';
import { summarize, type ResourceSummary } from '../../src/cluster/summary';
import { planStep } from '../../src/lab/stepPlan';
import { StepEffectTracker, type SummaryLookup } from '../../src/lab/stepEffects';

const START = Date.parse('2026-01-01T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Caches by `kind@namespace`; a kind absent from the map is "not loaded yet". */
class Caches {
  readonly maps = new Map<string, Map<string, ResourceSummary>>();
  load(id: string, ns = 'default'): this {
    this.maps.set(`${id}@${ns}`, new Map());
    return this;
  }
  put(id: string, object: Record<string, unknown>, ns = 'default'): void {
    const summary = summarize(id, { ...object, metadata: { namespace: ns, ...(object.metadata as object) } });
    this.maps.get(`${id}@${ns}`)!.set(summary.name, summary);
  }
  drop(id: string, name: string, ns = 'default'): void {
    this.maps.get(`${id}@${ns}`)!.delete(name);
  }
  lookup: SummaryLookup = (resource: ResourceKind, ns?: string) => this.maps.get(`${resource.id}@${ns ?? ''}`)?.values();
}

const deployment = (name: string, replicas: number, available: number, created = START + 500) => ({
  metadata: { name, creationTimestamp: iso(created) },
  spec: { replicas },
  status: { readyReplicas: available, availableReplicas: available, updatedReplicas: replicas },
});

test('kubectl create deployment: created, followed from 0/2 to 2/2 ready, then settled', () => {
  const caches = new Caches().load('deployment').load('pod').load('replicaset').load('event').load('endpoints');
  const tracker = new StepEffectTracker(planStep('kubectl create deployment web --image=nginx --replicas=2', { namespace: 'default' }), START);
  assert.deepEqual(tracker.watched().map((w) => `${w.resource.id}@${w.namespace}`).sort(), ['deployment@default', 'endpoints@default', 'event@default', 'pod@default', 'replicaset@default']);
  tracker.start(caches.lookup);
  caches.put('deployment', deployment('other', 1, 1, START - 60_000));
  caches.put('deployment', deployment('web', 2, 0));
  assert.equal(tracker.update(caches.lookup, START + 600), true);
  assert.deepEqual(tracker.effects(caches.lookup, START + 600).map((e) => [e.resource, e.change, e.health, e.text]), [['deployment/web', 'created', 'progressing', '0/2 ready']]);
  tracker.commandEnded(START + 700);
  caches.put('deployment', deployment('web', 2, 2));
  assert.equal(tracker.update(caches.lookup, START + 2000), true);
  assert.deepEqual(tracker.effects(caches.lookup, START + 2000).map((e) => [e.resource, e.health, e.text]), [['deployment/web', 'ready', '2/2 ready']]);
  assert.equal(tracker.settled(caches.lookup, START + 2000), false, 'still in the settle window');
  assert.equal(tracker.settled(caches.lookup, START + 5000), true);
});

test('changed and deleted objects; a late cache falls back on creation times and named targets', () => {
  const caches = new Caches().load('deployment');
  caches.put('deployment', deployment('worker', 2, 2, START - 60_000));
  const scale = new StepEffectTracker(planStep('kubectl scale deployment worker --replicas=4', { namespace: 'default' }), START);
  scale.start(caches.lookup);
  scale.update(caches.lookup, START + 100);
  assert.deepEqual(scale.effects(caches.lookup, START + 100), [], 'nothing changed yet');
  caches.put('deployment', deployment('worker', 4, 2, START - 60_000));
  scale.update(caches.lookup, START + 200);
  assert.deepEqual(scale.effects(caches.lookup, START + 200).map((e) => [e.resource, e.change, e.health]), [['deployment/worker', 'changed', 'progressing']]);

  const del = new StepEffectTracker(planStep('kubectl delete deployment worker', { namespace: 'default' }), START);
  del.start(caches.lookup);
  caches.drop('deployment', 'worker');
  del.update(caches.lookup, START + 300);
  assert.deepEqual(del.effects(caches.lookup, START + 300).map((e) => [e.resource, e.change, e.health]), [['deployment/worker', 'deleted', 'deleted']]);

  // The pod cache loads only after the command ran: an old pod is not taken for a new one.
  const late = new Caches();
  const run = new StepEffectTracker(planStep('kubectl run web --image=nginx', { namespace: 'default' }), START);
  run.start(late.lookup);
  late.load('pod');
  late.put('pod', { metadata: { name: 'web', creationTimestamp: iso(START + 100) }, status: { phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }] }, spec: { containers: [{ name: 'c' }] } });
  run.update(late.lookup, START + 400);
  assert.deepEqual(run.effects(late.lookup, START + 400).map((e) => [e.resource, e.change, e.health]), [['pod/web', 'created', 'ready']]);
});

test('unnamed targets record what the command made, not what controllers made from it', () => {
  const caches = new Caches().load('pod').load('deployment').load('service').load('daemonset').load('statefulset').load('job').load('configmap');
  const tracker = new StepEffectTracker(planStep('kubectl apply -f https://example.invalid/app.yaml', { namespace: 'default' }), START);
  tracker.start(caches.lookup);
  caches.put('deployment', deployment('api', 1, 0));
  caches.put('pod', { metadata: { name: 'api-abc-1', ownerReferences: [{ kind: 'ReplicaSet', name: 'api-abc', controller: true }], creationTimestamp: iso(START + 900) } });
  tracker.update(caches.lookup, START + 1000);
  assert.deepEqual(tracker.effects(caches.lookup, START + 1000).map((e) => e.resource), ['deployment/api']);
});

test('objects that never get ready fail when the follow time is over; nothing new is recorded after the settle time', () => {
  const caches = new Caches().load('deployment').load('pod').load('replicaset').load('event').load('endpoints');
  const tracker = new StepEffectTracker(planStep('kubectl create deployment slow --image=nginx', { namespace: 'default' }), START, { settleMs: 1000, followMs: 5000 });
  tracker.start(caches.lookup);
  caches.put('deployment', deployment('slow', 1, 0));
  tracker.update(caches.lookup, START + 100);
  tracker.commandEnded(START + 200);
  assert.equal(tracker.settled(caches.lookup, START + 3000), false);
  const late = tracker.effects(caches.lookup, START + 6000)[0];
  assert.deepEqual([late.health, late.reason], ['failed', 'not ready after 5 s']);
  assert.equal(tracker.settled(caches.lookup, START + 6000), true);
});
