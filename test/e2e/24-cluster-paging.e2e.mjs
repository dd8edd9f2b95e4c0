// Scenario 24: a long list shows its first rows at once (issue 23). With 3,000 pods served slowly
// (every answer of the fake API server delayed), the Cluster view shows the first pods, the count
// so far and a "Loading N more…" row while the other pages arrive, then the whole count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openWorkbench, skipReason, waitFor } from './harness.mjs';
import { FAKE_CLI, startFakeApiServer } from './fake-cluster.mjs';

const skip = (await skipReason()) || (!existsSync(FAKE_CLI) && `the fake API server (${FAKE_CLI}) is not there`);
const PODS = 3000;

test('cluster paging: first rows, the count and "Loading N more…" while the list streams in', { skip, timeout: 180_000 }, async (t) => {
  const api = await startFakeApiServer(t, ['--pods', String(PODS)]);
  const wb = await openWorkbench(t, { name: '24-cluster-paging', env: { KUBECONFIG: api.kubeconfig } });
  // From now on each page takes a while: 250 first, then pages of 500, 700 ms each.
  await api.send({ op: 'faults', faults: { delayMs: 700 } });
  const pane = await wb.openClusterView({ maximize: true });
  const podsRow = wb.treeRow(pane, 'Pods');
  const count = () => podsRow.locator('.label-description').textContent({ timeout: 1_000 }).catch(() => '');

  // Pods of the current namespace open by themselves; the first page is drawn before the rest is listed.
  await wb.treeRow(pane, 'pod-0').waitFor({ state: 'visible', timeout: 60_000 });
  const loadingRow = wb.treeRow(pane, /^Loading [\d,]+ more…$/);
  await loadingRow.waitFor({ state: 'visible', timeout: 5_000 });
  const partialCount = (await count()).trim();
  const loadingLabel = (await loadingRow.locator('.label-name').textContent()).trim();
  await wb.screenshot('partial');
  t.diagnostic(`while listing: Pods "${partialCount}", row "${loadingLabel}"`);
  const partial = /^([\d,]+) of 3,000$/.exec(partialCount);
  assert.ok(partial, `the Pods row shows the count so far and the total: "${partialCount}"`);
  const shown = Number(partial[1].replace(/,/g, ''));
  assert.ok(shown >= 100 && shown < PODS, `some pods listed, not all: ${shown}`);
  const more = Number(/[\d,]+/.exec(loadingLabel)[0].replace(/,/g, ''));
  assert.ok(more > 0 && more <= PODS - 100, `"Loading N more…" counts what is not listed yet: ${more}`);

  // Then the whole list: the total count, no loading row.
  await waitFor(async () => ((await count()).trim() === String(PODS) ? true : null), { timeout: 60_000, interval: 200, message: 'the whole count' });
  await loadingRow.waitFor({ state: 'detached', timeout: 10_000 });
  await wb.screenshot('complete');
  const labels = await wb.treeLabels(pane);
  assert.ok(labels.includes('pod-0'), `pods still listed: ${labels.slice(0, 10).join(', ')}`);
});
