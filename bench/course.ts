// Course engine benchmark: parse (loadCourse) and render (renderSlide) a course of
// at least 1.5 MiB of markdown, warm, in one process; compared in the same run with
// bare markdown-it rendering the same slides' markdown.
//
// Usage: node --import tsx bench/course.ts [--deck <manifest.yml|chapter.md>] [--runs N]
//
// Without --deck, the course is generated in a temporary folder by copying every
// chapter of the bundled course (content/) several times with its `# Title` changed.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import { loadCourse } from '../src/course/load';
import type { Course, Slide } from '../src/course/model';
import { renderSlide } from '../src/render/slide';
import { prepareSlideMarkdown, SNIPPET_MARKER } from '../src/render/prepare';
import { slideMarkdown } from '../src/render/markdown';
import { highlightCode, highlightSpans } from '../src/render/highlight';
import { RawHtmlSanitizer } from '../src/render/sanitize';
import { resolveLink } from '../src/render/slide';
import { emit, figure, log, now, round, summary } from './stats.mjs';

const ROOT = resolve(__dirname, '..');
const MIN_BYTES = 1.5 * 1024 * 1024;
const args = process.argv.slice(2);
const deckArg = args.includes('--deck') ? resolve(args[args.indexOf('--deck') + 1]) : undefined;
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
const WARMUP = 2;
const resolveLocalImage = (p: string) => 'https://x/' + p;

/** Changes top-level `# ` headings outside fenced code, so every copy is a chapter of its own. */
function retitle(markdown: string, copy: number): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (!inFence && /^# \S/.test(line)) return `${line} (copy ${copy})`;
      return line;
    })
    .join('\n');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Builds the big course; returns the manifest path and the markdown bytes it holds. */
function generateCourse(dir: string): { manifest: string; bytes: number; copies: number } {
  const content = join(ROOT, 'content');
  cpSync(content, join(dir, 'content'), { recursive: true });
  const chapters = walk(content)
    .filter((f) => f.endsWith('.md') && !/\/shared\/(title|toc|thankyou)\.md$/.test(f))
    .map((f) => relative(content, f))
    .sort();
  const base = chapters.reduce((n, f) => n + statSync(join(content, f)).size, 0);
  const copies = Math.ceil(MIN_BYTES / base);
  const lines = ['title: Benchmark course', 'exclude:', '- in-person', 'content:', '- shared/title.md', '- shared/toc.md'];
  let bytes = statSync(join(content, 'shared/title.md')).size + statSync(join(content, 'shared/toc.md')).size;
  for (let copy = 1; copy <= copies; copy++) {
    lines.push('-');
    for (const chapter of chapters) {
      const target = join('copies', String(copy), chapter);
      mkdirSync(join(dir, 'content', target, '..'), { recursive: true });
      const text = retitle(readFileSync(join(content, chapter), 'utf8'), copy);
      writeFileSync(join(dir, 'content', target), text);
      bytes += Buffer.byteLength(text);
      lines.push(`  - ${target}`);
    }
  }
  const manifest = join(dir, 'content', 'bench.yml');
  writeFileSync(manifest, lines.join('\n') + '\n');
  return { manifest, bytes, copies };
}

function allSlides(course: Course): Slide[] {
  return course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides));
}

function renderAll(course: Course, slides: Slide[]): number {
  let chars = 0;
  for (const slide of slides) chars += renderSlide(course, slide, { resolveLocalImage }).html.length;
  return chars;
}

/** Times renderSlide's stages separately: prepare, markdown-it (without highlighting and raw-HTML sanitizing), highlight, sanitize. */
function stageBreakdown(course: Course, slides: Slide[]): Record<string, unknown> {
  const md = slideMarkdown();
  const prepared = slides.map((s) => prepareSlideMarkdown(s.increments.join('\n'), s.index));
  const resolve = {
    resolveLink: (href: string) => resolveLink(course.baseDir, href),
    resolveImage: (src: string) => ({ url: resolveLocalImage(src) }),
  };
  // The raw-HTML sanitizer, timed from inside markdown-it's rules; a fresh one (empty tag cache)
  // each pass, as renderSlide gets for each newly loaded course.
  let inner = new RawHtmlSanitizer(resolve);
  let sanitizeMs = 0;
  let sanitizeCalls = 0;
  const sanitizer = Object.assign(Object.create(inner) as RawHtmlSanitizer, {
    sanitize(html: string) {
      const t = now();
      const out = inner.sanitize(html);
      sanitizeMs += now() - t;
      sanitizeCalls++;
      return out;
    },
    reset: () => inner.reset(),
  });
  const env = { resolve, sanitizer };
  const fences: { code: string; method: string; spans: boolean }[] = [];
  for (const text of prepared) {
    for (const token of md.parse(text, env)) {
      if (token.type !== 'fence') continue;
      const marker = SNIPPET_MARKER.exec(token.info);
      const info = (marker ? token.info.slice(0, marker.index) : token.info).trim();
      const method = info.split(/\s+/)[0] ?? '';
      fences.push({ code: token.content.replace(/\n$/, ''), method, spans: !!marker && ['bash', 'hide', 'keys'].includes(method) });
    }
  }
  const stage = { prepare: [] as number[], markdownIt: [] as number[], highlight: [] as number[], sanitize: [] as number[] };
  for (let run = 0; run < 1 + 3; run++) {
    sanitizeMs = 0;
    sanitizeCalls = 0;
    inner = new RawHtmlSanitizer(resolve);
    const t0 = now();
    for (const s of slides) prepareSlideMarkdown(s.increments.join('\n'), s.index);
    const t1 = now();
    for (const text of prepared) {
      sanitizer.reset();
      md.render(text, env);
    }
    const t2 = now();
    for (const f of fences) {
      if (f.spans) highlightSpans(f.code);
      else highlightCode(f.code, f.method);
    }
    const t3 = now();
    if (run < 1) continue;
    stage.prepare.push(t1 - t0);
    stage.highlight.push(t3 - t2);
    stage.sanitize.push(sanitizeMs);
    stage.markdownIt.push(t2 - t1 - (t3 - t2) - sanitizeMs);
  }
  return {
    fences: fences.length,
    rawHtmlSanitizeCallsPerPass: sanitizeCalls,
    stagesMs: {
      prepareSlideMarkdown: round(summary(stage.prepare).median),
      markdownItWithoutHighlightAndSanitize: round(summary(stage.markdownIt).median),
      highlight: round(summary(stage.highlight).median),
      rawHtmlSanitize: round(summary(stage.sanitize).median),
    },
  };
}

