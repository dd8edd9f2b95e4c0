// Entry of the worker thread that loads a course (dist/courseWorker.js): the extension
// host stays responsive whatever the course holds.
import { parentPort, workerData } from 'node:worker_threads';
import { loadCourse } from './load';

const { source } = workerData as { source: string };
parentPort?.postMessage(loadCourse(source));
