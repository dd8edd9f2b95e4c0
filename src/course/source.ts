// Reads course files into lines that remember where they came from, with the
// `@@` strings replaced and `@@INCLUDE[...]` expanded. Every file read goes through
// `readCourseFile`: confined to the course root, regular files only, within budget.
import * as path from 'node:path';
import type { CourseFileSystem, Problem } from './model';
import { decodeCourseFile, MAX_FILE_BYTES } from './decode';
import { confinePath } from './confine';

export interface SourceLine {
  text: string;
  /** File relative to the course folder, or `<inline>`. */
  file: string;
  /** 1-based line in that file. */
  line: number;
}

/** What one course may cost at most, whatever its files say. */
export const LIMITS = {
  includeDepth: 8,
  includes: 500,
  /** All files of a course together (manifest, chapters, includes). */
  totalBytes: 32 * 1024 * 1024,
  manifestEntries: 2000,
  /** Slides of one file (with its includes); the largest real deck file has a few hundred. */
  slidesPerFile: 5000,
  /** Slides of the whole course; the largest real deck has about 3,800. */
  slides: 20000,
  /**
   * Lines of one slide, notes included (the largest real slide has about 150; the largest
   * manifest a deck can include into a slide about 1,800): what one slide costs to scan,
   * render and show stays bounded.
   */
  slideLines: 5000,
  /**
   * Source lines of the whole course, includes expanded (the largest real deck has about 50,000,
   * all the markdown of the upstream repository about 78,000).
   */
  lines: 200_000,
};

export interface SourceContext {
  fs: CourseFileSystem;
  /** Folder the chapter paths are relative to (the manifest's). */
  baseDir: string;
  /** Folder `@@INCLUDE` and `@@LINK` are relative to (the manifest's parent). */
  repoRoot: string;
  /** The only folder files may come from. */
  root: string;
  strings: Record<string, string>;
  problems: Problem[];
  /** Spent so far: included files, bytes read and source lines made. */
  spent: { includes: number; bytes: number; lines: number };
  /** Real paths of the files being included, to catch cycles. */
  including: string[];
}

const KNOWN_STRING = /@@([A-Z]+)@@/g;
const DIRECTIVE = /@@(INCLUDE|LINK)\[([^\]]*)\]/g;

export function displayPath(ctx: Pick<SourceContext, 'baseDir'>, absolute: string): string {
  return path.relative(ctx.baseDir, absolute).split(path.sep).join('/');
}

type Where = { file: string; line: number };

function refuse(ctx: SourceContext, from: Where, message: string, severity: Problem['severity'] = 'warning'): undefined {
  ctx.problems.push({ ...from, severity, message });
  return undefined;
}

/** Reads and decodes one file (a real path); checks kind and size before reading. */
export function readText(ctx: SourceContext, real: string, from: Where, name = displayPath(ctx, real)): string | undefined {
  let bytes: Uint8Array;
  try {
    const info = ctx.fs.stat(real);
    if (info.kind === 'folder') return refuse(ctx, from, `${name}: is a folder, not a file`);
    if (info.kind !== 'file') return refuse(ctx, from, `${name}: not a regular file`);
    if (info.size > MAX_FILE_BYTES) {
      return refuse(ctx, from, `${name}: file is too large (${(info.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`);
    }
    if (ctx.spent.bytes + info.size > LIMITS.totalBytes) {
      return refuse(ctx, from, `${name}: not read, the course is larger than ${LIMITS.totalBytes / 1048576} MB in all`, 'error');
    }
    bytes = ctx.fs.readFile(real, MAX_FILE_BYTES);
    ctx.spent.bytes += bytes.length;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'file not found'
      : code === 'EISDIR' ? 'is a folder, not a file'
      : code === 'EFBIG' ? 'file is too large'
      : code === 'ENOTREG' ? 'not a regular file'
      : 'cannot be read';
    return refuse(ctx, from, `${name}: ${reason}`);
  }
  const decoded = decodeCourseFile(bytes);
  if (!decoded.ok) {
    ctx.problems.push({ file: name, line: 0, severity: 'error', message: decoded.message });
    return undefined;
  }
  if (decoded.warning) ctx.problems.push({ file: name, severity: 'warning', ...decoded.warning });
  return decoded.text;
}

