// A lab runs only if the reader shows its fences as code blocks: a fence markdown-it reads as
// text (inside raw HTML, an indented code block, another fence) makes the lab not runnable,
// in the engine and in the renderer alike (docs/trust/visible-commands.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CourseIndex } from '../../src/course/courseIndex';
import { loadCourse } from '../../src/course/load';
import type { Course, Slide } from '../../src/course/model';
import { courseSteps } from '../../src/exercises/courseSteps';
import { planLab } from '../../src/exercises/plan';
import { SlideRenderer } from '../../src/render/slide';
import { memoryFs, SLIDES } from './helpers/memoryCourse';

function render(markdown: string): { course: Course; slide: Slide; html: string } {
  const course = loadCourse(path.join(SLIDES, 'deck.yml'), memoryFs({ 'deck.yml': 'content:\n- a.md\n', 'a.md': markdown }));
  const slide = course.parts[0].chapters[0].slides[0];
  const html = new SlideRenderer(course, undefined, { fs: memoryFs({ 'a.md': '' }) }).render(slide).html;
  return { course, slide, html };
}

/** The snippet keys the reader shows as runnable blocks. */
function runnableInHtml(html: string): string[] {
  return [...html.matchAll(/data-snippet="([\d:]+)"/g)].map((m) => m[1]).sort();
}

/** The snippet keys the engine lets run from a click: shown snippets of labs it does not hide. */
function runnableInEngine(slide: Slide): string[] {
  return slide.labs
    .flatMap((lab, l) => (lab.hiddenBy ? [] : lab.snippets.flatMap((s, n) => (s.hidden ? [] : [`${slide.index}:${l}:${n}`]))))
    .sort();
}

const SHOWN_LAB = '.lab[\n```bash\necho shown\n```\n]';

// [name, markdown after the shown lab, why, line of the fence in that markdown (0-based)]
const SHOWN_AS_TEXT: Array<[string, string, RegExp, number]> = [
  ['a raw <div> with the fence right after it', '.lab[\n<div class="box">\n```bash\necho as-text\n```\n</div>\n]', /inside raw HTML/, 2],
  ['a <pre> block, which blank lines do not end', '<pre>\n\n.lab[\n```bash\necho as-text\n```\n]\n\n</pre>', /inside raw HTML/, 3],
  ['a custom element alone on its line', '.lab[\n<my-box>\n```bash\necho as-text\n```\n</my-box>\n]', /inside raw HTML/, 2],
  ['an indented code block', 'Text.\n\n    .lab[```bash echo as-text```]', /inside an indented code block/, 2],
  ['a fence markdown-it does not close where the engine does', '```text\n    ```\n.lab[\n```bash\necho as-text\n```\n]', /inside another code block/, 3],
  ['a table (the line after the fence makes it a header row)', '.lab[\n```bash |echo as-text\n---|---\n```\n]', /in text the reader does not show as a code block/, 1],
  ['raw HTML around the second fence of a lab', '.lab[\n```bash\necho first\n```\n<div>\n```bash\necho as-text\n```\n</div>\n]', /inside raw HTML/, 5],
];

