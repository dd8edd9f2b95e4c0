/* global window, document, requestAnimationFrame */
// The Cluster view in the real VS Code (code-server + Chromium, the e2e harness) with 10,000 pods
// in one namespace.
//
// Usage: node bench/cluster-ui.mjs [--pods N] [--samples N]
//
// - first show: from the click that shows the view (in a fresh window) to the first pod row drawn,
//   and to the whole count on the Pods row; timed inside the page (no polling from Playwright);
// - expand again: collapse, then expand (within the 30 s the view keeps a collapsed list's watch).
// Prints one JSON line for bench/run.mjs; fails when the harness cannot run (a figure with a target).
import { emit, figure, log, now, summary } from './stats.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const PODS = opt('--pods', 10_000);
const SAMPLES = opt('--samples', 5);

const { openWorkbench, skipReason } = await import('../test/e2e/harness.mjs');
const { startFakeApiServer } = await import('../test/e2e/fake-cluster.mjs');

const skip = await skipReason();
if (skip) {
  console.error(`cluster-ui: cannot run the real VS Code: ${skip}`);
  process.exit(1);
}

/**
 * Starts timing in the page: from the next click in the command palette (the one that shows the
 * view) to the first frame where the pod row is drawn, and to the frame where the Pods row shows
 * `count`. Read the result with `readMarks`.
 */
function armMarks(page, firstRow, count) {
  return page.evaluate(
    ({ firstRow, count }) => {
      const marks = {};
      window.__benchMarks = marks;
      const onClick = (event) => {
        if (!event.target.closest?.('.quick-input-widget')) return;
        marks.click = performance.now();
        document.removeEventListener('click', onClick, true);
      };
      document.addEventListener('click', onClick, true);
      const tick = () => {
        for (const label of document.querySelectorAll('.part.panel .monaco-list-row .label-name')) {
          const text = label.textContent.trim();
          if (marks.firstRow === undefined && text === firstRow) marks.firstRow = performance.now();
          if (marks.podsRow === undefined && text === 'Pods') marks.podsRow = performance.now();
          if (marks.complete === undefined && text === 'Pods') {
            const description = label.closest('.monaco-list-row').querySelector('.label-description')?.textContent.trim();
            if (description === count) marks.complete = performance.now();
          }
        }
        if (marks.complete === undefined || marks.firstRow === undefined) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    { firstRow, count },
  );
}

async function readMarks(page, timeout = 120_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const marks = await page.evaluate(() => window.__benchMarks);
    if (marks.click !== undefined && marks.firstRow !== undefined && marks.complete !== undefined) {
      return { podsRow: marks.podsRow - marks.click, firstRow: marks.firstRow - marks.click, complete: marks.complete - marks.click };
    }
    if (Date.now() > deadline) throw new Error(`cluster-ui: the view did not show the pods within ${timeout / 1000} s: ${JSON.stringify(marks)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The harness's scenarios take a test context; this one runs the clean-ups at the end. */
const cleanups = [];
const context = { name: 'bench-cluster-ui', after: (fn) => cleanups.push(fn), diagnostic: (m) => log(m) };

try {
  const api = await startFakeApiServer(context, ['--pods', String(PODS), '--exit-on-stdin-close']);
  const wb = await openWorkbench(context, { name: 'bench-cluster-ui', env: { KUBECONFIG: api.kubeconfig } });
  await armMarks(wb.page, 'pod-0', String(PODS));
  const pane = await wb.openClusterView({ maximize: true });
  const podsRow = wb.treeRow(pane, 'Pods');
  const firstPod = wb.treeRow(pane, 'pod-0');
  // The pods of the current namespace open by themselves.
  const first = await readMarks(wb.page);
  log(`cluster-ui: first show: Pods row ${first.podsRow.toFixed(0)} ms, first pod row ${first.firstRow.toFixed(0)} ms, whole list ${first.complete.toFixed(0)} ms`);

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
  // The list is virtual (the "more" row is not drawn until scrolled to): its siblings count says it is there.
  const siblings = Number(await firstPod.getAttribute('aria-setsize'));
  const warm = [];
  for (let i = 0; i < SAMPLES; i++) {
    await collapse();
    warm.push(await expand());
  }
  await wb.screenshot('pods');
  const n = PODS.toLocaleString('en-US');
  emit({
    figures: [
      figure('Cluster view (real VS Code): show the view to the tree drawn (Pods row), first time in a window', first.podsRow, 'ms', null),
      figure(`Cluster view (real VS Code): show the view to first pod row, ${n} pods, first time in a window`, first.firstRow, 'ms', 500, 'lower'),
      figure(`Cluster view (real VS Code): show the view to the whole list counted, ${n} pods, first time`, first.complete, 'ms', 3000, 'lower'),
      figure(`Cluster view (real VS Code): expand Pods to first pod row, ${n} pods, list kept`, summary(warm), 'ms', 300, 'lower'),
    ],
    notes: [`cluster-ui: Pods shows ${siblings} rows (the first ones and a "Show more" row)`],
    breakdown: { clusterUi: { first, warm } },
  });
} finally {
  for (const fn of cleanups.reverse()) await fn();
}
