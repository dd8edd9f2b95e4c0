import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inert, logLine, notice, pickText, progressText, showInvisible, type Surface } from '../../src/text/inert';
import { visibleText } from '../../src/text/visibleText';
import { iconsIn, linksIn, shownLabel } from './helpers/vscodeParsers';


const SEND = 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%5Cn%22%7D';
const HOSTILE: Array<[name: string, text: string]> = [
  ['a command link', `[Open](${SEND})`],
  ['a link in a nested-bracket title', `Pods [and [more]](${SEND}) here`],
  ['a link split by a backslash escape', `\\[x\\](${SEND})`],
  ['an https link with a title', '[docs](https://evil.invalid "trust me")'],
  ['a file link', '[f](file:///etc/passwd)'],
  ['a link target made of two values', `x[y](${SEND}`],
  ['an icon', '$(check) all good'],
  ['a spinning icon', 'loading $(sync~spin)'],
  ['an icon the course escaped itself', '\\$(check)'],
];

for (const [name, text] of HOSTILE) {
  test(`inert: ${name} is no link and no icon on any surface`, () => {
    for (const surface of ['notification', 'progress', 'prompt'] as Surface[]) {
      assert.deepEqual(linksIn(inert(text, surface)), [], surface);
    }
    for (const surface of ['progress', 'quickPick', 'prompt'] as Surface[]) {
      assert.deepEqual(iconsIn(inert(text, surface)), [], surface);
    }
  });
}

test('inert: a notification shows the brackets and the target as written, with a space before the target', () => {
  assert.equal(inert(`[Open](${SEND})`, 'notification'), `[Open] (${SEND})`);
  assert.equal(inert('Pods [and [more]](https://x.invalid)', 'notification'), 'Pods [and [more]] (https://x.invalid)');
});

test('inert: a quick pick shows `$(date)` as the text `$(date)`, and keeps links as they are (it draws none)', () => {
  const label = inert('export NOW=$(date) # [x](https://y.invalid)', 'quickPick');
  assert.equal(shownLabel(label), 'export NOW=$(date) # [x](https://y.invalid)');
  assert.equal(shownLabel(inert('\\$(check)', 'quickPick')), '\\$(check)', 'a backslash the course wrote stays visible');
  assert.equal(inert('$(check)', 'notification'), '$(check)', 'notifications draw no icons: nothing to escape');
});

test('inert: bidi, zero-width, control and separator characters are shown as ⟨U+XXXX⟩', () => {
  const cases: Array<[string, string]> = [
    ['abc\u202Edcb', 'abc⟨U+202E⟩dcb'],
    ['\u2066x\u2069', '⟨U+2066⟩x⟨U+2069⟩'],
    ['rm\u200B -rf', 'rm⟨U+200B⟩ -rf'],
    ['a\u200Db\u2060c\uFEFFd\u00ADe', 'a⟨U+200D⟩b⟨U+2060⟩c⟨U+FEFF⟩d⟨U+00AD⟩e'],
    ['\u001b[31mred\u001b[0m', '⟨U+001B⟩[31mred⟨U+001B⟩[0m'],
    ['a\u0000b\u007fc\u009bd\u0008e\u0015f', 'a⟨U+0000⟩b⟨U+007F⟩c⟨U+009B⟩d⟨U+0008⟩e⟨U+0015⟩f'],
    ['\u001b]52;c;ZXZpbA==\u0007', '⟨U+001B⟩]52;c;ZXZpbA==⟨U+0007⟩'],
    ['lone \uD800 surrogate', 'lone ⟨U+D800⟩ surrogate'],
    ['tag\u{E0041}', 'tag⟨U+E0041⟩'],
  ];
  for (const surface of ['notification', 'progress', 'quickPick', 'prompt', 'plain', 'log'] as Surface[]) {
    for (const [input, shown] of cases) assert.equal(inert(input, surface), shown, `${surface}: ${JSON.stringify(input)}`);
  }
});

