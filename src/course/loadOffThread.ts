// Loads a course in a worker thread, with a time and memory limit: a course that would
// take the extension host's thread for long (or exhaust its memory) costs a worker instead.
import * as path from 'node:path';
import type { Course } from './model';
import { workerThreads } from '../onFirstUse';

export interface OffThreadOptions {
  /** The bundled worker (dist/courseWorker.js). */
  workerFile: string;
  timeoutMs?: number;
  maxMemoryMb?: number;
}

/** A course that could not be loaded, with the reason as its only problem. */
export function failedCourse(source: string, message: string): Course {
  const absolute = path.resolve(source);
  const baseDir = path.dirname(absolute);
  return {
    title: path.basename(absolute),
    source: absolute,
    baseDir,
    repoRoot: baseDir,
    root: baseDir,
    parts: [],
    problems: [{ file: path.basename(absolute), line: 0, severity: 'error', message }],
    slideCount: 0,
    readable: false,
  };
}

export function loadCourseOffThread(source: string, options: OffThreadOptions): Promise<Course> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve) => {
    let settled = false;
    const worker = new (workerThreads().Worker)(options.workerFile, {
      workerData: { source },
      resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 512 },
    });
    const settle = (course: Course) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(course);
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(failedCourse(source, `loading the course took longer than ${timeoutMs / 1000} s; it was stopped`)), timeoutMs);
    worker.once('message', (course: Course) => settle(course));
    worker.once('error', (error: Error) => {
      const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(failedCourse(source, memory ? 'loading the course needed too much memory; it was stopped' : `the course could not be loaded: ${error.message}`));
    });
    worker.once('exit', (code) => settle(failedCourse(source, `the course loader stopped (exit code ${code})`)));
  });
}
