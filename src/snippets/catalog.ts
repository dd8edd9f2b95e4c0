// Catalogue of the Kubernetes manifest snippets (snippets/kubernetes.json) and a
// small implementation of the VS Code snippet syntax, enough to expand a body
// with every placeholder at its default value.
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

/** Kubernetes kinds produced by the snippets (every top-level `kind:` of every document), sorted. */
export function kindsCovered(entries: SnippetEntry[] = listSnippets()): string[] {
  const kinds = new Set<string>();
  for (const entry of entries) {
    for (const match of expandDefaults(entry.body).matchAll(/^kind:[ \t]*([A-Za-z0-9]+)[ \t]*$/gm)) {
      kinds.add(match[1]);
    }
  }
  return [...kinds].sort();
}

// ---------------------------------------------------------------------------
// VS Code snippet syntax
//
//   any         ::= tabstop | placeholder | choice | variable | text
//   tabstop     ::= '$' int | '${' int '}' | '${' int transform '}'
//   placeholder ::= '${' int ':' any '}'
//   choice      ::= '${' int '|' text (',' text)* '|}'
//   variable    ::= '$' var | '${' var '}' | '${' var ':' any '}' | '${' var transform '}'
//   transform   ::= '/' regex '/' (format | text)+ '/' options
//
// A backslash escapes `$`, `}` and `\` (and `,` `|` inside choices); any other
// `$` that does not start one of the forms above is literal text.

export type SnippetNode =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[]; transform?: Transform }
  | { type: 'variable'; name: string; children?: SnippetNode[]; transform?: Transform };

export interface Transform {
  regex: string;
  format: string;
  options: string;
}

/** Parses a snippet body into nodes. Never throws: malformed constructs are kept as text, like VS Code does. */
export function parseSnippet(body: string): SnippetNode[] {
  const parser = new Parser(body);
  return parser.parseUntil(false);
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  /** Parses nodes until the end, or until an unescaped `}` when `inside` is true (the `}` is consumed). */
  parseUntil(inside: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos += 1;
        }
        continue;
      }
      if (inside && ch === '}') {
        this.pos += 1;
        flush();
        return nodes;
      }
      if (ch === '$') {
        const start = this.pos;
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          this.pos = start + 1;
          text += '$';
        }
        continue;
      }
      text += ch;
      this.pos += 1;
    }
    flush();
    if (inside) throw new Unterminated();
    return nodes;
  }

  /** At a `$`: returns the construct it starts, or undefined (position is then irrelevant). */
  private parseDollar(): SnippetNode | undefined {
    const rest = this.src.slice(this.pos);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { type: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { type: 'variable', name: m[1] };
    }
    m = /^\$\{(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (!m) return undefined;
    const id = m[1];
    const isTabstop = /^\d/.test(id);
    const save = this.pos;
    this.pos += m[0].length;
    const next = this.src[this.pos];
    try {
      if (next === '}') {
        this.pos += 1;
        return isTabstop ? { type: 'tabstop', index: Number(id) } : { type: 'variable', name: id };
      }
      if (next === ':') {
        this.pos += 1;
        const children = this.parseUntil(true);
        return isTabstop ? { type: 'tabstop', index: Number(id), children } : { type: 'variable', name: id, children };
      }
      if (next === '|' && isTabstop) {
        const choices = this.parseChoices();
        if (choices) return { type: 'tabstop', index: Number(id), choices };
      }
      if (next === '/') {
        const transform = this.parseTransform();
        if (transform) {
          return isTabstop ? { type: 'tabstop', index: Number(id), transform } : { type: 'variable', name: id, transform };
        }
      }
    } catch (err) {
      if (!(err instanceof Unterminated)) throw err;
    }
    this.pos = save;
    return undefined;
  }

  /** After `${n`, at `|`: reads `a,b|}`. */
  private parseChoices(): string[] | undefined {
    this.pos += 1;
    const choices: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && this.pos + 1 < this.src.length && '$}\\,|'.includes(this.src[this.pos + 1])) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        choices.push(current);
        current = '';
        this.pos += 1;
      } else if (ch === '|' && this.src[this.pos + 1] === '}') {
        choices.push(current);
        this.pos += 2;
        return choices;
      } else {
        current += ch;
        this.pos += 1;
      }
    }
    return undefined;
  }

  /** After `${n`, at `/`: reads `regex/format/options}`. */
  private parseTransform(): Transform | undefined {
    this.pos += 1;
    const parts: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && this.pos + 1 < this.src.length) {
        const next = this.src[this.pos + 1];
        // Keep the backslash for regex escapes; `\/` just means a slash.
        current += next === '/' ? '/' : ch + next;
        this.pos += 2;
      } else if (ch === '$' && parts.length === 1 && this.src[this.pos + 1] === '{') {
        // A format construct such as `${1:/upcase}`: copy it whole, its `/` and `}` belong to it.
        const end = this.src.indexOf('}', this.pos);
        if (end < 0) return undefined;
        current += this.src.slice(this.pos, end + 1);
        this.pos = end + 1;
      } else if (ch === '/' && parts.length < 2) {
        parts.push(current);
        current = '';
        this.pos += 1;
      } else if (ch === '}' && parts.length === 2) {
        this.pos += 1;
        return { regex: parts[0], format: parts[1], options: current };
      } else {
        current += ch;
        this.pos += 1;
      }
    }
    return undefined;
  }
}

class Unterminated extends Error {}

