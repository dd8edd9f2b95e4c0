// Production build into a temporary folder, so the benchmark never writes the shared dist/.
//
// The project's own scripts/build.mjs runs with its working folder set to a temporary
// folder whose src/, media/, node_modules/ and tsconfig.json link to the project's: same
// options, same output, written to <temp>/dist/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Returns the temporary folder holding dist/extension.js, dist/cli.js, dist/webview.js (production). */
export function buildProduction(dir = mkdtempSync(join(tmpdir(), 'bench-build-'))) {
  for (const name of ['src', 'media', 'node_modules', 'tsconfig.json', 'package.json']) {
    if (existsSync(join(ROOT, name)) && !existsSync(join(dir, name))) symlinkSync(join(ROOT, name), join(dir, name));
  }
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`production build failed: ${r.error?.message ?? ''}${r.stdout}${r.stderr}`);
  return { dir, ms: Date.now() - started };
}

/**
 * The extension bundle with the production options of scripts/build.mjs, plus one statement
 * appended to every module of node_modules: it records the module's package in
 * globalThis.__benchEvaluated when, and only when, the module's code runs. esbuild wraps
 * lazily imported modules (`await import(...)`) in init functions, so the marker of a
 * lazily loaded package stays unset until something calls the import.
 */
export async function buildInstrumented(outfile) {
  mkdirSync(dirname(outfile), { recursive: true });
  const marker = {
    name: 'bench-evaluation-marker',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.(c|m)?js$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const pkg = packageOf(args.path.replace(/\\/g, '/'));
        const text = await readFile(args.path, 'utf8');
        // Appended, not prepended: a leading "use strict" directive must stay a directive.
        return { contents: `${text}\n;(globalThis.__benchEvaluated ??= new Set()).add(${JSON.stringify(pkg)});\n`, loader: 'js' };
      });
    },
  };
  const options = {
    entryPoints: [join(ROOT, 'src', 'extension.ts')],
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  };
  await esbuild.build({ ...options, outfile, plugins: [marker] });
  // Composition of the (uninstrumented) bundle by package, from esbuild's metafile.
  const plain = await esbuild.build({ ...options, outfile: outfile.replace(/\.js$/, '.plain.js'), metafile: true });
  const output = Object.values(plain.metafile.outputs)[0];
  const bytesByPackage = {};
  for (const [file, info] of Object.entries(output.inputs)) {
    const key = file.includes('node_modules/') ? packageOf(file) : 'src (project)';
    bytesByPackage[key] = (bytesByPackage[key] ?? 0) + info.bytesInOutput;
  }
  // What-if: the same bundle with client-node left out (as if loaded from a file of its own on first use).
  const withoutClientNode = outfile.replace(/\.js$/, '.without-client-node.js');
  await esbuild.build({ ...options, outfile: withoutClientNode, external: ['vscode', '@kubernetes/client-node'] });
  return { outfile, bytesByPackage, withoutClientNode };
}

function packageOf(file) {
  const rest = file.slice(file.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
  return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}
