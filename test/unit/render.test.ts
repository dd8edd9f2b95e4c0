import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCourse } from '../../src/course/load';
import type { Course, Slide } from '../../src/course/model';
import { renderSlide, resolveLink } from '../../src/render/slide';
import { md, memoryFs, ROOT, SLIDES } from './helpers/memoryCourse';

function courseOf(markdown: string): { course: Course; slides: Slide[] } {
  const course = loadCourse(path.join(SLIDES, 'deck.yml'), memoryFs({ 'deck.yml': 'content:\n- - a.md\n', 'a.md': markdown }));
  return { course, slides: course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides)) };
}

function render(markdown: string, steps?: number): string {
  const { course, slides } = courseOf(markdown);
  return renderSlide(course, slides[0], { steps, resolveLocalImage: (abs) => `https://res.invalid${abs}` }).html;
}

test('content classes become elements; multi-line ones are blocks with markdown inside', () => {
  const html = render('# T\n\n.warning[Careful *here*]\n\n.footnote[\n- a **list**\n]\n\n.small[.red[nested]]');
  assert.match(html, /<span class="warning">Careful <em>here<\/em><\/span>/);
  assert.match(html, /<div class="footnote">\s*<ul>\s*<li>a <strong>list<\/strong><\/li>/);
  assert.match(html, /<span class="small"><span class="red">nested<\/span><\/span>/);
});