export interface TabStopInfo {
  index: number;
  /** How many times the tab stop appears (2 or more: linked placeholders). */
  occurrences: number;
  /** The default of every occurrence that gives one (placeholder text, or the first choice). */
  defaults: string[];
  /** True when at least one occurrence is a choice. */
  choice: boolean;
}

/** Every tab stop of a body (nested ones included), sorted by index, `$0` included when present. */
export function analyzeTabStops(body: string): TabStopInfo[] {
  const nodes = parseSnippet(body);
  const defaults = resolveDefaults(nodes);
  const infos = new Map<number, TabStopInfo>();
  walk(nodes, (node) => {
    if (node.type !== 'tabstop') return;
    let info = infos.get(node.index);
    if (!info) {
      info = { index: node.index, occurrences: 0, defaults: [], choice: false };
      infos.set(node.index, info);
    }
    info.occurrences += 1;
    if (node.choices) {
      info.choice = true;
      info.defaults.push(node.choices[0] ?? '');
    } else if (node.children) {
      info.defaults.push(render(node.children, defaults, {}, new Set()));
    }
  });
  return [...infos.values()].sort((a, b) => a.index - b.index);
}

export interface ExpandOptions {
  /** Replaces the value of some tab stops (by index), as if the user had typed it. */
  values?: Record<number, string>;
  /** Values of variables such as `TM_FILENAME`; unknown variables expand to their default, or to their name like VS Code does. */
  variables?: Record<string, string>;
}

/**
 * Expands a snippet body as VS Code would insert it if the user accepted every
 * default: placeholders become their default text, choices their first choice,
 * mirrors (`$1` with no default) copy the placeholder of the same index, `$0`
 * and tab stops without any default become empty, escapes are removed.
 */
export function expandDefaults(body: string, options: ExpandOptions = {}): string {
  const nodes = parseSnippet(body);
  return render(nodes, resolveDefaults(nodes), options, new Set());
}

type Defaults = Map<number, SnippetNode[] | string>;

/** The node that gives each tab stop its value: its first placeholder or choice, in document order (outer before nested). */
function resolveDefaults(nodes: SnippetNode[]): Defaults {
  const defaults: Defaults = new Map();
  walk(nodes, (node) => {
    if (node.type !== 'tabstop' || defaults.has(node.index)) return;
    if (node.choices) defaults.set(node.index, node.choices[0] ?? '');
    else if (node.children) defaults.set(node.index, node.children);
  });
  return defaults;
}

function walk(nodes: SnippetNode[], visit: (node: SnippetNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.type !== 'text' && node.children) walk(node.children, visit);
  }
}

function render(nodes: SnippetNode[], defaults: Defaults, options: ExpandOptions, active: Set<number>): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += node.value;
    } else if (node.type === 'tabstop') {
      let value: string;
      const override = options.values?.[node.index];
      if (override !== undefined) {
        value = override;
      } else if (active.has(node.index)) {
        value = ''; // a placeholder that contains itself: VS Code rejects it; do not loop
      } else {
        const def = defaults.get(node.index);
        if (def === undefined) value = '';
        else if (typeof def === 'string') value = def;
        else {
          active.add(node.index);
          value = render(def, defaults, options, active);
          active.delete(node.index);
        }
      }
      out += node.transform ? applyTransform(value, node.transform) : value;
    } else {
      const known = options.variables?.[node.name];
      let value: string;
      if (known !== undefined) value = known;
      else if (node.children) value = render(node.children, defaults, options, active);
      else value = node.name;
      out += node.transform ? applyTransform(value, node.transform) : value;
    }
  }
  return out;
}

/** Applies a snippet transform; the format supports `$n`, `${n}`, `${n:/upcase}` `/downcase` `/capitalize`, `${n:+if}`, `${n:-else}`, `${n:?if:else}`. */
function applyTransform(value: string, transform: Transform): string {
  let regex: RegExp;
  try {
    regex = new RegExp(transform.regex, transform.options.replace(/[^gimsuy]/g, ''));
  } catch {
    return value;
  }
  return value.replace(regex, (...args: unknown[]) => {
    // args: the match, the groups, then the offset (a number), the string and maybe named groups.
    const offsetIndex = args.findIndex((arg, i) => i > 0 && typeof arg === 'number');
    const groups = args.slice(0, offsetIndex < 0 ? args.length : offsetIndex) as (string | undefined)[];
    const group = (n: number): string => {
      const g = groups[n];
      return typeof g === 'string' ? g : '';
    };
    return transform.format.replace(
      /\$(\d+)|\$\{(\d+)(?::(\/upcase|\/downcase|\/capitalize|\+[^}]*|-[^}]*|\?[^:}]*:[^}]*|[^}]*))?\}|\\(.)/g,
      (_m, plain?: string, braced?: string, modifier?: string, escaped?: string) => {
        if (escaped !== undefined) return escaped;
        const g = group(Number(plain ?? braced));
        if (!modifier) return g;
        if (modifier === '/upcase') return g.toUpperCase();
        if (modifier === '/downcase') return g.toLowerCase();
        if (modifier === '/capitalize') return g.charAt(0).toUpperCase() + g.slice(1);
        if (modifier.startsWith('+')) return g ? modifier.slice(1) : '';
        if (modifier.startsWith('?')) {
          const [ifText, elseText] = modifier.slice(1).split(':');
          return g ? (ifText ?? '') : (elseText ?? '');
        }
        const elseText = modifier.startsWith('-') ? modifier.slice(1) : modifier;
        return g || elseText;
      },
    );
  });
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