test('inert: line breaks and tabs become one space, so no value makes a second line', () => {
  assert.equal(inert('Deploying and Scaling\nwith Kubernetes', 'notification'), 'Deploying and Scaling with Kubernetes');
  assert.equal(inert('a \r\n  b\rc\u2028d\u2029e\tf\u0085g', 'plain'), 'a b c d e f g');
  assert.doesNotMatch(logLine('step 1\n2026-01-01 [error] fake line'), /\n/);
});

test('inert: a very long value is cut with an ellipsis, never inside a character', () => {
  const long = '😀'.repeat(500);
  const shown = inert(long, 'notification');
  assert.equal(Array.from(shown).length, 200);
  assert.ok(shown.endsWith('…'));
  assert.doesNotMatch(shown, /⟨U\+D/, 'no half of a surrogate pair');
  assert.equal(inert('x'.repeat(50), 'notification', 10), `${'x'.repeat(9)}…`);
  assert.equal(Array.from(inert('y'.repeat(5000), 'plain')).length, 2000);
});

test('inert: undefined and numbers are text', () => {
  assert.equal(inert(undefined, 'notification'), '');
  assert.equal(inert(42, 'quickPick'), '42');
});

test('notice/progressText/pickText: values are inert, the text around them is kept, and no link forms across them', () => {
  const title = 'x[Click';
  const target = `${SEND}`;
  const message = notice`Chapter ${title}](${target}) is done`;
  assert.deepEqual(linksIn(message), []);
  assert.match(message, /^Chapter x\[Click\] \(command:/);
  assert.equal(progressText`Run all: ${'$(check) ok'}`, 'Run all: \\$(check) ok');
  assert.equal(pickText`$(folder) ${'$(x)'}`, '$(folder) \\$(x)', 'our own icons stay icons');
});

test('logLine: one line, invisible characters shown, cut when huge', () => {
  assert.equal(logLine('run\u001b[2J\nrm -rf /\u202E'), 'run⟨U+001B⟩[2J rm -rf /⟨U+202E⟩');
  assert.equal(Array.from(logLine('z'.repeat(20_000))).length, 8000);
});

test('inertLog: every level writes one inert line; other members pass through', async () => {
  const { inertLog } = await import('../../src/text/inertLog');
  const lines: string[] = [];
  const channel = {
    name: 'Kubernetes Workshop',
    prefix: '> ',
    info(message: string) { lines.push(`info ${this.prefix}${message}`); },
    warn(message: string) { lines.push(`warn ${message}`); },
    error(message: string | Error) { lines.push(`error ${String(message)}`); },
    appendLine(message: string) { lines.push(`line ${message}`); },
    show() { return this.name; },
  };
  const log = inertLog(channel);
  log.info('course a\nb [error] fake');
  log.warn('\u001b]52;c;eA==\u0007 title\u202E');
  log.error(new Error('bad\nthing'));
  log.appendLine('x\ry');
  assert.deepEqual(lines.slice(0, 2), ['info > course a b [error] fake', 'warn ⟨U+001B⟩]52;c;eA==⟨U+0007⟩ title⟨U+202E⟩']);
  assert.match(lines[2], /^error Error: bad thing at /);
  assert.equal(lines[3], 'line x y');
  assert.equal(log.name, 'Kubernetes Workshop');
  assert.equal(log.show(), 'Kubernetes Workshop');
});

test('messages and runnable blocks show invisible characters by one rule', () => {
  // Every class the visible-text rule knows, as a message carries it and as a block shows it.
  const chars = ['\u202e', '\u2066', '\u200b', '\u00ad', '\ufeff', '\u001b', '\u007f', '\u009b', '\u0000', '\u00a0', '\ue000', '\ud800', '\u3164'];
  for (const char of chars) {
    const shown = showInvisible(`a${char}b`);
    assert.equal(shown, visibleText(`a${char}b`), `U+${char.charCodeAt(0).toString(16)}`);
    assert.match(shown, /^a⟨U\+[0-9A-F]{4}⟩b$/);
  }
  // Only line breaks and tabs differ: a message is one line, a block keeps its lines.
  assert.equal(showInvisible('a\n\tb'), 'a b');
  assert.equal(visibleText('a\n\tb'), 'a\n\tb');
});
