// `npm run bench`: runs every benchmark one after the other (never in parallel: they would
// disturb each other), prints a table and writes bench/results.json.
//
// Usage: node bench/run.mjs [--deck <manifest.yml>] [--only course,activation,cluster,package,hostile,cluster-ui,reader-ui]
//
// Exits non-zero only when something could not be measured, never because a target was missed.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { buildProduction, ROOT } from './build.mjs';

const args = process.argv.slice(2);
const deck = args.includes('--deck') ? args[args.indexOf('--deck') + 1] : undefined;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
const started = Date.now();

const machine = `${os.cpus()[0]?.model?.trim() ?? 'unknown CPU'}, ${os.availableParallelism?.() ?? os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}`;
const loadBefore = os.loadavg().map((n) => n.toFixed(2));
console.log(`Machine: ${machine} (load average ${loadBefore.join(' ')})`);

/** Runs one benchmark in a child process; resolves with its JSON result. */
function runChild(name, argv, timeoutMs) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => {
      stderr += c;
      process.stderr.write(c);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => (clearTimeout(timer), reject(e)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${name}: exited ${code ?? signal}${signal === 'SIGKILL' ? ` (timeout ${timeoutMs / 1000}s)` : ''}\n${stderr.slice(-2000)}`));
      try {
        resolve({ ...JSON.parse(last), seconds: (Date.now() - t0) / 1000 });
      } catch {
        reject(new Error(`${name}: no result line\n${stdout.slice(-1000)}${stderr.slice(-1000)}`));
      }
    });
  });
}

const wanted = (name) => !only || only.includes(name);
const failures = [];
const results = [];
let build;
try {
  if (wanted('activation') || wanted('package') || wanted('hostile')) {
    build = buildProduction();
    console.error(`[bench] production build in ${build.dir}/dist (${build.ms} ms)`);
  }
} catch (error) {
  failures.push(`build: ${error.message}`);
}

const benches = [
  { name: 'course', argv: ['--import', 'tsx', 'bench/course.ts', ...(deck ? ['--deck', deck] : [])], timeout: 120_000 },
  { name: 'activation', argv: ['bench/activation.mjs', build?.dir], timeout: 90_000, needsBuild: true },
  { name: 'cluster', argv: ['--expose-gc', '--import', 'tsx', 'bench/cluster.ts'], timeout: 120_000 },
  { name: 'package', argv: ['bench/package-size.mjs', build?.dir], timeout: 120_000, needsBuild: true },
  { name: 'hostile', argv: ['bench/hostile.mjs', build?.dir], timeout: 300_000, needsBuild: true },
  { name: 'cluster-ui', argv: ['bench/cluster-ui.mjs'], timeout: 300_000 },
  { name: 'reader-ui', argv: ['bench/reader-ui.mjs'], timeout: 300_000 },
];
for (const bench of benches) {
  if (!wanted(bench.name)) continue;
  if (bench.needsBuild && !build) {
    failures.push(`${bench.name}: skipped, the production build failed`);
    continue;
  }
  try {
    const result = await runChild(bench.name, bench.argv, bench.timeout);
    results.push({ name: bench.name, ...result });
    console.error(`[bench] ${bench.name}: ${result.seconds.toFixed(1)} s`);
  } catch (error) {
    failures.push(error.message);
    console.error(`[bench] FAILED ${error.message}`);
  }
}
if (build) rmSync(build.dir, { recursive: true, force: true });

const figures = results.flatMap((r) => r.figures);
const notes = results.flatMap((r) => r.notes ?? []);
const breakdown = Object.assign({}, ...results.map((r) => r.breakdown ?? {}));
const output = {
  machine,
  loadAverage: loadBefore.map(Number),
  date: new Date().toISOString(),
  seconds: (Date.now() - started) / 1000,
  figures,
  notes,
  failures,
  breakdown,
};
writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(output, null, 2) + '\n');

// The table.
const fmt = (v) => (v === null || v === undefined ? '' : String(v));
const rows = figures.map((f) => [
  f.name,
  `${fmt(f.value)} ${f.unit}`,
  `${fmt(f.min)} – ${fmt(f.max)}`,
  f.target === null ? '—' : `${f.better === 'lower' ? '≤' : '≥'} ${f.target} ${f.unit}`,
  f.met === null ? 'info' : f.met ? 'met' : 'MISSED',
]);
const header = ['Figure', 'Median', 'Min – max', 'Target', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log('\n' + line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
if (notes.length) console.log('\n' + notes.map((n) => `- ${n}`).join('\n'));
console.log(`\nWrote bench/results.json (${output.seconds.toFixed(0)} s in all).`);
if (failures.length) {
  console.error(`\nCould not measure:\n${failures.map((f) => `- ${f}`).join('\n')}`);
  process.exit(1);
}
