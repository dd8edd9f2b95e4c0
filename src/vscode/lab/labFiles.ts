// Files that labs apply, read from the host's disk (small ones only).
import * as fs from 'node:fs';

const MAX_FILE_BYTES = 1024 * 1024;

export function readSmallFile(file: string): string | undefined {
  try {
    if (fs.statSync(file).size > MAX_FILE_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
