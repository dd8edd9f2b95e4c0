// Checks the bundled course in content/: manifest coverage, images, labs,
// and that the course engine loads it without reporting problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import yaml from 'js-yaml';

const ROOT = resolve(__dirname, '..', '..');
const CONTENT = join(ROOT, 'content');
const MANIFEST = join(CONTENT, 'kube.yml');
const KNOWN_METHODS = new Set(['bash', 'key', 'keys', 'wait', 'longwait', 'hide', 'copy', 'paste', 'check', 'open', 'tmux']);

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

/** Every string entry of the manifest's `content`, at any depth (file names and inline fragments). */
function manifestStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(manifestStrings);
  return [];
}

function loadManifest(): { content: unknown[]; exclude: string[]; title: string } {
  const data = yaml.load(readFileSync(MANIFEST, 'utf8')) as Record<string, unknown>;
  assert.ok(data && typeof data === 'object', 'the manifest is a YAML mapping');
  assert.ok(Array.isArray(data.content), 'the manifest has a content list');
  return {
    content: data.content as unknown[],
    exclude: (data.exclude as string[] | undefined) ?? [],
    title: typeof data.title === 'string' ? data.title : '',
  };
}

const markdownFiles = walk(CONTENT).filter((f) => f.endsWith('.md'));
const manifest = loadManifest();
const fileEntries = manifestStrings(manifest.content).filter((s) => !s.includes('\n'));
const inlineEntries = manifestStrings(manifest.content).filter((s) => s.includes('\n'));

/** Files that chapters pull in with @@INCLUDE[...] (relative to the repository root). */
function includedFiles(): Set<string> {
  const out = new Set<string>();
  for (const file of markdownFiles) {
    for (const m of readFileSync(file, 'utf8').matchAll(/@@INCLUDE\[([^\]]*)\]/g)) {
      out.add(resolve(dirname(CONTENT), m[1].trim()));
    }
  }
  return out;
}

interface ScannedLab {
  file: string;
  line: number;
  methods: string[];
}

/**
 * A small, independent scan of `.lab[` blocks: bracket balancing outside code
 * fences, and the info string of every fence (one-line or multi-line form).
 */
function scanLabs(file: string, text: string): ScannedLab[] {
  const lines = text.split(/\r?\n/);
  const labs: ScannedLab[] = [];
  let current: ScannedLab | undefined;
  let depth = 0;
  let inFence = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (inFence) {
      if (line.startsWith('```')) inFence = false;
      return;
    }
    if (line.startsWith('```')) {
      const oneLine = /^```(\S*)(?:\s.*)?```$/.exec(line);
      const method = oneLine ? oneLine[1] : line.slice(3).trim().split(/\s+/)[0];
      if (current) current.methods.push(method);
      if (!oneLine) inFence = true;
      return;
    }
    if (!current) {
      const start = raw.indexOf('.lab[');
      if (start < 0) return;
      current = { file, line: i + 1, methods: [] };
      depth = 0;
      raw = raw.slice(start + 4);
    }
    for (const ch of raw) {
      if (ch === '[') depth++;
      else if (ch === ']') depth--;
      if (depth === 0) {
        labs.push(current);
        current = undefined;
        break;
      }
    }
  });
  if (current) labs.push(current);
  return labs;
}

test('the manifest has a title, excludes in-person slides and lists parts', () => {
  assert.ok(manifest.title.trim().length > 0);
  assert.ok(manifest.exclude.includes('in-person'));
  const parts = manifest.content.filter((e) => Array.isArray(e));
  assert.ok(parts.length >= 3, 'several parts');
  assert.ok(inlineEntries.length >= 1, 'at least one inline fragment');
});

test('every file named by the manifest exists', () => {
  for (const entry of fileEntries) {
    assert.ok(existsSync(join(CONTENT, entry)), `missing ${entry}`);
  }
});

test('every markdown file under content/ is referenced by the manifest (or included)', () => {
  const referenced = new Set(fileEntries.map((e) => resolve(CONTENT, e)));
  const included = includedFiles();
  for (const file of markdownFiles) {
    assert.ok(referenced.has(file) || included.has(file), `${posix(relative(CONTENT, file))} is not in kube.yml`);
  }
});

