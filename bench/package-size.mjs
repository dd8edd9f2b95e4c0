// Package benchmark: size of the .vsix and of the production bundle, packaged from a
// temporary copy so the shared dist/ (and dist/kubernetes-workshop.vsix) is never written.
//
// Usage: node bench/package-size.mjs <build dir holding dist/ (production)>
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './build.mjs';
import { VSCE_OPTIONS, verifyVsix } from '../scripts/package.mjs';
import { emit, figure, log } from './stats.mjs';

const buildDir = process.argv[2];
if (!buildDir) throw new Error('usage: node bench/package-size.mjs <build dir>');
const dir = mkdtempSync(join(tmpdir(), 'bench-package-'));
try {
  // What .vscodeignore lets into the package, copied beside the freshly built dist/.
  for (const name of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'media', 'content', 'snippets']) {
    if (existsSync(join(ROOT, name))) cpSync(join(ROOT, name), join(dir, name), { recursive: true, filter: (src) => !src.includes('/media/src') });
  }
  cpSync(join(buildDir, 'dist'), join(dir, 'dist'), { recursive: true, filter: (src) => !/\/(instrumented)(\/|$)/.test(src) });
  const out = join(dir, 'bench.vsix');
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The same vsce options as `npm run package`.
  const r = spawnSync(process.execPath, [vsce, 'package', ...VSCE_OPTIONS, '--out', out], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`vsce package failed: ${r.error?.message ?? ''}${r.stdout}${r.stderr}`);
  const entries = verifyVsix(out, join(buildDir, 'dist', 'extension.js'));
  const vsix = statSync(out).size;
  const bundle = statSync(join(buildDir, 'dist', 'extension.js')).size;
  const largest = [...entries].sort((a, b) => b.size - a.size).slice(0, 6).map((e) => `${e.name.replace(/^extension\//, '')} ${(e.size / 1024).toFixed(0)} KiB`);
  log(`package: ${(vsix / 1024).toFixed(0)} KiB vsix, ${entries.length} files; bundle ${(bundle / 1024).toFixed(0)} KiB`);
  emit({
    figures: [
      figure('Package: .vsix size', vsix / 1e6, 'MB', 1.5, 'lower'),
      figure('Package: dist/extension.js (production) size', bundle / 1e6, 'MB', null, 'lower'),
    ],
    notes: [`package: ${entries.length} files; largest (uncompressed): ${largest.join(', ')}`],
    breakdown: { package: { vsixBytes: vsix, bundleBytes: bundle, files: entries.length, largest } },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
