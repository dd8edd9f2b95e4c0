// What you see is what runs, for every byte: invisible characters are shown, copied visibly and
// refused for running; labs the reader hides do not run (docs/trust/visible-commands.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CourseIndex } from '../../src/course/courseIndex';
import { HIDING_CLASSES } from '../../src/course/hiddenLabs';
import { loadCourse } from '../../src/course/load';
import type { Course, Slide } from '../../src/course/model';
import { courseSteps, hiddenDirectivesOfChapter } from '../../src/exercises/courseSteps';
import { describeStep, planLab, planSnippet } from '../../src/exercises/plan';
import { describeInvisible, findInvisible, hasInvisible, refuseTerminalText, visibleText } from '../../src/text/visibleText';
import { SlideRenderer } from '../../src/render/slide';
import { sendTextChecked } from '../../src/vscode/terminalText';
import { md, memoryFs, SLIDES } from './helpers/memoryCourse';

const ESC = '\x1b';

/** Each class of character the reader cannot see, as it appears in a command, and how it is shown. */
const INVISIBLE_TABLE: Array<[string, string, string]> = [
  ['bidi: right-to-left override', '\u202e', '⟨U+202E⟩'],
  ['bidi: left-to-right isolate', '\u2066', '⟨U+2066⟩'],
  ['bidi: right-to-left isolate', '\u2067', '⟨U+2067⟩'],
  ['bidi: first strong isolate', '\u2068', '⟨U+2068⟩'],
  ['bidi: pop directional isolate', '\u2069', '⟨U+2069⟩'],
  ['bidi: left-to-right mark', '\u200e', '⟨U+200E⟩'],
  ['bidi: right-to-left mark', '\u200f', '⟨U+200F⟩'],
  ['bidi: arabic letter mark', '\u061c', '⟨U+061C⟩'],
  ['zero width space', '\u200b', '⟨U+200B⟩'],
  ['zero width non-joiner', '\u200c', '⟨U+200C⟩'],
  ['zero width joiner', '\u200d', '⟨U+200D⟩'],
  ['word joiner', '\u2060', '⟨U+2060⟩'],
  ['byte order mark', '\ufeff', '⟨U+FEFF⟩'],
  ['soft hyphen', '\u00ad', '⟨U+00AD⟩'],
  ['ESC', ESC, '⟨U+001B⟩'],
  ['DEL', '\x7f', '⟨U+007F⟩'],
  ['Ctrl-U', '\x15', '⟨U+0015⟩'],
  ['backspace', '\b', '⟨U+0008⟩'],
  ['carriage return', '\r', '⟨U+000D⟩'],
  ['NUL', '\0', '⟨U+0000⟩'],
  ['C1 CSI', '\u009b', '⟨U+009B⟩'],
  ['no-break space', '\u00a0', '⟨U+00A0⟩'],
  ['line separator', '\u2028', '⟨U+2028⟩'],
  ['tag character', '\u{E0041}', '⟨U+E0041⟩'],
  ['hangul filler', '\u3164', '⟨U+3164⟩'],
];

for (const [name, char, shown] of INVISIBLE_TABLE) {
  test(`visible text: ${name} is shown as ${shown} and found`, () => {
    const text = `echo safe${char}ftm -rf ~/workshop-tmp`;
    assert.equal(visibleText(text), `echo safe${shown}ftm -rf ~/workshop-tmp`);
    assert.equal(hasInvisible(text), true);
    assert.deepEqual(findInvisible(`ok\n  x${char}`), [{ char, shown, line: 1, column: 3 }]);
    assert.equal(visibleText(visibleText(text)), visibleText(text), 'the visible form is stable');
  });
}

test('visible text: printable text, tabs and newlines pass unchanged', () => {
  for (const text of ['kubectl get pods -o wide', 'a\tb\nc', 'echo "héllo 日本 ⟨U+202E⟩ ^[" | tr a-z A-Z', '']) {
    assert.equal(visibleText(text), text);
    assert.equal(hasInvisible(text), false);
    assert.equal(describeInvisible(text), undefined);
  }
});

