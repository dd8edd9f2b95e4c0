// Builds the extension host bundle, the CLI and the webview script with esbuild.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mermaidOnlyDrawn } from './mermaidBundle.mjs';

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
 * Heavy parts loaded on first use live in files of their own, so that activation
 * does not even parse them: `@kubernetes/client-node` (the cluster tree), the
 * slide renderer (markdown-it, highlight.js, sanitize-html) and js-yaml. In the
 * extension bundle, importing one of them (`await import(...)`, or for js-yaml the
 * `require` in src/onFirstUse.ts) becomes a `require` of its file in dist/.
 */
const LAZY = [
  { filter: /^@kubernetes\/client-node$/, file: './client-node.js' },
  { filter: /^\.\.\/render\/slide$/, file: './render.js' },
  // Only when running without the worker bundle; the loader needs markdown-it's block parser.
  { filter: /^\.\.\/course\/loadWorker$/, file: './courseWorker.js' },
  // The snippet catalogue and snippets/kubernetes.json, for the Insert Snippet command.
  { filter: /^\.\.\/snippets\/catalog$/, file: './snippets.js' },
  // Synchronous callers (manifests, kubeconfig, Show YAML): required on first use.
  { filter: /^js-yaml$/, file: './yaml.js', kind: 'require-call' },
];
const lazyApart = {
  name: 'lazy-apart',
  setup(build) {
    for (const { filter, file, kind = 'dynamic-import' } of LAZY) {
      build.onResolve({ filter }, (args) => (args.kind === kind ? { path: file, namespace: 'lazy-apart' } : undefined));
    }
    build.onResolve({ filter: /^\.\/[\w-]+\.js$/, namespace: 'lazy-apart' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-apart' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * `vscode` and each Node built-in through one module of the bundle: esbuild would otherwise
 * wrap `require('vscode')` (or `node:fs`...) in each of the files importing it, copying every
 * property of the module each time (about 60 copies of `vscode`, `fs`, `path` at activation).
 */
const oneCopy = {
  name: 'one-copy',
  setup(build) {
    build.onResolve({ filter: /^(vscode|node:[\w/]+)$/ }, (args) => {
      if (args.kind === 'require-call') return undefined; // src/onFirstUse.ts: required when used, as written
      return args.namespace === 'one-copy' ? { path: args.path, external: true } : { path: args.path, namespace: 'one-copy' };
    });
    build.onLoad({ filter: /.*/, namespace: 'one-copy' }, (args) => ({ contents: `export * from ${JSON.stringify(args.path)};`, loader: 'js' }));
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
    plugins: [lazyApart, oneCopy],
  },
  {
    // @kubernetes/client-node is most of the code, and needed only once the cluster
    // tree is shown: in a file of its own, activation does not even parse it. Only
    // KubeConfig is used (src/cluster/kubeconfig.ts: files, contexts, credentials; the
    // requests are our own), so only it is bundled: a third of the size, read faster.
    ...common,
    stdin: { contents: "export { KubeConfig } from '@kubernetes/client-node';", resolveDir: '.', sourcefile: 'client-node-entry.js' },
    outfile: 'dist/client-node.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Code node-fetch never runs on Node (see the shim): 0.96 MB -> 0.67 MB, read ~30 ms sooner.
    alias: { 'whatwg-url': fileURLToPath(new URL('./shims/whatwg-url.cjs', import.meta.url)) },
  },
  {
    ...common,
    stdin: { contents: "module.exports = require('js-yaml');", resolveDir: '.', sourcefile: 'yaml-entry.js' },
    outfile: 'dist/yaml.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/snippets/catalog.ts'],
    outfile: 'dist/snippets.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/render/slide.ts'],
    outfile: 'dist/render.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // Courses load in a worker thread, off the extension host's thread.
    ...common,
    entryPoints: ['src/course/loadWorker.ts'],
    outfile: 'dist/courseWorker.js',
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
  {
    // Mermaid (most of its size is its own), loaded by the webview only when a slide holds a
    // diagram (media/src/diagrams.ts): webview.js stays as small as it was. Only the diagram
    // types the reader draws are in it (scripts/mermaidBundle.mjs).
    ...common,
    entryPoints: ['media/src/mermaidChunk.ts'],
    outfile: 'dist/mermaid.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [mermaidOnlyDrawn()],
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
