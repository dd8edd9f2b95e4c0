// An in-memory file system for course tests: paths are absolute under /course.
import * as path from 'node:path';
import type { CourseFileSystem } from '../../../src/course/model';

export const ROOT = '/course';
export const SLIDES = path.join(ROOT, 'slides');

export function memoryFs(files: Record<string, string | Uint8Array>): CourseFileSystem & { reads: string[] } {
  const reads: string[] = [];
  const table = new Map<string, Uint8Array>();
  for (const [name, content] of Object.entries(files)) {
    const abs = path.isAbsolute(name) ? name : path.join(SLIDES, name);
    table.set(abs, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  return {
    reads,
    readFile(p: string): Uint8Array {
      reads.push(p);
      const data = table.get(p);
      if (data) return data;
      const isDir = [...table.keys()].some((k) => k.startsWith(p + '/'));
      const error = new Error(`${isDir ? 'EISDIR' : 'ENOENT'}: ${p}`) as NodeJS.ErrnoException;
      error.code = isDir ? 'EISDIR' : 'ENOENT';
      throw error;
    },
  };
}

/** Dedents a template literal so tests can indent their markdown. */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
