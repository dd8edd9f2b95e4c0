// Which files a lab names may be read on the course's behalf (docs/trust/course-files.md).
// Pure: it decides from the paths alone; the glue resolves symlinks, reads, and asks
// `refusalOfReal` again about the real path.
import * as path from 'node:path';
import { isWithin, OUTSIDE } from '../course/confine';

/** Where lab files may come from. All paths absolute. */
export interface LabFileScope {
  readonly home: string;
  /** The course's repository (`~/container.training/` is read from it); for the bundled course, the learner's clone of upstream. */
  readonly clone: string;
  /** Folders files may be read from: the course's root and the workspace folders. */
  readonly roots: readonly string[];
  /** Folder relative paths are resolved against; undefined: relative paths are not located. */
  readonly cwd?: string;
}

export type LabFileRefusal = 'outside' | 'git' | 'notRegular' | 'tooLarge' | 'unreadable';

/** What became of one file: its text, not there, or not read (and why). */
export type LabFileText = { readonly state: 'text'; readonly text: string } | { readonly state: 'missing' } | { readonly state: 'refused'; readonly reason: LabFileRefusal };

export interface LabFileTarget {
  /** As the lab wrote it. */
  readonly written: string;
  /** Absolute, normalised (symlinks not yet followed). */
  readonly path: string;
  /** `~/container.training/...` read from the course's clone instead. */
  readonly remapped: boolean;
  /** Set when the path alone rules it out: it is never touched, not even to see whether it exists. */
  readonly refused?: 'outside' | 'git';
}

export const UPSTREAM_PREFIX = '~/container.training/';

const REASONS: Record<LabFileRefusal, string> = {
  outside: OUTSIDE,
  git: 'inside .git',
  notRegular: 'not a regular file',
  tooLarge: 'too large',
  unreadable: 'could not be read (in time)',
};

/** `outside the course: not checked` — never more than that about a file that was not read. */
export function notCheckedText(reason: LabFileRefusal): string {
  return `${REASONS[reason]}: not checked`;
}

/**
 * The folders lab files may come from: the course's own and the workspace folders, except
 * the file system's root and the home folder (as for a course root: see `findCourseRoot`).
 */
export function labFileRoots(courseRoot: string, workspaceFolders: readonly string[], home: string): string[] {
  const broad = (dir: string) => dir === path.parse(dir).root || (!!home && dir === path.resolve(home));
  return [...new Set([courseRoot, ...workspaceFolders].map((dir) => path.resolve(dir)))].filter((dir) => !broad(dir));
}

/** Locates a path a lab applies; undefined for a URL or when it depends on the shell (`$VAR`, a relative path with no folder). */
export function locateLabFile(written: string, scope: LabFileScope): LabFileTarget | undefined {
  if (written.includes('$') || written === '-' || written === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(written)) return undefined;
  let absolute: string;
  let remapped = false;
  if (written.startsWith(UPSTREAM_PREFIX)) {
    const rest = written.slice(UPSTREAM_PREFIX.length);
    absolute = path.resolve(scope.clone, rest);
    remapped = path.resolve(scope.clone) !== path.resolve(scope.home, 'container.training');
    // The remapped path must still land inside the clone (`~/container.training/../x` does not).
    if (!isWithin(path.resolve(scope.clone), absolute)) return { written, path: absolute, remapped, refused: 'outside' };
  } else if (written === '~' || written.startsWith('~/')) absolute = path.resolve(scope.home, written.slice(2));
  else if (written.startsWith('~')) return { written, path: written, remapped, refused: 'outside' };
  else if (path.isAbsolute(written)) absolute = path.resolve(written);
  else if (scope.cwd) absolute = path.resolve(scope.cwd, written);
  else return undefined;
  const refused = refusalOfPath(absolute, scope.roots);
  return refused ? { written, path: absolute, remapped, refused } : { written, path: absolute, remapped };
}

/** Why a path (lexical or real) may not be read: outside every root, or inside a `.git` folder. */
export function refusalOfPath(absolute: string, roots: readonly string[]): 'outside' | 'git' | undefined {
  const root = roots.find((r) => isWithin(path.resolve(r), absolute));
  if (root === undefined) return 'outside';
  if (absolute.split(/[\\/]/).some((part) => part.toLowerCase() === '.git')) return 'git';
  return undefined;
}

/** The distinct files to read among `targets` (refused ones are not read). */
export function filesToRead(targets: readonly LabFileTarget[]): string[] {
  return [...new Set(targets.filter((t) => !t.refused).map((t) => t.path))];
}

/** What a target came to: its refusal by path, else what the reader found (undefined: not read, e.g. Restricted Mode). */
export function outcomeOf(target: LabFileTarget, read: ReadonlyMap<string, LabFileText>): LabFileText | undefined {
  return target.refused ? { state: 'refused', reason: target.refused } : read.get(target.path);
}
