// Finds the structure of one slide's markdown: fenced blocks, HTML comments and
// `.name[...]` content classes, with offsets. The course engine and the renderer
// both use it, so that lab and snippet numbering always agree.
import { backtickRuns } from './backticks';
import { findFences } from './fences';
import { inRanges } from './sorted';

export interface Fence {
  /** Offsets of the whole fence (first char of the opening line to end of closing line, or of the one-line form). */
  start: number;
  end: number;
  /** 0-based line within the scanned text. */
  line: number;
  info: string;
  method: string;
  data: string;
  oneLine: boolean;
  /** Inside an HTML comment: a directive for replay only. */
  hidden: boolean;
  /** Leading white space of the opening line (multi-line fences). */
  indent: string;
}

export interface ContentClass {
  name: string;
  /** Offset of the leading `.`. */
  start: number;
  /** Offset just after `[`. */
  innerStart: number;
  /** Offset of the closing `]`. */
  innerEnd: number;
  /** Offset just after the closing `]`. */
  end: number;
  line: number;
}

export interface ScanProblem {
  line: number;
  message: string;
}

export interface ScanResult {
  fences: Fence[];
  comments: Array<{ start: number; end: number }>;
  classes: ContentClass[];
  problems: ScanProblem[];
}

// Upstream splits at the first space and keeps the rest as it is, trailing spaces included
// (`keys kubectl delete pod ` types the space before the pasted name).
const ONE_LINE_FENCE = /```([^`\s]*)(?:[ \t]([^`]*))?```/g;
const CLASS_START = /\.([A-Za-z_][\w-]*)\[/y;
const INTERESTING = /[\\`.[\]]/g;

interface LineInfo {
  start: number;
  end: number; // offset of the newline (or text end)
  text: string;
}

function splitLines(text: string): LineInfo[] {
  const lines: LineInfo[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start, end, text: text.slice(start, end) });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

function methodOf(info: string): string {
  const trimmed = info.trim();
  const space = trimmed.search(/\s/);
  return space === -1 ? trimmed : trimmed.slice(0, space);
}

/**
 * The scan of each slide's whole text, kept by the engine so the renderer does not
 * scan it again. Keyed by the slide object; the text is checked before reuse.
 */
const slideScans = new WeakMap<object, { text: string; scan: ScanResult }>();

export function rememberScan(slide: object, text: string, scan: ScanResult): void {
  slideScans.set(slide, { text, scan });
}

/** The remembered scan of `slide` if it was made of exactly `text`, else a new scan. */
export function scanOf(slide: object, text: string): ScanResult {
  const known = slideScans.get(slide);
  return known && known.text === text ? known.scan : scanMarkdown(text);
}

/** Unclosed fences (and content classes) reported one by one in a slide; the rest get one problem. */
export const MAX_REPORTED_UNCLOSED = 20;

/** Scans markdown. Never throws; oddities become problems. */
export function scanMarkdown(text: string): ScanResult {
  const lines = splitLines(text);
  const fences: Fence[] = [];
  const problems: ScanProblem[] = [];
  // Character ranges that are code (multi-line fences): skipped by the other scans.
  const codeRanges: Array<{ start: number; end: number }> = [];

  let unclosed = 0;
  const spans = findFences(lines.map((l) => l.text), (line, marker, info) => {
    if (++unclosed <= MAX_REPORTED_UNCLOSED) problems.push({ line, message: `code fence ${marker}${info} is never closed` });
    else if (unclosed === MAX_REPORTED_UNCLOSED + 1) problems.push({ line, message: 'more code fences from here on are never closed (not listed one by one)' });
  });
  for (const span of spans) {
    const start = lines[span.open].start + span.column;
    const end = lines[span.close].start + span.closeEnd;
    fences.push({
      start,
      end,
      line: span.open,
      info: span.info,
      method: methodOf(span.info),
      data: lines
        .slice(span.open + 1, span.close)
        .map((l) => l.text)
        .join('\n'),
      oneLine: false,
      hidden: false,
      indent: span.indent,
    });
    codeRanges.push({ start, end });
  }

  // HTML comments outside code.
  const comments: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open === -1) break;
    if (inRanges(codeRanges, open)) {
      from = open + 4;
      continue;
    }
    const close = text.indexOf('-->', open + 4);
    if (close === -1) {
      problems.push({ line: lineAt(lines, open), message: 'HTML comment is never closed' });
      comments.push({ start: open, end: text.length });
      break;
    }
    comments.push({ start: open, end: close + 3 });
    from = close + 3;
  }
  // One-line fences (```method data```), possibly several on a line or after other text.
  for (let i = 0; i < lines.length; i++) {
    const { text: lineText, start } = lines[i];
    if (!lineText.includes('```') || inRanges(codeRanges, start)) continue;
    ONE_LINE_FENCE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = ONE_LINE_FENCE.exec(lineText))) {
      const method = m[1];
      fences.push({
        start: start + m.index,
        end: start + m.index + m[0].length,
        line: i,
        info: (method + (m[2] ? ' ' + m[2] : '')).trim(),
        method,
        data: m[2] ?? '',
        oneLine: true,
        hidden: false,
        indent: '',
      });
    }
  }
  fences.sort((a, b) => a.start - b.start);
  for (const fence of fences) fence.hidden = inRanges(comments, fence.start);

  const classes = scanClasses(text, lines, [...codeRanges, ...comments], problems, 0, text.length);
  // A whole lab can sit in a comment: the autopilot replays it, the reader never shows it.
  for (const comment of comments) {
    const inner = scanClasses(text, lines, codeRanges, [], comment.start + 4, comment.end);
    classes.push(...inner.filter((c) => isLabClass(c.name)));
  }
  classes.sort((a, b) => a.start - b.start);
  problems.sort((a, b) => a.line - b.line);
  return { fences, comments, classes, problems };
}

function lineAt(lines: LineInfo[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function scanClasses(
  text: string,
  lines: LineInfo[],
  skipRanges: Array<{ start: number; end: number }>,
  problems: ScanProblem[],
  from: number,
  to: number,
): ContentClass[] {
  const skips = [...skipRanges].sort((a, b) => a.start - b.start);
  const classes: ContentClass[] = [];
  const stack: Array<{ name?: string; start: number; innerStart: number }> = [];
  let skip = 0;
  let nextBlank = -2;
  const nextRun = backtickRuns(text, from, to);
  let i = from;
  while (i < to) {
    while (skip < skips.length && skips[skip].end <= i) skip++;
    if (skip < skips.length && skips[skip].start <= i) {
      i = skips[skip].end;
      continue;
    }
    // Jump over plain text to the next character that matters.
    INTERESTING.lastIndex = i;
    const next = INTERESTING.exec(text)?.index ?? to;
    if (next > i) {
      i = next;
      continue;
    }
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '`') {
      // Inline code span: brackets inside it do not count.
      let run = 1;
      while (text[i + run] === '`') run++;
      const close = nextRun(run, i + run);
      // The next blank line, found once per paragraph rather than once per code span.
      if (nextBlank !== -1 && nextBlank < i + run) nextBlank = text.indexOf('\n\n', i + run);
      const newline = nextBlank;
      if (close !== -1 && (newline === -1 || close < newline)) {
        i = close + run;
        continue;
      }
      i += run;
      continue;
    }
    if (ch === '.') {
      CLASS_START.lastIndex = i;
      const m = CLASS_START.exec(text);
      const prev = i > 0 ? text[i - 1] : '\n';
      // Remark reads `.name[` right after a word too (`we.red[¹]`); a lab must start its own
      // word, so that what runs never depends on that reading.
      if (m && (!/[\w\])]/.test(prev) || (/\w/.test(prev) && !isLabClass(m[1])))) {
        stack.push({ name: m[1], start: i, innerStart: i + m[0].length });
        i += m[0].length;
        continue;
      }
    }
    if (ch === '[') stack.push({ start: i, innerStart: i + 1 });
    else if (ch === ']') {
      const top = stack.pop();
      if (top?.name) {
        classes.push({
          name: top.name,
          start: top.start,
          innerStart: top.innerStart,
          innerEnd: i,
          end: i + 1,
          line: lineAt(lines, top.start),
        });
      }
    }
    i++;
  }
  let unclosed = 0;
  for (const open of stack) {
    if (!open.name) continue;
    const line = lineAt(lines, open.start);
    if (++unclosed <= MAX_REPORTED_UNCLOSED) problems.push({ line, message: `.${open.name}[ is never closed (unbalanced brackets)` });
    else if (unclosed === MAX_REPORTED_UNCLOSED + 1) problems.push({ line, message: 'more content classes from here on are never closed (not listed one by one)' });
  }
  classes.sort((a, b) => a.start - b.start);
  return classes;
}

