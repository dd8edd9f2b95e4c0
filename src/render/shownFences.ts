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

/** A markdown-it that only splits blocks: the same block rules as the renderer's, no inline parsing. */
function blockParser(): MarkdownIt {
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

/** The innermost block around a 0-based line of the parsed markdown that shows a fence as text. */
function whyText(tokens: Token[], line: number): string {
  let why = 'in text the reader does not show as a code block';
  for (const token of tokens) {
    if (token.map && token.map[0] <= line && line < token.map[1] && SHOWN_AS_TEXT[token.type]) why = SHOWN_AS_TEXT[token.type];
  }
  return why;
}

function lineAt(text: string, offset: number): number {
  // markdown-it reads a lone CR as a line break too.
  return text.slice(0, offset).match(/\r\n?|\n/g)?.length ?? 0;
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
  const tokens = blockParser().parse(markdown, {});
  const shown = new Set<string>();
  for (const token of tokens) {
    const marker = token.type === 'fence' ? SNIPPET_MARKER.exec(token.info) : null;
    if (marker) shown.add(`${marker[2]}:${marker[3]}`);
  }
  labs.forEach(({ lab, fences }, labIndex) => {
    if (skip.has(lab)) return;
    const snippet = fences.findIndex((f, n) => !scan.fences[f].hidden && !shown.has(`${labIndex}:${n}`));
    if (snippet < 0) return;
    const at = markdown.indexOf(`{ws-${RENDER_SECRET}:0:${labIndex}:${snippet}}`);
    result.set(lab, { why: whyText(tokens, lineAt(markdown, at)), fence: fences[snippet] });
  });
  return result;
}
