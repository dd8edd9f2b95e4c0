// Step effects end to end below the UI: the real kubectl runs course commands against the fake
// API server (with its controllers), the real watch caches follow, the step sees what happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WatchHub } from '../../src/cluster/watchHub';
import { StepEffectWatch } from '../../src/lab/effectWatch';
import type { StepEffect } from '../../src/lab/stepEffects';
import { planStep } from '../../src/lab/stepPlan';
import { startFakeApiServer } from '../fixtures/fake-apiserver';
import { kubectl, kubectlMissing } from '../fixtures/run-kubectl';
import { transportFor, waitFor } from './helpers/clusterTest';

const skip = kubectlMissing();

async function setup(t: { after(fn: () => Promise<void> | void): void }) {
  const server = await startFakeApiServer({ controllers: { podStartMs: 150, backOffMs: 300 } });
  const cache = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  const hub = new WatchHub(await transportFor(server.kubeconfigPath), { batchMs: 10 });
  t.after(async () => {
    hub.dispose();
    await server.close();
    rmSync(cache, { recursive: true, force: true });
  });
  /** Runs a step as Run does: watch from before the command, command, end. */
  const runStep = async (command: string) => {
    const updates: { effects: readonly StepEffect[]; settled: boolean }[] = [];
    const watch = new StepEffectWatch(hub, planStep(command, { namespace: 'default' }), {
      onChange: (effects, settled) => updates.push({ effects, settled }),
      tickMs: 100,
      timing: { settleMs: 500, followMs: 8000 },
    });
    t.after(() => watch.dispose());
    watch.start();
    const args = command.split(' ').slice(1);
    const result = await kubectl(args, server.kubeconfigPath, cache);
    assert.equal(result.code, 0, result.stderr);
    watch.commandEnded();
    return { watch, updates };
  };
  return { server, hub, runStep };
}

const last = (updates: { effects: readonly StepEffect[] }[]) => updates.at(-1)?.effects ?? [];

test('kubectl create deployment: the step shows deployment/web created, then 2/2 ready, and stops watching', { skip, timeout: 60000 }, async (t) => {
  const { hub, runStep } = await setup(t);
  const { watch, updates } = await runStep('kubectl create deployment web --image=nginx --replicas=2');
  await waitFor(() => !watch.running, 15000, 'settled');
  assert.ok(updates.some((u) => u.effects.some((e) => e.health === 'progressing')), 'seen progressing first');
  assert.deepEqual(
    last(updates).map((e) => [e.resource, e.namespace, e.change, e.health, e.text]),
    [['deployment/web', 'default', 'created', 'ready', '2/2 ready']],
  );
  assert.equal(updates.at(-1)!.settled, true);
  assert.deepEqual(hub.keys(), [], 'every cache it opened is closed again');
});

test('a broken image: created, then failed with ImagePullBackOff and the pull warning', { skip, timeout: 60000 }, async (t) => {
  const { runStep } = await setup(t);
  const { updates } = await runStep('kubectl create deployment typo --image=nginx:does-not-exist');
  const began = Date.now();
  await waitFor(() => last(updates).some((e) => e.health === 'failed' && /ImagePullBackOff/.test(e.reason ?? '')), 15000, 'failure');
  t.diagnostic(`failure shown after ${Date.now() - began} ms: ${JSON.stringify(updates.map((u) => u.effects.map((e) => [e.health, e.reason])))}`);
  const effect = last(updates)[0];
  assert.equal(effect.resource, 'deployment/typo');
  assert.equal(effect.reason, 'ImagePullBackOff: Failed to pull image "nginx:does-not-exist": the registry has no image by that name and tag');
});

test('expose, scale and delete: service ready with endpoints, deployment changed, then deleted', { skip, timeout: 60000 }, async (t) => {
  const { runStep } = await setup(t);
  const created = await runStep('kubectl create deployment web --image=nginx');
  await waitFor(() => !created.watch.running, 15000, 'deployment settled');
  const exposed = await runStep('kubectl expose deployment web --port=80');
  await waitFor(() => !exposed.watch.running, 15000, 'service settled');
  assert.deepEqual(last(exposed.updates).map((e) => [e.resource, e.change, e.health, e.text]), [['service/web', 'created', 'ready', '1 endpoint']]);
  const scaled = await runStep('kubectl scale deployment web --replicas=3');
  await waitFor(() => !scaled.watch.running, 15000, 'scale settled');
  assert.deepEqual(last(scaled.updates).map((e) => [e.resource, e.change, e.health, e.text]), [['deployment/web', 'changed', 'ready', '3/3 ready']]);
  const deleted = await runStep('kubectl delete deployment web');
  await waitFor(() => !deleted.watch.running, 15000, 'delete settled');
  assert.deepEqual(last(deleted.updates).map((e) => [e.resource, e.change, e.health]), [['deployment/web', 'deleted', 'deleted']]);
});
