// dist/mermaid.js holds the diagram types the reader draws and leaves out the rest of mermaid's
// lazy parts (scripts/mermaidBundle.mjs): checked on a real esbuild build of mermaid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { DRAWN_DIAGRAMS, diagramChunks, mermaidOnlyDrawn, notDrawnReason } from '../../scripts/mermaidBundle.mjs';

const mermaidDir = dirname(require.resolve('mermaid'));
const coreText = readFileSync(join(mermaidDir, 'mermaid.core.mjs'), 'utf8');

test('every drawn type has its chunk in mermaid.core.mjs; flowchart and its ELK variant share one', () => {
  const chunks = diagramChunks(coreText);
  const idsOf = (name: string) => [...chunks].find(([path]) => path.includes(`/${name}-`))?.[1];
  assert.deepEqual(idsOf('flowDiagram'), ['flowchart-v2', 'flowchart-elk']);
  assert.deepEqual(idsOf('gitGraphDiagram'), ['gitGraph']);
  assert.deepEqual(idsOf('sequenceDiagram'), ['sequence']);
  assert.deepEqual(idsOf('pieDiagram'), ['pie']);
  const loaded = new Set([...chunks.values()].flat());
  for (const id of Object.keys(DRAWN_DIAGRAMS)) assert.ok(loaded.has(id), id);
});

test('a mermaid whose core lacks a drawn type fails the build, naming the type', () => {
  const withoutGit = coreText.replace(/var id\d* = "gitGraph";/, 'var idX = "renamed";');
  assert.throws(() => diagramChunks(withoutGit), /no loader for gitGraph: check DRAWN_DIAGRAMS/);
});

test('the reason a type is not drawn names it and the types drawn', () => {
  assert.equal(notDrawnReason(['pie']), 'this diagram type (pie) is not drawn here; the reader draws flowchart, sequence, class, state and gitGraph diagrams');
});

test('the bundle holds the drawn diagram types and dagre, not the others, ELK, cytoscape or KaTeX', async () => {
  const result = await build({
    stdin: { contents: "import mermaid from 'mermaid'; globalThis.m = mermaid;", resolveDir: process.cwd() },
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
    plugins: [mermaidOnlyDrawn()],
  });
  const inputs = Object.keys(result.metafile.inputs);
  const has = (pattern: RegExp) => inputs.some((path) => pattern.test(path));
  for (const name of ['flowDiagram', 'gitGraphDiagram', 'sequenceDiagram', 'classDiagram-v2', 'stateDiagram-v2', 'dagre']) {
    assert.ok(has(new RegExp(`/mermaid\\.core/${name}-\\w+\\.mjs$`)), `${name} is bundled`);
  }
  for (const left of [/\/elk-\w+\.mjs$/, /node_modules\/elkjs\//, /node_modules\/cytoscape\//, /node_modules\/katex\//, /\/pieDiagram-/, /\/c4Diagram-/, /\/swimlanes-/]) {
    assert.ok(!has(left), `${String(left)} is left out`);
  }
  const code = result.outputFiles[0].text;
  assert.ok(code.includes(notDrawnReason(['pie'])), 'a pie chart throws the reason it is not drawn');
  // Every diagram type made 5.4 MB; the drawn ones make about 1.8 MB.
  assert.ok(result.outputFiles[0].contents.length < 2.5e6, `the bundle is ${result.outputFiles[0].contents.length} bytes`);
});

test('a lazy part of mermaid that the plugin does not know fails the build', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mermaid-dist-'));
  try {
    const sections = Object.keys(DRAWN_DIAGRAMS).map((id, n) => `\n// src/diagrams/d${n}.ts\nvar id${n} = "${id}";\nvar l${n} = () => import("./chunks/mermaid.core/d${n}-ABCDEFGH.mjs");`);
    writeFileSync(join(dir, 'mermaid.core.mjs'), `${sections.join('\n')}\nexport const extra = () => import("./mystery-ABCDEFGH.mjs");\n`);
    mkdirSync(join(dir, 'chunks', 'mermaid.core'), { recursive: true });
    Object.keys(DRAWN_DIAGRAMS).forEach((_, n) => writeFileSync(join(dir, 'chunks', 'mermaid.core', `d${n}-ABCDEFGH.mjs`), 'export const diagram = {};\n'));
    await assert.rejects(
      build({ entryPoints: [join(dir, 'mermaid.core.mjs')], bundle: true, write: false, logLevel: 'silent', plugins: [mermaidOnlyDrawn({ mermaidDir: dir })] }),
      /mermaid loads \.\/mystery-ABCDEFGH\.mjs lazily, and scripts\/mermaidBundle\.mjs does not say whether to bundle it/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