/** Reads a file the course names (`target`, relative to `base`), refusing what is outside the course. */
export function readCourseFile(ctx: SourceContext, base: string, target: string, from: Where): { text: string; name: string; real: string } | undefined {
  const confined = confinePath(ctx.fs, ctx.root, base, target);
  if (!confined.ok) return refuse(ctx, from, confined.reason, confined.outside ? 'error' : 'warning');
  const name = displayPath(ctx, confined.absolute);
  const text = readText(ctx, confined.real, from, name);
  return text === undefined ? undefined : { text, name, real: confined.real };
}

function expandInclude(ctx: SourceContext, target: string, from: Where, depth: number): SourceLine[] {
  if (ctx.spent.includes++ >= LIMITS.includes) {
    // Reported once: the rest of the includes are skipped the same way.
    if (ctx.spent.includes - 1 === LIMITS.includes) {
      refuse(ctx, from, `@@INCLUDE[${target}] and the includes after it are not expanded: the course has more than ${LIMITS.includes} includes`, 'error');
    }
    return [];
  }
  if (ctx.spent.lines >= LIMITS.lines) return []; // reported once, where the lines ran out
  if (depth >= LIMITS.includeDepth) return refuse(ctx, from, `@@INCLUDE[${target}] is nested more than ${LIMITS.includeDepth} deep`, 'error') ?? [];
  const confined = confinePath(ctx.fs, ctx.root, ctx.repoRoot, target);
  if (!confined.ok) return refuse(ctx, from, `@@INCLUDE[${target}]: ${confined.reason}`, confined.outside ? 'error' : 'warning') ?? [];
  if (ctx.including.includes(confined.real)) return refuse(ctx, from, `@@INCLUDE[${target}] includes itself`, 'error') ?? [];
  const name = displayPath(ctx, confined.absolute);
  const text = readText(ctx, confined.real, from, name);
  if (text === undefined) return [];
  ctx.including.push(confined.real);
  try {
    return toSourceLines(ctx, text.replace(/\n$/, ''), name, 1, depth + 1);
  } finally {
    ctx.including.pop();
  }
}

function linkTo(ctx: SourceContext, target: string, from: Where): string {
  const confined = confinePath(ctx.fs, ctx.root, ctx.repoRoot, target);
  // A link to a missing file is left for the reader to report when clicked, as before.
  if (!confined.ok && confined.outside) {
    refuse(ctx, from, `@@LINK[${target}]: ${confined.reason}`, 'error');
    return target;
  }
  const rel = path.relative(ctx.baseDir, path.resolve(ctx.repoRoot, target)).split(path.sep).join('/');
  return `[${target}](${encodeURI(rel)})`;
}

/** Splits text into source lines and expands `@@` strings and directives. */
export function toSourceLines(ctx: SourceContext, text: string, file: string, firstLine = 1, depth = 0): SourceLine[] {
  const out: SourceLine[] = [];
  for (let i = 0, at = 0; at <= text.length; i++) {
    const line = firstLine + i;
    if (ctx.spent.lines++ >= LIMITS.lines) {
      if (ctx.spent.lines - 1 === LIMITS.lines) refuse(ctx, { file, line }, `the course has more than ${LIMITS.lines} lines: this line and the ones after it are not read`, 'error');
      break;
    }
    const nl = text.indexOf('\n', at);
    let t = text.slice(at, nl === -1 ? text.length : nl);
    at = nl === -1 ? text.length + 1 : nl + 1;
    if (!t.includes('@@')) {
      out.push({ text: t, file, line });
      continue;
    }
    t = t.replace(KNOWN_STRING, (whole, key: string) => (key in ctx.strings ? ctx.strings[key] : whole));
    const include = /^(.*?)@@INCLUDE\[([^\]]*)\](.*)$/.exec(t);
    if (include) {
      const [, before, target, after] = include;
      if (before.trim()) out.push({ text: before, file, line });
      for (const included of expandInclude(ctx, target.trim(), { file, line }, depth)) out.push(included);
      if (after.trim()) out.push({ text: after, file, line });
      continue;
    }
    t = t.replace(DIRECTIVE, (whole, kind: string, target: string) => (kind === 'LINK' ? linkTo(ctx, target.trim(), { file, line }) : whole));
    out.push({ text: t, file, line });
  }
  return out;
}
