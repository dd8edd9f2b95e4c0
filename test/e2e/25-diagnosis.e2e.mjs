// Scenario 25: a step that goes wrong says why, what to do, and which slide teaches it. The real
// kubectl runs against the fake API server (its controllers, its scheduler with one node): an
// image that cannot be pulled, a second create of the same deployment (409 AlreadyExists), and a
// deployment whose nodeSelector matches no node (FailedScheduling) each get a `data-diagnosis`
// naming the reason and what to do; a `data-teach` link moves the reader to the course's slide
// about it; the AlreadyExists fix deletes what the course made and runs the step again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitFor } from './harness.mjs';
import { courseManifest, courseSettings, showSnippet, waitForStatus } from './course-fixture.mjs';
import { FAKE_CLI, startFakeApiServer } from './fake-cluster.mjs';

const skip = (await skipReason()) || (!existsSync(FAKE_CLI) && `the fake API server (${FAKE_CLI}) is not there`);

const step = (title, command) => [`## ${title}`, '', '.lab[', '', '- Run:', '  ```bash', `  ${command}`, '  ```', '', ']', '', '---', ''];

function files({ tmp }) {
  return {
    'course/course.yml': courseManifest('Diagnosis course', 'steps.md', 'troubleshooting.md'),
    'course/pinned.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: pinned',
      'spec:',
      '  replicas: 1',
      '  selector: { matchLabels: { app: pinned } }',
      '  template:',
      '    metadata: { labels: { app: pinned } }',
      '    spec:',
      '      nodeSelector: { disktype: ssd }',
      '      containers: [{ name: nginx, image: nginx }]',
      '',
    ].join('\n'),
    'course/steps.md': [
      '# Steps',
      '',
      ...step('Create a deployment', 'kubectl create deployment web --image=nginx'),
      ...step('Create it again', 'kubectl create deployment web --image=nginx --replicas=1'),
      ...step('A typo in the image', 'kubectl create deployment typo --image=nginx:does-not-exist'),
      ...step('Pinned to a disk', `kubectl apply -f ${join(tmp, 'course', 'pinned.yaml')}`),
    ].join('\n'),
    'course/troubleshooting.md': [
      '# Troubleshooting',
      '',
      'What to read when a step goes wrong.',
      '',
      '---',
      '',
      '## When an image cannot be pulled',
      '',
      'The kubelet reports ErrImagePull, then ImagePullBackOff: the image name or tag is wrong, or the registry wants credentials.',
      '',
      '---',
      '',
      '## Pods stuck in Pending',
      '',
      'A FailedScheduling event tells why: a nodeSelector that matches no node labels, taints, or requests too large.',
      '',
      '---',
      '',
      '## Running a step twice',
      '',
      'kubectl create refuses a name that already exists (AlreadyExists). Delete the object, or use kubectl apply.',
      '',
    ].join('\n'),
  };
}

async function slideTitle(frame) {
  return (await frame.locator('#slide :is(h1, h2)').first().innerText().catch(() => '')).trim();
}

/** Clicks the diagnosis's teaching link and checks the reader moved to the slide titled `title`; then comes back. */
async function followTeach(frame, diagnosis, title) {
  const from = await slideTitle(frame);
  const link = diagnosis.locator('[data-teach]').first();
  assert.match(await link.innerText(), new RegExp(title));
  await link.click();
  await waitFor(async () => (await slideTitle(frame)) === title, { timeout: 10_000, message: `the reader shows "${title}"` });
  for (let i = 0; i < 10 && (await slideTitle(frame)) !== from; i++) {
    const before = await slideTitle(frame);
    await frame.locator('[data-nav="prev"]').first().click();
    await waitFor(async () => (await slideTitle(frame)) !== before, { timeout: 5_000, message: 'the reader moved back' });
  }
}

