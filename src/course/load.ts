// Loads a course (a deck manifest or one markdown file) into the `Course` model.
// Never throws: everything wrong becomes a problem, and what could be read is kept.
import * as path from 'node:path';
import type { Chapter, Course, CourseFileSystem, Lab, Part, Problem, Slide } from './model';
import { parseManifest, type ManifestEntry } from './manifest';
import { LIMITS, readCourseFile, readText, toSourceLines, type SourceContext, type SourceLine } from './source';
import { findCourseRoot } from './confine';
import { nodeFileSystem } from './nodeFileSystem';
import { splitSlides, type RawSlide } from './slides';
import { shortenUnclosedFences } from './fences';
import { describeInvisible } from '../text/visibleText';
import { hiddenLabs } from './hiddenLabs';
import { labsNotShownAsCode } from '../render/shownFences';
import { DISPLAY_LANGUAGES, LAB_METHODS, MAX_LABS_PER_SLIDE, MAX_SNIPPETS_PER_LAB, isLabClass, labFences, rememberScan, scanMarkdown } from './scan';
import { inRanges, mergeRanges } from './sorted';
import { chapterAnchor, plainHeading } from './titles';
import { showInvisible } from '../text/inert';
import { unsafeUrlReason } from '../text/unsafeUrl';

export { nodeFileSystem };

