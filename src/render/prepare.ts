// Rewrites a slide's markdown before markdown-it sees it: `.name[...]` content
// classes become elements, and the fences of labs are tagged with their
// snippet key so the fence renderer can mark them as runnable.
import { isLabClass, scanMarkdown, type ScanResult } from '../course/scan';

/** Marker appended to a lab fence's info string: ` {ws:<slide>:<lab>:<snippet>}`. */
export const SNIPPET_MARKER = /\s*\{ws:(\d+):(\d+):(\d+)\}\s*$/;

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function prepareSlideMarkdown(markdown: string, slideIndex: number, scan: ScanResult = scanMarkdown(markdown)): string {
  const edits: Edit[] = [];
  const labs = scan.classes.filter((c) => isLabClass(c.name));
  const assigned = new Set<number>();

  for (const cls of scan.classes) {
    const block = markdown.slice(cls.innerStart, cls.innerEnd).includes('\n');
    const labIndex = labs.indexOf(cls);
    const attrs = labIndex >= 0 ? ` data-lab="${slideIndex}:${labIndex}"` : '';
    const name = cls.name.replace(/[^\w-]/g, '');
    const classes = labIndex >= 0 && name !== 'lab' ? `${name} lab` : name;
    if (block) {
      edits.push({ start: cls.start, end: cls.innerStart, text: `\n\n<div class="${classes}"${attrs}>\n\n` });
      edits.push({ start: cls.innerEnd, end: cls.end, text: '\n\n</div>\n\n' });
    } else {
      edits.push({ start: cls.start, end: cls.innerStart, text: `<span class="${classes}"${attrs}>` });
      edits.push({ start: cls.innerEnd, end: cls.end, text: '</span>' });
    }
    if (labIndex < 0) continue;
    let snippet = 0;
    scan.fences.forEach((fence, fenceIndex) => {
      if (fence.start < cls.innerStart || fence.start >= cls.innerEnd || assigned.has(fenceIndex)) return;
      assigned.add(fenceIndex);
      const key = `{ws:${slideIndex}:${labIndex}:${snippet++}}`;
      if (fence.hidden) return;
      if (fence.oneLine) {
        // Shown as a block of its own, at the indentation of the line's content
        // (inside a list item, after its marker).
        const lineStart = markdown.lastIndexOf('\n', fence.start - 1) + 1;
        const before = markdown.slice(lineStart, fence.start);
        const indent = ' '.repeat(/^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*/.exec(before)![0].length);
        const lead = before.trim() ? `\n${indent}` : '';
        edits.push({
          start: fence.start,
          end: fence.end,
          text: `${lead}\`\`\`${fence.method} ${key}\n${indent}${fence.data}\n${indent}\`\`\``,
        });
      } else {
        const eol = markdown.indexOf('\n', fence.start);
        edits.push({ start: eol, end: eol, text: ` ${key}` });
      }
    });
  }

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
