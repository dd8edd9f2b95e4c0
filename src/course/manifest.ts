// Reads a deck manifest (`slides/*.yml`): title, `@@` strings, exclusions, and the
// content list as sections and parts.
import { yaml } from '../onFirstUse';

export type ManifestEntry =
  | { kind: 'file'; path: string; line: number }
  | { kind: 'inline'; text: string; line: number };

export interface ManifestPart {
  /** Empty for top-level sections (not listed in the table of contents). */
  title: string;
  entries: ManifestEntry[];
}

export interface Manifest {
  title: string;
  strings: Record<string, string>;
  exclude: string[];
  parts: ManifestPart[];
}

export interface ManifestProblem {
  line: number;
  message: string;
}

/** Values a manifest may hold once YAML aliases are expanded: far above any real deck. */
export const MAX_MANIFEST_NODES = 20000;

/**
 * Counts the values of a YAML document as a walk sees them (an alias counts each time it is
 * used), stopping at `limit`: a small file of nested aliases expands to billions.
 */
export function expandedSize(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length && count <= limit) {
    const next = stack.pop();
    count++;
    if (Array.isArray(next)) for (const item of next) stack.push(item);
    else if (next && typeof next === 'object') for (const item of Object.values(next)) stack.push(item);
  }
  return count;
}

function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

const STRING_KEYS = ['chat', 'gitrepo', 'slides', 'zip', 'html', 'title', 'slidenumberprefix'];

export interface ManifestOptions {
  /** The manifest's file name (`kube.yml`): `@@HTML@@` defaults to it plus `.html`, as the builder makes it. */
  fileName?: string;
  /** Environment whose `OVERRIDE_<key>` variables replace the manifest's keys (the builder's overrides). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The builder's `OVERRIDE_<key>`: a non-empty variable replaces a key the manifest has. Only the
 * keys that hold one string are replaced; the builder would turn a list (`content`) into a string.
 */
function applyOverrides(doc: Record<string, unknown>, env: ManifestOptions['env']): void {
  if (!env) return;
  for (const key of STRING_KEYS) {
    const value = env[`OVERRIDE_${key}`];
    if (key in doc && value) doc[key] = value;
  }
}

/** `@@ZIP@@` and `@@HTML@@` as the builder derives them when the manifest leaves them out. */
function derivedStrings(strings: Record<string, string>, fileName: string | undefined): void {
  const slides = strings.SLIDES ?? '';
  strings.ZIP ??= slides.endsWith('/') ? `${slides}slides.zip` : `${slides}/slides.zip`;
  if (fileName !== undefined) strings.HTML ??= `${fileName}.html`;
}

export function parseManifest(text: string, options: ManifestOptions = {}): { manifest?: Manifest; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  let data: unknown;
  const { load } = yaml(); // outside the try: not a YAML error when js-yaml cannot load
  try {
    data = load(text, { json: true });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    return { problems: [{ line: (mark?.line ?? 0) + 1, message: `YAML error: ${reason}` }] };
  }
  if (expandedSize(data, MAX_MANIFEST_NODES) > MAX_MANIFEST_NODES) {
    return { problems: [{ line: 1, message: `the manifest expands to more than ${MAX_MANIFEST_NODES} values (YAML aliases?); it is not read` }] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { problems: [{ line: 1, message: 'a deck manifest must be a YAML mapping with a `content` list' }] };
  }
  const doc = data as Record<string, unknown>;
  applyOverrides(doc, options.env);
  const strings: Record<string, string> = {};
  for (const key of STRING_KEYS) {
    const value = doc[key];
    if (typeof value === 'string' || typeof value === 'number') strings[key.toUpperCase()] = String(value);
  }
  // Older decks name these keys differently.
  if (!('GITREPO' in strings) && typeof doc.clone === 'string') strings.GITREPO = doc.clone;
  if (!('SLIDES' in strings) && typeof doc.url === 'string') strings.SLIDES = doc.url;
  derivedStrings(strings, options.fileName);
  const rawTitle = typeof doc.title === 'string' ? doc.title : '';
  strings.TITLE = rawTitle.trim().split('\n').join('<br/>');

  const exclude: string[] = [];
  if (typeof doc.exclude === 'string') exclude.push(doc.exclude);
  else if (Array.isArray(doc.exclude)) for (const x of doc.exclude) if (typeof x === 'string') exclude.push(x.trim());

  const lines = text.split('\n');
  let searchFrom = 0;
  // A needle missing once (an aliased value) is missing again: do not rescan the file for it.
  const missing = new Set<string>();
  const lineOf = (needle: string): number => {
    if (missing.has(needle)) return 0;
    for (let i = searchFrom; i < lines.length; i++) {
      if (lines[i].includes(needle)) {
        searchFrom = i + 1;
        return i + 1;
      }
    }
    missing.add(needle);
    return 0;
  };
  // `chapters:` is what older decks call `content:`.
  const contentKey = Array.isArray(doc.content) || !Array.isArray(doc.chapters) ? 'content' : 'chapters';
  const content = doc[contentKey];
  const contentLine = lines.findIndex((l) => new RegExp(`^${contentKey}\\s*:`).test(l)) + 1;
  searchFrom = contentLine;

  const toEntry = (value: unknown): ManifestEntry | undefined => {
    if (typeof value !== 'string') {
      problems.push({ line: contentLine, message: `content entries must be strings or lists, found ${describe(value)}` });
      return undefined;
    }
    if (value.includes('\n')) {
      const firstLine = value.split('\n').find((l) => l.trim()) ?? '';
      return { kind: 'inline', text: value, line: firstLine ? lineOf(firstLine.trim()) : 0 };
    }
    const path = value.trim();
    return { kind: 'file', path, line: lineOf(path) };
  };

  const flatten = (list: unknown[], into: ManifestEntry[]): void => {
    for (const item of list) {
      if (Array.isArray(item)) flatten(item, into);
      else if (item !== null && item !== undefined) {
        const entry = toEntry(item);
        if (entry) into.push(entry);
      }
    }
  };

  const parts: ManifestPart[] = [];
  if (!Array.isArray(content)) {
    problems.push({ line: contentLine || 1, message: 'the manifest has no `content` list' });
  } else {
    const listCount = content.filter(Array.isArray).length;
    let partNumber = 0;
    for (const item of content) {
      if (Array.isArray(item)) {
        partNumber++;
        const title = listCount === 1 ? 'Table of contents' : `Part ${partNumber}`;
        const part: ManifestPart = { title, entries: [] };
        flatten(item, part.entries);
        parts.push(part);
      } else if (item !== null && item !== undefined) {
        const entry = toEntry(item);
        if (!entry) continue;
        const last = parts[parts.length - 1];
        if (last && last.title === '') last.entries.push(entry);
        else parts.push({ title: '', entries: [entry] });
      }
    }
  }
  const title = rawTitle.trim().replace(/\s*\n\s*/g, ' ');
  return { manifest: { title, strings, exclude, parts }, problems };
}
