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
  notes: SourceLine[];
  /** Where the slide starts (its first line after the separator). */
  origin: SourceLine;
}

const KNOWN_PROPERTIES = new Set([
  'class', 'name', 'layout', 'template', 'count', 'exclude', 'background-image', 'background-position',
  'background-repeat', 'background-size', 'background-color', 'seq',
]);
const PROPERTY = /^([a-z][a-z-]*):\s*(.*)$/;

/** Which lines sit inside a closed multi-line fence (unclosed fences do not count). */
function codeLines(lines: SourceLine[]): boolean[] {
  const inCode = new Array<boolean>(lines.length).fill(false);
  for (const span of findFences(lines.map((l) => l.text))) {
    for (let k = span.open; k <= span.close; k++) inCode[k] = true;
  }
  return inCode;
}

export function splitSlides(lines: SourceLine[]): RawSlide[] {
  const inCode = codeLines(lines);
  const chunks: SourceLine[][] = [[]];
  for (let i = 0; i < lines.length; i++) {
    if (!inCode[i] && lines[i].text.trimEnd() === '---') chunks.push([]);
    else chunks[chunks.length - 1].push(lines[i]);
  }
  const slides: RawSlide[] = [];
  let fallbackOrigin = lines[0] ?? { text: '', file: '<empty>', line: 1 };
  for (const chunk of chunks) {
    if (chunk.length === 0 || chunk.every((l) => !l.text.trim())) continue;
    slides.push(parseSlide(chunk, codeLines(chunk), fallbackOrigin));
    fallbackOrigin = chunk[chunk.length - 1];
  }
  return slides;
}

function isProperty(text: string): boolean {
  const m = PROPERTY.exec(text);
  return !!m && KNOWN_PROPERTIES.has(m[1]);
}

function parseSlide(chunk: SourceLine[], inCode: boolean[], fallbackOrigin: SourceLine): RawSlide {
  const properties: Record<string, string> = {};
  let i = 0;
  while (i < chunk.length && !chunk[i].text.trim()) i++;
  for (; i < chunk.length; i++) {
    const m = PROPERTY.exec(chunk[i].text);
    if (!m || !KNOWN_PROPERTIES.has(m[1])) break;
    properties[m[1]] = m[2].trim();
  }
  const lines: SourceLine[] = [];
  const incrementStarts = [0];
  const notes: SourceLine[] = [];
  let inNotes = false;
  for (; i < chunk.length; i++) {
    const line = chunk[i];
    if (inNotes) notes.push(line);
    else if (!inCode[i] && line.text.trimEnd() === '???') inNotes = true;
    else if (!inCode[i] && line.text.trimEnd() === '--') {
      incrementStarts.push(lines.length);
      // Remark reads `key: value` lines right after `--` as properties of that step: not text.
      while (i + 1 < chunk.length && isProperty(chunk[i + 1].text)) i++;
    } else lines.push(line);
  }
  return { properties, lines, incrementStarts, notes, origin: chunk[0] ?? fallbackOrigin };
}
