// Activation benchmark: require the production bundle and run activate(context) against a
// stand-in `vscode` module, cold, in a fresh Node process per sample. Then checks, with an
// instrumented build, which packages' code ran during activation (client-node must not).
//
// Usage: node bench/activation.mjs <build dir holding dist/extension.js> [--samples N]
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildInstrumented, ROOT } from './build.mjs';
import { emit, figure, log, round, summary } from './stats.mjs';

const args = process.argv.slice(2);
const buildDir = args[0];
const SAMPLES = args.includes('--samples') ? Number(args[args.indexOf('--samples') + 1]) : 10;
const child = join(ROOT, 'bench', 'activate-child.cjs');

function sample(bundle) {
  const r = spawnSync(process.execPath, [child, bundle, ROOT], { encoding: 'utf8', timeout: 30_000, cwd: ROOT });
  const line = (r.stdout ?? '').trim().split('\n').pop();
  let result;
  try {
    result = JSON.parse(line);
  } catch {
    throw new Error(`activation sample failed (exit ${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  }
  if (result.failed) throw new Error(`activation sample failed: ${result.failed}`);
  if (result.errors.length) throw new Error(`activate reported errors: ${result.errors.join(' | ')}`);
  return result;
}

const bundle = join(buildDir, 'dist', 'extension.js');
const size = statSync(bundle).size;
log(`activation: ${bundle} (${(size / 1024).toFixed(0)} KiB), ${SAMPLES} cold samples`);
const instrumented = await buildInstrumented(join(buildDir, 'instrumented', 'extension.js'));
// Samples of the real bundle alternate with samples of the what-if bundle (without client-node),
// so both see the same machine load.
sample(bundle); // warm-up: file system cache
sample(instrumented.withoutClientNode);
const samples = [];
const whatIf = [];
for (let i = 0; i < SAMPLES; i++) {
  samples.push(sample(bundle));
  whatIf.push(sample(instrumented.withoutClientNode).totalMs);
}
const total = summary(samples.map((s) => s.totalMs));
const check = sample(instrumented.outfile);
const evaluated = check.evaluated ?? [];
const clientNodeEvaluated = evaluated.includes('@kubernetes/client-node');
// Positive control: the markers of client-node's modules are in the bundle (so "not evaluated" means something).
const markers = readFileSync(instrumented.outfile, 'utf8').split('add("@kubernetes/client-node")').length - 1;
if (markers === 0) throw new Error('the instrumented bundle holds no client-node marker: the check would be meaningless');
const whatIfSize = statSync(instrumented.withoutClientNode).size;
const bundled = Object.entries(instrumented.bytesByPackage)
  .sort((a, b) => b[1] - a[1])
  .map(([pkg, bytes]) => ({ pkg, kib: round(bytes / 1024), evaluatedAtActivation: pkg === 'src (project)' ? true : evaluated.includes(pkg) }));
log(`activation: packages evaluated during activation: ${evaluated.join(', ') || '(none)'}`);

emit({
  figures: [
    figure('Activation: require bundle + activate(), cold process', total, 'ms', 50, 'lower'),
    figure('Activation: @kubernetes/client-node evaluated during activation', clientNodeEvaluated ? 1 : 0, 'bool', 0, 'lower'),
  ],
  notes: [
    `activation: require ${round(summary(samples.map((s) => s.requireMs)).median)} ms + activate ${round(summary(samples.map((s) => s.activateMs)).median)} ms (medians); ${samples[0].subscriptions} subscriptions registered`,
    `activation: packages whose code ran during activation: ${evaluated.join(', ') || '(none)'}; client-node modules marked in the bundle: ${markers}, evaluated: ${clientNodeEvaluated ? 'yes' : 'none'}`,
    `activation what-if: bundle without client-node (${(whatIfSize / 1024).toFixed(0)} KiB instead of ${(size / 1024).toFixed(0)} KiB) activates in ${round(summary(whatIf).median)} ms (median of ${whatIf.length})`,
  ],
  breakdown: {
    activation: {
      requireMs: summary(samples.map((s) => s.requireMs)),
      activateMs: summary(samples.map((s) => s.activateMs)),
      evaluatedPackages: evaluated,
      clientNodeMarkersInBundle: markers,
      withoutClientNode: { bytes: whatIfSize, totalMs: summary(whatIf) },
      bundleComposition: bundled,
    },
  },
});
