// Which parts of mermaid go into dist/mermaid.js. Mermaid's ESM build (`mermaid.core.mjs`)
// loads each diagram type, each layout engine and KaTeX with a dynamic `import()`; bundled
// whole, that is every diagram type (5.4 MB). This esbuild plugin keeps the diagram types the
// reader draws and replaces every other lazy part with a module that throws a one-line reason,
// which the reader shows under the diagram's source (media/src/diagrams.ts). Policy and sizes:
// docs/rendering.md, "Diagram types drawn".
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

/**
 * The diagram types drawn, by the id mermaid's detector gives them (`mermaid.detectType`), with
 * the name a reader knows them by. The workshop's decks use flowchart (`graph`) and gitGraph.
 */
export const DRAWN_DIAGRAMS = {
  'flowchart-v2': 'flowchart',
  'flowchart-elk': 'flowchart',
  sequence: 'sequence',
  classDiagram: 'class',
  stateDiagram: 'state',
  gitGraph: 'gitGraph',
};

/**
 * Mermaid's other lazy parts, by file name without its hash. `keep`: bundled. `use`: the import
 * gets that part instead (mermaid's own small build also draws ELK layouts with dagre). A string:
 * dropped, and a diagram that needs the part is not drawn, with this reason.
 */
export const LAZY_PARTS = {
  dagre: 'keep',
  bpmnIcons: 'keep',
  sizeCapture: 'keep',
  elk: { use: 'dagre' },
  'cose-bilkent': 'the cose-bilkent layout is not drawn here',
  swimlanes: 'the swimlane layout is not drawn here',
  katex: 'math ($$…$$) in diagrams is not drawn here',
};

const drawnNames = () => {
  const names = [...new Set(Object.values(DRAWN_DIAGRAMS))];
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
};

/** The reason a diagram of a type left out is not drawn. */
export function notDrawnReason(ids) {
  return `this diagram type (${ids.join(', ')}) is not drawn here; the reader draws ${drawnNames()} diagrams`;
}

/**
 * The diagram chunks `mermaid.core.mjs` loads, each with the detector ids that load it: each
 * `// src/diagrams/...` section of the file declares an id and imports its chunk.
 */
export function diagramChunks(coreText) {
  const chunks = new Map();
  for (const section of coreText.split(/\n\/\/ src\/diagrams\//).slice(1)) {
    const id = /\bvar id\d* = "([^"]+)";/.exec(section)?.[1];
    const chunk = /\bimport\("(\.\/chunks\/[^"]+\.mjs)"\)/.exec(section)?.[1];
    if (id && chunk) chunks.set(chunk, [...(chunks.get(chunk) ?? []), id]);
  }
  const found = new Set([...chunks.values()].flat());
  const missing = Object.keys(DRAWN_DIAGRAMS).filter((id) => !found.has(id));
  if (missing.length) throw new Error(`mermaid.core.mjs has no loader for ${missing.join(', ')}: check DRAWN_DIAGRAMS in scripts/mermaidBundle.mjs against this mermaid version`);
  return chunks;
}

/** `./elk-XV6XMXQE.mjs` → `elk`, `katex` → `katex`. */
const partName = (path) => basename(path).replace(/-[A-Z0-9]{8}\.mjs$/, '');

/** The esbuild plugin. `mermaidDir`: mermaid's dist folder (found from node_modules when left out). */
export function mermaidOnlyDrawn({ mermaidDir } = {}) {
  const dist = realpathSync(mermaidDir ?? dirname(createRequire(import.meta.url).resolve('mermaid')));
  const core = join(dist, 'mermaid.core.mjs');
  const chunks = diagramChunks(readFileSync(core, 'utf8'));
  const leftOut = (reason) => ({ path: reason, namespace: 'mermaid-left-out' });
  return {
    name: 'mermaid-only-drawn',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import' || !args.importer.startsWith(dist)) return undefined;
        const ids = args.importer === core ? chunks.get(args.path) : undefined;
        if (ids) return ids.some((id) => id in DRAWN_DIAGRAMS) ? undefined : leftOut(notDrawnReason(ids));
        const part = LAZY_PARTS[partName(args.path)];
        if (part === undefined) {
          return { errors: [{ text: `mermaid loads ${args.path} lazily, and scripts/mermaidBundle.mjs does not say whether to bundle it (LAZY_PARTS)` }] };
        }
        if (part === 'keep') return undefined;
        if (typeof part === 'string') return leftOut(part);
        const dir = dirname(args.importer);
        const file = readdirSync(dir).find((name) => partName(name) === part.use && name.endsWith('.mjs'));
        if (!file) return { errors: [{ text: `mermaid has no ${part.use} chunk beside ${args.importer}` }] };
        return { path: join(dir, file) };
      });
      build.onLoad({ filter: /.*/, namespace: 'mermaid-left-out' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}
