// Finds courses on disk: deck manifests of a container.training clone in the
// user's folders, or what a setting names. Reads only a few small files.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DeckCandidate {
  /** Absolute path of the manifest (or markdown file). */
  path: string;
  /** First line of the manifest's title, or the file name. */
  title: string;
  /** The folder the search started from. */
  root: string;
}

/** Decks a self-paced learner most likely wants, first. */
const PREFERRED = ['kube-selfpaced.yml', 'kube.yml', 'kube-fullday.yml', 'kube-twodays.yml'];
const MAX_MANIFEST_BYTES = 256 * 1024;

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The title of a deck manifest, or undefined when the file is not one. */
export function readDeckTitle(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_MANIFEST_BYTES) return undefined;
    const text = fs.readFileSync(file, 'utf8');
    if (!/^(content|chapters)\s*:/m.test(text)) return undefined;
    const block = /^title\s*:\s*[|>]-?\s*\n((?:[ \t]+.*\n?)+)/m.exec(text);
    if (block) return block[1].trim().split('\n').map((l) => l.trim()).join(' ');
    const inline = /^title\s*:\s*["']?(.*?)["']?\s*$/m.exec(text);
    return inline?.[1] || path.basename(file);
  } catch {
    return undefined;
  }
}

/** Deck manifests under `<folder>/slides`, `<folder>/*\/slides` and `<folder>` itself. */
export function findDecks(folders: readonly string[]): DeckCandidate[] {
  const found: DeckCandidate[] = [];
  const seen = new Set<string>();
  for (const root of folders) {
    const dirs = [path.join(root, 'slides'), root];
    for (const child of listDir(root)) {
      if (!child.startsWith('.') && child !== 'node_modules' && isDir(path.join(root, child, 'slides'))) {
        dirs.push(path.join(root, child, 'slides'));
      }
    }
    for (const dir of dirs) {
      for (const name of listDir(dir).filter((n) => /\.ya?ml$/i.test(n)).sort()) {
        const file = path.join(dir, name);
        if (seen.has(file)) continue;
        const title = readDeckTitle(file);
        if (title === undefined) continue;
        seen.add(file);
        found.push({ path: file, title, root });
      }
    }
  }
  return found.sort((a, b) => rank(a) - rank(b));
}

function rank(deck: DeckCandidate): number {
  const i = PREFERRED.indexOf(path.basename(deck.path));
  return i === -1 ? PREFERRED.length : i;
}

/**
 * Resolves what the `workshop.coursePath` setting names: a manifest, a markdown
 * file, or a folder holding decks. Relative paths are tried against each folder.
 */
export function resolveCourseSetting(setting: string, folders: readonly string[]): string | undefined {
  if (!setting) return undefined;
  const expanded = setting.replace(/^~(?=$|\/)/, process.env.HOME ?? '~');
  const candidates = path.isAbsolute(expanded) ? [expanded] : folders.map((f) => path.resolve(f, expanded));
  for (const candidate of candidates) {
    if (isDir(candidate)) {
      const decks = findDecks([candidate]);
      if (decks.length) return decks[0].path;
    } else if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}
