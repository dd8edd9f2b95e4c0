/* global window, document, requestAnimationFrame, MutationObserver */
// Where the learner waits in the reader, in the real VS Code (code-server + Chromium, the e2e
// harness), on a generated deck the size of the upstream one (2,263 slides):
//
// - open the Workshop view to its table of contents (the course loaded), and a chapter to its
//   first slide drawn; the next slide; search, per keystroke;
// - Next step to its command shown in the terminal; Run to its command shown in the terminal.
//
// Clicks and what they draw are timed inside the pages (the webview and the workbench share the
// machine's clock), so Playwright's polling adds nothing but the table of contents figure.
//
// Usage: node bench/reader-ui.mjs [--samples N]
// Prints one JSON line for bench/run.mjs; fails when the harness cannot run.
import { join } from 'node:path';
import { emit, figure, log, now, summary } from './stats.mjs';

const args = process.argv.slice(2);
const SAMPLES = args.includes('--samples') ? Number(args[args.indexOf('--samples') + 1]) : 5;
const SLIDES = 2263;
const PER_CHAPTER = 50;

const { openWorkbench, skipReason, waitFor } = await import('../test/e2e/harness.mjs');
const skip = await skipReason();
if (skip) {
  console.error(`reader-ui: cannot run the real VS Code: ${skip}`);
  process.exit(1);
}

/** A deck of SLIDES slides in chapters of PER_CHAPTER: prose, a manifest, and a lab on every other slide. */
function deckFiles() {
  const files = {};
  const chapters = [];
  for (let c = 0; c * PER_CHAPTER < SLIDES; c++) {
    const slides = [];
    const count = Math.min(PER_CHAPTER, SLIDES - c * PER_CHAPTER);
    for (let s = 0; s < count; s++) {
      const lines = [
        s === 0 ? `# Chapter ${c + 1}: deployments and services` : `## Slide ${c + 1}.${s + 1}: rolling updates`,
        '',
        'A Deployment manages ReplicaSets; a rolling update replaces pods a few at a time, so that the',
        'service keeps answering while the new version starts. `kubectl rollout status` follows it.',
        '',
        '```yaml',
        'apiVersion: apps/v1',
        'kind: Deployment',
        `metadata: { name: web-${c}-${s} }`,
        'spec: { replicas: 3 }',
        '```',
        '',
      ];
      if (s % 2 === 0) lines.push('.lab[', '', '- Run:', '  ```bash', `  echo bench-cmd-${c}-${s}`, '  ```', '', ']', '');
      slides.push(lines.join('\n'));
    }
    const file = `chapter-${String(c + 1).padStart(2, '0')}.md`;
    files[`course/${file}`] = slides.join('\n---\n\n');
    chapters.push(`  - ${file}`);
  }
  files['course/course.yml'] = ['title: |', `  Bench deck (${SLIDES} slides)`, 'content:', '-', ...chapters, ''].join('\n');
  return files;
}

// Times are epoch milliseconds with sub-millisecond precision (performance.timeOrigin + now()),
// the same clock in the webview and the workbench. No code is built from strings in the pages:
// their policies forbid eval.