test('labs carry their key; visible fences are snippets with data-method; hidden ones are not rendered', () => {
  const html = render(md`
    # T
    .lab[
    - Run:
      \`\`\`bash
      kubectl get \`pods\`
      \`\`\`
    <!--
    \`\`\`wait NAME\`\`\`
    \`\`\`key ^C\`\`\`
    -->
    - Then \`\`\`bash kubectl get nodes\`\`\`
    \`\`\`key ^C\`\`\`
    ]
  `);
  assert.match(html, /<div class="lab" data-lab="0:0">/);
  const snippets = [...html.matchAll(/<div class="snippet" data-method="(\w+)" data-snippet="([\d:]+)"/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(snippets, [
    ['bash', '0:0:0'],
    ['bash', '0:0:3'],
    ['key', '0:0:4'],
  ]);
  assert.match(html, /kubectl get <mark>pods<\/mark>/, 'backticks in bash mark highlighted spans');
  assert.doesNotMatch(html, /NAME|wait/, 'hidden directives never reach the page');
  assert.doesNotMatch(html, /<!--/);
});

test('code outside labs is highlighted and marked with its language', () => {
  const html = render('# T\n\n```yaml\nkind: Pod\n```\n');
  assert.match(html, /<div class="codeblock" data-lang="yaml"><pre><code class="hljs language-yaml">/);
  assert.match(html, /<span class="hljs-attr">kind:<\/span>/);
});

test('increments: all by default, the first steps on request', () => {
  const markdown = '# T\n\n- one\n--\n- two\n--\n- three';
  assert.match(render(markdown), /three/);
  const first = render(markdown, 1);
  assert.match(first, /one/);
  assert.doesNotMatch(first, /two/);
  const two = render(markdown, 2);
  assert.match(two, /two/);
  assert.doesNotMatch(two, /three/);
});

test('sanitizing: no scripts, handlers, javascript: URLs, iframes, styles or ids', () => {
  const html = render(md`
    # T
    <script>alert(1)</script>
    <img src="images/x.png" onerror="alert(2)">
    <a href="javascript:alert(3)">bad link</a>
    [md link](javascript:alert(4))
    <iframe src="https://evil.invalid"></iframe>
    <div id="toc" style="color:red" onclick="x()">styled</div>
    <svg><script>alert(5)</script></svg>
    <a href="vbscript:x">vb</a> <a href="command:workbench.action.terminal.new">cmd</a>
  `);
  for (const bad of [/<script/i, /<[^>]*alert/, /onerror/, /onclick/, /href="javascript:/i, /<iframe/i, /style=/, /id="toc"/, /vbscript/, /command:/]) {
    assert.doesNotMatch(html, bad);
  }
  assert.match(html, /styled/);
  assert.match(html, /bad link/);
});

test('links: external, anchors, deck links, repository files', () => {
  const html = render(md`
    # T
    [site](https://example.org/x) [anchor](#toc-namespaces) [other deck](kube-selfpaced.yml.html#toc-volumes)
    [compose](../dockercoins/docker-compose.yml) [line](k8s/a.md#L12)
  `);
  assert.match(html, /<a href="https:\/\/example.org\/x" data-link-kind="external">site<\/a>/);
  assert.match(html, /<a href="#toc-namespaces" data-link-kind="anchor" data-target="toc-namespaces">/);
  assert.match(html, /data-link-kind="anchor" data-target="toc-volumes">other deck/);
  assert.match(html, new RegExp(`data-link-kind="file" data-target="${path.join(ROOT, 'dockercoins/docker-compose.yml')}"`));
  assert.match(html, /data-fragment="L12"/);
  assert.deepEqual(resolveLink(SLIDES, 'mailto:a@b.c'), { kind: 'external', url: 'mailto:a@b.c' });
  assert.equal(resolveLink(SLIDES, 'ftp://x'), undefined);
  assert.equal(resolveLink(SLIDES, '//cdn.invalid/x'), undefined);
});

test('images: relative ones through the resolver, https kept, others dropped', () => {
  const html = render(md`
    # T
    ![local](images/a.png) ![remote](https://img.invalid/b.png) ![plain](http://img.invalid/c.png)
    ![escape](../../../etc/passwd) ![data](data:text/html;base64,PHNjcmlwdD4=)
  `);
  assert.match(html, new RegExp(`<img src="https://res.invalid${path.join(SLIDES, 'images/a.png')}" alt="local"`));
  assert.match(html, /<img src="https:\/\/img.invalid\/b.png" alt="remote"/);
  assert.doesNotMatch(html, /http:\/\/img.invalid/);
  assert.doesNotMatch(html, /passwd/);
  assert.doesNotMatch(html, /<img[^>]*text\/html/);
});

test('HTML comments are never shown, raw HTML that is safe stays', () => {
  const html = render('# T\n\nbefore<!-- secret note -->after<br/>\n\n<!-- ##VERSION## -->\n\n<pre class="plain">kept</pre>');
  assert.doesNotMatch(html, /secret|VERSION/);
  assert.match(html, /before\s*after<br \/>/);
  assert.match(html, /<pre class="plain">kept<\/pre>/);
});

test('a broken slide still renders what it can', () => {
  const html = render('# T\n\n.lab[\n```bash\nunclosed fence\n\n.warning[no end\n');
  assert.match(html, /unclosed fence/);
  assert.match(html, /no end/);
});

test('raw HTML is cleaned tag by tag: handlers, styles, dangerous elements and their content go', () => {
  const html = render(md`
    # T
    Text with <span class="x" onmouseover="steal()">inline</span> and <img src="images/i.png" onerror="x()" alt="i"> <a href="https://ok.invalid" target="_blank" onclick="y()">ok</a>

    <style>body { display: none }</style>

    <div class="note" style="position:fixed">
    block **not markdown** <unknown-tag>kept text</unknown-tag>
    </div>

    <textarea>hidden text</textarea>

    a < b and <3
  `);
  assert.match(html, /<span class="x">inline<\/span>/);
  assert.match(html, new RegExp(`<img alt="i" src="https://res.invalid${path.join(SLIDES, 'images/i.png')}" />`));
  assert.match(html, /<a href="https:\/\/ok.invalid" data-link-kind="external">ok<\/a>/);
  assert.match(html, /<div class="note">/);
  assert.match(html, /kept text/);
  assert.match(html, /a &lt; b and &lt;3/);
  for (const bad of [/onmouseover|onerror|onclick|steal/, /style/, /display: none/, /target=/, /unknown-tag/, /hidden text/, /textarea/]) {
    assert.doesNotMatch(html, bad);
  }
});

test('an unclosed script drops the rest of its block but not the next slide', () => {
  const { course, slides } = courseOf('# T\n\n<script>\nalert(1)\n\nstill script\n---\n## Next\n\nvisible');
  const first = renderSlide(course, slides[0]).html;
  assert.doesNotMatch(first, /alert|still script/);
  assert.match(renderSlide(course, slides[1]).html, /visible/);
});
