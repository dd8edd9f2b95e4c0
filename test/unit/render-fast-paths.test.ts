// The course engine's and renderer's fast paths (issue 23) skip work when a cheap test shows it
// would change nothing. Each must agree with the plain rule it stands for, on every input: here
// the plain rules are written out the obvious way and compared on all characters that matter
// and on many generated strings (a fixed seed, so a failure reproduces).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findInvisible, hasInvisible, visibleText } from '../../src/text/visibleText';
import { cleanHeading, plainHeading } from '../../src/course/titles';
import { cleanBashData } from '../../src/exercises/prepare';
import { escapeHtml, remarkCodeSpans } from '../../src/render/highlight';
import { leadingBlanks, trimEndBlanks } from '../../src/text/blanks';

const INVISIBLE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}/u;

/** Strings of `length` or fewer characters drawn from `alphabet`, reproducibly. */
function* generated(alphabet: string[], count: number, length: number): Generator<string> {
  let seed = 23;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < count; i++) {
    let text = '';
    for (let n = Math.floor(next() * (length + 1)); n > 0; n--) text += alphabet[Math.floor(next() * alphabet.length)];
    yield text;
  }
}

test('fast paths: every UTF-16 code unit is found invisible exactly when the Unicode rule says so', () => {
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code);
    const expected = INVISIBLE.test(char);
    assert.equal(hasInvisible(`ls ${char} -l`), expected, `U+${code.toString(16)}`);
    assert.equal(findInvisible(`ls ${char}`).length, expected ? 1 : 0, `U+${code.toString(16)}`);
    assert.equal(visibleText(char) !== char, expected, `U+${code.toString(16)}`);
  }
  assert.equal(visibleText('kubectl get pods\n\tok'), 'kubectl get pods\n\tok');
  assert.equal(visibleText('rm\u202e -rf'), 'rm⟨U+202E⟩ -rf');
});

test('fast paths: plainHeading cleans as its replacements do, whatever the heading holds', () => {
  const alphabet = [' ', ' ', ' ', '\t', '\u00a0', '\u2003', '\n', '[', ']', '(', ')', '!', '<', '>', '`', '*', '_', 'a', 'B', '#', '.'];
  for (const heading of generated(alphabet, 50_000, 12)) assert.equal(plainHeading(heading), cleanHeading(heading), JSON.stringify(heading));
  assert.equal(plainHeading('  Pods and  Deployments\u00a0'), 'Pods and Deployments');
  assert.equal(plainHeading('Running `kubectl` *now*'), 'Running kubectl now');
});

test('fast paths: cleanBashData cleans as the line-by-line rule does', () => {
  const clean = (data: string) => {
    const lines = data.replace(/`/g, '').replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(/[ \t]+$/, ''));
    while (lines.length && lines[0] === '') lines.shift();
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) return '';
    const rest = lines.slice(1).filter((line) => line !== '');
    const common = rest.length ? Math.min(...rest.map((line) => /^[ \t]*/.exec(line)![0].length)) : 0;
    return [lines[0].trimStart(), ...lines.slice(1).map((line) => line.slice(common))].join('\n');
  };
  const alphabet = [' ', ' ', '\t', '\n', '\n', '\r', '`', 'k', 'x', '\\', '\u00a0', '|'];
  for (const data of generated(alphabet, 50_000, 14)) assert.equal(cleanBashData(data), clean(data), JSON.stringify(data));
});

test('fast paths: escapeHtml escapes the five characters as numeric entities and returns other text as is', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;amp;&#60;/a&#62;');
  const text = 'kubectl get pods -o wide';
  assert.equal(escapeHtml(text), text);
  assert.equal(escapeHtml(''), '');
});

test('fast paths: a code block without a backtick has no Remark span', () => {
  assert.equal(remarkCodeSpans('kubectl get pods\nkubectl get nodes'), undefined);
  assert.equal(remarkCodeSpans('run `this` now'), 'run <mark>this</mark> now');
});

test('fast paths: blanks at the ends of a line are spaces and tabs only', () => {
  const cases: Array<[string, string, number]> = [
    ['', '', 0],
    ['ls', 'ls', 0],
    [' \t ls -l \t ', ' \t ls -l', 3],
    ['\u00a0ls\u00a0', '\u00a0ls\u00a0', 0],
    ['   ', '', 3],
  ];
  for (const [line, trimmed, leading] of cases) {
    assert.equal(trimEndBlanks(line), line.replace(/[ \t]+$/, ''));
    assert.equal(trimEndBlanks(line), trimmed);
    assert.equal(leadingBlanks(line), leading);
  }
});
