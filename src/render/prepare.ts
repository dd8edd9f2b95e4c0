// Rewrites a slide's markdown before markdown-it sees it: `.name[...]` content
// classes become elements, and the fences of labs are tagged with their
// snippet key so the fence renderer can mark them as runnable.
import { hiddenLabs } from '../course/hiddenLabs';
import { labFences, scanMarkdown, type ContentClass, type Fence, type ScanResult } from '../course/scan';
import { lowerBound } from '../course/sorted';
import { courseClasses, OWN_ATTRIBUTE, RENDER_SECRET as SECRET } from './ownMarkup';

// Only this renderer marks a fence runnable: the marker it appends to a lab fence's info
// string holds a secret of this process, so a course cannot write one by hand.

/** Marker appended to a lab fence's info string: ` {ws-<secret>:<slide>:<lab>:<snippet>}`. */
export const SNIPPET_MARKER = new RegExp(`\\s*\\{ws-${SECRET}:(\\d+):(\\d+):(\\d+)\\}\\s*$`);
/** How every marker starts: HTML without it holds no stray marker. */
export const MARKER_START = `{ws-${SECRET}:`;
/** The same marker anywhere in rendered HTML: left only where markdown-it saw no fence. */
export const STRAY_MARKER = new RegExp(` ?\\{ws-${SECRET}:\\d+:\\d+:\\d+\\}`, 'g');

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Where the line holding an offset starts and ends: one sweep for the newlines, then a binary
 * search per offset, however many fences or classes share a line.
 */
function lineBounds(text: string): (offset: number) => { start: number; end: number } {
  let newlines: number[] | undefined;
  return (offset) => {
    // Swept on first use: most slides have no content class and no indented fence.
    newlines ??= newlineOffsets(text);
    const lo = lowerBound(newlines, offset);
    return { start: lo > 0 ? newlines[lo - 1] + 1 : 0, end: lo < newlines.length ? newlines[lo] : text.length };
  };
}

function newlineOffsets(text: string): number[] {
  const newlines: number[] = [];
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) newlines.push(nl);
  return newlines;
}

/** Columns of leading white space, tabs to the next multiple of 4 (as CommonMark counts them). */
function columns(indent: string): number {
  let col = 0;
  for (const ch of indent) col = ch === '\t' ? col + 4 - (col % 4) : col + 1;
  return col;
}

/**
 * A lab's fence is a fence for the engine however deep it is indented, but markdown-it reads
 * an opener or closer indented 4 columns or more (once the lab is its own block) as indented
 * code. Such lines lose their indentation, so the reader shows the runnable block it runs.
 */
function outdentFence(markdown: string, start: number, indent: string, end: number): Edit[] {
  const edits: Edit[] = [];
  if (columns(indent) >= 4) edits.push({ start: start - indent.length, end: start, text: '' });
  const closeLine = markdown.lastIndexOf('\n', end - 1) + 1;
  const closeIndent = /^[ \t]*/.exec(markdown.slice(closeLine, end))![0];
  if (columns(closeIndent) >= 4) edits.push({ start: closeLine, end: closeLine + closeIndent.length, text: '' });
  return edits;
}

/**
 * A fence indented under a list item (`  ```` `) whose lines start further left (pasted
 * output): Remark keeps them in the item's code block, markdown-it ends the item there and
 * shows an empty block. Such lines gain the opener's indentation, which markdown-it strips
 * again from a fence's lines, so the block shows them unchanged, inside the item.
 */
function padFenceContent(markdown: string, fence: Fence, lineOf: (offset: number) => { start: number; end: number }): Edit[] {
  const width = columns(fence.indent);
  if (width === 0 || width >= 4 || /\t/.test(fence.indent)) return [];
  const edits: Edit[] = [];
  const pad = ' '.repeat(width);
  for (let at = lineOf(fence.start).end + 1; at < fence.end; at = lineOf(at).end + 1) {
    const lead = /^ */.exec(markdown.slice(at, at + width))![0].length;
    if (lead < width && markdown[at] !== '\n') edits.push({ start: at, end: at, text: pad });
  }
  return edits;
}

/**
 * A lab on one line of its own holding a one-line fence (`.lab[```bash ls```]`): as a `<span>`
 * alone on its line it would open an HTML block that shows the fence as text, so it is a block.
 */
