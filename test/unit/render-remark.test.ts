// The reader shows a deck the way the workshop's builder and Remark 0.14 show it
// (docs/rendering.md): each case on a small deck of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCourse } from '../../src/course/load';
import { parseManifest } from '../../src/course/manifest';
import type { Course, Slide } from '../../src/course/model';
import { renderJson } from '../../src/render/renderReport';
import { memoryFs, SLIDES } from './helpers/memoryCourse';

function deck(files: Record<string, string>, env?: Record<string, string>): Course {
  return loadCourse(path.join(SLIDES, 'deck.yml'), memoryFs(files), { env });
}

function slides(course: Course): Slide[] {
  return course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides));
}

function htmlOf(course: Course): string[] {
  return renderJson(course).slides.map((s) => s.html);
}

function oneDeck(markdown: string): { course: Course; html: string[] } {
  const course = deck({ 'deck.yml': 'content:\n- a.md\n', 'a.md': markdown });
  return { course, html: htmlOf(course) };
}

test('back-quoted spans of a plain code block are highlighted without their back-quotes', () => {
  const { html } = oneDeck('# Ports\n\n```\nPORTS\n0.0.0.0:`12345`->80/tcp\n`start` of a line\nan \\`escaped` one\n```\n');
  assert.match(html[0], /0\.0\.0\.0:<mark>12345<\/mark>-&#62;80\/tcp/);
  // As Remark: a span at the start of a line stays, an escaped one loses only its backslash.
  assert.match(html[0], /`start` of a line\nan `escaped` one/);
  assert.doesNotMatch(html[0], /`12345`/);
});

test('a code block without spans is syntax-highlighted as before', () => {
  const { html } = oneDeck('# Y\n\n```yaml\nkind: Pod\n```\n');
  assert.match(html[0], /hljs-attr/);
  assert.doesNotMatch(html[0], /<mark>/);
});

test('Run and Copy of a lab keep their text when the block shows spans', () => {
  const course = deck({ 'deck.yml': 'content:\n- a.md\n', 'a.md': '# L\n\n.lab[\n```bash\ndocker run `-d` nginx\n```\n]\n' });
  const json = renderJson(course);
  assert.equal(json.slides[0].snippets[0].text, 'docker run -d nginx');
  assert.match(json.slides[0].html, /docker run <mark>-d<\/mark> nginx/);
});

test('a reference link resolves with a definition on another slide of the deck', () => {
  const course = deck({
    'deck.yml': 'content:\n- a.md\n- b.md\n- c.md\n',
    'a.md': '# Install\n\nSee [install kubeadm][kubeadm] and [here][local].\n\n[local]: https://example.com/own\n',
    'b.md': '# Links\n\n[kubeadm]: https://kubernetes.io/docs/kubeadm/\n[local]: https://example.com/other\n',
    'c.md': '# Uses\n\nRead [the guide][kubeadm] and [local].\n',
  });
  const [a, , c] = htmlOf(course);
  // A slide that defines nothing gets the first definition of each label in deck order.
  assert.match(c, /<a [^>]*href="https:\/\/kubernetes\.io\/docs\/kubeadm\/"[^>]*>the guide<\/a>/);
  assert.match(c, /<a [^>]*href="https:\/\/example\.com\/own"[^>]*>local<\/a>/);
  assert.match(a, /<a [^>]*href="https:\/\/kubernetes\.io\/docs\/kubeadm\/"[^>]*>install kubeadm<\/a>/);
  // The slide's own definition wins over another slide's.
  assert.match(a, /href="https:\/\/example\.com\/own"/);
  assert.doesNotMatch(a, /\[kubeadm\]/);
});

test('a label defined nowhere stays as text', () => {
  const { html } = oneDeck('# A\n\nSee [this][nowhere].\n');
  assert.match(html[0], /\[this\]\[nowhere\]/);
});

test('properties after `--` and a blank line belong to that step, not its text', () => {
  const { course, html } = oneDeck('# A\n\n- first\n\n--\n\nclass: extra-details\n\n- more\n');
  const [slide] = slides(course);
  assert.deepEqual(slide.classes, []);
  assert.deepEqual(slide.stepClasses, [[], ['extra-details']]);
  assert.doesNotMatch(html[0], /class: extra-details/);
  assert.match(html[0], /more/);
});

test('a step of an excluded class is left out of the deck', () => {
  const course = deck({ 'deck.yml': 'exclude:\n- self-paced\ncontent:\n- a.md\n', 'a.md': '# A\n\nshown\n\n--\n\nclass: self-paced\n\nleft out\n' });
  const [slide] = slides(course);
  assert.equal(slide.increments.length, 1);
  assert.doesNotMatch(htmlOf(course)[0], /left out/);
});

test('inline part slides keep properties separated by blank lines', () => {
  const course = deck({
    'deck.yml': 'content:\n- - |\n    name: part-1\n\n    class: title, self-paced\n\n    Part 1\n  - a.md\n',
    'a.md': '# A\n\ntext\n',
  });
  const [part] = slides(course);
  assert.deepEqual(part.classes, ['title', 'self-paced']);
  assert.equal(part.name, 'part-1');
  assert.doesNotMatch(htmlOf(course)[0], /class:|name:/);
});

test('@@ZIP@@ and @@HTML@@ come from `slides:` and the manifest name when the manifest leaves them out', () => {
  const course = deck({ 'deck.yml': 'slides: https://example.com/\ncontent:\n- a.md\n', 'a.md': '# A\n\n@@ZIP@@ @@HTML@@\n' });
  assert.match(htmlOf(course)[0], /https:\/\/example\.com\/slides\.zip deck\.yml\.html/);
  assert.equal(parseManifest('slides: https://x.org/s\ncontent: []\n').manifest?.strings.ZIP, 'https://x.org/s/slides.zip');
  assert.equal(parseManifest('zip: z.zip\ncontent: []\n', { fileName: 'k.yml' }).manifest?.strings.ZIP, 'z.zip');
  assert.equal(parseManifest('content: []\n', { fileName: 'k.yml' }).manifest?.strings.HTML, 'k.yml.html');
});

test('OVERRIDE_<key> replaces a key the manifest has, as the builder does', () => {
  const files = { 'deck.yml': 'title: Old\nchat: "In person"\ncontent:\n- a.md\n', 'a.md': '# A\n\n@@CHAT@@ @@GITREPO@@\n' };
  const course = deck(files, { OVERRIDE_chat: 'Slack', OVERRIDE_title: 'New', OVERRIDE_gitrepo: 'github.com/x/y' });
  assert.equal(course.title, 'New');
  // gitrepo is not in the manifest: the builder leaves it alone, and so does the reader.
  assert.match(htmlOf(course)[0], /Slack @@GITREPO@@/);
  assert.equal(deck(files).title, 'Old');
  assert.equal(deck(files, { OVERRIDE_chat: '' }).parts.length, 1);
});

test('a content class right after a word is a class', () => {
  const { html } = oneDeck('# A\n\nSometimes, we.red[¹] want this.\n');
  assert.match(html[0], /we<span class="red"[^>]*>¹<\/span> want/);
});

test('a lab right after a word is not a lab', () => {
  const { course } = oneDeck('# A\n\nword.lab[\n```bash\necho hi\n```\n]\n');
  assert.equal(slides(course)[0].labs.length, 0);
});

test('the `look` method is accepted without a warning', () => {
  const { course } = oneDeck('# A\n\n.lab[\n```bash\nls\n```\n\n<!-- ```look at the files``` -->\n]\n');
  assert.deepEqual(course.problems.filter((p) => /look/.test(p.message)), []);
});

test('@@TOC@@ lists only chapters that have a `# ` title', () => {
  const course = deck({
    'deck.yml': 'content:\n- toc.md\n- - intro.md\n  - a.md\n',
    'toc.md': '## Contents\n\n@@TOC@@\n',
    'intro.md': 'class: title\n\nWelcome!\n',
    'a.md': '# Chapter A\n\ntext\n',
  });
  const toc = slides(course)[0].increments.join('\n');
  assert.match(toc, /\[Chapter A\]\(#toc-chapter-a\)/);
  assert.doesNotMatch(toc, /Welcome/);
});

test('a ````bash fence closed by ``` ends there and does not swallow the next slide', () => {
  const { course, html } = oneDeck('# A\n\n````bash\n$ docker run tomcat true\n```\n\nNote: after.\n\n---\n\n## Next slide\n\n```bash\nls\n```\n');
  assert.equal(slides(course).length, 2);
  assert.match(html[0], /<code class="hljs language-bash">\$ docker run tomcat <span class="hljs-literal">true<\/span><\/code>/);
  assert.match(html[0], /<p>Note: after\.<\/p>/);
  assert.match(html[1], /<h2>Next slide<\/h2>/);
});

test('a ```` fence that holds ``` and closes with ```` is left alone', () => {
  const { html } = oneDeck('# A\n\n````\n```bash\nls\n```\n````\n');
  assert.match(html[0], /<code class="hljs language-">```bash\nls\n```<\/code>/);
});

test('output pasted at the left margin of a code block in a list item stays in the block', () => {
  const { html } = oneDeck('# A\n\n- the old one\n\n  ```\nNAME   READY\nrng    1\n  ```\n\n- the new one\n');
  assert.match(html[0], /<li>\n<p>the old one<\/p>\n<div class="codeblock" data-lang=""><pre><code class="hljs language-">NAME {3}READY\nrng {4}1<\/code>/);
  assert.match(html[0], /<li>\n<p>the new one<\/p>\n<\/li>\n<\/ul>/);
});

test('a mermaid diagram is sent as labelled source text for the webview to draw, never as markup', () => {
  const { html } = oneDeck('# A\n\n<pre class="mermaid">\nflowchart TD\nH["chart<br/>(Helm)"] --> <img src=x onerror=alert(1)>\n</pre>\n');
  assert.match(html[0], /<div class="diagram-source" data-diagram="mermaid"><p class="diagram-label"><em>Mermaid diagram \(source\)<\/em><\/p>/);
  assert.match(html[0], /flowchart TD\nH\[&#34;chart&#60;br\/&#62;\(Helm\)&#34;\] --&#62; &#60;img src=x onerror=alert\(1\)&#62;/);
  assert.doesNotMatch(html[0], /<img|<br/);
});

test('a mermaid fence is a diagram too, its source escaped', () => {
  const { html } = oneDeck('# A\n\n```mermaid\nsequenceDiagram\nA->>B: <b>hi</b>\n```\n');
  assert.match(html[0], /<div class="diagram-source" data-diagram="mermaid">.*<pre><code class="hljs">sequenceDiagram\nA-&#62;&#62;B: &#60;b&#62;hi&#60;\/b&#62;<\/code><\/pre><\/div>/s);
  assert.doesNotMatch(html[0], /class="codeblock"/);
});
