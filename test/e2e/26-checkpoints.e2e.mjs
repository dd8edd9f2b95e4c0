// Scenario 26: chapter checkpoints. A three-chapter course whose labs run the real kubectl against
// the fake API server: chapter one creates deployment `one`, chapter two creates `two` and scales
// it to 3. On chapter three, "Workshop: Start This Chapter" shows its plan, runs it, and the
// cluster (asked directly over HTTP) holds `one` and `two` with 3 replicas; chapter three's own lab
// then runs clean; starting again changes nothing (the dialog says what is already done; the one
// create it cannot check beforehand is answered AlreadyExists, which counts as done); "Reset This Chapter" on chapter two removes `two` and leaves `one`;
// starting chapter four stops at chapter three's failing command without asking whether to go on.
// A finished start is kept and shown (the chapter's first slide, its entry in the contents); a stopped one is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openWorkbench, PROJECT_ROOT, skipReason, waitFor } from './harness.mjs';
import { courseManifest, courseSettings, waitForRunState } from './course-fixture.mjs';
import { FAKE_CLI, startFakeApiServer } from './fake-cluster.mjs';

const skip = (await skipReason()) || (!existsSync(FAKE_CLI) && `the fake API server (${FAKE_CLI}) is not there`);
/** `npm run pictures` (E2E_PICTURES_DIR) also keeps the plan dialog as README's picture. */
const picturesDir = process.env.E2E_PICTURES_DIR ? resolve(PROJECT_ROOT, process.env.E2E_PICTURES_DIR) : undefined;

const lab = (title, ...commands) => [
  `## ${title}`,
  '',
  '.lab[',
  '',
  ...commands.flatMap((command) => ['- Run:', '  ```bash', `  ${command}`, '  ```', '']),
  ']',
  '',
  '---',
  '',
];

function files({ tmp }) {
  return {
    'course/course.yml': courseManifest('Checkpoint course', 'one.md', 'two.md', 'three.md', 'four.md'),
    'course/settings.yaml': ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: settings', 'data:', '  color: blue', ''].join('\n'),
    'course/one.md': [
      '# Chapter one',
      '',
      ...lab('A first deployment', 'kubectl create deployment one --image=nginx', 'kubectl get deployments'),
      // A create from a file: the plan cannot tell beforehand that it holds; its AlreadyExists does.
      ...lab('Settings', `kubectl create -f ${join(tmp, 'course', 'settings.yaml')}`),
    ].join('\n'),
    'course/two.md': [
      '# Chapter two',
      '',
      ...lab('A second deployment', 'kubectl create deployment two --image=nginx'),
      ...lab('More replicas', 'kubectl scale deployment two --replicas=3', 'kubectl get pods'),
    ].join('\n'),
    'course/three.md': [
      '# Chapter three',
      '',
      ...lab('What the earlier chapters left', 'kubectl get deployment one two', 'kubectl create deployment three --image=nginx'),
      // Fails (NotFound): starting chapter four stops there.
      ...lab('A deployment that is not there', 'kubectl scale deployment nothere --replicas=2'),
    ].join('\n'),
    'course/four.md': ['# Chapter four', '', ...lab('Look', 'kubectl get deployments')].join('\n'),
  };
}

/** The deployment as the fake API server holds it (asked over HTTP), or undefined when it is not there. */
async function deployment(api, name) {
  const response = await fetch(`${api.url}/apis/apps/v1/namespaces/default/deployments/${name}`);
  if (response.status === 404) return undefined;
  assert.equal(response.status, 200, `GET deployment ${name}`);
  return response.json();
}

/** The requests that created or changed deployments or configmaps since the last call. */
async function writes(api) {
  const requests = await api.send({ op: 'requests', clear: true });
  return requests.filter((r) => r.method !== 'GET' && /\/(deployments|configmaps)\b/.test(r.path)).map((r) => `${r.method} ${r.path}`);
}

async function configMap(api, name) {
  const response = await fetch(`${api.url}/api/v1/namespaces/default/configmaps/${name}`);
  return response.status === 404 ? undefined : response.json();
}

