// Scenario 20: course text that leaves the webview is inert (issue 19, items 1 and 5). A course
// whose step text, chapter title and a file link hold `[go](command:workbench.action.terminal.
// sendSequence?...)`: the Run all progress and the "links to a file" warning show the brackets
// as text, hold no command link (every anchor in them is clicked, and nothing is typed into the
// terminal), Go to Step shows `$(check)` as text. A link whose address holds a control character
// is no link. A workspace setting `workshop.replay.openLinks: always` is not honoured: an `open`
// step still asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitFor } from './harness.mjs';
import { courseManifest, runAllOf, showSnippet } from './course-fixture.mjs';

const skip = await skipReason();

/** A command link that would type `echo PWNED<n>` and Enter into the active terminal. */
const send = (n, encode = (s) => s) => `command:workbench.action.terminal.sendSequence?${encode(`%7B%22text%22%3A%22echo%20PWNED${n}%5Cn%22%7D`)}`;

const files = ({ tmp }) => ({
  'course/course.yml': courseManifest('Hostile text', 'hostile.md'),
  'course/hostile.md': [
    `# Pods [go](${send(1)}) $(check)`,
    '',
    '.lab[',
    '```bash',
    `echo '[go](${send(2)})'; sleep 5`,
    '```',
    ']',
    '',
    // The file link's target holds the command link once decoded: the reader keeps it as a
    // (missing) file of the course, and the warning names it.
    `[the notes](missing[go](${send(3, (s) => s.replace(/%/g, '%25'))}).md)`,
    '',
    '[bad](https://x.invalid/?c=%0Atoken)',
    '',
    '---',
    '',
    '# Opening',
    '',
    '.lab[',
    '```bash',
    `echo opening > ${join(tmp, 'opening')}`,
    '```',
    '```open https://example.invalid/opened```',
    ']',
    '',
  ].join('\n'),
});

/** The visible notification toast holding `text`: its message's text and the hrefs of its anchors, after clicking each. */
async function checkToast(wb, text) {
  const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: 15_000 });
  const message = (await toast.locator('.notification-list-item-message').first().innerText()).replace(/\s+/g, ' ');
  const anchors = toast.locator('.notification-list-item-message a');
  const hrefs = await anchors.evaluateAll((list) => list.map((a) => a.getAttribute('href') ?? ''));
  for (let i = 0; i < hrefs.length; i++) await anchors.nth(i).click({ timeout: 2_000 }).catch(() => {});
  return { message, hrefs };
}

test('course text in notifications, progress and quick picks is inert; a workspace cannot preset openLinks', { skip, timeout: 240_000 }, async (t) => {
  const wb = await openWorkbench(t, {
    name: '20-inert-notifications',
    tmpFiles: files,
    files: { '.vscode/settings.json': JSON.stringify({ 'workshop.replay.openLinks': 'always' }) },
    settings: ({ tmp }) => ({ 'workshop.coursePath': join(tmp, 'course', 'course.yml') }),
  });
  const frame = await wb.openCourse();

  await t.test('Run all progress: the step text shows its brackets, no command link', async () => {
    const { lab } = await runAllOf(wb, frame, 'PWNED2');
    const { message, hrefs } = await checkToast(wb, 'PWNED2');
    await wb.screenshot('progress');
    assert.match(message, /\[go\] \(command:workbench\.action\.terminal\.sendSequence\?/, message);
    assert.deepEqual(hrefs.filter((h) => /^command:/i.test(h)), [], 'no command link in the progress notification');
    await wb.waitForTerminalText(/PWNED2%5Cn/, { timeout: 20_000 });
    // How the run ends is not what this scenario checks: end it now.
    await wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'PWNED2' }).getByRole('button', { name: 'Cancel' }).click().catch(() => {});
    await waitFor(async () => ['done', 'cancelled', 'failed'].includes((await lab.getAttribute('data-run-state')) ?? ''), { timeout: 30_000, message: 'the run ended' });
  });

  await t.test('the "links to a file" warning: the path shows its brackets, no command link', async () => {
    await frame.locator('#slide a[data-link-kind="file"]', { hasText: 'the notes' }).click();
    const { message, hrefs } = await checkToast(wb, 'does not exist');
    await wb.screenshot('warning');
    assert.match(message, /missing\[go\] \(command:workbench\.action\.terminal\.sendSequence\?%7B/, message);
    assert.deepEqual(hrefs.filter((h) => /^command:/i.test(h)), [], 'no command link in the warning');
  });

  await t.test('a link whose address holds a control character is no link', async () => {
    const slide = frame.locator('#slide');
    await slide.getByText('bad', { exact: true }).waitFor({ state: 'attached', timeout: 5_000 });
    assert.equal(await slide.locator('a[href]', { hasText: /^bad$/ }).count(), 0);
  });

  await t.test('Go to Step shows the chapter title\'s $(check) as text, not an icon', async () => {
    await wb.runCommand('Workshop: Go to Step');
    const row = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'PWNED2' }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await wb.screenshot('go-to-step');
    assert.match(await row.innerText(), /\$\(check\)/);
    assert.equal(await row.locator('.codicon-check').count(), 0, 'no check icon drawn');
    await wb.dismissQuickInput();
  });

  await t.test('nothing was typed into a terminal by a link', async () => {
    // Give a stray sendSequence time to show, then read every terminal line.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const text = await wb.terminalText();
    assert.match(text, /PWNED2%5Cn/, 'the terminal shows the lab\'s own echo');
    assert.doesNotMatch(text, /^\s*PWNED\d\s*$/m, 'no `echo PWNED<n>` ran');
  });

  await t.test('openLinks "always" in the workspace\'s settings is not honoured: the open step asks', async () => {
    await showSnippet(frame, 'echo opening', { maxSlides: 3 });
    await runAllOf(wb, frame, 'echo opening', { maxSlides: 3 });
    const box = await wb.dialog({ timeout: 20_000 });
    await waitFor(async () => /The exercise opens https:\/\/example\.invalid\/opened/.test(await box.innerText()), { timeout: 5_000, message: 'the open question' });
    await wb.screenshot('open-asks');
    await wb.dismissDialog();
  });
});