export function isManifestPath(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

export interface LoadOptions {
  /** Environment for the builder's `OVERRIDE_<key>` manifest overrides (the CLI passes its own; none by default). */
  env?: Readonly<Record<string, string | undefined>>;
}

export function loadCourse(source: string, fs: CourseFileSystem = nodeFileSystem, options: LoadOptions = {}): Course {
  const absolute = path.resolve(source);
  const baseDir = path.dirname(absolute);
  const repoRoot = isManifestPath(absolute) ? path.dirname(baseDir) : baseDir;
  const root = findCourseRoot(baseDir, fs);
  const ctx: SourceContext = { fs, baseDir, repoRoot, root, strings: {}, problems: [], spent: { includes: 0, bytes: 0, lines: 0 }, including: [] };
  const course: Course = {
    title: '',
    source: absolute,
    baseDir,
    repoRoot,
    root,
    parts: [],
    problems: ctx.problems,
    slideCount: 0,
    readable: false,
  };
  const name = path.basename(absolute);
  try {
    // The course itself is what the user chose; what it names is confined.
    const text = readText(ctx, absolute, { file: name, line: 0 });
    if (text === undefined) {
      for (const p of ctx.problems) p.severity = 'error';
      return course;
    }
    course.readable = true;
    const builder = new CourseBuilder(ctx);
    if (isManifestPath(absolute)) {
      const { manifest, problems } = parseManifest(text, { fileName: name, env: options.env });
      for (const p of problems) ctx.problems.push({ file: name, line: p.line, message: p.message, severity: 'error' });
      if (!manifest) {
        course.readable = problems.length === 0;
        return course;
      }
      ctx.strings = manifest.strings;
      builder.exclude = new Set(manifest.exclude);
      course.title = manifest.title;
      let entries = 0;
      for (const part of manifest.parts) {
        builder.startPart(part.title);
        for (const entry of part.entries) {
          if (++entries > LIMITS.manifestEntries) break;
          builder.addEntry(entry, name);
        }
      }
      if (entries > LIMITS.manifestEntries) {
        ctx.problems.push({ file: name, line: 0, severity: 'error', message: `the manifest lists more than ${LIMITS.manifestEntries} entries; the rest are not read` });
      }
    } else {
      builder.startPart('');
      builder.addLines(toSourceLines(ctx, text, name));
    }
    course.parts = builder.finish();
  } catch (error) {
    ctx.problems.push({ file: name, line: 0, severity: 'error', message: `internal error while reading the course: ${(error as Error).message}` });
  }
  course.slideCount = course.parts.reduce((n, p) => n + p.chapters.reduce((m, c) => m + c.slides.length, 0), 0);
  if (!course.title) course.title = course.parts.flatMap((p) => p.chapters)[0]?.title || name;
  replaceTocStrings(course);
  return course;
}

class CourseBuilder {
  exclude = new Set<string>();
  private readonly parts: Part[] = [];
  private index = 0;
  /** Slides split so far (excluded ones too): what the slide limits count. */
  private slidesRead = 0;

  constructor(private readonly ctx: SourceContext) {}

  startPart(title: string): void {
    this.parts.push({ title, chapters: [] });
  }

  addEntry(entry: ManifestEntry, manifestName: string): void {
    if (this.slidesLeft() === 0) return;
    if (entry.kind === 'inline') {
      this.addLines(toSourceLines(this.ctx, entry.text, '<inline>', 1));
      return;
    }
    const read = readCourseFile(this.ctx, this.ctx.baseDir, entry.path, { file: manifestName, line: entry.line });
    if (!read) return;
    this.ctx.including.push(read.real);
    try {
      this.addLines(toSourceLines(this.ctx, read.text, read.name));
    } finally {
      this.ctx.including.pop();
    }
  }

  private slidesLeft(): number {
    return LIMITS.slides - this.slidesRead;
  }

  /** Adds the slides of one file (at most {@link LIMITS.slidesPerFile}) to the current part. */
  addLines(source: SourceLine[]): void {
    const lines = withRemarkFences(source);
    const part = this.parts[this.parts.length - 1];
    let chapter: Chapter | undefined;
    const perFile = this.slidesLeft() >= LIMITS.slidesPerFile;
    const { slides, dropped } = splitSlides(lines, Math.min(LIMITS.slidesPerFile, this.slidesLeft()), LIMITS.slideLines);
    this.slidesRead += slides.length;
    if (dropped) {
      const message = perFile
        ? `more than ${LIMITS.slidesPerFile} slides in one file: this slide and the ones after it are not shown`
        : `the course has more than ${LIMITS.slides} slides: this slide and the ones after it are not shown`;
      this.ctx.problems.push({ file: dropped.file, line: dropped.line, severity: 'error', message });
    }
    for (const raw of slides) {
      const slide = this.buildSlide(raw);
      // A slide the deck leaves out (`exclude`) is not shown at all: its cut is nobody's concern.
      if (!slide) continue;
      if (raw.cut) {
        const message = `more than ${LIMITS.slideLines} lines in one slide: this line and the rest of the slide are not shown`;
        this.ctx.problems.push({ file: raw.cut.file, line: raw.cut.line, severity: 'error', message });
      }
      const heading = slide.chapterTitle;
      // As upstream: a file without a `# ` title continues the chapter before it in its part.
      chapter ??= part.chapters[part.chapters.length - 1];
      if (heading !== undefined || !chapter) {
        const title = heading ?? (slide.slide.title || firstTextLine(slide.slide) || path.basename(raw.origin.file).replace(/\.md$/, ''));
        chapter = { title, anchor: chapterAnchor(title), file: raw.origin.file, slides: [], ...(heading === undefined ? { untitled: true } : {}) };
        part.chapters.push(chapter);
      }
      slide.slide.index = this.index++;
      chapter.slides.push(slide.slide);
    }
  }

  private buildSlide(whole: RawSlide): { slide: Slide; chapterTitle?: string } | undefined {
    const { raw, stepClasses } = keptSteps(whole, this.exclude);
    if (!raw) return undefined;
    const classes = stepClasses[0];
    const increments: string[] = [];
    for (let i = 0; i < raw.incrementStarts.length; i++) {
      const end = raw.incrementStarts[i + 1] ?? raw.lines.length;
      increments.push(raw.lines.slice(raw.incrementStarts[i], end).map((l) => l.text).join('\n'));
    }
    const text = increments.join('\n');
    const scan = scanMarkdown(text);
    for (const p of scan.problems) this.ctx.problems.push({ ...sourceOf(raw, p.line), severity: 'warning', message: p.message });

    const labs: Lab[] = [];
    const labClasses = scan.classes.filter((c) => isLabClass(c.name));
    if (labClasses.length > MAX_LABS_PER_SLIDE) {
      const { file, line } = sourceOf(raw, labClasses[MAX_LABS_PER_SLIDE].line);
      this.ctx.problems.push({ file, line, severity: 'warning', message: `more than ${MAX_LABS_PER_SLIDE} labs in one slide: the rest cannot run` });
    }
    const hidden = hiddenLabs(text, scan);
    const notShown = labsNotShownAsCode(text, scan, hidden);
    for (const { lab: cls, fences, dropped } of labFences(scan)) {
      const lab: Lab = { line: sourceOf(raw, cls.line).line, snippets: [] };
      if (dropped !== undefined) {
        this.ctx.problems.push({ ...sourceOf(raw, scan.fences[dropped].line), severity: 'warning', message: `more than ${MAX_SNIPPETS_PER_LAB} commands in one lab: the rest cannot run` });
      }
      const asText = notShown.get(cls);
      const hiddenBy = hidden.get(cls) ?? asText?.why;
      if (hiddenBy) {
        lab.hiddenBy = hiddenBy;
        const at = asText ? scan.fences[asText.fence].line : cls.line;
        this.ctx.problems.push({ ...sourceOf(raw, at), severity: 'warning', message: `lab ${hiddenBy}: it cannot run (a lab runs only where the reader shows it)` });
      }
      for (const fenceIndex of fences) {
        const fence = scan.fences[fenceIndex];
        const line = sourceOf(raw, fence.line);
        const dataLine = fence.oneLine ? line.line : line.line + 1;
        lab.snippets.push({ method: fence.method, data: fence.data, hidden: fence.hidden, line: line.line, dataLine });
        const refused = fence.method === 'open' ? unsafeUrlReason(fence.data.trim()) : undefined;
        if (refused) this.ctx.problems.push({ ...line, severity: 'warning', message: `open ${showInvisible(fence.data.trim())}: refused, ${refused}` });
        if (!LAB_METHODS.has(fence.method) && !DISPLAY_LANGUAGES.has(fence.method.toLowerCase())) {
          this.ctx.problems.push({ ...line, severity: 'warning', message: `unknown lab method "${fence.method}"` });
        }
        const invisible = LAB_METHODS.has(fence.method) && !hiddenBy ? describeInvisible(fence.data, dataLine) : undefined;
        if (invisible) this.ctx.problems.push({ ...line, severity: 'error', message: `this command ${invisible}: Run, Send and Run all refuse it` });
      }
      labs.push(lab);
    }

    let chapterTitle: string | undefined;
    let title = '';
    const codeOrComment = mergeRanges([...scan.fences.filter((f) => !f.oneLine), ...scan.comments]);
    let offset = 0;
    for (const line of raw.lines) {
      const at = offset;
      offset += line.text.length + 1;
      if (line.text.charCodeAt(0) !== 35 /* # */) continue;
      const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line.text);
      if (!heading || inRanges(codeOrComment, at)) continue;
      if (heading[1] === '#' && chapterTitle === undefined) chapterTitle = plainHeading(heading[2]);
      if (!title) title = plainHeading(heading[2]);
      if (chapterTitle !== undefined && title) break;
    }
    const slide: Slide = {
      index: 0,
      file: raw.origin.file,
      line: raw.origin.line,
      classes,
      ...(stepClasses.some((c) => c.join() !== classes.join()) ? { stepClasses } : {}),
      name: raw.properties.name || undefined,
      increments,
      notes: raw.notes.length ? raw.notes.map((l) => l.text).join('\n') : undefined,
      title,
      labs,
    };
    rememberScan(slide, text, scan);
    return { slide, chapterTitle };
  }

  finish(): Part[] {
    return this.parts.filter((p) => p.chapters.length > 0);
  }
}

