/* global window, document, requestAnimationFrame */
// The Cluster view in the real VS Code (code-server + Chromium, the e2e harness) with 10,000 pods
// in one namespace.
//
// Usage: node bench/cluster-ui.mjs [--pods N] [--samples N]
//
// - first show, extension active: a fresh window where the learner opened the course first (the
//   extension is active, client-node not yet read); from the click that shows the Cluster view to
//   the first pod row drawn, and to the whole count on the Pods row;
// - first show, cold: the same in a fresh window whose extension is not active yet (it holds
//   VS Code starting the extension: information, with the breakdown);
// - expand again: collapse, then expand (within the 30 s the view keeps a collapsed list's watch),
//   from the click on the Pods row to the frame that draws the first pod.
// Everything is timed inside the page (no polling from Playwright).
// Prints one JSON line for bench/run.mjs; fails when the harness cannot run (a figure with a target).
import { emit, figure, log, summary } from './stats.mjs';

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
        if (marks.click !== undefined) return;
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

/**
 * Times one expand of the collapsed Pods row inside the page: from the click on the row to the
 * frame that draws `firstRow`.
 */
async function timeExpand(page, podsRow, firstRow) {
  await page.evaluate((firstRow) => {
    const marks = {};
    window.__expandMarks = marks;
    const onClick = (event) => {
      if (!event.target.closest?.('.part.panel .monaco-list-row')) return;
      marks.click = performance.now();
      document.removeEventListener('click', onClick, true);
      const tick = () => {
        const drawn = [...document.querySelectorAll('.part.panel .monaco-list-row .label-name')].some((label) => label.textContent.trim() === firstRow);
        if (drawn) marks.drawn = performance.now();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    };
    document.addEventListener('click', onClick, true);
  }, firstRow);
  await podsRow.click();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const marks = await page.evaluate(() => window.__expandMarks);
    if (marks.drawn !== undefined) return marks.drawn - marks.click;
    if (Date.now() > deadline) throw new Error(`cluster-ui: ${firstRow} was not drawn within 60 s of expanding Pods`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Shows the Cluster view in `wb` and times it to the first pod row and to the whole count. */
async function firstShow(wb) {
  // The panel is maximized first (long trees stay rendered): typing that command while the view
  // loads would be timed with it.
  await wb.togglePanelMaximized();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await armMarks(wb.page, 'pod-0', String(PODS));
  const pane = await wb.openClusterView();
  // The pods of the current namespace open by themselves.
  return { pane, marks: await readMarks(wb.page) };
}

/** The harness's scenarios take a test context; this one runs the clean-ups at the end. */
const cleanups = [];
const context = { name: 'bench-cluster-ui', after: (fn) => cleanups.push(fn), diagnostic: (m) => log(m) };

try {
  const api = await startFakeApiServer(context, ['--pods', String(PODS), '--exit-on-stdin-close']);
  const env = { KUBECONFIG: api.kubeconfig };

  // Cold: the click activates the extension.
  const cold = await openWorkbench(context, { name: 'bench-cluster-ui-cold', env });
  const { pane, marks: first } = await firstShow(cold);
  log(`cluster-ui: cold: Pods row ${first.podsRow.toFixed(0)} ms, first pod row ${first.firstRow.toFixed(0)} ms, whole list ${first.complete.toFixed(0)} ms`);
  const podsRow = cold.treeRow(pane, 'Pods');
  const firstPod = cold.treeRow(pane, 'pod-0');
  // The list is virtual (the "more" row is not drawn until scrolled to): its siblings count says it is there.
  const siblings = Number(await firstPod.getAttribute('aria-setsize'));
  const warm = [];
  for (let i = 0; i < SAMPLES; i++) {
    if ((await podsRow.getAttribute('aria-expanded')) === 'true') await podsRow.click();
    await firstPod.waitFor({ state: 'detached', timeout: 10_000 });
    warm.push(await timeExpand(cold.page, podsRow, 'pod-0'));
  }
  await cold.screenshot('pods');
  await cold.close();

  // Active: the learner opened the course first.
  const active = [];
  for (let i = 0; i < Math.max(1, Math.min(SAMPLES, 3)); i++) {
    const wb = await openWorkbench(context, { name: `bench-cluster-ui-active-${i}`, env });
    await wb.openWorkshopContainer();
    await wb.webviewFrame();
    // Let the course finish loading in the background.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const { marks } = await firstShow(wb);
    log(`cluster-ui: extension active: Pods row ${marks.podsRow.toFixed(0)} ms, first pod row ${marks.firstRow.toFixed(0)} ms, whole list ${marks.complete.toFixed(0)} ms`);
    active.push(marks);
    await wb.close();
  }
  const n = PODS.toLocaleString('en-US');
  emit({
    figures: [
      figure(`Cluster view (real VS Code): show the view to first pod row, ${n} pods, first time in a window, extension active`, summary(active.map((m) => m.firstRow)), 'ms', 500, 'lower'),
      figure(`Cluster view (real VS Code): show the view to the whole list counted, ${n} pods, first time, extension active`, summary(active.map((m) => m.complete)), 'ms', 3000, 'lower'),
      figure('Cluster view (real VS Code): show the view to the tree drawn (Pods row), first time in a window, activating the extension', first.podsRow, 'ms', null),
      figure(`Cluster view (real VS Code): show the view to first pod row, ${n} pods, first time in a window, activating the extension`, first.firstRow, 'ms', null),
      figure(`Cluster view (real VS Code): show the view to the whole list counted, ${n} pods, activating the extension`, first.complete, 'ms', null),
      figure(`Cluster view (real VS Code): expand Pods to first pod row, ${n} pods, list kept`, summary(warm), 'ms', 300, 'lower'),
    ],
    notes: [`cluster-ui: Pods shows ${siblings} rows (the first ones and a "Show more" row)`],
    breakdown: { clusterUi: { cold: first, active, warm } },
  });
} finally {
  for (const fn of cleanups.reverse()) await fn();
}