test('diagnosis: why a step failed, what to do, and the slide that teaches it', { skip, timeout: 360_000 }, async (t) => {
  const api = await startFakeApiServer(t, ['--controllers']);
  const wb = await openWorkbench(t, { name: '25-diagnosis', tmpFiles: files, settings: courseSettings, env: { KUBECONFIG: api.kubeconfig } });
  const frame = await wb.openCourse();

  await t.test('a second create of the same deployment: AlreadyExists, delete and run again', async () => {
    const first = await showSnippet(frame, 'create deployment web --image=nginx');
    await first.locator('[data-action="run"]').click();
    await waitFor(async () => (await first.locator('[data-resource="deployment/web"]').getAttribute('data-health').catch(() => null)) === 'ready', { timeout: 40_000, message: 'deployment/web ready' });

    const again = await showSnippet(frame, '--replicas=1');
    await again.locator('[data-action="run"]').click();
    await waitForStatus(again, 'failed', { timeout: 20_000 });
    const diagnosis = again.locator('[data-diagnosis="AlreadyExists"]');
    await diagnosis.waitFor({ state: 'visible', timeout: 20_000 });
    const text = await diagnosis.innerText();
    assert.match(text, /deployment\/web is already there/);
    assert.match(text, /already exists/);
    assert.match(text, /delete it and run the step again/);
    const fix = diagnosis.locator('[data-fix]');
    assert.equal(await fix.count(), 1);
    assert.match(await fix.innerText(), /kubectl delete deployment\/web --wait=true --namespace default/);
    await wb.screenshot('already-exists');

    await fix.click();
    // Deleted, then run again: this time it works, and the diagnosis goes.
    await waitForStatus(again, 'succeeded', { timeout: 40_000 });
    await diagnosis.waitFor({ state: 'detached', timeout: 10_000 });

    await again.locator('[data-action="run"]').click();
    await waitForStatus(again, 'failed', { timeout: 20_000 });
    await again.locator('[data-diagnosis="AlreadyExists"]').waitFor({ state: 'visible', timeout: 20_000 });
    await followTeach(frame, again.locator('[data-diagnosis="AlreadyExists"]'), 'Running a step twice');
    await wb.screenshot('teach-already-exists');
  });

  await t.test('an image that cannot be pulled: names the image and what to check', async () => {
    const typo = await showSnippet(frame, 'create deployment typo', { maxSlides: 8 });
    await typo.locator('[data-action="run"]').click();
    const diagnosis = typo.locator('[data-diagnosis="ErrImagePull"], [data-diagnosis="ImagePullBackOff"]').first();
    await diagnosis.waitFor({ state: 'visible', timeout: 40_000 });
    const text = await diagnosis.innerText();
    assert.match(text, /The image "nginx:does-not-exist" of container nginx cannot be pulled/);
    assert.match(text, /Check the spelling of the image name and its tag/);
    assert.match(text, /pod\/typo-/);
    assert.match(await diagnosis.locator('[data-fix]').first().innerText(), /kubectl describe pod\/typo-\S+ --namespace default/);
    await wb.screenshot('image-pull');
    await followTeach(frame, diagnosis, 'When an image cannot be pulled');
  });

  await t.test('a nodeSelector that matches no node: FailedScheduling, compare with the node labels', async () => {
    const pinned = await showSnippet(frame, 'pinned.yaml', { maxSlides: 8 });
    await pinned.locator('[data-action="run"]').click();
    const diagnosis = pinned.locator('[data-diagnosis="FailedScheduling"]');
    await diagnosis.waitFor({ state: 'visible', timeout: 40_000 });
    const text = await diagnosis.innerText();
    assert.match(text, /nodeSelector .*matches no node/);
    assert.match(text, /didn't match Pod's node affinity\/selector/);
    assert.match(text, /kubectl get nodes --show-labels/);
    await wb.screenshot('failed-scheduling');
    await followTeach(frame, diagnosis, 'Pods stuck in Pending');
  });
});
