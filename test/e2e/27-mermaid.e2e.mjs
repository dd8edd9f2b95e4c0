// Scenario 27: mermaid diagrams are drawn in the reader, under its CSP. The diagram bundle is
// not loaded on a slide without a diagram; on a slide with a `<pre class="mermaid">` and a
// ```mermaid fence both show an <svg> (in the diagram's element); a diagram that does not
// parse keeps its source with a one-line note; the other types the reader draws (gitGraph, state,
// class, a flowchart asking for the ELK layout) are drawn too, and a type left out of the bundle
// (a pie chart) keeps its source with the note that it is not drawn here; no CSP violation is
// reported meanwhile.
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
    '## More types',
    '',
    '<pre class="mermaid">',
    '%%{init: { "gitGraph": { "mainBranchName": "trunk" } } }%%',
    'gitGraph',
    '  commit id: "first"',
    '  branch feature',
    '  commit id: "second"',
    '  checkout trunk',
    '  merge feature',
    '</pre>',
    '',
    '```mermaid',
    'stateDiagram-v2',
    '  [*] --> Pending',
    '  Pending --> Running',
    '  Running --> [*]',
    '```',
    '',
    '```mermaid',
    'classDiagram',
    '  class Workload',
    '  Workload <|-- StatefulSet',
    '```',
    '',
    '```mermaid',
    'flowchart-elk LR',
    '  Service --> Endpoints',
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
    '---',
    '',
    '## Not drawn here',
    '',
    '```mermaid',
    'pie title Pods by phase',
    '  "Running" : 7',
    '  "Pending" : 2',
    '```',
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

test('mermaid: the drawn types drawn under the CSP, a broken one and a type not drawn keep their source, no bundle without a diagram', { skip, timeout: 180_000 }, async (t) => {
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

  const more = await next(frame, index);
  await waitFor(async () => (await drawn.count()) === 4 || null, { timeout: 30_000, message: 'four more diagrams drawn' });
  const svgText = async (n) => drawn.nth(n).locator('.diagram-drawn svg').textContent();
  assert.match(await svgText(0), /first.*second/s, 'the gitGraph, with its commits');
  assert.match(await svgText(0), /trunk/, 'the gitGraph, with the branch its init directive names');
  assert.match(await svgText(1), /Pending.*Running/s, 'the state diagram');
  assert.match(await svgText(2), /Workload.*StatefulSet/s, 'the class diagram');
  assert.match(await svgText(3), /Service.*Endpoints/s, 'the flowchart asking for ELK, drawn with dagre');
  await wb.screenshot('more-types');

  const broken = await next(frame, more);
  const failed = slide.locator('.diagram-source[data-drawn="failed"]');
  await failed.waitFor({ state: 'attached', timeout: 15_000 });
  const note = (await failed.locator('.diagram-label').innerText()).trim();
  assert.match(note, /^Mermaid diagram not drawn: \S/);
  assert.doesNotMatch(note, /\n/, 'a one-line note');
  assert.match(await failed.locator('pre').innerText(), /A --> \[unclosed/);
  assert.equal(await failed.locator('svg').count(), 0);
  await wb.screenshot('broken');

  await next(frame, broken);
  await waitFor(async () => (await slide.getByRole('heading', { name: 'Not drawn here' }).count()) > 0 && (await failed.count()) === 1 || null, { timeout: 15_000, message: 'the pie chart, not drawn' });
  const pieNote = (await failed.locator('.diagram-label').innerText()).trim();
  assert.match(pieNote, /^Mermaid diagram not drawn: this diagram type \(pie\) is not drawn here; the reader draws flowchart, .*gitGraph diagrams$/);
  assert.match(await failed.locator('pre').innerText(), /pie title Pods by phase\s+"Running" : 7/, 'the source, as written');
  assert.equal(await failed.locator('svg, a, .diagram-label *:not(em)').count(), 0, 'no picture; the note is plain text');
  await wb.screenshot('not-drawn');

  const violations = await frame.evaluate(() => window.cspViolations);
  assert.deepEqual(violations, [], 'no CSP violation in the reader');
  const reported = wb.consoleErrors.slice(consoleBefore).filter((m) => /Content Security Policy|Refused to/i.test(m));
  assert.deepEqual(reported, [], 'no CSP message on the console');
});
