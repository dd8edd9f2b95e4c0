// Which labs the reader shows as code. markdown-it does not read every fence the course engine
// finds as a fence: inside raw HTML (an HTML block that no blank line ends), an indented code
// block or another fence, it is text. Such a lab gets no runnable block, so it must not run.
// The check runs markdown-it's block parser (no rendering) on the markdown the renderer renders.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { labFences, type ContentClass, type ScanResult } from '../course/scan';
import { RENDER_SECRET } from './ownMarkup';
import { prepareSlideMarkdown, SNIPPET_MARKER } from './prepare';

/** markdown-it's options for slides: the renderer and this check share them, so they read the same blocks. */
export const SLIDE_MARKDOWN_OPTIONS = { html: true, linkify: false, typographer: false, breaks: false } as const;

let parser: MarkdownIt | undefined;

/**
 * A markdown-it that only splits blocks: the same block rules as the renderer's, no inline
 * parsing. Its parse also collects the reference link definitions (a block rule).
 */
export function blockParser(): MarkdownIt {
  if (parser) return parser;
  parser = new MarkdownIt(SLIDE_MARKDOWN_OPTIONS);
  parser.core.ruler.enableOnly(['normalize', 'block']);
  return parser;
}

/** Why a lab does not run, and the first of its fences the reader shows as text. */
export interface NotShown {
  why: string;
  /** Index in the scan's fences. */
  fence: number;
}

const SHOWN_AS_TEXT: Record<string, string> = {
  html_block: 'inside raw HTML, which shows its command as text',
  code_block: 'inside an indented code block, which shows its command as text',
  fence: 'inside another code block, which shows its command as text',
};
const ELSEWHERE = 'in text the reader does not show as a code block';

/**
 * Why each 0-based line (ascending) of the parsed markdown is not a fence of its own: the leaf
 * block that holds it as text. Leaf blocks never nest and come in order, so one sweep does.
 */
function whyText(tokens: Token[], lines: number[]): string[] {
  const leaves = tokens.filter((t) => t.map && SHOWN_AS_TEXT[t.type]);
  let next = 0;
  return lines.map((line) => {
    while (next < leaves.length && leaves[next].map![1] <= line) next++;
    const leaf = leaves[next];
    return leaf && leaf.map![0] <= line ? SHOWN_AS_TEXT[leaf.type] : ELSEWHERE;
  });
}

/** The markers of the prepared markdown (`<lab>:<snippet>`), each with its 0-based line, in one pass. */
function markerLines(markdown: string): Map<string, number> {
  const lines = new Map<string, number>();
  // markdown-it reads a lone CR as a line break too.
  const pattern = new RegExp(`\\r\\n?|\\n|\\{ws-${RENDER_SECRET}:0:(\\d+):(\\d+)\\}`, 'g');
  let line = 0;
  for (const m of markdown.matchAll(pattern)) {
    if (m[1] === undefined) line++;
    else lines.set(`${m[1]}:${m[2]}`, line);
  }
  return lines;
}

/**
 * The labs of `scan` (a scan of `text`) that hold a fence markdown-it does not read as a fence,
 * leaving out those in `skip` (labs already known not to run). Fences inside HTML comments are
 * the autopilot's hidden directives, never shown: they do not count.
 */
export function labsNotShownAsCode(text: string, scan: ScanResult, skip: ReadonlyMap<ContentClass, unknown>): Map<ContentClass, NotShown> {
  const result = new Map<ContentClass, NotShown>();
  const labs = labFences(scan);
  if (!labs.some(({ lab, fences }) => !skip.has(lab) && fences.some((f) => !scan.fences[f].hidden))) return result;
  // Every lab marked: whether a lab runs changes none of the block structure.
  const markdown = prepareSlideMarkdown(text, 0, scan, () => true);
  // markdown-it settles the blocks up to a line from the lines before it (a table looks one line
  // ahead), so the text after the line that follows the last marker cannot change what is a fence.
  const lastMarker = markdown.lastIndexOf(`{ws-${RENDER_SECRET}:0:`);
  const markerEnd = lastMarker < 0 ? -1 : markdown.indexOf('\n', lastMarker);
  const lineAfter = markerEnd < 0 ? -1 : markdown.indexOf('\n', markerEnd + 1);
  const tokens = blockParser().parse(lineAfter < 0 ? markdown : markdown.slice(0, lineAfter), {});
  const shown = new Set<string>();
  for (const token of tokens) {
    const marker = token.type === 'fence' ? SNIPPET_MARKER.exec(token.info) : null;
    if (marker) shown.add(`${marker[2]}:${marker[3]}`);
  }
  const missing: Array<{ lab: ContentClass; fence: number; snippet: number; labIndex: number; line: number }> = [];
  labs.forEach(({ lab, fences }, labIndex) => {
    if (skip.has(lab)) return;
    const snippet = fences.findIndex((f, n) => !scan.fences[f].hidden && !shown.has(`${labIndex}:${n}`));
    if (snippet >= 0) missing.push({ lab, fence: fences[snippet], snippet, labIndex, line: Infinity });
  });
  if (missing.length === 0) return result;
  // Lines are needed only to say why (most slides have no lab shown as text).
  const lines = markerLines(markdown);
  for (const m of missing) m.line = lines.get(`${m.labIndex}:${m.snippet}`) ?? Infinity;
  missing.sort((a, b) => a.line - b.line);
  const why = whyText(tokens, missing.map((m) => m.line));
  missing.forEach(({ lab, fence }, i) => result.set(lab, { why: why[i], fence }));
  return result;
}
