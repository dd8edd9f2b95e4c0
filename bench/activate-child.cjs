// One activation sample, in a fresh process: require the bundle and run activate(context)
// against the vscode stand-in. Prints one JSON line.
// Usage: node bench/activate-child.cjs <bundle.js> <extensionPath>
'use strict';
const { performance } = require('node:perf_hooks');
const stub = require('./vscode-stub.cjs');

async function main() {
  const [bundle, extensionPath] = process.argv.slice(2);
  stub.install();
  const context = stub.makeContext(extensionPath);
  const t0 = performance.now();
  const extension = require(bundle);
  const t1 = performance.now();
  const returned = extension.activate(context);
  const t2 = performance.now();
  if (returned && typeof returned.then === 'function') await returned;
  const t3 = performance.now();
  // Packages whose code ran (set only by the instrumented build; see activation.mjs).
  const evaluated = globalThis.__benchEvaluated ? [...globalThis.__benchEvaluated].sort() : undefined;
  const result = {
    requireMs: t1 - t0,
    activateMs: t3 - t1,
    totalMs: t3 - t0,
    syncActivateMs: t2 - t1,
    subscriptions: context.subscriptions.length,
    errors: stub.calls.errors,
    evaluated,
  };
  for (const d of context.subscriptions) {
    try {
      d.dispose();
    } catch {
      /* a dispose failing does not change the measurement */
    }
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  // Timers or watchers the extension started must not keep the sample alive.
  setTimeout(() => process.exit(0), 0).unref?.();
  process.exit(0);
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ failed: String(error && error.stack || error) }) + '\n');
  process.exit(1);
});
