// Issue 19, item 5: an address that holds white space or control characters (raw or
// percent-encoded) is refused, in a slide link, an image and an `open` step, with file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCourse } from '../../src/course/load';
import { planSnippet } from '../../src/exercises/plan';
import { SlideRenderer } from '../../src/render/slide';
import { unsafeUrlReason } from '../../src/text/unsafeUrl';
import { memoryFs, SLIDES } from './helpers/memoryCourse';

const OPTIONS = { waitTimeoutMs: 1000, longWaitMultiplier: 10, nodeAddress: 'localhost' };

function load(markdown: string) {
  const fs = memoryFs({ 'deck.yml': 'content:\n- a.md\n', 'a.md': markdown, 'b.md': '' });
  const course = loadCourse(path.join(SLIDES, 'deck.yml'), fs);
  const slides = course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides));
  const renderer = new SlideRenderer(course, (abs) => `https://res.invalid${abs}`, { fs });
  return { course, rendered: slides.map((s) => renderer.render(s)) };
}

test('unsafeUrlReason: white space, controls, bidi and zero-width characters, raw or encoded; %20 is fine', () => {
  const refused = [
    'https://x.invalid/a b', 'https://x.invalid/a\tb', 'https://x.invalid/?c=%0Atoken', 'https://x.invalid/%1b[2J',
    'https://x.invalid/%7F', 'https://x.invalid/%C2%9B', 'https://x.invalid/a\u202Eb', 'https://x.invalid/%E2%80%AE',
    'https://x.invalid/%E2%80%8B', 'b.md\u200B', 'https://x.invalid/\u00A0', 'mailto:a@b.invalid\n',
  ];
  for (const url of refused) assert.match(unsafeUrlReason(url) ?? '', /white space or control characters/, JSON.stringify(url));
  for (const url of ['https://x.invalid/a%20b?q=%C3%A9', 'b.md#L3', 'mailto:a@b.invalid?subject=Hi%20there', 'https://x.invalid/%E2%82%AC', 'https://x.invalid/%ZZ']) {
    assert.equal(unsafeUrlReason(url), undefined, url);
  }
});

test('a slide link whose address holds control or invisible characters is refused: its text stays, the problem names file, line and why', () => {
  const { rendered } = load('# A\n\nfirst line\n\n[ok](b.md) [nl](https://x.invalid/?c=%0Atoken) [bidi](b.md%E2%80%AE) <a href="https://x.invalid/a b">raw</a>\n');
  const [slide] = rendered;
  assert.equal((slide.html.match(/<a /g) ?? []).length, 1, 'only the plain link is a link');
  assert.match(slide.html, /nl/);
  assert.match(slide.html, /raw/);
  assert.equal(slide.problems.length, 3);
  for (const p of slide.problems) {
    assert.match(p.message, /^link .*: the URL holds white space or control characters$/);
    assert.deepEqual([p.file, p.line], ['a.md', 1]);
  }
  assert.ok(slide.problems.every((p) => !/[\n\u202e]/.test(p.message)), 'the problem shows the characters, not raw');
});

test('an `open` step with such an address never runs: the plan refuses it and loading the course reports it with its line', () => {
  for (const data of ['https://x.invalid/a b', 'https://x.invalid/%0Arm', 'https://x.invalid/\u202Eexe']) {
    const plan = planSnippet({ method: 'open', data, hidden: false, line: 4 }, OPTIONS);
    // An invisible character refuses the whole plan (visible-commands); white space makes the step invalid.
    assert.ok(plan.refused ? plan.steps.length === 0 : plan.steps[0].kind === 'invalid', data);
    assert.ok(plan.problems.length > 0, data);
  }
  assert.equal(planSnippet({ method: 'open', data: 'https://x.invalid/ok', hidden: false, line: 4 }, OPTIONS).steps[0].kind, 'open');
  const { course } = load('# A\n\n.lab[\n```open https://x.invalid/%0Atoken```\n]\n');
  const problem = course.problems.find((p) => p.message.startsWith('open '));
  assert.ok(problem, 'the course lists the refused open step');
  assert.deepEqual([problem.file, problem.line], ['a.md', 4]);
  assert.match(problem.message, /refused, the URL holds white space or control characters/);
});
