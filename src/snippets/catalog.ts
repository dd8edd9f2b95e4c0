// Catalogue of the Kubernetes manifest snippets (snippets/kubernetes.json) and where
// the insert command puts one in a YAML file. (Expanding the snippet syntax is for the
// tests only: test/unit/helpers/snippetSyntax.ts.)
//
// Pure module: no `vscode` import, so it runs in unit tests and in the CLI.

import data from '../../snippets/kubernetes.json';

/** One entry of a VS Code snippet file, as written on disk. */
export interface RawSnippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

export interface SnippetEntry {
  /** Stable identifier derived from the label, e.g. `deployment`, `service-nodeport`. */
  id: string;
  /** Main Kubernetes kind taught by the snippet, e.g. `Service`. */
  kind: string;
  /** Variant of the kind, e.g. `NodePort` for `Service/NodePort`; empty when there is none. */
  variant: string;
  /** Name of the snippet in the file: `Kind` or `Kind/variant`. */
  label: string;
  /** Main prefix (the first one of the file). */
  prefix: string;
  /** Every prefix, the main one first (aliases such as `k8s-deploy` follow). */
  prefixes: string[];
  description: string;
  /** The VS Code snippet body, lines joined with `\n`. */
  body: string;
}

/** Turns the snippet file contents into catalogue entries (in file order). */
export function parseSnippetFile(file: Record<string, RawSnippet>): SnippetEntry[] {
  return Object.entries(file).map(([label, raw]) => {
    const prefixes = Array.isArray(raw.prefix) ? [...raw.prefix] : [raw.prefix];
    const slash = label.indexOf('/');
    return {
      id: slugify(label),
      kind: slash < 0 ? label : label.slice(0, slash),
      variant: slash < 0 ? '' : label.slice(slash + 1),
      label,
      prefix: prefixes[0] ?? '',
      prefixes,
      description: raw.description ?? '',
      body: Array.isArray(raw.body) ? raw.body.join('\n') : raw.body,
    };
  });
}

function slugify(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

let cache: SnippetEntry[] | undefined;

/** Every snippet of snippets/kubernetes.json, in file order. */
export function listSnippets(): SnippetEntry[] {
  cache ??= parseSnippetFile(data);
  return cache.map((entry) => ({ ...entry, prefixes: [...entry.prefixes] }));
}

/** Finds a snippet by id (`service-nodeport`), label (`Service/NodePort`) or any of its prefixes (`svc-nodeport`, `k8s-svc-nodeport`). */
export function findSnippet(key: string, entries: SnippetEntry[] = listSnippets()): SnippetEntry | undefined {
  const wanted = key.trim();
  return (
    entries.find((e) => e.id === wanted || e.label === wanted) ??
    entries.find((e) => e.prefixes.includes(wanted)) ??
    entries.find((e) => e.id === wanted.toLowerCase() || e.prefixes.includes(wanted.toLowerCase()))
  );
}

// ---------------------------------------------------------------------------
// Where to insert a snippet in an existing YAML document

export interface InsertionPlan {
  /** Offset in the document text where the snippet goes. */
  offset: number;
  /** Text to insert before the snippet (e.g. a `---` separator). */
  prefix: string;
  /** Text to insert after the snippet (e.g. a newline and a `---` separator). */
  suffix: string;
}

const isSeparator = (line: string): boolean => /^---(\s|$)/.test(line);
const isBlank = (line: string): boolean => line.trim() === '';

/**
 * Decides where a manifest snippet goes so that it always becomes a YAML
 * document of its own and never splits an existing one:
 *
 * - blank document: at the very start, no separator;
 * - cursor on a blank line that starts a document (nothing but blank lines
 *   between it and the previous `---`, or the start of the file): right
 *   there, followed by `---` if another document comes after;
 * - anywhere else (inside a document, on a `---` line, on a blank line after
 *   some content): at the end of the current document, i.e. just before the
 *   next `---` line, or at the end of the file, preceded by `---`.
 */
export function planInsertion(text: string, cursorOffset: number): InsertionPlan {
  if (isBlank(text)) return { offset: 0, prefix: '', suffix: '' };
  const lines = text.split('\n');
  const starts: number[] = [];
  let acc = 0;
  for (const line of lines) {
    starts.push(acc);
    acc += line.length + 1;
  }
  const offset = Math.max(0, Math.min(cursorOffset, text.length));
  let cursorLine = 0;
  while (cursorLine + 1 < lines.length && starts[cursorLine + 1] <= offset) cursorLine++;

  const prevContent = (from: number): string | undefined => {
    for (let i = from; i >= 0; i--) if (!isBlank(lines[i])) return lines[i];
    return undefined;
  };
  const nextContent = (from: number): string | undefined => {
    for (let i = from; i < lines.length; i++) if (!isBlank(lines[i])) return lines[i];
    return undefined;
  };

  if (isBlank(lines[cursorLine])) {
    const before = prevContent(cursorLine - 1);
    if (before === undefined || isSeparator(before)) {
      const after = nextContent(cursorLine + 1);
      return {
        offset: starts[cursorLine],
        prefix: '',
        suffix: after === undefined ? '' : isSeparator(after) ? '\n' : '\n---\n',
      };
    }
  }

  for (let i = cursorLine; i < lines.length; i++) {
    if (isSeparator(lines[i])) {
      const hasContentBefore = prevContent(i - 1) !== undefined;
      return { offset: starts[i], prefix: hasContentBefore ? '---\n' : '', suffix: '\n' };
    }
  }
  return { offset: text.length, prefix: (text.endsWith('\n') ? '' : '\n') + '---\n', suffix: '' };
}
