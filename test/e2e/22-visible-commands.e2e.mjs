// Scenario 22: what you see is what runs, for every byte. A lab command holding a bidi override
// (U+202E) shows it as ⟨U+202E⟩ in the block; Run, Send and Run all refuse it with a message that
// says why, and nothing is typed into the terminal; Copy gives the visible form. A lab inside a
// `<div class="debug">`, which the reader hides, has no Run, nor has a lab whose fence sits in raw
// HTML (markdown-it shows it as text). A plain lab still runs. Next step refuses the command too,
// skips the raw-HTML lab, and asks before the chapter's hidden directive, listed whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitFor, waitForFile } from './harness.mjs';
import { courseManifest, courseSettings, showSnippet, waitForRunState } from './course-fixture.mjs';

const skip = await skipReason();
const RLO = '\u202e';

function files({ tmp }) {
  return {
    'course/course.yml': courseManifest('E2E visible commands', 'lab.md'),
    'course/lab.md': [
      '# Visible commands',
      '',
      '## A command with a hidden character',
      '',
      '.lab[',
      '```bash',
      `touch ${join(tmp, 'bidi-ran')} && echo safe${RLO}ftm -rf ~/workshop-tmp`,
      '```',
      ']',
      '',
      '.lab[',
      '<div class="box">',
      '```bash',
      `touch ${join(tmp, 'raw-ran')}`,
      '```',
      '</div>',
      ']',
      '',
      '.lab[',
      '```bash',
      `touch ${join(tmp, 'plain-ran')}`,
      '```',
      `<!-- \`\`\`hide touch ${join(tmp, 'hidden-ran')} && echo ${'a-long-hidden-directive-'.repeat(6)}\`\`\` -->`,
      ']',
      '',
      '<div class="debug">',
      '',
      '.lab[',
      '```bash',
      `touch ${join(tmp, 'debug-ran')}`,
      '```',
      ']',
      '',
      '</div>',
      '',
    ].join('\n'),
  };
}

