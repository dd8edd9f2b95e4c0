// Rewrites a slide's markdown before markdown-it sees it: `.name[...]` content
// classes become elements, and the fences of labs are tagged with their
// snippet key so the fence renderer can mark them as runnable.
import { hiddenLabs } from '../course/hiddenLabs';
import { labFences, scanMarkdown, type ScanResult } from '../course/scan';
import { courseClasses, OWN_ATTRIBUTE, RENDER_SECRET as SECRET } from './ownMarkup';

// Only this renderer marks a fence runnable: the marker it appends to a lab fence's info
// string holds a secret of this process, so a course cannot write one by hand.

/** Marker appended to a lab fence's info string: ` {ws-<secret>:<slide>:<lab>:<snippet>}`. */
export const SNIPPET_MARKER = new RegExp(`\\s*\\{ws-${SECRET}:(\\d+):(\\d+):(\\d+)\\}\\s*$`);

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function prepareSlideMarkdown(markdown: string, slideIndex: number, scan: ScanResult = scanMarkdown(markdown)): string {
  const edits: Edit[] = [];
  const labs = labFences(scan);
  const hidden = hiddenLabs(markdown, scan);
  // A lab the reader hides is not marked runnable: its blocks show as plain code, with Copy only.
  const labIndexOf = new Map(labs.flatMap(({ lab }, i) => (hidden.has(lab) ? [] : [[lab, i] as const])));

  for (const cls of scan.classes) {
    const block = markdown.slice(cls.innerStart, cls.innerEnd).includes('\n');
    const labIndex = labIndexOf.get(cls) ?? -1;
    const attrs = ` ${OWN_ATTRIBUTE}` + (labIndex >= 0 ? ` data-lab="${slideIndex}:${labIndex}"` : '');
    const name = courseClasses(cls.name);
    const classes = labIndex >= 0 ? (name ? `${name} lab` : 'lab') : name;
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
      const key = `{ws-${SECRET}:${slideIndex}:${labIndex}:${snippet}}`;
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
