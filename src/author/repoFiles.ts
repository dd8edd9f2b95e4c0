// Reads the files a lab applies for `check` (a command-line tool: synchronous reads are fine),
// confined like the engine: inside the course root after symlinks, never under `.git`,
// regular files of bounded size; a folder gives its YAML/JSON files, one level deep.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInGit, isWithin } from '../course/confine';
import type { AppliedFile } from './checkCourse';

const MAX_BYTES = 2 * 1024 * 1024;
const MAX_FOLDER_FILES = 200;

export function repoFileReader(root: string): (absolute: string) => AppliedFile {
  const realRoot = fs.realpathSync(root);
  const allowed = (real: string) => isWithin(realRoot, real) && !isInGit(realRoot, real);
  const readOne = (real: string): { path: string; text: string } | undefined => {
    const info = fs.statSync(real);
    if (!info.isFile() || info.size > MAX_BYTES) return undefined;
    return { path: real, text: fs.readFileSync(real, 'utf8') };
  };
  return (absolute) => {
    if (!isWithin(root, absolute) || isInGit(root, absolute)) return { state: 'refused' };
    let real: string;
    try {
      real = fs.realpathSync(absolute);
    } catch {
      return { state: 'missing' };
    }
    if (!allowed(real)) return { state: 'refused' };
    try {
      const info = fs.statSync(real);
      if (info.isDirectory()) {
        const names = fs.readdirSync(real).filter((name) => /\.(ya?ml|json)$/i.test(name)).sort().slice(0, MAX_FOLDER_FILES);
        const files = names.flatMap((name) => {
          const inner = fs.realpathSync(path.join(real, name));
          const one = allowed(inner) ? readOne(inner) : undefined;
          return one ? [one] : [];
        });
        return { state: 'texts', files };
      }
      const one = readOne(real);
      return one ? { state: 'texts', files: [one] } : { state: 'refused' };
    } catch {
      return { state: 'refused' };
    }
  };
}
