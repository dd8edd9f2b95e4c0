// The hostile corpus (test/fixtures/hostile) and seeded mutations of it: whatever a course
// holds, loading and rendering never throw, nothing outside the course shows up, and every
// runnable block shows exactly the text that runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCourse } from '../../src/course/load';
import type { Course } from '../../src/course/model';
import { SlideRenderer } from '../../src/render/slide';
import { snippetText } from '../../src/exercises/prepare';
import { planSnippet } from '../../src/exercises/plan';
import { hasInvisible, visibleText } from '../../src/text/visibleText';
import { memoryFs, ROOT, SLIDES } from './helpers/memoryCourse';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'hostile');
const SECRET_FILE = '/secret/kubeconfig';
const SECRET = 'token-9f8e7d';
const corpus = readdirSync(CORPUS)
  .filter((n) => n.endsWith('.md'))
  .sort()
  .map((name) => ({ name, text: readFileSync(path.join(CORPUS, name), 'utf8') }));

const FRAGMENTS = [
  '@@INCLUDE[../../secret/kubeconfig]', '@@INCLUDE[slides/a.md]', '@@LINK[/secret/kubeconfig]', '.lab[', '.exercise[', ']', '[', '\n```bash\n',
  '```bash echo x```', '\n```\n', '<!--', '-->', '\n---\n', '\n--\n', '\n???\n', '{ws:0:0:0}', '<div class="snippet" data-snippet="0:0:0">',
  '<span class="codeblock">', '</div>', '<img src="https://x.invalid/?', '![i](../../secret/kubeconfig)', '[l](/secret/kubeconfig)', '`', '\\',
  '<', '>', '"', '\n\n', '    ', '\t', '\u0000', '\u202e', '&#10;',
];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    if (kind < 0.6) out = out.slice(0, at) + FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] + out.slice(at);
    else if (kind < 0.8) out = out.slice(0, at) + out.slice(at + Math.floor(next() * 40));
    else out = out.slice(0, at) + out.slice(at, at + Math.floor(next() * 80)).repeat(2) + out.slice(at);
  }
  return out;
}

function decode(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function check(label: string, chapter: string): void {
  const fs = memoryFs({ 'deck.yml': 'content:\n- a.md\n', 'a.md': chapter, [SECRET_FILE]: SECRET });
  let course: Course;
  assert.doesNotThrow(() => (course = loadCourse(path.join(SLIDES, 'deck.yml'), fs)), label);
  for (const read of fs.reads) assert.ok(read.startsWith(ROOT + '/'), `${label}: read ${read}`);
  const renderer = new SlideRenderer(course!, (abs) => `https://res.invalid${abs}`, { fs });
  for (const slide of course!.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides))) {
    const { html } = renderer.render(slide);
    const tags = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
    assert.ok(!html.includes(SECRET), `${label}: the secret shows in slide ${slide.index}`);
    for (const tag of tags) {
      assert.doesNotMatch(tag, /^<(script|iframe|style|svg|object|embed)\b/i, `${label}: ${tag}`);
      for (const [, name, value] of tag.matchAll(/\s([\w-]+)="([^"]*)"/g)) {
        assert.ok(!/^on/i.test(name), `${label}: ${tag}`);
        if (name === 'href' || name === 'src') assert.match(value, /^(https?:|#|data:image\/|mailto:)/, `${label}: ${tag}`);
      }
    }
    // Every element that the reader's script treats as runnable is one the renderer made.
    const runnable = tags.filter((tag) => /\sdata-snippet=/.test(tag.replace(/"[^"]*"/g, '""')));
    const shown = [...html.matchAll(/<div class="snippet" data-method="[^"]*" data-snippet="(\d+):(\d+):(\d+)" data-status="idle"><pre><code class="hljs language-[^"]*">([\s\S]*?)<\/code><\/pre><\/div>/g)];
    assert.equal(runnable.length, shown.length, `${label}: a runnable block not made by the renderer`);
    for (const [, s, l, n, body] of shown) {
      const snippet = slide.labs[Number(l)]?.snippets[Number(n)];
      assert.ok(Number(s) === slide.index && snippet && !snippet.hidden, `${label}: unknown key ${s}:${l}:${n}`);
      // The block shows the text that runs; where that holds invisible characters, it shows them
      // as ⟨U+XXXX⟩ and nothing of it runs.
      const runs = snippetText(snippet);
      assert.equal(decode(body), visibleText(runs), `${label}: visible text differs from the text that runs`);
      if (hasInvisible(runs) && ['bash', 'keys', 'key'].includes(snippet.method)) assert.deepEqual(planSnippet(snippet).steps, [], `${label}: a command with invisible characters runs`);
    }
    for (const [, key] of tags.join('').matchAll(/\sdata-lab="([^"]*)"/g)) {
      const [s, l] = key.split(':').map(Number);
      assert.ok(s === slide.index && slide.labs[l], `${label}: unknown lab ${key}`);
    }
  }
}

test('the hostile corpus loads and renders within the rules', () => {
  for (const { name, text } of corpus) check(name, text);
});

test('seeded mutations of the corpus load and render within the rules', () => {
  const next = random(20261128);
  for (let i = 0; i < Number(process.env.FUZZ_RUNS ?? 400); i++) {
    const { name, text } = corpus[i % corpus.length];
    check(`${name} mutation ${i}`, mutate(text, next));
  }
});
