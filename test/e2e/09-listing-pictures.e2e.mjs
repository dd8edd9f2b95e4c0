// Scenario 9: the pictures of README and the Marketplace listing, taken from the real UI (the
// bundled course, kubectl against the fake API server). Each picture is also a check: the scene
// it shows must be there. `npm run pictures` runs this scenario with E2E_PICTURES_DIR=docs/images,
// which copies the pictures there. The suite skips it otherwise: it adds a minute and checks
// nothing the other scenarios do not.
import { test } from 'node:test';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FAKE_CLI, startFakeApiServer } from './fake-cluster.mjs';
import { openWorkbench, PROJECT_ROOT, skipReason, waitFor } from './harness.mjs';

const picturesDir = process.env.E2E_PICTURES_DIR ? resolve(PROJECT_ROOT, process.env.E2E_PICTURES_DIR) : undefined;
const skip =
  (!picturesDir && 'pictures are taken by `npm run pictures`') || (await skipReason()) || (!existsSync(FAKE_CLI) && `the fake API server (${FAKE_CLI}) is not there`);

async function picture(wb, name) {
  const shot = await wb.screenshot(name);
  if (!picturesDir) return;
  mkdirSync(picturesDir, { recursive: true });
  copyFileSync(shot, join(picturesDir, `${name}.png`));
}

/** Shows the slide of the bundled course's chapter `title` whose lab holds `command`. */
async function showLab(frame, title, command) {
  await frame.locator('#toc [data-chapter]', { hasText: title }).first().click();
  const snippet = frame.locator('.snippet[data-snippet]', { hasText: command }).first();
  for (let i = 0; i < 6 && !(await snippet.isVisible().catch(() => false)); i++) {
    await frame.locator('[data-nav="next"]').first().click();
    await snippet.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => {});
  }
  await snippet.waitFor({ state: 'visible', timeout: 5_000 });
  return snippet;
}

/** Notifications (Run all's summary) would cover the pictures. */
async function clearNotifications(wb) {
  await wb.runCommand('Notifications: Clear All Notifications').catch(() => {});
}

async function readers(wb) {
  let count = 0;
  for (const frame of wb.page.frames()) {
    const el = await frame.frameElement().catch(() => null);
    if (!el || (await el.getAttribute('id').catch(() => null)) !== 'active-frame') continue;
    if (await frame.locator('#slide, #toc').count().catch(() => 0)) count++;
  }
  return count;
}

test('listing pictures: Check My Setup, snippets, Run all, the reader with the cluster, the cluster view, the reader beside the editor', { skip, timeout: 240_000 }, async (t) => {
  const api = await startFakeApiServer(t, ['--pods', '3', '--deployments', '1', '--addons']);
  const wb = await openWorkbench(t, { name: '09-listing-pictures', env: { KUBECONFIG: api.kubeconfig } });

  // Check My Setup on a cluster that has everything (it also opens the Workshop terminal).
  const frame = await wb.openCourse({ selector: '#toc [data-chapter]' });
  await wb.runCommand('Workshop: Check My Setup');
  const results = await wb.setupCheckResults();
  if (Object.values(results).some((status) => status !== 'OK')) throw new Error(`not all good: ${JSON.stringify(results)}`);
  await wb.togglePanelMaximized();
  await picture(wb, 'setup-check');
  await wb.togglePanelMaximized();

  // A manifest snippet, expanded in a new YAML document.
  await wb.runCommand('Workshop: Insert Kubernetes Snippet');
  await wb.pickQuickPick(/^\s*Deployment\s*$/);
  await waitFor(async () => /kind: Deployment/.test(await wb.editorText().catch(() => '')), { timeout: 10_000, message: 'kind: Deployment in the editor' });
  await picture(wb, 'snippets');

  // Run all on a lab of the bundled course: every command runs against the cluster, each marked.
  const firstCommand = await showLab(frame, 'First contact with kubectl', 'custom-columns=NAME');
  const lab = frame.locator('.lab[data-lab]', { has: firstCommand }).first();
  const snippets = lab.locator('.snippet[data-snippet]');
  await lab.locator('[data-action="run-all"]').first().click();
  await wb.clickDialogButton(/^(Run|Continue)/);
  // Finished: no step idle or running (the exercises engine may settle one as "sent").
  const statuses = await waitFor(
    async () => {
      const all = await snippets.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      return all.every((status) => status && status !== 'idle' && status !== 'running') ? all : null;
    },
    { timeout: 60_000, message: 'every command of the lab to run' },
  );
  if (statuses[0] !== 'succeeded') throw new Error(`the first command did not succeed: ${statuses.join(', ')}`);
  await wb.waitForTerminalText(/fake-node/, { timeout: 10_000 });
  await clearNotifications(wb);
  await picture(wb, 'run-all');

  // The reader with that lab, the cluster in the panel beside the terminal.
  const cluster = await wb.openClusterView();
  await wb.expandTreeRow(cluster, 'Pods', { timeout: 20_000 });
  await wb.treeRow(cluster, 'pod-0').waitFor({ state: 'visible', timeout: 10_000 });
  await wb.treeRow(cluster, /^Loading/).waitFor({ state: 'detached', timeout: 10_000 });
  await clearNotifications(wb);
  await picture(wb, 'overview');

  // The cluster view, in the panel made tall.
  await wb.expandTreeRow(cluster, 'Deployments');
  await wb.treeRow(cluster, 'deploy-0').waitFor({ state: 'visible', timeout: 10_000 });
  await wb.togglePanelMaximized();
  await picture(wb, 'cluster-view');
  await wb.togglePanelMaximized();

  // The reader beside the editor: the other layout.
  await wb.runCommand('Workshop: Open Course Beside the Editor');
  await waitFor(async () => (await readers(wb)) >= 2, { timeout: 20_000, message: 'the reader beside the editor' });
  await picture(wb, 'layout-beside-editor');
});
