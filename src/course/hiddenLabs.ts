// Which labs of a slide the reader does not show. A lab runs only if the reader shows it: one
// inside an element the reader hides (`<div class="debug">`, `.debug[...]`, a `<details>`, which
// the sanitizer always leaves collapsed) gets no Run button, and Run all, Next step and progress
// leave it out. The course engine and the renderer both ask here, so they always agree.
import { isLabClass, MAX_LABS_PER_SLIDE, type ContentClass, type ScanResult } from './scan';
import { inRanges, mergeRanges } from './sorted';

/** Classes that media/reader.css hides (`display: none`); a unit test checks the two agree. */
export const HIDING_CLASSES: readonly string[] = ['debug', 'nav-links'];

const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Attributes stop at the next `<`, so that a tag left unclosed costs no more than the text up to the next one.
const TAG = /<(\/?)([A-Za-z][\w-]*)((?:[^<>"']|"[^<>"]*"|'[^<>']*')*)>/g;
const CLASS_ATTRIBUTE = /\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

function hidingClass(classes: string): string | undefined {
  return classes.split(/\s+/).find((c) => HIDING_CLASSES.includes(c.toLowerCase()));
}

/** Why an open tag hides what it holds, or undefined. */
function hidesContent(name: string, attributes: string): string | undefined {
  if (name === 'details') return 'inside <details>, which the reader shows collapsed';
  const m = CLASS_ATTRIBUTE.exec(attributes);
  const hiding = m && hidingClass(m[1] ?? m[2] ?? m[3] ?? '');
  return hiding ? `inside <${name} class="${hiding}">, which the reader hides` : undefined;
}

/** For offsets visited in increasing order: whether an odd number of backticks precede it on its line (inline code). */
function inlineCodeTracker(text: string): (offset: number) => boolean {
  let lineStart = 0;
  let scanned = 0;
  let ticks = 0;
  return (offset) => {
    const start = text.lastIndexOf('\n', offset - 1) + 1;
    if (start !== lineStart) {
      lineStart = start;
      scanned = start;
      ticks = 0;
    }
    for (; scanned < offset; scanned++) if (text.charCodeAt(scanned) === 96) ticks++;
    return ticks % 2 === 1;
  };
}

/**
 * The labs of `scan` (a scan of `text`) that sit inside an element the reader hides, each with
 * why. An element left open hides everything after it, as the sanitizer keeps it open.
 */
export function hiddenLabs(text: string, scan: Pick<ScanResult, 'classes' | 'fences' | 'comments'>): Map<ContentClass, string> {
  const hidden = new Map<ContentClass, string>();
  const labs = scan.classes.filter((c) => isLabClass(c.name)).slice(0, MAX_LABS_PER_SLIDE);
  if (!labs.length) return hidden;
  const hidingClasses = scan.classes.flatMap((c) => {
    const hiding = hidingClass(c.name);
    return hiding ? [{ start: c.innerStart, end: c.innerEnd, why: `inside .${hiding}[...], which the reader hides` }] : [];
  });
  const skip = mergeRanges([...scan.fences.filter((f) => !f.oneLine), ...scan.comments]);
  const inInlineCode = inlineCodeTracker(text);
  const elements = new OpenElements();
  let next = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    if (inRanges(skip, m.index) || inInlineCode(m.index)) continue;
    next = markLabs(labs, next, m.index, elements, hidingClasses, hidden);
    const name = m[2].toLowerCase();
    if (m[1]) elements.close(name);
    else if (!VOID_TAGS.has(name) && !m[3].trimEnd().endsWith('/')) elements.open(name, hidesContent(name, m[3]));
  }
  markLabs(labs, next, Infinity, elements, hidingClasses, hidden);
  return hidden;
}

/**
 * Labs from `next` that start before `until` are hidden by the elements open there, or by a
 * hiding content class around them. Returns the index of the first lab after `until`.
 */
function markLabs(
  labs: ContentClass[],
  next: number,
  until: number,
  elements: OpenElements,
  hidingClasses: Array<{ start: number; end: number; why: string }>,
  hidden: Map<ContentClass, string>,
): number {
  for (; next < labs.length && labs[next].start < until; next++) {
    const lab = labs[next];
    const why = elements.hidingWhy() ?? hidingClasses.find((r) => r.start <= lab.start && lab.start < r.end)?.why;
    if (why) hidden.set(lab, why);
  }
  return next;
}

/** Open elements; where each name is open; which open elements hide (all as stacks, for linear time). */
class OpenElements {
  private readonly names: string[] = [];
  private readonly openAt = new Map<string, number[]>();
  private readonly hiding: Array<{ at: number; why: string }> = [];

  /** Why an open element hides what comes now (the outermost one that hides). */
  hidingWhy(): string | undefined {
    return this.hiding[0]?.why;
  }

  open(name: string, why: string | undefined): void {
    if (why) this.hiding.push({ at: this.names.length, why });
    let at = this.openAt.get(name);
    if (!at) this.openAt.set(name, (at = []));
    at.push(this.names.length);
    this.names.push(name);
  }

  /** Closes the innermost open element of that name and every element opened inside it. */
  close(name: string): void {
    const at = this.openAt.get(name)?.at(-1);
    if (at === undefined) return;
    while (this.names.length > at) this.openAt.get(this.names.pop()!)!.pop();
    while (this.hiding.length && this.hiding[this.hiding.length - 1].at >= at) this.hiding.pop();
  }
}
