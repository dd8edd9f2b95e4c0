// Scenario 7: the reader's own tools: search across the course, step-by-step increments,
// and the course opened beside the editor in a panel of its own, which follows the side-bar view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkbench, skipReason, waitFor } from './harness.mjs';

const skip = await skipReason();

test('reader: search, step through increments, open beside the editor', { skip, timeout: 180_000 }, async (t) => {
  const wb = await openWorkbench(t, { name: '07-reader-features' });
  const frame = await wb.openCourse({ selector: '#toc [data-chapter]' });

  // Search finds slides anywhere in the course; a result opens its slide.
  await frame.locator('#toggle-search').click();
  await frame.locator('#search input').fill('rollout undo');
  const result = frame.locator('.search-results a').first();
  await result.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match((await result.innerText()).toLowerCase(), /rollout/);
  await result.click();
  const slide = frame.locator('#slide[data-slide-index]');
  await waitFor(async () => /rollout undo/i.test((await slide.innerText().catch(() => '')) ?? ''), {
    timeout: 10_000,
    message: 'the slide of the search result',
  });
  await wb.screenshot('search-result');

  // Step-by-step: on a slide with increments, Next reveals the next step on the same slide.
  await frame.locator('#toggle-steps').click();
  const position = frame.locator('.nav-position');
  const stepped = await waitFor(
    async () => {
      const text = (await position.innerText().catch(() => '')) ?? '';
      if (/step 1\/\d+/.test(text)) return text;
      await frame.locator('[data-nav="next"]').first().click();
      return null;
    },
    { timeout: 30_000, interval: 300, message: 'a slide with increments in step-by-step mode' },
  );
  const index = await slide.getAttribute('data-slide-index');
  await frame.locator('[data-nav="next"]').first().click();
  await waitFor(async () => /step 2\/\d+/.test((await position.innerText().catch(() => '')) ?? '') || null, {
    timeout: 10_000,
    message: `step 2 after ${stepped}`,
  });
  assert.equal(await slide.getAttribute('data-slide-index'), index, 'a step stays on the same slide');
  await wb.screenshot('step-2');

  // Beside the editor: a panel with its own reader opens on the same course.
  await wb.runCommand('Workshop: Open Course Beside the Editor');
  await waitFor(
    async () => {
      let readers = 0;
      for (const f of wb.page.frames()) {
        const el = await f.frameElement().catch(() => null);
        if (!el || (await el.getAttribute('id').catch(() => null)) !== 'active-frame') continue;
        if (await f.locator('#slide, #toc').count().catch(() => 0)) readers++;
      }
      return readers >= 2 || null;
    },
    { timeout: 20_000, message: 'a second reader, in an editor panel' },
  );
  assert.ok(await wb.page.locator('.tab', { hasText: 'Kubernetes Workshop' }).count(), 'an editor tab named Kubernetes Workshop');
  await wb.screenshot('beside');

  // Both readers show the one reading state: Next in the panel moves the side-bar view too.
  let panel;
  for (const f of wb.page.frames()) {
    if (f === frame) continue;
    const el = await f.frameElement().catch(() => null);
    if (!el || (await el.getAttribute('id').catch(() => null)) !== 'active-frame') continue;
    if (await f.locator('#slide').count().catch(() => 0)) panel = f;
  }
  assert.ok(panel, 'the panel opens on the slide being read');
  const sidebarPosition = await position.innerText();
  await waitFor(async () => (await panel.locator('.nav-position').innerText().catch(() => '')) === sidebarPosition || null, {
    timeout: 10_000,
    message: `the panel to show the same place (${sidebarPosition})`,
  });
  await panel.locator('[data-nav="next"]').first().click();
  const moved = await waitFor(
    async () => {
      const text = (await position.innerText().catch(() => '')) ?? '';
      return text && text !== sidebarPosition ? text : null;
    },
    { timeout: 10_000, message: 'the side-bar view to follow Next in the panel' },
  );
  await waitFor(async () => (await panel.locator('.nav-position').innerText().catch(() => '')) === moved || null, {
    timeout: 10_000,
    message: `both readers to show the new place (${moved})`,
  });
});
