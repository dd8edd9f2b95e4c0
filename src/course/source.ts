// Reads course files into lines that remember where they came from, with the
// `@@` strings replaced and `@@INCLUDE[...]` expanded.
import * as path from 'node:path';
import type { CourseFileSystem, Problem } from './model';
import { decodeCourseFile } from './decode';

export interface SourceLine {
  text: string;
  /** File relative to the course folder, or `<inline>`. */
  file: string;
  /** 1-based line in that file. */
  line: number;
}

export interface SourceContext {
  fs: CourseFileSystem;
  /** Folder the chapter paths are relative to (the manifest's). */
  baseDir: string;
  /** Folder `@@INCLUDE` and `@@LINK` are relative to (the manifest's parent). */
  repoRoot: string;
  strings: Record<string, string>;
  problems: Problem[];
}

const MAX_INCLUDE_DEPTH = 8;
const KNOWN_STRING = /@@([A-Z]+)@@/g;
const DIRECTIVE = /@@(INCLUDE|LINK)\[([^\]]*)\]/g;

export function displayPath(ctx: SourceContext, absolute: string): string {
  return path.relative(ctx.baseDir, absolute).split(path.sep).join('/');
}

/** Reads a file as text; on failure records a problem at `from` and returns undefined. */
export function readText(ctx: SourceContext, absolute: string, from: { file: string; line: number }): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = ctx.fs.readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : String((error as Error).message ?? error);
    ctx.problems.push({ ...from, severity: 'warning', message: `${displayPath(ctx, absolute)}: ${reason}` });
    return undefined;
  }
  const decoded = decodeCourseFile(bytes);
  if (!decoded.ok) {
    ctx.problems.push({ file: displayPath(ctx, absolute), line: 0, severity: 'error', message: decoded.message });
    return undefined;
  }
  if (decoded.warning) {
    ctx.problems.push({ file: displayPath(ctx, absolute), severity: 'warning', ...decoded.warning });
  }
  return decoded.text;
}

/** Splits text into source lines and expands `@@` strings and directives. */
export function toSourceLines(ctx: SourceContext, text: string, file: string, firstLine = 1, depth = 0): SourceLine[] {
  const out: SourceLine[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const line = firstLine + i;
    let t = raw[i];
    if (!t.includes('@@')) {
      out.push({ text: t, file, line });
      continue;
    }
    t = t.replace(KNOWN_STRING, (whole, key: string) => (key in ctx.strings ? ctx.strings[key] : whole));
    const include = /^(.*?)@@INCLUDE\[([^\]]*)\](.*)$/.exec(t);
    if (include) {
      const [, before, target, after] = include;
      const absolute = path.resolve(ctx.repoRoot, target.trim());
      if (before.trim()) out.push({ text: before, file, line });
      if (depth >= MAX_INCLUDE_DEPTH) {
        ctx.problems.push({ file, line, severity: 'error', message: `@@INCLUDE[${target}] is nested too deeply (a cycle?)` });
      } else {
        const included = readText(ctx, absolute, { file, line });
        if (included !== undefined) {
          out.push(...toSourceLines(ctx, included.replace(/\n$/, ''), displayPath(ctx, absolute), 1, depth + 1));
        }
      }
      if (after.trim()) out.push({ text: after, file, line });
      continue;
    }
    t = t.replace(DIRECTIVE, (_whole, kind: string, target: string) => {
      const rel = path.relative(ctx.baseDir, path.resolve(ctx.repoRoot, target.trim())).split(path.sep).join('/');
      return kind === 'LINK' ? `[${target.trim()}](${encodeURI(rel)})` : _whole;
    });
    out.push({ text: t, file, line });
  }
  return out;
}
