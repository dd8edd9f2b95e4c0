import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCourse } from '../../src/course/load';
import { inspectJson, inspectText } from '../../src/course/inspect';
import { chapterAnchor } from '../../src/course/titles';
import type { Course } from '../../src/course/model';
import { md, memoryFs, SLIDES, ROOT } from './helpers/memoryCourse';

const DECK = path.join(SLIDES, 'deck.yml');

function load(files: Record<string, string | Uint8Array>, entry = DECK): Course {
  return loadCourse(entry, memoryFs(files));
}

function allSlides(course: Course) {
  return course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides));
}

function problemsMatching(course: Course, pattern: RegExp) {
  return course.problems.filter((p) => pattern.test(p.message));
}

const manifest = md`
  title: |
    Deploying things
    with Kubernetes
  chat: "[Chat](https://chat.invalid)"
  gitrepo: github.com/example/training
  slides: https://slides.invalid/
  exclude:
  - in-person
  content:
  - shared/title.md
  -
    - k8s/one.md
    - - k8s/nested.md
  -
    - k8s/two.md
  - |
    # Inline chapter
    An inline fragment.
`;

test('a manifest becomes parts and chapters; top-level sections go to untitled parts', () => {
  const course = load({
    'deck.yml': manifest,
    'shared/title.md': 'class: title\n\n@@TITLE@@\n\nChat: @@CHAT@@ repo @@GITREPO@@ at @@SLIDES@@ @@UNKNOWN@@',
    'k8s/one.md': '# First chapter\n\nHello\n\n---\n\n## Second slide\n\ntext',
    'k8s/nested.md': '# Nested chapter\n\nDeeper lists are flattened.',
    'k8s/two.md': '# Second part chapter\n\ntext',
  });
  assert.equal(course.readable, true);
  assert.deepEqual(course.problems, []);
  assert.equal(course.title, 'Deploying things with Kubernetes');
  assert.deepEqual(
    course.parts.map((p) => [p.title, p.chapters.map((c) => c.title)]),
    [
      ['', ['Deploying things with Kubernetes']],
      ['Part 1', ['First chapter', 'Nested chapter']],
      ['Part 2', ['Second part chapter']],
      ['', ['Inline chapter']],
    ],
  );
  const title = course.parts[0].chapters[0].slides[0];
  assert.deepEqual(title.classes, ['title']);
  assert.match(title.increments[0], /Deploying things<br\/>with Kubernetes/);
  assert.match(title.increments[0], /Chat: \[Chat\]\(https:\/\/chat.invalid\) repo github.com\/example\/training at https:\/\/slides.invalid\//);
  assert.match(title.increments[0], /@@UNKNOWN@@/, 'unknown @@ strings stay as text');
  assert.deepEqual(allSlides(course).map((s) => s.index), [0, 1, 2, 3, 4, 5]);
  assert.equal(course.slideCount, 6);
  assert.equal(course.parts[1].chapters[0].file, 'k8s/one.md');
  assert.equal(course.parts[3].chapters[0].file, '<inline>');
});

test('a single list part is called "Table of contents"', () => {
  const course = load({ 'deck.yml': 'content:\n- - a.md\n', 'a.md': '# A\n' });
  assert.equal(course.parts[0].title, 'Table of contents');
});

test('chapter anchors follow the upstream rule', () => {
  assert.equal(chapterAnchor('First contact with `kubectl`'), 'toc-first-contact-with-kubectl');
  assert.equal(chapterAnchor('Kubernetes 1.2: what is new?'), 'toc-kubernetes--what-is-new');
});

test('slides, increments, notes and properties', () => {
  const course = load({
    'deck.yml': 'content:\n- - a.md\n',
    'a.md': md`
      # Chapter

      ---

      class: extra-details, under-the-hood
      name: deep-dive

      ## Details

      - one
      --
      - two
      --
      - three

      ???

      Speaker notes
      --
      still notes
      ---
      ## Last
    `,
  });
  const [, details, last] = allSlides(course);
  assert.deepEqual(details.classes, ['extra-details', 'under-the-hood']);
  assert.equal(details.name, 'deep-dive');
  assert.equal(details.title, 'Details');
  assert.equal(details.increments.length, 3);
  assert.match(details.increments[0], /- one/);
  assert.equal(details.increments[1].trim(), '- two');
  assert.doesNotMatch(details.increments.join('\n'), /Speaker notes|class:/);
  assert.match(details.notes ?? '', /Speaker notes\n--\nstill notes/);
  assert.equal(details.line, 4, 'a slide starts on the line after its separator');
  assert.equal(last.title, 'Last');
});

test('slides with excluded classes are dropped', () => {
  const course = load({
    'deck.yml': 'exclude: [in-person]\ncontent:\n- - a.md\n',
    'a.md': '# A\n---\nclass: in-person\n\n## Only in class\n---\nclass: self-paced\n\n## Self-paced\n',
  });
  assert.deepEqual(allSlides(course).map((s) => s.title), ['A', 'Self-paced']);
});

test('separators inside fenced code do not split slides; # comments in code are not chapters', () => {
  const course = load({
    'deck.yml': 'content:\n- - a.md\n',
    'a.md': md`
      # Real chapter

      \`\`\`yaml
      a: 1
      ---
      b: 2
      \`\`\`

      \`\`\`bash
      # not a chapter
      \`\`\`
    `,
  });
  assert.equal(allSlides(course).length, 1);
  assert.deepEqual(course.parts[0].chapters.map((c) => c.title), ['Real chapter']);
});

test('labs: every fence in source order, hidden ones included, one-line and multi-line forms', () => {
  const course = load({
    'deck.yml': 'content:\n- - a.md\n',
    'a.md': md`
      # Labs

      .lab[

      - Start it:
        \`\`\`bash
        kubectl get pods -w
        \`\`\`

      <!--
      \`\`\`wait NAME\`\`\`
      \`\`\`key ^C\`\`\`
      -->

      - Then \`\`\`bash kubectl get nodes\`\`\`

      \`\`\`keys
      echo hi^J
      \`\`\`

      \`\`\`
      no info string
      \`\`\`

      ]

      .exercise[
      \`\`\`bash
      echo old-style
      \`\`\`
      ]
    `,
  });
  const slide = allSlides(course)[0];
  assert.equal(slide.labs.length, 2);
  const [lab, old] = slide.labs;
  assert.equal(lab.line, 3);
  assert.deepEqual(
    lab.snippets.map((s) => [s.method, s.data, s.hidden, s.line]),
    [
      ['bash', '  kubectl get pods -w', false, 6],
      ['wait', 'NAME', true, 11],
      ['key', '^C', true, 12],
      ['bash', 'kubectl get nodes', false, 15],
      ['keys', 'echo hi^J', false, 17],
      ['', 'no info string', false, 21],
    ],
  );
  assert.deepEqual(old.snippets.map((s) => s.data), ['echo old-style']);
  assert.deepEqual(course.problems, []);
});

test('@@INCLUDE and @@LINK resolve against the repository root, @@TOC@@ lists chapters', () => {
  const course = load({
    'deck.yml': 'content:\n- toc.md\n- - a.md\n- - b.md\n',
    'toc.md': '## Contents\n\n@@TOC@@',
    'a.md': '# Alpha\n\n@@INCLUDE[shared/snippet.md]\n\nSee @@LINK[dockercoins/docker-compose.yml]',
    [path.join(ROOT, 'shared/snippet.md')]: 'Included text\n.lab[\n```bash\necho included\n```\n]',
    'b.md': '# Beta Two',
  });
  assert.deepEqual(course.problems, []);
  const [toc, alpha] = allSlides(course);
  assert.match(toc.increments[0], /\*\*Part 1\*\*\n\n- \[Alpha\]\(#toc-alpha\)/);
  assert.match(toc.increments[0], /- \[Beta Two\]\(#toc-beta-two\)/);
  assert.match(alpha.increments[0], /Included text/);
  assert.match(alpha.increments[0], /\[dockercoins\/docker-compose.yml\]\(\.\.\/dockercoins\/docker-compose.yml\)/);
  assert.equal(alpha.labs[0].snippets[0].data, 'echo included');
  assert.equal(alpha.labs[0].snippets[0].line, 3, 'lines inside an included file are its own');
});

test('a single markdown file is a course too', () => {
  const course = load({ [path.join(ROOT, 'notes.md')]: '# One\n---\n# Two\n' }, path.join(ROOT, 'notes.md'));
  assert.equal(course.readable, true);
  assert.deepEqual(course.parts.map((p) => p.title), ['']);
  assert.deepEqual(course.parts[0].chapters.map((c) => c.title), ['One', 'Two']);
  assert.equal(course.title, 'One');
});

// ---- bad input: problems with file and line, never an exception ----

test('a YAML error is reported with its line, and the course is unreadable', () => {
  const course = load({ 'deck.yml': 'title: x\ncontent:\n  - a.md\n - b.md\n' });
  assert.equal(course.readable, false);
  assert.equal(course.problems.length, 1);
  assert.equal(course.problems[0].file, 'deck.yml');
  assert.equal(course.problems[0].line, 4);
  assert.match(course.problems[0].message, /YAML error/);
});

test('a manifest without content is reported', () => {
  const course = load({ 'deck.yml': 'title: nothing here\n' });
  assert.match(course.problems[0].message, /no `content` list/);
  assert.equal(course.parts.length, 0);
});

test('a missing chapter file is a warning with the manifest line; the rest loads', () => {
  const course = load({ 'deck.yml': 'content:\n- - a.md\n  - missing.md\n  - b.md\n', 'a.md': '# A', 'b.md': '# B' });
  assert.equal(course.readable, true);
  assert.deepEqual(course.parts[0].chapters.map((c) => c.title), ['A', 'B']);
  const [problem] = course.problems;
  assert.equal(problem.file, 'deck.yml');
  assert.equal(problem.line, 3);
  assert.match(problem.message, /missing.md: file not found/);
});

test('a missing include is a problem at the including line', () => {
  const course = load({ 'deck.yml': 'content:\n- - a.md\n', 'a.md': '# A\n\n@@INCLUDE[nope.md]\n' });
  assert.equal(course.problems[0].file, 'a.md');
  assert.equal(course.problems[0].line, 3);
});

test('an include cycle stops with a problem', () => {
  const course = load({ 'deck.yml': 'content:\n- - a.md\n', 'a.md': '# A\n@@INCLUDE[slides/a.md]\n' });
  const [problem] = problemsMatching(course, /includes itself/);
  assert.deepEqual([problem.file, problem.line], ['a.md', 2]);
});

test('an unbalanced content class is reported with its line, and the text is kept', () => {
  const course = load({ 'deck.yml': 'content:\n- - a.md\n', 'a.md': '# A\n\n.warning[never closed\n\nmore text\n' });
  const [problem] = problemsMatching(course, /never closed/);
  assert.equal(problem.file, 'a.md');
  assert.equal(problem.line, 3);
  assert.match(allSlides(course)[0].increments[0], /more text/);
});

test('an unclosed fence is reported and does not swallow the following slides', () => {
  const course = load({ 'deck.yml': 'content:\n- - a.md\n', 'a.md': '# A\n\n```bash\necho never closed\n---\n## Next slide\n' });
  const [problem] = problemsMatching(course, /never closed/);
  assert.equal(problem.line, 3);
  assert.deepEqual(allSlides(course).map((s) => s.title), ['A', 'Next slide']);
});

test('an unknown lab method is a warning', () => {
  const course = load({ 'deck.yml': 'content:\n- - a.md\n', 'a.md': '# A\n.lab[\n```frobnicate\nx\n```\n]\n' });
  const [problem] = problemsMatching(course, /unknown lab method "frobnicate"/);
  assert.equal(problem.line, 3);
  assert.equal(allSlides(course)[0].labs[0].snippets[0].method, 'frobnicate');
});

test('non-UTF-8 text is decoded with replacement characters and reported with its line', () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('# A\n\nline two\ncaf'), 0xe9, ...new TextEncoder().encode('\n')]);
  const course = load({ 'deck.yml': 'content:\n- - a.md\n', 'a.md': bytes });
  const [problem] = problemsMatching(course, /not valid UTF-8/);
  assert.equal(problem.line, 4);
  assert.match(allSlides(course)[0].increments[0], /caf\uFFFD/);
});

test('binary and huge files are refused with a problem', () => {
  const binary = new Uint8Array([0x23, 0x20, 0x41, 0x00, 0x01, 0x02]);
  const huge = new TextEncoder().encode('# Huge\n' + 'x'.repeat(5 * 1024 * 1024));
  const course = load({ 'deck.yml': 'content:\n- - bin.md\n  - huge.md\n  - ok.md\n', 'bin.md': binary, 'huge.md': huge, 'ok.md': '# Fine' });
  assert.equal(problemsMatching(course, /binary/)[0].file, 'bin.md');
  // Refused before reading, where the manifest names it.
  const [tooLarge] = problemsMatching(course, /huge\.md: file is too large/);
  assert.deepEqual([tooLarge.file, tooLarge.line], ['deck.yml', 3]);
  assert.deepEqual(course.parts[0].chapters.map((c) => c.title), ['Fine']);
});

test('an unreadable source is not readable, with an error', () => {
  const course = load({}, path.join(SLIDES, 'nothing.yml'));
  assert.equal(course.readable, false);
  assert.equal(course.problems[0].severity, 'error');
  assert.match(course.problems[0].message, /file not found/);
  const folder = load({ 'sub/a.md': '# A' }, path.join(SLIDES, 'sub'));
  assert.equal(folder.readable, false);
  assert.match(folder.problems[0].message, /folder/);
});

test('a manifest that is not a mapping is reported', () => {
  for (const text of ['- a.md\n', '"just a string"\n', '']) {
    const course = load({ 'deck.yml': text });
    assert.equal(course.parts.length, 0);
    assert.ok(course.problems.length >= 1, `problems for ${JSON.stringify(text)}`);
  }
});

test('inspect: JSON shape and text summary', () => {
  const course = load({
    'deck.yml': 'title: T\ncontent:\n- intro.md\n- - a.md\n',
    'intro.md': '## Hello',
    'a.md': '# A\n\n.lab[\n```bash\nls\n```\n<!-- ```wait x``` -->\n]\n---\nname: second\nclass: extra-details\n\n## B\n',
  });
  const json = inspectJson(course);
  assert.deepEqual(Object.keys(json), ['title', 'parts', 'problems']);
  assert.equal(json.parts[0].title, '');
  const chapter = json.parts[1].chapters[0];
  assert.deepEqual(Object.keys(chapter), ['title', 'file', 'slides']);
  assert.deepEqual(chapter.slides[0], {
    index: 1,
    line: 1,
    classes: [],
    name: null,
    labs: [{ line: 3, snippets: [{ method: 'bash', data: 'ls', hidden: false, line: 4 }, { method: 'wait', data: 'x', hidden: true, line: 7 }] }],
  });
  assert.deepEqual(chapter.slides[1].classes, ['extra-details']);
  assert.equal(chapter.slides[1].name, 'second');
  const text = inspectText(course);
  assert.match(text, /2 parts, 2 chapters, 3 slides, 1 labs, 2 snippets/);
  assert.match(text, /no problems/);
});

test('the loader never throws, whatever the bytes', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const alphabet = ['.lab[', ']', '[', '```', '```bash x```', '<!--', '-->', '---', '--', '???', '# T', 'class: x', '\n', ' ', 'a', '@@INCLUDE[', '@@TOC@@', '\\'];
  for (let round = 0; round < 200; round++) {
    let text = '';
    for (let i = 0; i < 60; i++) text += alphabet[Math.floor(random() * alphabet.length)];
    const course = load({ 'deck.yml': 'content:\n- - a.md\n', 'a.md': text });
    assert.equal(course.readable, true);
  }
});

test('a multi-line directive opened right after <!-- is hidden and does not swallow the next fence', () => {
  const course = load({
    'deck.yml': 'content:\n- - a.md\n',
    'a.md': md`
      # A
      .lab[
      <!-- \`\`\`hide
      kubectl wait deploy/rng --for condition=available
      kubectl wait deploy/worker --for condition=available
      \`\`\` -->
      - Look at the logs:
        \`\`\`bash
        kubectl logs deploy/rng
        \`\`\`
      ]
    `,
  });
  assert.deepEqual(course.problems, []);
  assert.deepEqual(
    allSlides(course)[0].labs[0].snippets.map((s) => [s.method, s.hidden, s.line, s.data.trim().split('\n').length]),
    [
      ['hide', true, 3, 2],
      ['bash', false, 8, 1],
    ],
  );
});

test('a lab inside an HTML comment is replay-only: its snippets are hidden', () => {
  const course = load({
    'deck.yml': 'content:\n- - a.md\n',
    'a.md': '# A\n\nText\n<!--\n.lab[\n```open https://example.org/```\n]\n-->\n',
  });
  const [lab] = allSlides(course)[0].labs;
  assert.deepEqual(lab.snippets, [{ method: 'open', data: 'https://example.org/', hidden: true, line: 6, dataLine: 6 }]);
});

test('properties right after -- belong to that step and are not shown as text', () => {
  const course = load({ 'deck.yml': 'content:\n- - a.md\n', 'a.md': '# A\n\n- one\n--\nclass: extra-details\n\n- deeper\n' });
  const [slide] = allSlides(course);
  assert.equal(slide.increments.length, 2);
  assert.doesNotMatch(slide.increments.join('\n'), /class:/);
  assert.match(slide.increments[1], /deeper/);
});

test('older decks: `chapters:` instead of `content:`, `clone:` and `url:`', () => {
  const course = load({
    'deck.yml': 'title: Old\nclone: github.com/x/y\nurl: https://old.invalid/\nchapters:\n- - a.md\n',
    'a.md': '# A\n\n@@GITREPO@@ @@SLIDES@@',
  });
  assert.deepEqual(course.problems, []);
  assert.match(allSlides(course)[0].increments[0], /github.com\/x\/y https:\/\/old.invalid\//);
});

test('a file without a # title continues the chapter before it', () => {
  const course = load({ 'deck.yml': 'content:\n- - a.md\n  - more.md\n  - b.md\n', 'a.md': '# A\n', 'more.md': '## More of A\n', 'b.md': '# B\n' });
  assert.deepEqual(course.parts[0].chapters.map((c) => [c.title, c.slides.length]), [['A', 2], ['B', 1]]);
});
