// Bounded, linear work: whatever shape a course's text takes, the engine does work in
// proportion to its size, within limits, and reports what it leaves out with file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCourse } from '../../src/course/load';
import { findFences, type FenceSpan } from '../../src/course/fences';
import { MAX_REPORTED_UNCLOSED, MAX_SNIPPETS_PER_LAB, scanMarkdown } from '../../src/course/scan';
import { LIMITS } from '../../src/course/source';
import { SlideRenderer } from '../../src/render/slide';
import { RENDER_SECRET } from '../../src/render/ownMarkup';
import { memoryFs, SLIDES } from './helpers/memoryCourse';

function load(files: Record<string, string>, deck = 'deck.yml') {
  const fs = memoryFs(files);
  return { course: loadCourse(path.join(SLIDES, deck), fs), fs };
}

const slidesOf = (course: ReturnType<typeof loadCourse>) => course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides));

/** The fence matching as it was (each opener scans ahead for its closer): the reference. */
function referenceFences(lines: string[], unclosed: (line: number) => void): Array<Pick<FenceSpan, 'open' | 'close' | 'closeEnd' | 'info'>> {
  const OPEN = /^([ \t]*)(<!--[ \t]*)?(`{3,}|~{3,})(.*)$/;
  const CLOSE = /^([ \t]*)(`{3,}|~{3,})[ \t]*(?:-->)?[ \t]*$/;
  const spans = [];
  for (let i = 0; i < lines.length; i++) {
    const m = OPEN.exec(lines[i]);
    if (!m) continue;
    const [, , , marker, rest] = m;
    if ((marker[0] === '`' && rest.includes('`')) || rest.trim().startsWith('-->')) continue;
    let close = -1;
    let closeEnd = 0;
    for (let j = i + 1; j < lines.length; j++) {
      const c = CLOSE.exec(lines[j]);
      if (c && c[2][0] === marker[0] && c[2].length >= marker.length) {
        close = j;
        closeEnd = c[1].length + c[2].length;
        break;
      }
    }
    if (close === -1) {
      unclosed(i);
      continue;
    }
    spans.push({ open: i, close, closeEnd, info: rest.trim() });
    i = close;
  }
  return spans;
}

test('fence matching in one pass finds exactly what the scan-ahead matching found (random documents)', () => {
  const pieces = ['```', '````', '~~~', '~~~~', '```bash', '~~~ yaml', '  ```', '```x```', 'text', '', '<!-- ```', '``` -->', '    ```'];
  let seed = 19;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let doc = 0; doc < 500; doc++) {
    const lines = Array.from({ length: 1 + Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]);
    const expectedUnclosed: number[] = [];
    const expected = referenceFences(lines, (l) => expectedUnclosed.push(l));
    const actualUnclosed: number[] = [];
    const actual = findFences(lines, (l) => actualUnclosed.push(l)).map(({ open, close, closeEnd, info }) => ({ open, close, closeEnd, info }));
    assert.deepEqual(actual, expected, JSON.stringify(lines));
    assert.deepEqual(actualUnclosed, expectedUnclosed, JSON.stringify(lines));
  }
});

test('60,000 unclosed fences: each is still found unclosed, and the problems stop after the first few', () => {
  const lines = Array.from({ length: 60000 }, () => '```bash');
  let unclosed = 0;
  assert.deepEqual(findFences(lines, () => unclosed++), []);
  assert.equal(unclosed, 60000);
  const scan = scanMarkdown('# A\n' + '```bash\n'.repeat(60000));
  assert.equal(scan.problems.length, MAX_REPORTED_UNCLOSED + 1);
  assert.deepEqual(scan.problems[0], { line: 1, message: 'code fence ```bash is never closed' });
  assert.deepEqual(scan.problems.at(-1), { line: MAX_REPORTED_UNCLOSED + 1, message: 'more code fences from here on are never closed (not listed one by one)' });
});