/** Where line `line` of a slide's text comes from. */
function sourceOf(raw: RawSlide, line: number): { file: string; line: number } {
  const src = raw.lines[Math.min(line, raw.lines.length - 1)] ?? raw.origin;
  return { file: src.file, line: src.line };
}

/** The lines with the fences Remark closes early shortened (see `shortenUnclosedFences`). */
function withRemarkFences(lines: SourceLine[]): SourceLine[] {
  if (!lines.some((l) => l.text.includes('````'))) return lines;
  const texts = lines.map((l) => l.text);
  const changed = shortenUnclosedFences(texts);
  if (changed.length === 0) return lines;
  const out = [...lines];
  for (const i of changed) out[i] = { ...lines[i], text: texts[i] };
  return out;
}

function classList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * The steps of a slide a deck shows, and the classes of each: as in Remark, a step (`--`)
 * keeps the classes before it unless it sets its own, and a step with an excluded class is
 * left out (with the steps after it that inherit it). No step left: the slide is left out.
 */
function keptSteps(raw: RawSlide, exclude: ReadonlySet<string>): { raw?: RawSlide; stepClasses: string[][] } {
  const stepClasses: string[][] = [];
  const kept: number[] = [];
  let current = classList(raw.properties.class);
  raw.incrementStarts.forEach((_, k) => {
    const own = raw.incrementProperties[k]?.class;
    if (k > 0 && own !== undefined) current = classList(own);
    if (current.some((c) => exclude.has(c))) return;
    kept.push(k);
    stepClasses.push(current);
  });
  if (kept.length === 0) return { stepClasses };
  if (kept.length === raw.incrementStarts.length) return { raw, stepClasses };
  const lines: SourceLine[] = [];
  const incrementStarts: number[] = [];
  for (const k of kept) {
    incrementStarts.push(lines.length);
    lines.push(...raw.lines.slice(raw.incrementStarts[k], raw.incrementStarts[k + 1] ?? raw.lines.length));
  }
  return { raw: { ...raw, lines, incrementStarts, incrementProperties: kept.map((k) => raw.incrementProperties[k]) }, stepClasses };
}

/** The first line of visible text of a slide without a heading (title slides), shortened. */
function firstTextLine(slide: Slide): string {
  const text = slide.increments.join('\n').replace(/<!--[\s\S]*?-->/g, '');
  for (const line of text.split('\n')) {
    const plain = plainHeading(line.replace(/<br\s*\/?>/gi, ' ').replace(/^[-*>\s]+/, '').replace(/^\.[\w-]+\[|\]$/g, ''));
    if (plain && !line.startsWith('```')) return plain.length > 60 ? plain.slice(0, 57) + '…' : plain;
  }
  return '';
}

/** `@@TOC@@` as the builder writes it: the chapters of listed parts that have a `# ` title. */
function replaceTocStrings(course: Course): void {
  const listed = course.parts.filter((p) => p.title);
  const toc = listed
    .map((p) => `**${p.title}**\n\n` + p.chapters.filter((c) => !c.untitled).map((c) => `- [${c.title}](#${c.anchor})`).join('\n'))
    .join('\n\n');
  for (const part of course.parts) {
    for (const chapter of part.chapters) {
      for (const slide of chapter.slides) {
        slide.increments = slide.increments.map((inc) => (inc.includes('@@TOC@@') ? inc.split('@@TOC@@').join(toc) : inc));
      }
    }
  }
}

export type { Problem };