/** Labs of one slide that can run; far above any real slide. Later ones show as plain text. */
export const MAX_LABS_PER_SLIDE = 100;
/** Commands of one lab that can run (real labs hold a handful). Later ones show as plain code. */
export const MAX_SNIPPETS_PER_LAB = 200;

export interface LabFences {
  lab: ContentClass;
  /** Indexes into the scan's fences, at most {@link MAX_SNIPPETS_PER_LAB}. */
  fences: number[];
  /** The first fence of the lab left out by that limit. */
  dropped?: number;
}

/**
 * The labs of a scan (at most {@link MAX_LABS_PER_SLIDE}), each with the indexes of its
 * fences, in O(labs + fences). A fence belongs to the first lab (by start) around it; lab
 * ranges nest or are disjoint (they come from bracket matching), so a lab inside another
 * one gets no fence of its own.
 */
export function labFences(scan: Pick<ScanResult, 'classes' | 'fences'>): LabFences[] {
  const labs = scan.classes.filter((c) => isLabClass(c.name)).slice(0, MAX_LABS_PER_SLIDE);
  const out: LabFences[] = [];
  let next = 0;
  let coveredUntil = -1;
  for (const lab of labs) {
    const entry: LabFences = { lab, fences: [] };
    out.push(entry);
    if (lab.innerStart < coveredUntil) continue;
    coveredUntil = lab.innerEnd;
    while (next < scan.fences.length && scan.fences[next].start < lab.innerStart) next++;
    for (; next < scan.fences.length && scan.fences[next].start < lab.innerEnd; next++) {
      if (entry.fences.length < MAX_SNIPPETS_PER_LAB) entry.fences.push(next);
      else entry.dropped ??= next;
    }
  }
  return out;
}

