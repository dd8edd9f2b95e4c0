// An in-memory file system for course tests: paths are absolute under /course.
import * as path from 'node:path';
import type { CourseFileSystem } from '../../../src/course/model';

export const ROOT = '/course';
export const SLIDES = path.join(ROOT, 'slides');

export interface MemoryFs extends CourseFileSystem {
  reads: string[];
}

/**
 * `files` maps paths (relative ones under /course/slides) to contents; `links` maps a path
 * to the path it points at (a symlink); `special` lists paths that exist but are not regular
 * files (devices, FIFOs).
 */
export function memoryFs(
  files: Record<string, string | Uint8Array>,
  links: Record<string, string> = {},
  special: string[] = [],
): MemoryFs {
  const reads: string[] = [];
  const abs = (name: string) => (path.isAbsolute(name) ? name : path.join(SLIDES, name));
  const table = new Map<string, Uint8Array>();
  for (const [name, content] of Object.entries(files)) {
    table.set(abs(name), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  const linkTable = new Map(Object.entries(links).map(([from, to]) => [abs(from), abs(to)]));
  const specials = new Set(special.map(abs));
  const fail = (code: string, p: string): never => {
    const error = new Error(`${code}: ${p}`) as NodeJS.ErrnoException;
    error.code = code;
    throw error;
  };
  const isDir = (p: string) => p === '/' || [...table.keys(), ...specials].some((k) => k.startsWith(p + '/'));
  const realpath = (p: string): string => {
    let current = path.resolve(p);
    for (let hops = 0; hops < 40; hops++) {
      // Follow a link on any component of the path.
      const parts = current.split('/');
      let changed = false;
      for (let i = 2; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('/');
        const target = linkTable.get(prefix);
        if (target) {
          current = path.resolve(target, ...parts.slice(i));
          changed = true;
          break;
        }
      }
      if (!changed) {
        if (!table.has(current) && !specials.has(current) && !isDir(current)) fail('ENOENT', p);
        return current;
      }
    }
    return fail('ELOOP', p);
  };
  return {
    reads,
    realpath,
    exists: (p) => {
      try {
        realpath(p);
        return true;
      } catch {
        return false;
      }
    },
    stat(p) {
      const real = realpath(p);
      const data = table.get(real);
      if (data) return { kind: 'file', size: data.length };
      return { kind: specials.has(real) ? 'other' : 'folder', size: 0 };
    },
    readFile(p: string, maxBytes: number): Uint8Array {
      reads.push(p);
      const real = realpath(p);
      const data = table.get(real);
      if (!data) return fail(specials.has(real) ? 'ENOTREG' : 'EISDIR', p);
      if (data.length > maxBytes) fail('EFBIG', p);
      return data;
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
