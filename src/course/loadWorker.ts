// Entry of the worker thread that loads a course (dist/courseWorker.js): the extension
// host stays responsive whatever the course holds. On the main thread it only exports
// `loadCourse`, for the extension running from sources (no worker bundle).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadCourse } from './load';

export { loadCourse };

if (!isMainThread) {
  const { source } = workerData as { source: string };
  parentPort?.postMessage(loadCourse(source));
}