for (const [name, body, why, fenceLine] of SHOWN_AS_TEXT) {
  test(`fences shown as text: a lab with a fence in ${name} gets no Run, is left out of Run all, Next step and progress, and is reported`, () => {
    const before = `# Labs\n\n${SHOWN_LAB}\n\n`;
    const markdown = `${before}${body}\n`;
    const { course, slide, html } = render(markdown);
    assert.deepEqual(runnableInHtml(html), ['0:0:0'], 'only the shown lab has a runnable block');
    assert.doesNotMatch(html, /data-lab="0:1"/, 'no Run all for it');
    assert.match(html, /echo as-text/, 'its command is still on the slide, as text');
    assert.deepEqual(runnableInEngine(slide), runnableInHtml(html), 'the engine and the reader agree');
    assert.equal(slide.labs[0].hiddenBy, undefined);
    assert.match(slide.labs[1].hiddenBy ?? '', why);
    assert.equal(planLab(slide.labs[1]).refused, true);
    assert.deepEqual(planLab(slide.labs[1]).steps, [], 'Run all runs nothing of it');
    const index = new CourseIndex(course);
    assert.deepEqual(courseSteps(index).map((s) => s.lab), [0], 'Next step skips it');
    assert.equal(index.toc[0].chapters[0].snippetCount, 1, 'progress counts the shown lab only');
    const line = before.split('\n').length + fenceLine;
    assert.deepEqual(
      course.problems.map((p) => [p.file, p.line, p.severity]),
      [['a.md', line, 'warning']],
      JSON.stringify(course.problems),
    );
    assert.match(course.problems[0].message, why);
    assert.match(course.problems[0].message, /it cannot run \(a lab runs only where the reader shows it\)/);
  });
}

const SHOWN_AS_CODE: Array<[string, string]> = [
  ['a raw <div> with a blank line before the fence', '.lab[\n<div class="box">\n\n```bash\necho as-code\n```\n\n</div>\n]'],
  ['a raw element closed on its line', '<div class="box">note</div>\n.lab[\n```bash\necho as-code\n```\n]'],
  ['a lab wrapping a raw <div> (the lab starts a block of its own)', '<div class="box">\n.lab[\n```bash\necho as-code\n```\n]\n</div>'],
  ['an indented fence inside a lab', 'Text.\n\n.lab[\n    ```bash\n    echo as-code\n    ```\n]'],
  ['a list item', '- step\n  .lab[```bash echo as-code```]'],
  ['a line of its own holding a one-line fence, right after a heading', '## Step\n.lab[```bash echo as-code```]'],
];

for (const [name, body] of SHOWN_AS_CODE) {
  test(`fences shown as code: a lab in ${name} runs`, () => {
    const { course, slide, html } = render(`# Labs\n\n${SHOWN_LAB}\n\n${body}\n`);
    assert.deepEqual(runnableInHtml(html), ['0:0:0', '0:1:0']);
    assert.match(html, /data-lab="0:1"/);
    assert.deepEqual(runnableInEngine(slide), runnableInHtml(html));
    assert.equal(slide.labs[1].hiddenBy, undefined);
    assert.deepEqual(course.problems, []);
  });
}

test('fences shown as text: hidden directives (in HTML comments) do not count, and labs hidden otherwise keep their reason', () => {
  const withComment = `# Labs\n\n.lab[\n\`\`\`bash\necho shown\n\`\`\`\n<!-- \`\`\`wait Running\`\`\` -->\n]\n`;
  const { slide, course } = render(withComment);
  assert.equal(slide.labs[0].hiddenBy, undefined);
  assert.deepEqual(course.problems, []);
  const debug = `# Labs\n\n<div class="debug">\n.lab[\n<div>\n\`\`\`bash\necho x\n\`\`\`\n</div>\n]\n</div>\n`;
  assert.match(render(debug).slide.labs[0].hiddenBy ?? '', /inside <div class="debug">/);
});

test('fences shown as text: the bundled course keeps every lab runnable, and the reader agrees with the engine on each slide', () => {
  const course = loadCourse(path.join(__dirname, '..', '..', 'content', 'kube.yml'));
  const slides = course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides));
  const labs = slides.flatMap((s) => s.labs);
  assert.ok(labs.length >= 120, `${labs.length} labs`);
  assert.deepEqual(labs.filter((l) => l.hiddenBy).map((l) => `${l.line}: ${l.hiddenBy}`), []);
  const renderer = new SlideRenderer(course);
  for (const slide of slides) {
    assert.deepEqual(runnableInHtml(renderer.render(slide).html), runnableInEngine(slide), `${slide.file}:${slide.line}`);
  }
});
