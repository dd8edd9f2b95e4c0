// The course file system on disk. Reading re-checks, on the open file itself, that it is a
// regular file within the size limit: a file swapped for a FIFO or a device after the
// engine's checks still cannot block or flood the reader.
import * as fs from 'node:fs';
import type { CourseFileSystem, FileInfo } from './model';

function failure(code: string, message: string): NodeJS.ErrnoException {
  const error = new Error(message) as NodeJS.ErrnoException;
  error.code = code;
  return error;
}

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

export const nodeFileSystem: CourseFileSystem = {
  realpath: (p) => fs.realpathSync.native(p),
  stat(p): FileInfo {
    const stat = fs.statSync(p);
    return { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other', size: stat.size };
  },
  readFile(p, maxBytes) {
    const fd = fs.openSync(p, OPEN_FLAGS);
    try {
      const stat = fs.fstatSync(fd);
      if (stat.isDirectory()) throw failure('EISDIR', `${p} is a folder`);
      if (!stat.isFile()) throw failure('ENOTREG', `${p} is not a regular file`);
      if (stat.size > maxBytes) throw failure('EFBIG', `${p} is too large`);
      const bytes = Buffer.alloc(stat.size);
      let at = 0;
      while (at < bytes.length) {
        const n = fs.readSync(fd, bytes, at, bytes.length - at, at);
        if (n === 0) break;
        at += n;
      }
      return bytes.subarray(0, at);
    } finally {
      fs.closeSync(fd);
    }
  },
  exists: (p) => fs.existsSync(p),
};