test('a file of 6,000 slides keeps the first 5,000 and says where it stopped', () => {
  const { course } = load({ 'deck.yml': 'content:\n- a.md\n- b.md\n', 'a.md': '# A\n' + 'x\n---\n'.repeat(6000), 'b.md': '# B\n' });
  assert.equal(course.slideCount, LIMITS.slidesPerFile + 1);
  assert.deepEqual(course.parts[0].chapters.map((c) => c.title), ['A', 'B']);
  assert.deepEqual(course.problems, [
    { file: 'a.md', line: 2 + 2 * LIMITS.slidesPerFile, severity: 'error', message: `more than ${LIMITS.slidesPerFile} slides in one file: this slide and the ones after it are not shown` },
  ]);
});

test('a slide of 6,000 lines keeps its first 5,000, says where it was cut, and the next slide is whole', () => {
  const { course } = load({ 'a.md': '# A\n' + 'x\n'.repeat(5998) + '???\nnote\n---\n# B\nafter\n' }, 'a.md');
  const [first, second] = slidesOf(course);
  assert.equal(first.increments.join('\n').split('\n').length, LIMITS.slideLines);
  assert.equal(first.notes, undefined, 'the notes after the cut are left out too');
  assert.deepEqual(second.increments, ['# B\nafter\n']);
  assert.deepEqual(course.problems, [
    { file: 'a.md', line: LIMITS.slideLines + 1, severity: 'error', message: `more than ${LIMITS.slideLines} lines in one slide: this line and the rest of the slide are not shown` },
  ]);
});

test('a slide of 6,000 lines the deck excludes is left out without a word about its length', () => {
  const long = 'class: in-person\n\n# Room setup\n' + 'x\n'.repeat(5998);
  const { course } = load({ 'deck.yml': 'exclude:\n- in-person\ncontent:\n- a.md\n', 'a.md': '# A\n\nshown\n\n---\n\n' + long });
  assert.deepEqual(slidesOf(course).map((s) => s.title), ['A']);
  assert.deepEqual(course.problems, []);
});

test('a course of more than 20,000 slides keeps the first 20,000; the files after the limit are not read', () => {
  const files: Record<string, string> = { 'deck.yml': 'content:\n' + Array.from({ length: 6 }, (_, i) => `- c${i}.md\n`).join('') };
  for (let i = 0; i < 6; i++) files[`c${i}.md`] = `# C${i}\n` + 'x\n---\n'.repeat(4499);
  const { course, fs } = load(files);
  assert.equal(course.slideCount, LIMITS.slides);
  assert.deepEqual(
    course.problems.map((p) => [p.file, p.line, p.message]),
    [['c4.md', 2 + 2 * (LIMITS.slides - 4 * 4499), `the course has more than ${LIMITS.slides} slides: this slide and the ones after it are not shown`]],
  );
  assert.ok(!fs.reads.some((r) => r.endsWith('c5.md')));
  assert.equal(slidesOf(course).at(-1)!.index, LIMITS.slides - 1);
});

test('source lines have a budget for the whole course, includes counted, reported once where it ran out', () => {
  // Each include holds 2/5 of the budget: the third runs out.
  const size = (LIMITS.lines * 2) / 5;
  const big = 'x\n'.repeat(size);
  const { course, fs } = load({ 'a.md': '# A\n@@INCLUDE[big.md]\n@@INCLUDE[big.md]\n@@INCLUDE[big.md]\n@@INCLUDE[big.md]\n', 'big.md': big }, 'a.md');
  const limit = course.problems.filter((p) => /^the course has more than \d+ lines/.test(p.message));
  assert.deepEqual(limit, [{ file: 'big.md', line: LIMITS.lines - 2 * size - 4 + 1, severity: 'error', message: `the course has more than ${LIMITS.lines} lines: this line and the ones after it are not read` }]);
  // The third include runs out; the fourth is not even read.
  assert.equal(fs.reads.filter((r) => r.endsWith('big.md')).length, 3);
});

