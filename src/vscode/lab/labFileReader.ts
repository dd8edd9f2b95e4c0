// Reads the files a lab applies, on the course's behalf, without letting any of them block
// or flood the extension host: asynchronous, symlinks resolved and the real path confined
// again, regular files only (checked before opening and again on the open handle, which is
// opened non-blocking and without following a link swapped in), bounded in size and time,
// a few at a time. No `vscode` here: unit-tested against real files.
import * as fs from 'node:fs';
import { refusalOfPath, type LabFileText } from '../../lab/labFiles';
import { withTimeLimit } from '../../async/timeLimit';

export interface LabFileLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly concurrency: number;
}

export const LAB_FILE_LIMITS: LabFileLimits = { maxBytes: 1024 * 1024, timeoutMs: 3000, concurrency: 2 };

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

export type LabFileReader = (absolute: string, roots: readonly string[]) => Promise<LabFileText>;

export function createLabFileReader(limits: LabFileLimits = LAB_FILE_LIMITS): LabFileReader {
  let running = 0;
  const queue: (() => void)[] = [];
  const slot = () => (running < limits.concurrency ? Promise.resolve() : new Promise<void>((resolve) => queue.push(resolve)));
  return (absolute, roots) => {
    let late = false;
    // The time limit counts the wait for a slot too. A read that overruns keeps its slot until it
    // really ends: a stuck file system holds at most `concurrency` of libuv's worker threads.
    const work = (async (): Promise<LabFileText> => {
      await slot();
      running++;
      try {
        return late ? { state: 'refused', reason: 'unreadable' } : await readConfined(absolute, roots, limits.maxBytes);
      } finally {
        running--;
        queue.shift()?.();
      }
    })();
    return withTimeout(work, limits.timeoutMs, () => (late = true));
  };
}

/** Reads many files (each path once); the map holds what became of each. */
export async function readLabFiles(reader: LabFileReader, paths: readonly string[], roots: readonly string[]): Promise<Map<string, LabFileText>> {
  const texts = await Promise.all(paths.map((p) => reader(p, roots)));
  return new Map(paths.map((p, i) => [p, texts[i]]));
}

function withTimeout(work: Promise<LabFileText>, ms: number, onTimeout: () => void): Promise<LabFileText> {
  return withTimeLimit(work, {
    ms,
    onTimeout: (): LabFileText => {
      onTimeout();
      return { state: 'refused', reason: 'unreadable' };
    },
  });
}

async function readConfined(absolute: string, roots: readonly string[], maxBytes: number): Promise<LabFileText> {
  let real: string;
  try {
    real = await fs.promises.realpath(absolute);
  } catch (error) {
    return failed(error);
  }
  const realRoots = (await Promise.all(roots.map((r) => fs.promises.realpath(r).catch(() => undefined)))).filter((r): r is string => r !== undefined);
  const refused = refusalOfPath(real, realRoots);
  if (refused) return { state: 'refused', reason: refused };
  try {
    // Not even opened unless it is a regular file: opening a device can have effects of its own.
    const before = await fs.promises.stat(real);
    if (!before.isFile()) return { state: 'refused', reason: 'notRegular' };
    if (before.size > maxBytes) return { state: 'refused', reason: 'tooLarge' };
    const handle = await fs.promises.open(real, OPEN_FLAGS);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return { state: 'refused', reason: 'notRegular' };
      if (stat.size > maxBytes) return { state: 'refused', reason: 'tooLarge' };
      // One byte more than allowed tells a file that grew since fstat.
      const bytes = Buffer.alloc(maxBytes + 1);
      let at = 0;
      for (;;) {
        const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
        if (bytesRead === 0) break;
        at += bytesRead;
        if (at > maxBytes) return { state: 'refused', reason: 'tooLarge' };
      }
      return { state: 'text', text: bytes.subarray(0, at).toString('utf8') };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return failed(error);
  }
}

function failed(error: unknown): LabFileText {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing' };
  // ELOOP: the file became a symlink after it was resolved.
  return { state: 'refused', reason: code === 'ELOOP' ? 'outside' : 'unreadable' };
}
