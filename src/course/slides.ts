// Splits source lines into slides (`---`), increments (`--`), presenter notes
// (`???`) and slide properties, leaving fenced code alone.
import { findFences } from './fences';
import type { SourceLine } from './source';

export interface RawSlide {
  properties: Record<string, string>;
  /** Content lines of all increments, without the `--` separators. */
  lines: SourceLine[];
  /** Index into `lines` where each increment starts (first is 0). */
  incrementStarts: number[];
  /** Properties each increment sets itself (after its `--`); the first is `{}` (see `properties`). */
  incrementProperties: Array<Record<string, string>>;
  notes: SourceLine[];
  /** Where the slide starts (its first line after the separator). */
  origin: SourceLine;
  /** The first line left out by the limit on a slide's lines (see `splitSlides`). */
  cut?: SourceLine;
}

const KNOWN_PROPERTIES = new Set([
  'class', 'name', 'layout', 'template', 'count', 'exclude', 'background-image', 'background-position',
  'background-repeat', 'background-size', 'background-color', 'seq',
]);
const PROPERTY = /^([a-z][a-z-]*):\s*(.*)$/;

/** Whether `text` is `mark` and trailing white space only (tested without copying every line). */
function isLine(text: string, mark: string): boolean {
  return text.startsWith(mark) && text.trimEnd() === mark;
}

/** Which lines sit inside a closed multi-line fence (unclosed fences do not count). */
function codeLines(lines: SourceLine[]): boolean[] {
  const inCode = new Array<boolean>(lines.length).fill(false);
  for (const span of findFences(lines.map((l) => l.text))) {
    for (let k = span.open; k <= span.close; k++) inCode[k] = true;
  }
  return inCode;
}

export interface SplitSlides {
  slides: RawSlide[];
  /** The first line of the first slide left out by `max`. */
  dropped?: SourceLine;
}

/**
 * The slides of `lines`, at most `max` of them: the rest are not built. A slide keeps its
 * first `maxLines` lines (properties and notes count); `cut` says where it was cut.
 */
export function splitSlides(lines: SourceLine[], max = Infinity, maxLines = Infinity): SplitSlides {
  const inCode = codeLines(lines);
  const slides: RawSlide[] = [];
  let fallbackOrigin = lines[0] ?? { text: '', file: '<empty>', line: 1 };
  let chunk: SourceLine[] = [];
  let chunkStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && (inCode[i] || !isLine(lines[i].text, '---'))) {
      chunk.push(lines[i]);
      continue;
    }
    const first = chunk.find((l) => l.text.trim());
    if (first && slides.length >= max) return { slides, dropped: first };
    if (first) {
      // A closed fence never spans a separator, so the chunk's code lines are the file's.
      slides.push(parseSlide(chunk, inCode.slice(chunkStart, i), fallbackOrigin, maxLines));
      fallbackOrigin = chunk[chunk.length - 1];
    }
    chunk = [];
    chunkStart = i + 1;
  }
  return { slides };
}

/**
 * Reads the `key: value` lines at `i` (blank lines may come before and between them, as
 * Remark reads them) into `into`; returns the index of the first line after them, or `i`
 * when no property follows.
 */
function readProperties(chunk: SourceLine[], inCode: boolean[], i: number, into: Record<string, string>): number {
  let next = i;
  for (let k = i; k < chunk.length && !inCode[k]; k++) {
    const text = chunk[k].text;
    if (!text.trim()) continue;
    const m = PROPERTY.exec(text);
    if (!m || !KNOWN_PROPERTIES.has(m[1])) break;
    into[m[1]] = m[2].trim();
    next = k + 1;
  }
  return next;
}

function parseSlide(whole: SourceLine[], inCode: boolean[], fallbackOrigin: SourceLine, maxLines: number): RawSlide {
  const chunk = whole.length > maxLines ? whole.slice(0, maxLines) : whole;
  const cut = whole.length > maxLines ? whole[maxLines] : undefined;
  const properties: Record<string, string> = {};
  let i = readProperties(chunk, inCode, 0, properties);
  const lines: SourceLine[] = [];
  const incrementStarts = [0];
  const incrementProperties: Array<Record<string, string>> = [{}];
  const notes: SourceLine[] = [];
  let inNotes = false;
  for (; i < chunk.length; i++) {
    const line = chunk[i];
    if (inNotes) notes.push(line);
    else if (!inCode[i] && isLine(line.text, '???')) inNotes = true;
    else if (!inCode[i] && isLine(line.text, '--')) {
      incrementStarts.push(lines.length);
      // Remark reads `key: value` lines after `--` as properties of that step: not text.
      const own: Record<string, string> = {};
      i = readProperties(chunk, inCode, i + 1, own) - 1;
      incrementProperties.push(own);
    } else lines.push(line);
  }
  return { properties, lines, incrementStarts, incrementProperties, notes, origin: chunk[0] ?? fallbackOrigin, ...(cut ? { cut } : {}) };
}