test('a lab runs at most 200 commands; 50,000 one-line fences on one line render with the rest as plain code', { timeout: 60000 }, () => {
  const { course } = load({ 'a.md': '# A\n\n.lab[\n' + '```bash echo x``` '.repeat(50000) + '\n]\n' }, 'a.md');
  const [slide] = slidesOf(course);
  assert.equal(slide.labs[0].snippets.length, MAX_SNIPPETS_PER_LAB);
  assert.deepEqual(course.problems, [{ file: 'a.md', line: 4, severity: 'warning', message: `more than ${MAX_SNIPPETS_PER_LAB} commands in one lab: the rest cannot run` }]);
  const { html } = new SlideRenderer(course, undefined, { fs: memoryFs({}) }).render(slide);
  assert.equal((html.match(/data-snippet=/g) ?? []).length, MAX_SNIPPETS_PER_LAB);
  assert.equal((html.match(/<code>bash echo x<\/code>/g) ?? []).length, 50000 - MAX_SNIPPETS_PER_LAB);
});

test('a lab fence indented four columns or a tab is the runnable block it runs; no marker ever shows', () => {
  const markdown = '# A\n\n.lab[\n    ```bash\n    ls\n    ```\n]\n\n.lab[\n\t```bash\n\tpwd\n\t```\n]\n\n.lab[\n<p>\n```bash\nraw\n```\n</p>\n]\n';
  const { course } = load({ 'a.md': markdown }, 'a.md');
  const [slide] = slidesOf(course);
  const { html } = new SlideRenderer(course, undefined, { fs: memoryFs({}) }).render(slide);
  assert.match(html, /data-snippet="0:0:0"[^>]*><pre><code[^>]*>ls<\/code>/);
  assert.match(html, /data-snippet="0:1:0"[^>]*><pre><code[^>]*>pwd<\/code>/);
  assert.doesNotMatch(html, /<pre><code>```bash/);
  assert.ok(!html.includes(RENDER_SECRET) && !html.includes('{ws-'), html);
  // A fence markdown-it reads as raw HTML stays text, without the marker.
  assert.match(html, /<p>\n```bash\nraw\n```\n<\/p>/);
});

test('text after a lab\'s one-line fence on the same line stays visible, after the runnable block', () => {
  const { course } = load({ 'a.md': '# A\n\n.lab[\n```bash ls``` then read this\n\n- ```bash pwd``` and this\n]\n' }, 'a.md');
  const { html } = new SlideRenderer(course, undefined, { fs: memoryFs({}) }).render(slidesOf(course)[0]);
  assert.equal((html.match(/data-snippet=/g) ?? []).length, 2);
  assert.match(html, /<code[^>]*>ls<\/code><\/pre><\/div>\n<p>then read this<\/p>/);
  assert.match(html, /<li>\n<div class="snippet"[^>]*><pre><code[^>]*>pwd<\/code><\/pre><\/div>\nand this<\/li>/);
});

test('inline code spans close on a run of the same length, found without rescanning the text', () => {
  const scan = scanMarkdown('.note[`` a ]` b ``] .x[` ]`]');
  assert.deepEqual(scan.classes.map((c) => c.name), ['note', 'x']);
  // 2,000 runs of backticks, each longer than all after it: none closes, and none hides a class.
  const runs = Array.from({ length: 2000 }, (_, i) => '`'.repeat(2000 - i)).join(' ');
  assert.deepEqual(scanMarkdown(runs + ' .lab[x]').classes.map((c) => c.name), ['lab']);
});

test('100,000 unclosed content classes: the problems stop after the first few', () => {
  const scan = scanMarkdown('# A\n\n' + '.lab[ '.repeat(100000));
  assert.equal(scan.problems.length, MAX_REPORTED_UNCLOSED + 1);
  assert.equal(scan.problems.at(-1)!.message, 'more content classes from here on are never closed (not listed one by one)');
});
