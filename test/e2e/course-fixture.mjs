// A tiny course of our own for the exercise scenarios: written under the scenario's temp folder
// (outside the workspace) and opened through the user setting `workshop.coursePath`.
import { join } from 'node:path';
import { waitFor } from './harness.mjs';

/** `course/course.yml` of a course whose chapters are `chapters` (files under `course/`). */
export function courseManifest(title, ...chapters) {
  return ['title: |', `  ${title}`, 'content:', '-', ...chapters.map((file) => `  - ${file}`), ''].join('\n');
}

/**
 * Files of the tiny course, relative to the scenario's temp folder (for openWorkbench's
 * `tmpFiles`). Side effects land in `<tmp>/ran-ok` and `<tmp>/after-ctrl-c`.
 */
export function tinyCourseFiles({ tmp }) {
  return {
    'course/course.yml': courseManifest('E2E tiny course', 'lab.md'),
    'course/lab.md': [
      '# Exercises',
      '',
      '## Running commands',
      '',
      '.lab[',
      '',
      '- Create a file:',
      '  ```bash',
      `  touch ${join(tmp, 'ran-ok')}`,
      '  ```',
      '',
      '- Fail on purpose:',
      '  ```bash',
      '  false',
      '  ```',
      '',
      '- Fail with a given status:',
      '  ```bash',
      "  bash -c 'exit 3'",
      '  ```',
      '',
      '- Fail in a subshell:',
      '  ```bash',
      '  (exit 3)',
      '  ```',
      '',
      ']',
      '',
      '---',
      '',
      '## A long-running command',
      '',
      '.lab[',
      '',
      '- Print ticks:',
      '  ```bash',
      '  for i in $(seq 100); do echo tick $i; sleep 0.2; done',
      '  ```',
      '',
      '  <!--',
      '  ```wait tick 3```',
      '  ```key ^C```',
      '  -->',
      '',
      '- Then:',
      '  ```bash',
      `  touch ${join(tmp, 'after-ctrl-c')}`,
      '  ```',
      '',
      ']',
      '',
    ].join('\n'),
  };
}

/** User settings that open the course written under `<tmp>/course` (the tiny course, or another). */
export function courseSettings({ tmp }) {
  return { 'workshop.coursePath': join(tmp, 'course', 'course.yml') };
}

/**
 * Shows the slide of the tiny course that holds `text` in one of its snippets: opens the
 * first chapter from the table of contents, then moves with [data-nav=next] until a snippet
 * holding `text` is visible. Returns the snippet's locator.
 */
export async function showSnippet(frame, text, { maxSlides = 5 } = {}) {
  const snippet = frame.locator('.snippet[data-snippet]', { hasText: text }).first();
  const present = async (ms) => {
    try {
      await snippet.waitFor({ state: 'attached', timeout: ms });
      return true;
    } catch {
      return false;
    }
  };
  // A slide is rendered once #slide holds a heading or a snippet (it may say "Loading" first).
  const rendered = () => frame.locator('#slide :is(h1, h2, h3, .snippet)').first().waitFor({ state: 'attached', timeout: 10_000 }).catch(() => {});
  if (await present(500)) return snippet;
  const chapter = frame.locator('#toc [data-chapter]').first();
  if (await chapter.isVisible().catch(() => false)) await chapter.click();
  await frame.locator('#slide[data-slide-index]').waitFor({ state: 'visible', timeout: 10_000 });
  for (let i = 0; i < maxSlides; i++) {
    await rendered();
    if (await present(1_000)) break;
    const before = await frame.locator('#slide').getAttribute('data-slide-index');
    const next = frame.locator('[data-nav="next"]').first();
    if (!(await next.isVisible().catch(() => false)) || (await next.isDisabled().catch(() => true))) break;
    await next.click();
    await frame
      .locator(`#slide[data-slide-index]:not([data-slide-index="${before}"])`)
      .waitFor({ state: 'visible', timeout: 5_000 })
      .catch(() => {});
  }
  await snippet.waitFor({ state: 'visible', timeout: 5_000 });
  await snippet.scrollIntoViewIfNeeded().catch(() => {});
  return snippet;
}

/** Shows the lab holding `text`, clicks its Run all and confirms; returns the lab and the snippet. */
export async function runAllOf(wb, frame, text, { maxSlides } = {}) {
  const snippet = await showSnippet(frame, text, { maxSlides });
  const lab = frame.locator('.lab[data-lab]', { has: snippet }).first();
  await lab.locator('[data-action="run-all"]').first().click();
  await wb.clickDialogButton(/^Run All/, { timeout: 10_000 });
  return { lab, snippet };
}

/** Waits until a lab's data-run-state is `wanted`. */
export async function waitForRunState(lab, wanted, { timeout = 30_000 } = {}) {
  await waitFor(async () => (await lab.getAttribute('data-run-state')) === wanted, { timeout, message: `data-run-state="${wanted}"` });
}

/** Waits until a snippet's data-status is `status`; returns the last status seen on timeout. */
export async function waitForStatus(snippet, status, { timeout = 20_000 } = {}) {
  const wanted = Array.isArray(status) ? status : [status];
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await snippet.getAttribute('data-status').catch(() => undefined);
    if (wanted.includes(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`snippet status stayed "${last}", expected "${wanted.join('" or "')}" within ${timeout}ms`);
}
