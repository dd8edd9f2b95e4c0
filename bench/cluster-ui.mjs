// The Cluster view in the real VS Code (code-server + Chromium, the e2e harness) with 10,000 pods
// in one namespace: from a click on "Pods" to the first pod row on screen.
//
// Usage: node bench/cluster-ui.mjs [--pods N] [--samples N]
//
// - cold: the first expand after the view opens (the pods are listed: 20 pages of 500);
// - warm: collapse, then expand again (within the 30 s the view keeps a collapsed list's watch).
// Prints one JSON line for bench/run.mjs; skips (with a note) where the e2e harness cannot run.
import { emit, figure, log, now, summary } from './stats.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const PODS = opt('--pods', 10_000);
const SAMPLES = opt('--samples', 5);

const { openWorkbench, skipReason } = await import('../test/e2e/harness.mjs');
const { startFakeApiServer } = await import('../test/e2e/fake-cluster.mjs');

const skip = await skipReason();
if (skip) {
  emit({ figures: [], notes: [`cluster-ui: skipped (${skip})`] });
  process.exit(0);
}

/** The harness's scenarios take a test context; this one runs the clean-ups at the end. */
const cleanups = [];
const context = { name: 'bench-cluster-ui', after: (fn) => cleanups.push(fn), diagnostic: (m) => log(m) };

try {
  const api = await startFakeApiServer(context, ['--pods', String(PODS), '--exit-on-stdin-close']);
  const wb = await openWorkbench(context, { name: 'bench-cluster-ui', env: { KUBECONFIG: api.kubeconfig } });
  const coldStart = now();
  const pane = await wb.openClusterView({ maximize: true });
  const podsRow = wb.treeRow(pane, 'Pods');
  const firstPod = wb.treeRow(pane, 'pod-0');
  await podsRow.waitFor({ state: 'visible', timeout: 60_000 });

  const expand = async () => {
    const t0 = now();
    if ((await podsRow.getAttribute('aria-expanded')) === 'false') await podsRow.click();
    await firstPod.waitFor({ state: 'visible', timeout: 60_000 });
    return now() - t0;
  };
  const collapse = async () => {
    if ((await podsRow.getAttribute('aria-expanded')) === 'true') await podsRow.click();
    await firstPod.waitFor({ state: 'detached', timeout: 10_000 });
  };

  // The pods of the current namespace open by themselves: the cold figure is "show the view" -> first row.
  await firstPod.waitFor({ state: 'visible', timeout: 120_000 });
  const cold = now() - coldStart;
  // The list is virtual (the "more" row is not drawn until scrolled to): its siblings count says it is there.
  const siblings = Number(await firstPod.getAttribute('aria-setsize'));
  const more = siblings < PODS;
  const warm = [];
  for (let i = 0; i < SAMPLES; i++) {
    await collapse();
    warm.push(await expand());
  }
  await wb.screenshot('pods');
  emit({
    figures: [
      figure(`Cluster view (real VS Code): expand Pods to first pod row, ${PODS} pods, list kept`, summary(warm), 'ms', 300, 'lower'),
      figure(`Cluster view (real VS Code): show the view to first pod row, ${PODS} pods listed`, cold, 'ms', null),
    ],
    notes: [`cluster-ui: Pods shows ${siblings} rows${more ? ' (the first ones and a "Show more" row)' : ''}`],
  });
} finally {
  for (const fn of cleanups.reverse()) await fn();
}
