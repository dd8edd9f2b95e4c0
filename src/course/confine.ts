// Keeps a course inside its own folder: every file it names must resolve, after
// following symlinks, inside the course root, and be a regular file of sane size.
import * as os from 'node:os';
import * as path from 'node:path';
import type { CourseFileSystem } from './model';

export const OUTSIDE = 'outside the course';

/**
 * The folder a course may read from: the nearest folder at or above the manifest's that
 * holds `.git` (upstream decks include files by paths from the repository root), else the
 * manifest folder's parent. Never the home folder or `/`: then the manifest's own folder.
 */
export function findCourseRoot(manifestDir: string, fs: Pick<CourseFileSystem, 'exists'>, home = os.homedir()): string {
  const forbidden = (dir: string) => dir === path.parse(dir).root || (!!home && path.resolve(home) === dir);
  for (let dir = path.resolve(manifestDir); ; dir = path.dirname(dir)) {
    if (forbidden(dir)) break;
    if (fs.exists(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  const parent = path.dirname(path.resolve(manifestDir));
  return forbidden(parent) ? path.resolve(manifestDir) : parent;
}

/** Whether `file` is `root` itself or below it (both absolute, already real). */
export function isWithin(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

export type Confined = { ok: true; real: string; absolute: string } | { ok: false; reason: string; outside: boolean };

/**
 * Resolves `target` (as written by the course) against `base` and checks that it stays in
 * `root` after symlinks are followed. Absolute paths are refused outright.
 */
export function confinePath(fs: Pick<CourseFileSystem, 'realpath'>, root: string, base: string, target: string): Confined {
  if (path.isAbsolute(target) || /^[a-zA-Z]:[\\/]/.test(target) || target.startsWith('~')) {
    return { ok: false, outside: true, reason: `${target}: absolute paths are not allowed (${OUTSIDE})` };
  }
  const absolute = path.resolve(base, target);
  if (!isWithin(root, absolute)) return { ok: false, outside: true, reason: `${target}: ${OUTSIDE}` };
  let real: string;
  let realRoot: string;
  try {
    realRoot = fs.realpath(root);
    real = fs.realpath(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, outside: false, reason: `${target}: ${code === 'ENOENT' || code === 'ENOTDIR' ? 'file not found' : 'cannot be read'}` };
  }
  if (!isWithin(realRoot, real)) return { ok: false, outside: true, reason: `${target}: ${OUTSIDE} (it links elsewhere)` };
  return { ok: true, real, absolute };
}

/** A path the reader received from the webview (already absolute): inside the root after symlinks? */
export function confineAbsolute(fs: Pick<CourseFileSystem, 'realpath'>, root: string, absolute: string): string | undefined {
  if (!path.isAbsolute(absolute) || !isWithin(root, path.resolve(absolute))) return undefined;
  try {
    const real = fs.realpath(absolute);
    return isWithin(fs.realpath(root), real) ? real : undefined;
  } catch {
    return undefined;
  }
}
