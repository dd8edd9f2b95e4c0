// Summarises a V8 CPU profile (from `node --cpu-prof`): self time per function and per package/file.
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfTicks = new Map();
for (const id of profile.samples) selfTicks.set(id, (selfTicks.get(id) ?? 0) + 1);
const totalTicks = profile.samples.length;
const durationMs = (profile.endTime - profile.startTime) / 1000;
const msPerTick = durationMs / totalTicks;

const where = (url) => {
  if (!url) return '(native/vm)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const s = /\/(src\/.*|bench\/.*|test\/.*)$/.exec(url);
  return s ? s[1] : url.replace(/^.*\//, '');
};
const fn = new Map();
const pkg = new Map();
for (const [id, ticks] of selfTicks) {
  const node = byId.get(id);
  const cf = node.callFrame;
  const key = `${cf.functionName || '(anonymous)'}  ${where(cf.url)}:${cf.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + ticks);
  const p = where(cf.url);
  pkg.set(p, (pkg.get(p) ?? 0) + ticks);
}
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((t / totalTicks) * 100).toFixed(1).padStart(5)}%  ${(t * msPerTick).toFixed(0).padStart(6)} ms  ${k}`);
  }
};
console.log(`${file}: ${durationMs.toFixed(0)} ms, ${totalTicks} samples`);
print('Self time by package / file', pkg);
print('Self time by function', fn);