test('a command with invisible characters is shown visibly, refused, and copied visibly; a hidden lab has no Run', { skip, timeout: 180_000 }, async (t) => {
  const wb = await openWorkbench(t, { name: '22-visible-commands', tmpFiles: files, settings: courseSettings });
  const frame = await wb.openCourse();
  const bidi = await showSnippet(frame, 'bidi-ran');
  const shown = await bidi.locator('pre').innerText();
  assert.match(shown, /echo safe⟨U\+202E⟩ftm -rf ~\/workshop-tmp/, 'the block shows the override as ⟨U+202E⟩');
  assert.ok(!shown.includes(RLO), 'the raw character is not in the block');
  await wb.screenshot('shown-visibly');

  // Run: refused with a message naming the character and its line; the snippet says it did not run.
  await bidi.locator('[data-action="run"]').click();
  const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /Refused to run/ }).first();
  await toast.waitFor({ state: 'visible', timeout: 15_000 });
  assert.match(await toast.innerText(), /lab\.md:6.*invisible or control characters: ⟨U\+202E⟩ at line 7.*Nothing was typed/s);
  await waitFor(async () => (await bidi.getAttribute('data-status')) === 'idle', { timeout: 10_000, message: 'the snippet is idle again' });
  assert.match(await bidi.locator('[data-role="status"]').innerText(), /not run/);
  await wb.screenshot('run-refused');

  // Run all: refused too, before asking anything.
  const lab = frame.locator('.lab[data-lab]', { has: bidi }).first();
  await lab.locator('[data-action="run-all"]').click();
  await waitFor(async () => (await wb.page.locator('.notifications-toasts .notification-toast', { hasText: /Refused to run/ }).count()) >= 1, { timeout: 10_000, message: 'Run all refused' });
  assert.equal(await wb.page.locator('.monaco-dialog-box').count(), 0, 'Run all asks nothing: it refuses');

  // Copy gives what the block shows, never the raw character.
  await wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(wb.url).origin });
  await bidi.locator('[data-action="copy"]').click();
  let copied = '';
  await waitFor(async () => {
    copied = await wb.page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
    return copied.includes('bidi-ran');
  }, { timeout: 10_000, message: 'the clipboard holds the command' });
  assert.match(copied, /echo safe⟨U\+202E⟩ftm -rf ~\/workshop-tmp/);
  assert.ok(!copied.includes(RLO));

  // The lab the reader hides has no runnable block; the plain lab runs, and only it reached the terminal.
  assert.equal(await frame.locator('.snippet[data-snippet]', { hasText: 'debug-ran' }).count(), 0, 'no Run for the hidden lab');
  // The fence in raw HTML shows as text: no runnable block, no Run all around it.
  await frame.getByText(/touch \S*raw-ran/).first().waitFor({ state: 'visible', timeout: 5_000 });
  assert.equal(await frame.locator('.snippet[data-snippet]', { hasText: 'raw-ran' }).count(), 0, 'no Run for the fence shown as text');
  assert.equal(await frame.locator('.lab[data-lab]', { hasText: 'raw-ran' }).count(), 0, 'no Run all for its lab');
  const plain = await showSnippet(frame, 'plain-ran');
  await plain.locator('[data-action="run"]').click();
  await waitForFile(join(wb.tmp, 'plain-ran'), { timeout: 20_000 });
  // The terminal wraps long lines: read it without its line breaks.
  const unwrapped = async () => (await wb.terminalText()).replace(/\n/g, '');
  await waitFor(async () => /plain-ran/.test(await unwrapped()), { timeout: 15_000, message: 'the plain command in the terminal' });
  const terminal = await unwrapped();
  assert.doesNotMatch(terminal, /bidi-ran|workshop-tmp/, 'nothing of the refused command was typed');
  assert.equal(existsSync(join(wb.tmp, 'bidi-ran')), false);
  assert.equal(existsSync(join(wb.tmp, 'debug-ran')), false);
  assert.equal(existsSync(join(wb.tmp, 'raw-ran')), false);
  await wb.screenshot('plain-ran');

  // The reader's problems name the file and line of both refusals.
  await frame.locator('#toggle-toc').click();
  const problems = frame.locator('details', { hasText: 'problem' }).first();
  await problems.waitFor({ state: 'attached', timeout: 5_000 });
  const listed = await problems.evaluate((node) => node.textContent ?? '');
  assert.match(listed, /lab\.md:6.*⟨U\+202E⟩ at line 7/s);
  assert.match(listed, /lab\.md:13.*inside raw HTML, which shows its command as text.*cannot run/s);
  assert.match(listed, /lab\.md:28.*inside <div class="debug">.*cannot run/s);

  // Next step: the refused command first (nothing typed), then the plain one (the raw-HTML lab
  // between them is no step), then it asks once before the chapter's hidden directive, listing it whole.
  await wb.runCommand('Workshop: Next Step');
  await waitFor(async () => (await wb.page.locator('.notifications-toasts .notification-toast', { hasText: /Refused to run lab\.md:5/ }).count()) >= 1, { timeout: 10_000, message: 'Next step refused the first step' });
  // Next step reveals the reader, which takes the focus a moment later and would close the palette.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await wb.runCommand('Workshop: Next Step');
  const plainLab = frame.locator('.lab[data-lab]', { hasText: 'plain-ran' }).first();
  await waitForRunState(plainLab, 'done', { timeout: 30_000 });
  await wb.runCommand('Workshop: Next Step');
  const question = await wb.dialog({ timeout: 10_000 });
  const asked = (await question.innerText()).replace(/\s+/g, ' ');
  assert.match(asked, new RegExp(`Run \\[hidden\\]: touch \\S*hidden-ran && echo (a-long-hidden-directive-){6}`), 'the hidden directive is listed whole');
  await wb.screenshot('next-step-asks');
  await wb.clickDialogButton(/^Run Hidden Steps/);
  await waitForFile(join(wb.tmp, 'hidden-ran'), { timeout: 20_000 });
  assert.equal(existsSync(join(wb.tmp, 'bidi-ran')), false, 'Next step never typed the refused command');
  assert.equal(existsSync(join(wb.tmp, 'raw-ran')), false, 'Next step never ran the lab shown as text');
});
