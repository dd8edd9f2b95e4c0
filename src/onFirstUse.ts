// Modules that activation does not need, loaded where they are first used.
//
// A static `import` of a Node built-in runs when the bundle is required: in a cold process,
// http, https (tls), child_process (net, dgram), worker_threads, vm and crypto cost about
// 10 ms before the extension has done anything. js-yaml is in a file of its own in the
// production build (dist/yaml.js, see scripts/build.mjs `LAZY`), required on first use, so
// activation does not even parse it. The types come from `import type`; the code from the
// `require` below, which Node caches after its first call.
/* eslint-disable @typescript-eslint/no-require-imports -- a require() inside a function is what defers the load */
import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as TimersPromises from 'node:timers/promises';
import type * as Vm from 'node:vm';
import type * as WorkerThreads from 'node:worker_threads';
import type * as JsYaml from 'js-yaml';

export const childProcess = (): typeof ChildProcess => require('node:child_process') as typeof ChildProcess;
export const crypto = (): typeof Crypto => require('node:crypto') as typeof Crypto;
export const http = (): typeof Http => require('node:http') as typeof Http;
export const https = (): typeof Https => require('node:https') as typeof Https;
export const vm = (): typeof Vm => require('node:vm') as typeof Vm;
export const workerThreads = (): typeof WorkerThreads => require('node:worker_threads') as typeof WorkerThreads;
export const yaml = (): typeof JsYaml => require('js-yaml') as typeof JsYaml;

/** `setTimeout` of node:timers/promises: resolves after `ms`, rejects when `signal` aborts. */
export function sleep(ms: number, options?: { signal?: AbortSignal }): Promise<void> {
  const timers = require('node:timers/promises') as typeof TimersPromises;
  return timers.setTimeout(ms, undefined, options);
}