/** In the webview: the time of the next click on `selector`, then of the first frame that shows slide `index`. */
function armSlide(frame, selector, index) {
  return frame.evaluate(
    ({ selector, index }) => {
      const at = () => performance.timeOrigin + performance.now();
      const marks = {};
      window.__benchMarks = marks;
      const onClick = (event) => {
        if (!event.target.closest?.(selector)) return;
        marks.click = at();
        document.removeEventListener('click', onClick, true);
      };
      document.addEventListener('click', onClick, true);
      const tick = () => {
        const slide = document.querySelector('#slide');
        if (marks.click !== undefined && slide?.getAttribute('data-slide-index') === index && slide.querySelector('h1, h2')) marks.done = at();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    { selector, index: String(index) },
  );
}

/** In the workbench: the time of the first frame whose terminal shows `marker`. */
function armTerminal(page, marker) {
  return page.evaluate((marker) => {
    const at = () => performance.timeOrigin + performance.now();
    const marks = {};
    window.__benchMarks = marks;
    const tick = () => {
      if ([...document.querySelectorAll('.xterm-rows')].some((r) => r.textContent.includes(marker))) marks.done = at();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, marker);
}

/** Clicks an element of the webview from inside it; returns the time of the click. */
function clickAt(locator) {
  return locator.evaluate((element) => {
    const t = performance.timeOrigin + performance.now();
    element.click();
    return t;
  });
}

/**
 * Waits until the snippet holding `marker` no longer runs (succeeded, failed, or unknown when the
 * terminal has no shell integration), so that the next click starts afresh.
 */
function finished(frame, marker) {
  const snippet = frame.locator('.snippet[data-snippet]', { hasText: marker }).first();
  return waitFor(async () => (await snippet.getAttribute('data-status').catch(() => 'running')) !== 'running' || null, {
    timeout: 30_000,
    message: `the end of ${marker}`,
  });
}

async function marksOf(target, names, timeout = 30_000) {
  return waitFor(
    async () => {
      const marks = await target.evaluate(() => window.__benchMarks ?? {});
      return names.every((n) => marks[n] !== undefined) ? marks : null;
    },
    { timeout, interval: 20, message: `marks ${names.join(', ')}` },
  );
}

const cleanups = [];
const context = { name: 'bench-reader-ui', after: (fn) => cleanups.push(fn), diagnostic: (m) => log(m) };
try {
  const wb = await openWorkbench(context, {
    name: 'bench-reader-ui',
    tmpFiles: deckFiles,
    settings: ({ tmp }) => ({ 'workshop.coursePath': join(tmp, 'course', 'course.yml') }),
  });

  // Open the view to its table of contents (polled: the webview does not exist before).
  const t0 = now();
  const frame = await wb.openCourse({ selector: '#toc [data-chapter]', timeout: 60_000 });
  const tocMs = now() - t0;
  log(`reader-ui: table of contents after ${tocMs.toFixed(0)} ms`);

  // A chapter to its first slide drawn.
  await armSlide(frame, '#toc [data-chapter]', 0);
  await frame.locator('#toc [data-chapter]').first().click();
  const opened = await marksOf(frame, ['click', 'done']);
  const firstSlideMs = opened.done - opened.click;
  log(`reader-ui: first slide drawn ${firstSlideMs.toFixed(1)} ms after the click`);

  // The next slide, SAMPLES times.
  const nextMs = [];
  for (let i = 0; i < SAMPLES; i++) {
    const before = Number(await frame.locator('#slide').getAttribute('data-slide-index'));
    await armSlide(frame, '[data-nav="next"]', before + 1);
    await frame.locator('[data-nav="next"]').first().click();
    const m = await marksOf(frame, ['click', 'done']);
    nextMs.push(m.done - m.click);
  }
  log(`reader-ui: next slide ${nextMs.map((n) => n.toFixed(1)).join(', ')} ms`);

  // Next step: the first steps of the course, each to its command in the terminal.
  const stepMs = [];
  for (let i = 0; i < Math.min(SAMPLES, 5); i++) {
    const marker = `bench-cmd-0-${i * 2}`;
    await armTerminal(wb.page, marker);
    const clicked = await clickAt(frame.locator('#next-step'));
    if (i === 0) await wb.clickDialogButton(/^(Run|Continue|Allow)/, { timeout: 1_500 }).catch(() => {});
    const m = await marksOf(wb.page, ['done'], 30_000);
    stepMs.push(m.done - clicked);
    await finished(frame, marker);
  }
  log(`reader-ui: Next step ${stepMs.map((n) => n.toFixed(0)).join(', ')} ms (the first opens the terminal)`);

  // Run: a lab's Run button to its command in the terminal (later slides of the first chapter).
  const runMs = [];
  for (let i = 0; i < SAMPLES; i++) {
    const slideIndex = 10 + i * 2;
    const marker = `bench-cmd-0-${slideIndex}`;
    if (Number(await frame.locator('#slide').getAttribute('data-slide-index')) !== slideIndex) {
      await frame.evaluate(() => (document.querySelector('#slide').scrollTop = 0));
      while (Number(await frame.locator('#slide').getAttribute('data-slide-index')) < slideIndex) {
        const before = Number(await frame.locator('#slide').getAttribute('data-slide-index'));
        await frame.locator('[data-nav="next"]').first().click();
        await frame.locator(`#slide[data-slide-index="${before + 1}"]`).waitFor({ timeout: 10_000 });
      }
    }
    const run = frame.locator('.snippet[data-snippet]', { hasText: marker }).locator('[data-action="run"]').first();
    await run.waitFor({ timeout: 10_000 });
    await armTerminal(wb.page, marker);
    const clicked = await clickAt(run);
    const m = await marksOf(wb.page, ['done'], 30_000);
    runMs.push(m.done - clicked);
    await finished(frame, marker);
  }
  log(`reader-ui: Run ${runMs.map((n) => n.toFixed(0)).join(', ')} ms`);

  // Search, per keystroke: from the key to its results drawn, less the reader's 150 ms typing pause.
  const PAUSE = 150;
  await frame.locator('#toggle-search').click();
  const input = frame.locator('#search input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  const searchMs = [];
  for (const word of ['rollout', 'replicas']) {
    await input.fill('');
    for (const key of word) {
      await frame.evaluate(() => {
        const at = () => performance.timeOrigin + performance.now();
        const marks = {};
        window.__benchMarks = marks;
        const input = document.querySelector('#search input');
        const list = document.querySelector('#search .search-results');
        input.addEventListener('input', () => (marks.key = at()), { once: true });
        new MutationObserver((_, observer) => {
          if (marks.key === undefined) return;
          marks.done = at();
          observer.disconnect();
        }).observe(list, { childList: true });
      });
      await input.press(key);
      const m = await marksOf(frame, ['key', 'done'], 10_000);
      searchMs.push(m.done - m.key - PAUSE);
    }
  }
  log(`reader-ui: search ${searchMs.map((n) => n.toFixed(1)).join(', ')} ms`);
  await wb.screenshot('search');

  const d = SLIDES.toLocaleString('en-US');
  emit({
    figures: [
      figure(`Reader (real VS Code): open the Workshop view to the table of contents, ${d}-slide deck`, tocMs, 'ms', null),
      figure(`Reader (real VS Code): open a chapter of the ${d}-slide deck to its first slide drawn`, firstSlideMs, 'ms', 500, 'lower'),
      figure('Reader (real VS Code): next slide drawn', summary(nextMs), 'ms', 50, 'lower'),
      figure(`Reader (real VS Code): search the ${d}-slide deck, per keystroke (after the ${PAUSE} ms typing pause)`, summary(searchMs), 'ms', 50, 'lower'),
      figure('Reader (real VS Code): Next step to its command in the terminal', summary(stepMs), 'ms', 300, 'lower'),
      figure('Reader (real VS Code): Run click to the command in the terminal, p50', summary(runMs), 'ms', 150, 'lower'),
    ],
    notes: [],
    breakdown: { readerUi: { tocMs, firstSlideMs, nextMs, searchMs, stepMs, runMs } },
  });
} finally {
  for (const fn of cleanups.reverse()) await fn();
}
