// The learner's `.git` is not course content: no include, entry, link or image reaches it,
// written directly, through `..`, or through a symlink.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCourse } from '../../src/course/load';
import { confineAbsolute, confinePath, isInGit } from '../../src/course/confine';
import { SlideRenderer } from '../../src/render/slide';
import { memoryFs, ROOT, SLIDES } from './helpers/memoryCourse';

const TOKEN = 'ghp_learnerToken123';
const GIT = {
  '/course/.git/config': `[remote "origin"]\n  url = https://me:${TOKEN}@github.com/me/fork\n`,
  '/course/.git/HEAD': 'ref: refs/heads/main\n',
  '/course/sub/.git': `gitdir: ../.git/worktrees/sub ${TOKEN}\n`,
};

function load(files: Record<string, string>, links: Record<string, string> = {}) {
  const fs = memoryFs({ ...GIT, ...files }, links);
  const course = loadCourse(path.join(SLIDES, 'deck.yml'), fs);
  const text = course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides.flatMap((s) => s.increments))).join('\n');
  return { course, fs, text };
}

const gitProblems = (course: ReturnType<typeof load>['course']) =>
  course.problems.filter((p) => /inside \.git: not read/.test(p.message)).map((p) => [p.file, p.line, p.severity]);

test('@@INCLUDE of a file in .git, or of a .git file, is refused with file and line, and never read', () => {
  const { course, fs, text } = load({
    'deck.yml': 'content:\n- a.md\n',
    'a.md': '# A\n\n@@INCLUDE[.git/config]\n@@INCLUDE[slides/../.git/HEAD]\n@@INCLUDE[sub/.git]\n@@INCLUDE[.GIT/config]\n',
  });
  assert.deepEqual(gitProblems(course), [['a.md', 3, 'error'], ['a.md', 4, 'error'], ['a.md', 5, 'error'], ['a.md', 6, 'error']]);
  assert.doesNotMatch(text, new RegExp(TOKEN));
  assert.ok(!fs.reads.some((r) => /\.git/i.test(r)), fs.reads.join());
});

test('a manifest entry into .git, or a symlink in the course that points there, is refused', () => {
  const { course, fs, text } = load(
    { 'deck.yml': 'content:\n- ../.git/config\n- innocent.md\n- ok.md\n', 'ok.md': '# Ok\n\n@@INCLUDE[slides/also.md]\n' },
    { 'innocent.md': '/course/.git/config', 'also.md': '/course/.git' },
  );
  assert.deepEqual(gitProblems(course), [['deck.yml', 2, 'error'], ['deck.yml', 3, 'error'], ['ok.md', 3, 'error']]);
  assert.match(course.problems[1].message, /innocent\.md: inside \.git: not read \(it links there\)/);
  assert.deepEqual(course.parts[0].chapters.map((c) => c.title), ['Ok']);
  assert.doesNotMatch(text, new RegExp(TOKEN));
  assert.ok(!fs.reads.some((r) => /\.git/i.test(r)), fs.reads.join());
});

test('links and images into .git are refused and reported; others still resolve', () => {
  const fs = memoryFs({ ...GIT, '/course/slides/a.md': '', '/course/slides/pic.png': 'p' }, { '/course/slides/g.png': '/course/.git/HEAD' });
  const course = loadCourse(path.join(SLIDES, 'a.md'), memoryFs({
    '/course/slides/a.md': '# A\n\n[cfg](../.git/config) <a href="../.git/HEAD">raw</a> [ok](pic.png)\n\n![x](../.git/config) ![y](g.png) <img src="../sub/.git"> ![z](pic.png)\n',
  }));
  const slide = course.parts[0].chapters[0].slides[0];
  const rendered = new SlideRenderer(course, (abs) => `https://res.invalid${abs}`, { fs }).render(slide);
  assert.deepEqual(rendered.problems.map((p) => p.message), [
    'link ../.git/config: inside .git: not read',
    'link ../.git/HEAD: inside .git: not read',
    'image ../.git/config: inside .git: not read',
    'image g.png: inside .git: not read (it links there)',
    'image ../sub/.git: inside .git: not read',
  ]);
  assert.equal((rendered.html.match(/data-link-kind="file"/g) ?? []).length, 1);
  assert.equal((rendered.html.match(/<img /g) ?? []).length, 1);
  assert.match(rendered.html, /<img src="https:\/\/res\.invalid\/course\/slides\/pic\.png"/);
  assert.doesNotMatch(rendered.html, /\.git/);
});

test('the confinement helpers refuse .git segments as written and after symlinks', () => {
  const fs = memoryFs({ ...GIT, '/course/slides/ok.md': '' }, { '/course/slides/cfg': '/course/.git/config' });
  assert.ok(isInGit(ROOT, '/course/.git'));
  assert.ok(isInGit(ROOT, '/course/a/.Git/x'));
  assert.ok(!isInGit(ROOT, '/course/.github/workflows/x.yml'));
  assert.ok(!isInGit(ROOT, '/course/a.git/x'));
  assert.equal(confineAbsolute(fs, ROOT, '/course/.git/config'), undefined);
  assert.equal(confineAbsolute(fs, ROOT, '/course/slides/cfg'), undefined);
  assert.equal(confineAbsolute(fs, ROOT, '/course/slides/ok.md'), '/course/slides/ok.md');
  const viaLink = confinePath(fs, ROOT, SLIDES, 'cfg');
  assert.deepEqual(viaLink, { ok: false, outside: true, reason: 'cfg: inside .git: not read (it links there)' });
});
