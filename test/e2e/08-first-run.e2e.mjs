// Scenario 8: first run. The "Get started" walkthrough opens and each step completes on its own
// event (the Course view opened, a kubeconfig appearing, a context that answers, a first command
// run); Check My Setup reports what the bare fake cluster lacks, and all good on one that has
// the add-ons. The fake server reports the minor version of the machine's kubectl, so that the
// version check passes whichever kubectl is installed (the extension host's PATH comes from the
// login shell, so a stand-in kubectl cannot be slipped in).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyCourseFiles, courseSettings, showSnippet, waitForStatus } from './course-fixture.mjs';
import { FAKE_CLI, startFakeApiServer } from './fake-cluster.mjs';
import { openWorkbench, skipReason, waitFor } from './harness.mjs';

/** `v1.<minor>.0` of the machine's kubectl, or undefined without one. */
function kubectlServerVersion() {
  const r = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 20_000 });
  const minor = /"minor":\s*"(\d+)/.exec(r.stdout ?? '')?.[1];
  return minor ? `v1.${minor}.0` : undefined;
}

const serverVersion = kubectlServerVersion();
const skip = (await skipReason()) || (!existsSync(FAKE_CLI) && `the fake API server (${FAKE_CLI}) is not there`) || (!serverVersion && 'kubectl is not installed (Check My Setup would report it)');
const STEPS = ['getCourse', 'getCluster', 'checkSetup', 'firstExercise'];

async function waitForStep(wb, id, timeout = 15_000) {
  await waitFor(() => wb.walkthroughStepDone(id), { timeout, message: `walkthrough step ${id} to complete` });
}

test('walkthrough: opens, and its steps complete on their events', { skip, timeout: 240_000 }, async (t) => {
  const api = await startFakeApiServer(t, ['--server-version', serverVersion]);
  const kubeDir = mkdtempSync(join(tmpdir(), 'workshop-e2e-kubeconfig-'));
  t.after(() => rmSync(kubeDir, { recursive: true, force: true }));
  const kubeconfig = join(kubeDir, 'config'); // written later: the "Get a cluster" event
  const wb = await openWorkbench(t, {
    name: '08-walkthrough',
    tmpFiles: tinyCourseFiles,
    settings: courseSettings,
    env: { KUBECONFIG: kubeconfig },
  });

  await wb.runCommand('Workshop: Get Started with the Kubernetes Workshop');
  await wb.page.locator('.getting-started-category h2', { hasText: 'Get started with the Kubernetes workshop' }).first().waitFor({ timeout: 15_000 });
  await wb.page.locator(`button.getting-started-step[data-step-id$="${STEPS[0]}"]`).first().waitFor({ timeout: 15_000 });
  for (const id of STEPS) assert.equal(await wb.walkthroughStepDone(id), false, `${id} starts undone`);
  await wb.screenshot('walkthrough');

  // 1. The course: opening the Course view.
  const frame = await wb.openCourse();
  await waitForStep(wb, 'getCourse');
  assert.equal(await wb.walkthroughStepDone('getCluster'), false, 'no kubeconfig yet');

  // 2. A cluster: its kubeconfig appears where KUBECONFIG points.
  copyFileSync(api.kubeconfig, kubeconfig);
  await waitForStep(wb, 'getCluster', 20_000);
  assert.equal(await wb.walkthroughStepDone('checkSetup'), false, 'nothing checked yet');

  // 3. Check My Setup: the context answers; the bare fake cluster lacks metrics-server and a StorageClass.
  await wb.runCommand('Workshop: Check My Setup');
  const results = await wb.setupCheckResults({ maximize: true });
  await wb.screenshot('setup-check');
  assert.equal(results['Cluster reachable'], 'OK', JSON.stringify(results));
  assert.equal(results['Metrics API (metrics-server)'], 'Warning', JSON.stringify(results));
  assert.equal(results['Default StorageClass'], 'Warning', JSON.stringify(results));
  assert.equal(results['kubectl installed'], 'OK', JSON.stringify(results));
  await waitForStep(wb, 'checkSetup');
  assert.equal(await wb.walkthroughStepDone('firstExercise'), false, 'no command run yet');

  // 4. The first exercise: a command runs to its end.
  const snippet = await showSnippet(frame, 'ran-ok');
  await snippet.locator('[data-action="run"]').click();
  await waitForStatus(snippet, 'succeeded', { timeout: 20_000 });
  await waitForStep(wb, 'firstExercise');
  await wb.screenshot('all-steps-done');
});

test('Check My Setup: all good on a fake cluster with node, DNS, storage, metrics and ingress', { skip, timeout: 180_000 }, async (t) => {
  const api = await startFakeApiServer(t, ['--addons', '--server-version', serverVersion]);
  const wb = await openWorkbench(t, { name: '08-setup-all-good', env: { KUBECONFIG: api.kubeconfig } });
  await wb.runCommand('Workshop: Check My Setup');
  const results = await wb.setupCheckResults();
  await wb.screenshot('all-good');
  assert.equal(Object.keys(results).length, 9, JSON.stringify(results));
  const notOk = Object.entries(results).filter(([, status]) => status !== 'OK');
  assert.deepEqual(notOk, [], `every check passes: ${JSON.stringify(results)}`);
});
