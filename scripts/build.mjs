// Builds the extension host bundle, the CLI and the webview script with esbuild.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * In the extension bundle, `@kubernetes/client-node` becomes a small module that
 * requires dist/client-node.js when the cluster code first imports it.
 */
const clientNodeApart = {
  name: 'client-node-apart',
  setup(build) {
    build.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({ path: 'client-node', namespace: 'client-node-apart' }));
    build.onResolve({ filter: /^\.\/client-node\.js$/, namespace: 'client-node-apart' }, () => ({ path: './client-node.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'client-node-apart' }, () => ({
      contents: 'module.exports = require("./client-node.js");',
      loader: 'js',
    }));
  },
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [clientNodeApart],
  },
  {
    // @kubernetes/client-node is most of the code, and needed only once the cluster
    // tree is shown: in a file of its own, activation does not even parse it.
    ...common,
    entryPoints: ['@kubernetes/client-node'],
    outfile: 'dist/client-node.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['media/src/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

// The webview's icons: VS Code's own codicon font, shipped beside the bundle.
mkdirSync('dist', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/${file}`);

if (watch) {
  for (const options of targets) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
}