test('visible text: terminal sequences are caught by their ESC or C1 byte', () => {
  assert.equal(visibleText(`cat <<EOF\n${ESC}[201~\nEOF`), 'cat <<EOF\n⟨U+001B⟩[201~\nEOF', 'bracketed-paste end');
  assert.equal(visibleText(`printf '${ESC}]52;c;cm0gLXJmIH4=\x07'`), "printf '⟨U+001B⟩]52;c;cm0gLXJmIH4=⟨U+0007⟩'", 'OSC 52 clipboard write');
  assert.equal(visibleText('x\u009b2Jy'), 'x⟨U+009B⟩2Jy', 'CSI as one C1 character');
});

test('visible text: NUL after the first 8 KB is found at its line', () => {
  const text = `${'a'.repeat(9000)}\necho hi\0rm`;
  assert.deepEqual(findInvisible(text), [{ char: '\0', shown: '⟨U+0000⟩', line: 1, column: 7 }]);
  assert.equal(describeInvisible(text, 10), 'holds invisible or control characters: ⟨U+0000⟩ at line 11');
});

test('visible text: the description lists the first five and counts the rest', () => {
  const text = '\u200b'.repeat(7);
  assert.match(describeInvisible(text)!, /(⟨U\+200B⟩ at line 1, ){4}⟨U\+200B⟩ at line 1 and 2 more$/);
});

test('terminal text: commands refuse every invisible character; keys allow the control bytes key names make', () => {
  assert.match(refuseTerminalText(`ls${ESC}[201~`, 'command')!, /⟨U\+001B⟩/);
  assert.equal(refuseTerminalText('ls -l\n', 'command'), undefined);
  assert.equal(refuseTerminalText(`\x03${ESC}[A\r\x7f`, 'keys'), undefined);
  assert.match(refuseTerminalText('ok\u202e', 'keys')!, /⟨U\+202E⟩/);
  assert.match(refuseTerminalText('ok\u009b', 'keys')!, /⟨U\+009B⟩/);
});

test('terminal text: sendTextChecked types nothing that holds an invisible character', () => {
  const sent: string[] = [];
  const terminal = { sendText: (text: string) => void sent.push(text) };
  assert.throws(() => sendTextChecked(terminal, 'echo safe\u202eftm', true), /invisible or control characters \(⟨U\+202E⟩\)/);
  assert.throws(() => sendTextChecked(terminal, `x${ESC}]52;c;eA==\x07`, false), /⟨U\+001B⟩ ⟨U\+0007⟩/);
  sendTextChecked(terminal, '\x03', false, 'keys');
  sendTextChecked(terminal, 'echo ok', true);
  assert.deepEqual(sent, ['\x03', 'echo ok']);
});

function courseOf(markdown: string): { course: Course; slides: Slide[] } {
  const memory = memoryFs({ 'deck.yml': 'content:\n- a.md\n', 'a.md': markdown });
  const course = loadCourse(path.join(SLIDES, 'deck.yml'), memory);
  return { course, slides: course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides)) };
}

function render(markdown: string): { course: Course; html: string[] } {
  const { course, slides } = courseOf(markdown);
  const renderer = new SlideRenderer(course, undefined, { fs: memoryFs({ 'a.md': '' }) });
  return { course, html: slides.map((s) => renderer.render(s).html) };
}

const BIDI_LAB = md`
  # Cleanup

  .lab[
  \`\`\`bash
  mkdir -p ~/workshop-tmp
  echo safe\u202eftm -rf ~/workshop-tmp
  \`\`\`
  ]

  \`\`\`
  plain${ESC}[201~block
  \`\`\`
`;