function main(): void {
  const temp = deckArg ? undefined : mkdtempSync(join(tmpdir(), 'bench-course-'));
  try {
    let manifest: string;
    let bytes: number;
    if (deckArg) {
      manifest = deckArg;
      const course = loadCourse(manifest);
      bytes = allSlides(course).reduce((n, s) => n + Buffer.byteLength(s.increments.join('\n')), 0);
      log(`course: ${manifest} (${(bytes / 1048576).toFixed(2)} MiB of slide markdown)`);
    } else {
      const generated = generateCourse(temp!);
      manifest = generated.manifest;
      bytes = generated.bytes;
      log(`course: bundled chapters x${generated.copies}, ${(bytes / 1048576).toFixed(2)} MiB of markdown in ${temp}`);
    }

    const bare = new MarkdownIt({ html: true });
    const totals: number[] = [];
    const loads: number[] = [];
    const renders: number[] = [];
    const bareTimes: number[] = [];
    const ratios: number[] = [];
    const renderRatios: number[] = [];
    let slideCount = 0;
    let course!: Course;
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const t0 = now();
      course = loadCourse(manifest);
      const t1 = now();
      const slides = allSlides(course);
      renderAll(course, slides);
      const t2 = now();
      // Peer: bare markdown-it over the same slides' markdown (already parsed: render only).
      for (const slide of slides) bare.render(slide.increments.join('\n'));
      const t3 = now();
      slideCount = slides.length;
      if (run < WARMUP) continue;
      totals.push(t2 - t0);
      loads.push(t1 - t0);
      renders.push(t2 - t1);
      bareTimes.push(t3 - t2);
      ratios.push((t2 - t0) / (t3 - t2));
      renderRatios.push((t2 - t1) / (t3 - t2));
    }
    if (course.problems.some((p) => p.severity === 'error')) {
      throw new Error(`the course has errors: ${course.problems.filter((p) => p.severity === 'error').slice(0, 3).map((p) => p.message).join('; ')}`);
    }
    const total = summary(totals);
    const mbps = totals.map((t) => bytes / 1e6 / (t / 1000));

    // Largest chapter (by markdown bytes) of a real course: the bundled one, or the --deck
    // (the generated course's biggest "chapter" is its title + table of contents of hundreds of chapters).
    const real = deckArg ? course : loadCourse(join(ROOT, 'content', 'kube.yml'));
    const chapters = course.parts.flatMap((p) => p.chapters);
    const largest = real.parts
      .flatMap((p) => p.chapters)
      .map((c) => ({ c, size: c.slides.reduce((n, s) => n + Buffer.byteLength(s.increments.join('\n')), 0) }))
      .sort((a, b) => b.size - a.size)[0];
    const chapterTimes: number[] = [];
    for (let run = 0; run < 10 + 30; run++) {
      const t0 = now();
      renderAll(real, largest.c.slides);
      if (run >= 10) chapterTimes.push(now() - t0);
    }

    // Where the time goes: each stage of renderSlide timed on its own, over all slides. This
    // reaches into src/render internals, which change: a failure here leaves the figures alone.
    const slides = allSlides(course);
    let breakdown: Record<string, unknown>;
    try {
      breakdown = stageBreakdown(course, slides);
    } catch (error) {
      breakdown = { error: `stage breakdown unavailable: ${(error as Error).message}` };
    }
    Object.assign(breakdown, {
      slides: slideCount,
      chapters: chapters.length,
      bytes,
      largestChapter: { title: largest.c.title, bytes: largest.size, slides: largest.c.slides.length },
      loadCourseMs: round(summary(loads).median),
      renderAllMs: round(summary(renders).median),
      bareMarkdownItMs: round(summary(bareTimes).median),
      renderOnlyRatio: round(summary(renderRatios).median),
    });
    log('course breakdown', JSON.stringify(breakdown));
    emit({
      figures: [
        figure(`Course: parse + render ${(bytes / 1048576).toFixed(2)} MiB (${slideCount} slides), warm`, total, 'ms', 300, 'lower'),
        figure('Course: throughput (parse + render)', summary(mbps), 'MB/s', null, 'higher'),
        figure('Course: parse + render / bare markdown-it render (same slides)', summary(ratios), 'x', 2, 'lower'),
        figure('Course: render only / bare markdown-it render (same slides)', summary(renderRatios), 'x', null, 'lower'),
        figure(`Course: largest chapter render, warm ("${largest.c.title}", ${largest.c.slides.length} slides, ${(largest.size / 1024).toFixed(1)} KiB)`, summary(chapterTimes), 'ms', 5, 'lower'),
      ],
      breakdown: { course: breakdown },
    });
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  console.error(error);
  process.exit(1);
}