function ownLineOneLineLab(markdown: string, cls: ContentClass, fences: Fence[], lineStart: number): boolean {
  return fences.some((f) => f.oneLine && !f.hidden) && columns(markdown.slice(lineStart, cls.start)) < 4 && !markdown.slice(lineStart, cls.start).trim();
}

/**
 * The markdown markdown-it renders for a slide. `runnable` says which labs (by index) get Run
 * buttons; by default every lab the reader does not hide. The renderer passes the course
 * engine's decision (`Lab.hiddenBy`). Whether a lab runs changes only its markers and the
 * attributes of its element, never the block structure, so that what the engine checked
 * (`src/render/shownFences.ts`) is what the reader shows.
 */
export function prepareSlideMarkdown(
  markdown: string,
  slideIndex: number,
  scan: ScanResult = scanMarkdown(markdown),
  runnable?: (labIndex: number) => boolean,
): string {
  const edits: Edit[] = [];
  const labs = labFences(scan);
  const labIndexOf = new Map(labs.map(({ lab }, i) => [lab, i] as const));
  const hidden = runnable ? undefined : hiddenLabs(markdown, scan);
  // A lab the reader hides is not marked runnable: its blocks show as plain code, with Copy only.
  const runs = runnable ?? ((i: number) => !hidden!.has(labs[i].lab));
  const lineOf = lineBounds(markdown);

  for (const cls of scan.classes) {
    const labIndex = labIndexOf.get(cls) ?? -1;
    const block = lineOf(cls.innerStart).end < cls.innerEnd || ownLineOneLineLab(markdown, cls, labIndex < 0 ? [] : labs[labIndex].fences.map((f) => scan.fences[f]), lineOf(cls.start).start);
    const marked = labIndex >= 0 && runs(labIndex);
    const attrs = ` ${OWN_ATTRIBUTE}` + (marked ? ` data-lab="${slideIndex}:${labIndex}"` : '');
    const name = courseClasses(cls.name);
    const classes = marked ? (name ? `${name} lab` : 'lab') : name;
    const classAttr = classes ? ` class="${classes}"` : '';
    if (block) {
      edits.push({ start: cls.start, end: cls.innerStart, text: `\n\n<div${classAttr}${attrs}>\n\n` });
      edits.push({ start: cls.innerEnd, end: cls.end, text: '\n\n</div>\n\n' });
    } else {
      edits.push({ start: cls.start, end: cls.innerStart, text: `<span${classAttr}${attrs}>` });
      edits.push({ start: cls.innerEnd, end: cls.end, text: '</span>' });
    }
    if (labIndex < 0) continue;
    labs[labIndex].fences.forEach((fenceIndex, snippet) => {
      const fence = scan.fences[fenceIndex];
      const key = marked ? ` {ws-${SECRET}:${slideIndex}:${labIndex}:${snippet}}` : '';
      if (fence.hidden) return;
      if (fence.oneLine) {
        // Shown as a block of its own, at the indentation of the line's content
        // (inside a list item, after its marker).
        const line = lineOf(fence.start);
        const before = markdown.slice(line.start, fence.start);
        const indent = ' '.repeat(/^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*/.exec(before)![0].length);
        const lead = before.trim() ? `\n${indent}` : '';
        // Text after it on the line starts a line of its own: a closing fence has nothing after it.
        const trail = markdown.slice(fence.end, line.end).trim() ? `\n${indent}` : '';
        edits.push({
          start: fence.start,
          end: fence.end,
          text: `${lead}\`\`\`${fence.method}${key}\n${indent}${fence.data}\n${indent}\`\`\`${trail}`,
        });
      } else {
        const eol = markdown.indexOf('\n', fence.start);
        if (key) edits.push({ start: eol, end: eol, text: key });
        edits.push(...outdentFence(markdown, fence.start, fence.indent, fence.end));
      }
    });
  }

  for (const fence of scan.fences) if (!fence.oneLine && !fence.hidden) edits.push(...padFenceContent(markdown, fence, lineOf));

  if (edits.length === 0) return markdown;
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) continue; // overlapping edits cannot happen with a sound scan; skip defensively
    out += markdown.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + markdown.slice(at);
}
