// Keeps a course inside its own folder: every file it names must resolve, after
// following symlinks, inside the course root, and be a regular file of sane size.
import * as os from 'node:os';
import * as path from 'node:path';
import type { CourseFileSystem } from './model';

export const OUTSIDE = 'outside the course';
/** Why a path under the course's `.git` is refused: the learner's git data (remotes with tokens, hooks). */
export const INSIDE_GIT = 'inside .git: not read';

/**
 * Whether `file` has a `.git` segment below `root` (both absolute): a git folder or a
 * `.git` file (a worktree's gitdir pointer). Case-insensitive, as on macOS and Windows disks.
 */
export function isInGit(root: string, file: string): boolean {
  return path.relative(root, file).split(/[\\/]/).some((segment) => segment.toLowerCase() === '.git');
}

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
 * `root` and out of `.git`, as written and after symlinks are followed. Absolute paths are
 * refused outright.
 */
export function confinePath(fs: Pick<CourseFileSystem, 'realpath'>, root: string, base: string, target: string): Confined {
  if (path.isAbsolute(target) || /^[a-zA-Z]:[\\/]/.test(target) || target.startsWith('~')) {
    return { ok: false, outside: true, reason: `${target}: absolute paths are not allowed (${OUTSIDE})` };
  }
  const absolute = path.resolve(base, target);
  if (!isWithin(root, absolute)) return { ok: false, outside: true, reason: `${target}: ${OUTSIDE}` };
  if (isInGit(root, absolute)) return { ok: false, outside: true, reason: `${target}: ${INSIDE_GIT}` };
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
  if (isInGit(realRoot, real)) return { ok: false, outside: true, reason: `${target}: ${INSIDE_GIT} (it links there)` };
  return { ok: true, real, absolute };
}

/** A path the reader received from the webview (already absolute): inside the root and out of `.git`, after symlinks? */
export function confineAbsolute(fs: Pick<CourseFileSystem, 'realpath'>, root: string, absolute: string): string | undefined {
  if (!path.isAbsolute(absolute) || !isWithin(root, path.resolve(absolute)) || isInGit(root, path.resolve(absolute))) return undefined;
  try {
    const real = fs.realpath(absolute);
    const realRoot = fs.realpath(root);
    return isWithin(realRoot, real) && !isInGit(realRoot, real) ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why the reader refuses an absolute path the course links to (outside the course, or in
 * `.git`, as written or after symlinks), or undefined when it may be shown. A missing file is
 * not refused here: it stays a broken link or image.
 */
export function refusalOf(fs: Pick<CourseFileSystem, 'realpath'>, root: string, absolute: string): string | undefined {
  if (!isWithin(root, absolute)) return OUTSIDE;
  if (isInGit(root, absolute)) return INSIDE_GIT;
  let real: string;
  let realRoot: string;
  try {
    real = fs.realpath(absolute);
    realRoot = fs.realpath(root);
  } catch {
    return undefined;
  }
  if (!isWithin(realRoot, real)) return `${OUTSIDE} (it links elsewhere)`;
  return isInGit(realRoot, real) ? `${INSIDE_GIT} (it links there)` : undefined;
}