test('renderer: a lab block and a plain block show invisible characters visibly, never raw', () => {
  const { html } = render(BIDI_LAB);
  assert.match(html[0], /data-snippet="0:0:0"/);
  assert.match(html[0], /echo safe⟨U\+202E⟩ftm -rf ~\/workshop-tmp/);
  assert.match(html[0], /plain⟨U\+001B⟩\[201~block/);
  assert.equal(hasInvisible(html[0]), false, 'no raw invisible character reaches the webview');
});

test('course: a command holding invisible characters is a problem with its file and line', () => {
  const { course } = courseOf(BIDI_LAB);
  const problem = course.problems.find((p) => /invisible/.test(p.message));
  assert.ok(problem, JSON.stringify(course.problems));
  assert.match(problem.file, /a\.md$/);
  assert.equal(problem.line, 4, 'the line of the fence');
  assert.match(problem.message, /⟨U\+202E⟩ at line 6: Run, Send and Run all refuse it/);
});

test('host: Run, Send, Run all and Next step refuse a command holding invisible characters', () => {
  const { course, slides } = courseOf(BIDI_LAB);
  const lab = slides[0].labs[0];
  const one = planSnippet(lab.snippets[0]);
  assert.deepEqual(one.steps, [], 'Run and Send type nothing');
  assert.equal(one.refused, true);
  assert.match(one.problems[0], /this command holds invisible or control characters: ⟨U\+202E⟩ at line 6/);
  const all = planLab(lab);
  assert.deepEqual(all.steps, [], 'Run all runs nothing, not even the steps before');
  assert.match(all.problems[0], /⟨U\+202E⟩ at line 6/);
  const steps = courseSteps(new CourseIndex(course));
  assert.equal(steps[0].steps[0].kind, 'invalid');
  assert.ok(steps[0].steps[0].kind === 'invalid' && steps[0].steps[0].invisible, 'Next step refuses it');
});

test('host: a keys directive with raw control bytes is refused; key names stay allowed', () => {
  const raw = planSnippet({ method: 'keys', data: `:q!${ESC}[201~`, hidden: false, line: 4, dataLine: 4 });
  assert.deepEqual(raw.steps, []);
  assert.match(raw.problems[0], /⟨U\+001B⟩ at line 4/);
  const named = planSnippet({ method: 'keys', data: '^C Escape :wq Enter', hidden: false, line: 4 });
  assert.equal(named.steps[0].kind, 'send');
  assert.equal(named.steps[0].kind === 'send' && named.steps[0].sequence, `\x03${ESC}:wq\r`);
});

const HIDDEN_LABS: Array<[string, string, RegExp]> = [
  ['a raw <div class="debug">', '<div class="debug">\n\n.lab[\n```bash\necho hidden\n```\n]\n\n</div>', /inside <div class="debug">/],
  ['a raw div with debug among other classes', "<div class='x debug'>\n.lab[\n```bash\necho hidden\n```\n]\n</div>", /inside <div class="debug">/],
  ['a .debug[...] content class', '.debug[\n.lab[\n```bash\necho hidden\n```\n]\n]', /inside \.debug\[\.\.\.\]/],
  ['a .nav-links[...] content class', '.nav-links[\n.lab[\n```bash\necho hidden\n```\n]\n]', /inside \.nav-links\[\.\.\.\]/],
  ['a collapsed <details>', '<details><summary>More</summary>\n\n.lab[\n```bash\necho hidden\n```\n]\n\n</details>', /inside <details>/],
  ['a <div class="debug"> never closed', 'text\n\n<div class="debug">\n\nmore\n\n.lab[\n```bash\necho hidden\n```\n]', /inside <div class="debug">/],
];

for (const [name, body, why] of HIDDEN_LABS) {
  test(`hidden runnables: a lab inside ${name} gets no Run, is left out of Run all, Next step and progress, and is reported`, () => {
    const markdown = `# Hidden\n\n.lab[\n\`\`\`bash\necho shown\n\`\`\`\n]\n\n${body}\n`;
    const { course, html } = render(markdown);
    assert.match(html[0], /data-snippet="0:0:0"/, 'the visible lab runs');
    assert.doesNotMatch(html[0], /data-snippet="0:1:|data-lab="0:1"/, 'the hidden lab has no runnable block');
    const slide = course.parts[0].chapters[0].slides[0];
    assert.equal(slide.labs[0].hiddenBy, undefined);
    assert.match(slide.labs[1].hiddenBy ?? '', why);
    assert.deepEqual(planLab(slide.labs[1]).steps, []);
    assert.equal(planLab(slide.labs[1]).refused, true);
    assert.equal(planLab(slide.labs[0]).refused, undefined);
    assert.match(planLab(slide.labs[1]).problems[0], /runs only where the reader shows it/);
    const index = new CourseIndex(course);
    assert.deepEqual(courseSteps(index).map((s) => s.lab), [0], 'Next step skips it');
    assert.equal(index.toc[0].chapters[0].snippetCount, 1, 'progress counts the visible lab only');
    const problem = course.problems.find((p) => /cannot run/.test(p.message));
    assert.ok(problem && problem.line === slide.labs[1].line, JSON.stringify(course.problems));
    assert.match(problem.message, why);
  });
}

test('hidden runnables: a closed debug div, a <div class="debug"> in inline code and one in a fence hide nothing', () => {
  for (const before of [
    '<div class="debug">notes</div>\n\n',
    'Write `<div class="debug">` to hide notes.\n\n',
    '```html\n<div class="debug">\n```\n\n',
  ]) {
    const { course, html } = render(`# Shown\n\n${before}.lab[\n\`\`\`bash\necho shown\n\`\`\`\n]\n`);
    assert.equal(course.parts[0].chapters[0].slides[0].labs[0].hiddenBy, undefined, before);
    assert.match(html[0], /data-snippet="0:0:0"/, before);
  }
});

test('hidden runnables: the classes the code treats as hidden are those reader.css hides', () => {
  const css = fs.readFileSync(path.join(__dirname, '..', '..', 'media', 'reader.css'), 'utf8');
  const hidden = [...css.matchAll(/^([^{}]+)\{[^}]*display:\s*none/gm)]
    .flatMap((m) => m[1].split(','))
    .map((s) => s.trim())
    .filter((s) => /^\.[\w-]+$/.test(s))
    .map((s) => s.slice(1));
  assert.deepEqual([...hidden].sort(), [...HIDING_CLASSES].sort());
});

test('Run all confirmation: each step is listed whole, invisible characters shown', () => {
  const long = `kubectl run web --image=nginx ${'--env=A=1 '.repeat(30)}--restart=Never`;
  const text = planLab({ line: 1, snippets: [{ method: 'bash', data: long, hidden: false, line: 2 }, { method: 'wait', data: 'Running', hidden: true, line: 5 }] }).describe();
  assert.equal(text, `1. Run: ${long}\n2. Wait [hidden] up to 60 s for "Running"`);
  const step = planLab({ line: 1, snippets: [{ method: 'bash', data: long, hidden: false, line: 2 }] }).steps[0];
  assert.ok(describeStep(step).length <= 130, 'progress lines stay short');
});

test('Next step: the hidden directives of a chapter are listed whole for its one question', () => {
  const long = `kubectl wait pod --all --for=condition=Ready ${'-l app=x '.repeat(20)}`.trim();
  const { course } = courseOf(md`
    # One

    .lab[
    \`\`\`bash
    kubectl get pods
    \`\`\`
    <!-- \`\`\`hide ${long}\`\`\` -->
    <!-- \`\`\`key ^C\`\`\` -->
    ]
  `);
  const steps = courseSteps(new CourseIndex(course));
  assert.deepEqual(hiddenDirectivesOfChapter(steps, 0), [`Run [hidden]: ${long}`, 'Send keys [hidden]: ^C']);
  assert.deepEqual(hiddenDirectivesOfChapter(steps, 1), []);
});
