// Scenario 14: the lab knows what the cluster did. The real kubectl runs the course's commands
// against the fake API server (with its deployment/replicaset/pod controllers, and without
// autoscaling/v2): a step that creates a Deployment shows it ready; a step with a broken image
// shows why it failed; a slide link reveals the object in the Cluster view; "Show in Course"
// on that tree item opens the slide; a chapter using an API the server lacks says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openWorkbench, skipReason, waitFor } from './harness.mjs';
import { courseSettings, showSnippet, waitForStatus } from './course-fixture.mjs';
import { FAKE_CLI, startFakeApiServer } from './fake-cluster.mjs';

const skip = (await skipReason()) || (!existsSync(FAKE_CLI) && `the fake API server (${FAKE_CLI}) is not there`);

function labCourse() {
  return {
    'course/course.yml': ['title: Lab course', 'content:', '-', '  - deploy.md', '  - hpa.md', ''].join('\n'),
    'course/deploy.md': [
      '# Deployments',
      '',
      '## Create a deployment',
      '',
      'The step below creates `deployment/web`, with two pods. Once it runs, `web` is in the Cluster view.',
      '',
      '.lab[',
      '',
      '- Create it:',
      '  ```bash',
      '  kubectl create deployment web --image=nginx --replicas=2',
      '  ```',
      '',
      ']',
      '',
      '---',
      '',
      '## A typo in the image',
      '',
      '.lab[',
      '',
      '- Create another one:',
      '  ```bash',
      '  kubectl create deployment typo --image=nginx:does-not-exist',
      '  ```',
      '',
      ']',
      '',
    ].join('\n'),
    'course/hpa.md': [
      '# Autoscaling',
      '',
      '## The autoscaler',
      '',
      '```yaml',
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata:',
      '  name: web',
      'spec:',
      '  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }',
      '  maxReplicas: 3',
      '```',
      '',
    ].join('\n'),
  };
}

test('lab: step effects and health, slide links to the tree, Show in Course, chapter readiness', { skip, timeout: 300_000 }, async (t) => {
  const api = await startFakeApiServer(t, ['--controllers', '--without', 'autoscaling/v2']);
  const wb = await openWorkbench(t, {
    name: '14-lab-cluster',
    tmpFiles: labCourse(),
    settings: courseSettings,
    env: { KUBECONFIG: api.kubeconfig },
  });
  const frame = await wb.openCourse();

  await t.test('a step that creates a Deployment shows it, then ready', async () => {
    const step = await showSnippet(frame, 'create deployment web');
    await step.locator('[data-action="run"]').click();
    const effect = step.locator('[data-resource="deployment/web"]');
    await effect.waitFor({ state: 'attached', timeout: 20_000 });
    assert.equal(await effect.getAttribute('data-change'), 'created');
    assert.equal(await effect.getAttribute('data-namespace'), 'default');
    await waitFor(async () => (await effect.getAttribute('data-health')) === 'ready', { timeout: 30_000, message: 'deployment/web ready' });
    assert.match(await effect.innerText(), /deployment\/web created · 2\/2 ready/);
    await wb.screenshot('deployment-ready');
  });

  await t.test('a slide link reveals the object in the Cluster view', async () => {
    // A name the chapter's steps create links too.
    assert.equal(await frame.locator('code[data-reveal="deployment/web"]', { hasText: /^web$/ }).count(), 1);
    const link = frame.locator('[data-reveal="deployment/web"]').first();
    await link.click();
    const pane = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /cluster/i }) }).first();
    const row = wb.treeRow(pane, 'web');
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await waitFor(async () => (await row.getAttribute('aria-selected')) === 'true', { timeout: 10_000, message: 'deployment web selected' });
    const labels = await wb.treeLabels(pane);
    assert.ok(labels.indexOf('Deployments') >= 0 && labels.indexOf('Deployments') < labels.indexOf('web'), `web under Deployments: ${labels.join(', ')}`);
    await wb.screenshot('revealed');
  });

  await t.test('"Show in Course" on the tree item opens the slide of the step that made it', async () => {
    const pane = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /cluster/i }) }).first();
    const row = wb.treeRow(pane, 'web');
    // Move the reader away first.
    await frame.locator('[data-nav="next"]').first().click();
    await frame.locator('.snippet', { hasText: 'create deployment typo' }).waitFor({ state: 'visible', timeout: 10_000 });
    await row.click({ button: 'right' });
    const item = wb.page.locator('.context-view .action-label', { hasText: /^Show in Course$/ }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    // VS Code's menus act on the item under the pointer when a key or the mouse goes up: hover, then Enter.
    await item.hover();
    await wb.page.keyboard.press('Enter');
    await item.waitFor({ state: 'hidden', timeout: 5_000 });
    await frame.locator('.snippet', { hasText: 'create deployment web' }).waitFor({ state: 'visible', timeout: 10_000 });
    await wb.screenshot('show-in-course');
  });

  await t.test('a step with a broken image shows the reason and fails', async () => {
    const step = await showSnippet(frame, 'create deployment typo');
    await step.locator('[data-action="run"]').click();
    const effect = step.locator('[data-resource="deployment/typo"]');
    await waitFor(async () => (await effect.getAttribute('data-health').catch(() => null)) === 'failed', { timeout: 40_000, message: 'deployment/typo failed' });
    await waitFor(async () => /ImagePullBackOff/.test(await effect.innerText()), { timeout: 20_000, message: 'the reason names ImagePullBackOff' });
    assert.match(await effect.innerText(), /Failed to pull image "nginx:does-not-exist"/);
    await waitForStatus(step, 'failed', { timeout: 10_000 });
    await wb.screenshot('broken-image');
  });

  await t.test('a chapter using an API the server lacks says so', async () => {
    await frame.locator('[data-nav="next"]').first().click();
    const note = frame.locator('[data-readiness="missing"]').first();
    await note.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await note.innerText(), /autoscaling\/v2/);
    await wb.screenshot('readiness');
  });
});
