// Scenario 27: mermaid diagrams are drawn in the reader, under its CSP. The diagram bundle is
// not loaded on a slide without a diagram; on a slide with a `<pre class="mermaid">` and a
// ```mermaid fence both show an <svg> (in the diagram's element); a diagram that does not
// parse keeps its source with a one-line note; no CSP violation is reported meanwhile.
/* global window, document */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitFor } from './harness.mjs';
import { courseManifest } from './course-fixture.mjs';

const skip = await skipReason();

const files = {
  'course/course.yml': courseManifest('Diagrams', 'diagrams.md'),
  'course/diagrams.md': [
    '# Diagrams',
    '',
    'A slide without a diagram.',
    '',
    '---',
    '',
    '## Drawn',
    '',
    '<pre class="mermaid">',
    'flowchart LR',
    '  D["Deployment<br/>(web)"] --> R[ReplicaSet] --> P[Pod]',
    '</pre>',
    '',
    '```mermaid',
    'sequenceDiagram',
    '  kubectl->>apiserver: create',
    '```',
    '',
    '---',
    '',
    '## Broken',
    '',
    '<pre class="mermaid">',
    'flowchart LR',
    '  A --> [unclosed',
    '</pre>',
    '',
  ].join('\n'),
};

/** The slide's index once it changes from `before`. */
async function next(frame, before) {
  await frame.locator('[data-nav="next"]').first().click();
  const slide = frame.locator('#slide[data-slide-index]');
  await waitFor(async () => (await slide.getAttribute('data-slide-index')) !== before || null, { timeout: 10_000, message: `a slide after ${before}` });
  return slide.getAttribute('data-slide-index');
}

test('mermaid: diagrams drawn under the CSP, a broken one keeps its source, no bundle without a diagram', { skip, timeout: 180_000 }, async (t) => {
  const wb = await openWorkbench(t, {
    name: '27-mermaid',
    tmpFiles: files,
    settings: ({ tmp }) => ({ 'workshop.coursePath': join(tmp, 'course', 'course.yml') }),
  });
  const frame = await wb.openCourse({ selector: '#toc [data-chapter]' });
  await frame.locator('#toc [data-chapter]').first().click();
  const slide = frame.locator('#slide');
  await slide.getByText('A slide without a diagram.').waitFor({ timeout: 15_000 });
  // Every CSP violation in the reader's document from now on, and the console's messages.
  const consoleBefore = wb.consoleErrors.length;
  await frame.evaluate(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  assert.equal(await frame.locator('script[src*="mermaid.js"]').count(), 0, 'no diagram bundle on a slide without a diagram');

  const index = await next(frame, await slide.getAttribute('data-slide-index'));
  const drawn = slide.locator('.diagram-source[data-drawn="true"]');
  await waitFor(async () => (await drawn.count()) === 2 || null, { timeout: 30_000, message: 'two diagrams drawn' });
  assert.equal(await frame.locator('script[src*="mermaid.js"]').count(), 1, 'the diagram bundle, loaded once');
  // Playwright's CSS locators pierce the open shadow root the SVG is in.
  const flowchart = drawn.nth(0).locator('.diagram-drawn svg');
  assert.equal(await flowchart.count(), 1, 'an svg inside the first diagram');
  assert.match(await flowchart.textContent(), /Deployment.*ReplicaSet.*Pod/s);
  assert.ok((await flowchart.locator('g.node').count()) >= 3, 'the flowchart has its three nodes');
  assert.match(await drawn.nth(1).locator('.diagram-drawn svg').textContent(), /kubectl.*apiserver/s);
  assert.match(await drawn.nth(0).locator('details.diagram-code pre').textContent(), /flowchart LR/, 'the source stays available');
  await wb.screenshot('drawn');

  await next(frame, index);
  const broken = slide.locator('.diagram-source[data-drawn="failed"]');
  await broken.waitFor({ state: 'attached', timeout: 15_000 });
  const note = (await broken.locator('.diagram-label').innerText()).trim();
  assert.match(note, /^Mermaid diagram not drawn: \S/);
  assert.doesNotMatch(note, /\n/, 'a one-line note');
  assert.match(await broken.locator('pre').innerText(), /A --> \[unclosed/);
  assert.equal(await broken.locator('svg').count(), 0);
  await wb.screenshot('broken');

  const violations = await frame.evaluate(() => window.cspViolations);
  assert.deepEqual(violations, [], 'no CSP violation in the reader');
  const reported = wb.consoleErrors.slice(consoleBefore).filter((m) => /Content Security Policy|Refused to/i.test(m));
  assert.deepEqual(reported, [], 'no CSP message on the console');
});