/** Labs are `.lab[...]` blocks (older decks: `.exercise[...]`). */
export function isLabClass(name: string): boolean {
  return name === 'lab' || name === 'exercise';
}

/** Autopilot methods: the info strings that the replay of a lab understands. */
export const LAB_METHODS = new Set([
  'bash', 'key', 'keys', 'wait', 'longwait', 'hide', 'copy', 'paste', 'check', 'open', 'tmux',
  'copypaste', // an older name of copy followed by paste
  'look', // the autopilot only logs it: nothing to run
]);

/** Info strings of code shown to the reader (not run). */
export const DISPLAY_LANGUAGES = new Set([
  '', 'yaml', 'yml', 'json', 'dockerfile', 'docker', 'go', 'python', 'py', 'js', 'javascript', 'ts',
  'typescript', 'sh', 'shell', 'console', 'text', 'txt', 'plaintext', 'ini', 'toml', 'xml', 'html',
  'css', 'hcl', 'diff', 'sql', 'ruby', 'java', 'c', 'cpp', 'rust', 'makefile', 'nginx', 'conf',
  'properties', 'groovy', 'terraform', 'tf', 'jsonnet', 'cue', 'http', 'graphql', 'lua', 'php',
  'perl', 'markdown', 'md', 'mermaid', 'powershell', 'ps1', 'bat', 'cmd', 'zsh', 'fish', 'rego',
  'promql', 'csv', 'env', 'log', 'none', 'plain', 'kotlin', 'scala', 'erlang', 'elixir', 'haskell',
]);