async function slideTitle(frame) {
  return (await frame.locator('#slide :is(h1, h2)').first().innerText().catch(() => '')).trim();
}

/** Which chapters the table of contents marks as started (it is opened to look). */
async function startedInToc(frame) {
  await frame.locator('#toggle-toc').click();
  const links = frame.locator('#toc [data-chapter]');
  await links.first().waitFor({ state: 'visible', timeout: 10_000 });
  return links.evaluateAll((all) => all.map((a) => a.hasAttribute('data-started')));
}

async function notification(wb, pattern, timeout = 60_000) {
  const toast = wb.page.locator('.notification-toast', { hasText: pattern }).first();
  await toast.waitFor({ state: 'visible', timeout });
  return (await toast.innerText()).trim();
}

test('checkpoints: start chapter three, run its lab, start again, reset chapter two', { skip, timeout: 420_000 }, async (t) => {
  const api = await startFakeApiServer(t, ['--controllers']);
  const wb = await openWorkbench(t, { name: '26-checkpoints', tmpFiles: files, settings: courseSettings, env: { KUBECONFIG: api.kubeconfig } });
  const frame = await wb.openCourse({ selector: '#toc [data-chapter]' });

  await t.test('the table of contents has Start and Reset on each chapter', async () => {
    await frame.locator('#toc [data-chapter]').nth(2).waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await frame.locator('#toc [data-checkpoint="start"]').count(), 4);
    assert.equal(await frame.locator('#toc [data-checkpoint="reset"]').count(), 4);
  });

  await t.test('Start This Chapter on chapter three: the plan, then the cluster holds what chapters one and two made', async () => {
    await frame.locator('#toc [data-chapter]', { hasText: 'Chapter three' }).first().click();
    await waitFor(async () => (await slideTitle(frame)) === 'Chapter three', { timeout: 10_000, message: 'chapter three shown' });
    assert.equal(await deployment(api, 'one'), undefined);
    await writes(api);

    await wb.runCommand('Workshop: Start This Chapter');
    const box = await wb.dialog({ timeout: 20_000 });
    const plan = await box.innerText();
    assert.match(plan, /Start "Chapter three"\? The chapters before it leave 4 commands to run/);
    assert.match(plan, /From "Chapter one":\s+kubectl create deployment one --image=nginx\s+kubectl create -f \S+settings\.yaml/);
    assert.match(plan, /From "Chapter two":\s+kubectl create deployment two --image=nginx\s+kubectl scale deployment two --replicas=3/);
    assert.doesNotMatch(plan, /kubectl get/, 'what only looks is left out');
    const shot = await wb.screenshot('plan');
    if (picturesDir) {
      mkdirSync(picturesDir, { recursive: true });
      copyFileSync(shot, join(picturesDir, 'checkpoints.png'));
    }
    await wb.clickDialogButton(/^Run$/);

    assert.match(await notification(wb, /"Chapter three" is ready/), /4 commands ran, 0 were already done/);
    assert.ok(await deployment(api, 'one'), 'deployment one is there');
    assert.equal((await configMap(api, 'settings'))?.data?.color, 'blue');
    assert.equal((await deployment(api, 'two'))?.spec?.replicas, 3, 'deployment two has 3 replicas');
    assert.equal(await slideTitle(frame), 'Chapter three');
    // The start is kept: the chapter's first slide and its entry in the contents say when and what ran.
    const line = frame.locator('#slide .chapter-start[data-started]');
    await line.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await line.innerText(), /^Started here .+: 4 commands ran, 0 were already done/);
    await wb.screenshot('started');
    assert.deepEqual(await startedInToc(frame), [false, false, true, false], 'only chapter three is marked started');
    await frame.locator('#toggle-toc').click();
    await waitFor(async () => (await slideTitle(frame)) === 'Chapter three', { timeout: 10_000, message: 'back on chapter three' });
  });

  await t.test("chapter three's own lab then runs clean", async () => {
    const own = frame.locator('.lab[data-lab]', { has: frame.locator('.snippet', { hasText: 'get deployment one two' }) }).first();
    await own.locator('[data-action="run-all"]').first().click();
    await wb.clickDialogButton(/^Run All/, { timeout: 10_000 });
    await waitForRunState(own, 'done', { timeout: 60_000 });
    const statuses = await own.locator('.snippet[data-snippet]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    assert.deepEqual(statuses, ['succeeded', 'succeeded']);
    assert.ok(await deployment(api, 'three'), 'deployment three is there');
  });

  await t.test('starting again changes nothing: what holds is skipped, an AlreadyExists counts as done', async () => {
    await wb.runCommand('Notifications: Clear All Notifications').catch(() => {});
    await writes(api);
    // The chapter's own button this time, on its first slide.
    await frame.locator('#slide [data-checkpoint="start"]').first().click();
    const box = await wb.dialog({ timeout: 20_000 });
    const plan = await box.innerText();
    assert.match(plan, /leave 1 command to run in the Workshop terminal, 3 already done/);
    assert.match(plan, /kubectl create deployment one --image=nginx \(already done: deployment\/one exists\)/);
    assert.match(plan, /kubectl scale deployment two --replicas=3 \(already done: deployment\/two has 3 replica\(s\)\)/);
    await wb.clickDialogButton(/^Run$/);
    // The create from a file runs, is answered AlreadyExists, and counts as done: the start goes on.
    assert.match(await notification(wb, /"Chapter three" is ready/), /0 commands ran, 4 were already done/);
    assert.deepEqual(await writes(api), ['POST /api/v1/namespaces/default/configmaps'], 'no deployment was created or changed');
    assert.equal((await deployment(api, 'two'))?.spec?.replicas, 3);
  });

  await t.test('Reset This Chapter on chapter two removes two and leaves one', async () => {
    await frame.locator('#toggle-toc').click();
    await frame.locator('#toc [data-chapter]', { hasText: 'Chapter two' }).first().click();
    await waitFor(async () => (await slideTitle(frame)) === 'Chapter two', { timeout: 10_000, message: 'chapter two shown' });
    await wb.runCommand('Workshop: Reset This Chapter');
    const box = await wb.dialog({ timeout: 20_000 });
    const plan = await box.innerText();
    assert.match(plan, /Reset "Chapter two"\? 1 command will undo/);
    assert.match(plan, /kubectl delete deployment two -n default --ignore-not-found/);
    assert.doesNotMatch(plan, /delete deployment (one|three)/);
    await wb.screenshot('reset-plan');
    await wb.clickDialogButton(/^Reset$/);
    await notification(wb, /"Chapter two" was reset: 1 command ran/);
    await waitFor(async () => (await deployment(api, 'two')) === undefined, { timeout: 20_000, message: 'deployment two gone' });
    assert.ok(await deployment(api, 'one'), 'deployment one is still there');
    assert.ok(await deployment(api, 'three'), 'deployment three (made by chapter three) is still there');
  });

  await t.test('a failing command stops the start: no "Continue?" question, a notice that says where, what ran stays', async () => {
    await wb.runCommand('Notifications: Clear All Notifications').catch(() => {});
    await frame.locator('#toggle-toc').click();
    await frame.locator('#toc [data-chapter]', { hasText: 'Chapter four' }).first().click();
    await waitFor(async () => (await slideTitle(frame)) === 'Chapter four', { timeout: 10_000, message: 'chapter four shown' });
    await wb.runCommand('Workshop: Start This Chapter');
    await wb.dialog({ timeout: 20_000 });
    await wb.clickDialogButton(/^Run$/);
    const stopped = await notification(wb, /Start This Chapter stopped at/);
    assert.match(stopped, /kubectl scale deployment nothere --replicas=2/);
    assert.equal(await wb.page.locator('.monaco-dialog-box').count(), 0, 'no dialog asks whether to go on');
    // The reset removed two; the start made it again before the failing command.
    assert.equal((await deployment(api, 'two'))?.spec?.replicas, 3);
    // A start that stopped is not kept: chapter four is not marked started, chapter three still is.
    assert.match(await frame.locator('#slide .chapter-start').innerText(), /Joining here\?/);
    assert.deepEqual(await startedInToc(frame), [false, false, true, false]);
  });
});
