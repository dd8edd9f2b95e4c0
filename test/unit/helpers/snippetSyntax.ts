// VS Code's snippet syntax, for the tests only: parses snippet bodies, lists their tab
// stops and expands them with their defaults, so that each manifest snippet can be checked
// as the YAML a user gets. The extension itself hands snippets to VS Code unparsed.
import { listSnippets, type SnippetEntry } from '../../../src/snippets/catalog';

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