test('every chapter file starts with a level-1 title', () => {
  for (const entry of fileEntries) {
    const text = readFileSync(join(CONTENT, entry), 'utf8');
    const first = text.split(/\r?\n/).find((l) => l.trim() !== '' && !/^(class|name):/.test(l));
    if (entry.startsWith('k8s/')) assert.match(first ?? '', /^# \S/, `${entry} starts with "# Title"`);
  }
});

test('every image named by a chapter exists under content/', () => {
  let count = 0;
  for (const file of [...markdownFiles]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/i.test(target)) continue;
      count++;
      const path = resolve(CONTENT, target);
      assert.ok(path.startsWith(CONTENT + sep), `${target} stays inside content/`);
      assert.ok(existsSync(path), `${posix(relative(CONTENT, file))}: image ${target} is missing`);
    }
  }
  assert.ok(count > 0, 'the course has images');
});

test('SVG images are self-contained', () => {
  for (const file of walk(join(CONTENT, 'images')).filter((f) => f.endsWith('.svg'))) {
    const text = readFileSync(file, 'utf8');
    assert.match(text, /<svg[\s>]/, `${file} is an SVG`);
    assert.doesNotMatch(text, /<script/i, `${file} has no script`);
    assert.doesNotMatch(text, /(?:href|src)\s*=\s*["'](?:https?:|\/\/)/i, `${file} has no external reference`);
    assert.match(text.trim(), /<\/svg>$/, `${file} is complete`);
  }
});

test('every lab has at least one snippet, with known methods only', () => {
  let labs = 0;
  for (const file of markdownFiles) {
    for (const lab of scanLabs(posix(relative(CONTENT, file)), readFileSync(file, 'utf8'))) {
      labs++;
      assert.ok(lab.methods.length > 0, `${lab.file}:${lab.line}: lab without a snippet`);
      for (const method of lab.methods) {
        assert.ok(KNOWN_METHODS.has(method), `${lab.file}:${lab.line}: unknown method "${method}"`);
      }
    }
  }
  for (const fragment of inlineEntries) {
    for (const lab of scanLabs('<inline>', fragment)) {
      labs++;
      assert.ok(lab.methods.length > 0, 'inline lab without a snippet');
    }
  }
  assert.ok(labs > 50, `the course has many labs (${labs})`);
});

test('the course engine loads the manifest without problems', async () => {
  const { loadCourse } = await import('../../src/course/load');
  const course = loadCourse(MANIFEST);
  assert.deepEqual(
    course.problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`),
    [],
  );
  const chapters = course.parts.flatMap((p) => p.chapters);
  assert.ok(chapters.length >= 25, `about 25 chapters (${chapters.length})`);
  assert.ok(course.parts.filter((p) => p.title !== '').length >= 5, 'several parts in the table of contents');
  const slides = chapters.flatMap((c) => c.slides);
  assert.equal(slides.length, course.slideCount);
  assert.ok(slides.every((s) => !s.classes.includes('in-person')), 'in-person slides are excluded');
  assert.ok(slides.some((s) => s.classes.includes('extra-details')));
  assert.ok(slides.some((s) => s.classes.includes('pic')));
  let labCount = 0;
  for (const slide of slides) {
    for (const lab of slide.labs) {
      labCount++;
      assert.ok(lab.snippets.length > 0, `${slide.file}:${lab.line}: lab without snippets`);
      for (const snippet of lab.snippets) {
        assert.ok(KNOWN_METHODS.has(snippet.method), `${slide.file}:${snippet.line}: method "${snippet.method}"`);
      }
    }
  }
  assert.ok(labCount > 50);
  const methods = new Set(slides.flatMap((s) => s.labs.flatMap((l) => l.snippets.map((x) => x.method))));
  for (const m of ['bash', 'key', 'keys', 'wait', 'longwait', 'hide', 'copy', 'paste', 'check', 'open']) {
    assert.ok(methods.has(m), `the course uses the "${m}" method somewhere`);
  }
  const hidden = slides.flatMap((s) => s.labs.flatMap((l) => l.snippets.filter((x) => x.hidden)));
  assert.ok(hidden.length > 0, 'some directives are hidden in HTML comments');
  const declaredNames = markdownFiles.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^name: *(\S+)/gm)].map((m) => m[1]));
  const parsedNames = new Set(slides.map((s) => s.name).filter(Boolean));
  for (const name of declaredNames) assert.ok(parsedNames.has(name), `slide name "${name}" is read as a property`);
  const text = JSON.stringify(slides.map((s) => s.increments));
  assert.doesNotMatch(text, /@@(TITLE|TOC|LINK|INCLUDE|GITREPO|SLIDES)/, 'every @@ string is resolved');
});
