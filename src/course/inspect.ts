// The `inspect` views of a course: a summary for people and a JSON shape for tools.
import type { Course } from './model';

export interface InspectJson {
  title: string;
  parts: Array<{
    title: string;
    chapters: Array<{
      title: string;
      file: string;
      slides: Array<{
        index: number;
        line: number;
        classes: string[];
        name: string | null;
        labs: Array<{ line: number; snippets: Array<{ method: string; data: string; hidden: boolean; line: number }> }>;
      }>;
    }>;
  }>;
  problems: Array<{ file: string; line: number; message: string }>;
}

export function inspectJson(course: Course): InspectJson {
  return {
    title: course.title,
    parts: course.parts.map((part) => ({
      title: part.title,
      chapters: part.chapters.map((chapter) => ({
        title: chapter.title,
        file: chapter.file,
        slides: chapter.slides.map((slide) => ({
          index: slide.index,
          line: slide.line,
          classes: slide.classes,
          name: slide.name ?? null,
          labs: slide.labs.map((lab) => ({
            line: lab.line,
            snippets: lab.snippets.map(({ method, data, hidden, line }) => ({ method, data, hidden, line })),
          })),
        })),
      })),
    })),
    problems: course.problems.map(({ file, line, message }) => ({ file, line, message })),
  };
}

export function inspectText(course: Course): string {
  const out: string[] = [];
  const chapters = course.parts.flatMap((p) => p.chapters);
  const labs = chapters.flatMap((c) => c.slides.flatMap((s) => s.labs));
  const snippets = labs.flatMap((l) => l.snippets);
  const byMethod = new Map<string, number>();
  for (const s of snippets) byMethod.set(s.method || '(none)', (byMethod.get(s.method || '(none)') ?? 0) + 1);
  out.push(`${course.title || '(untitled course)'}`);
  out.push(`source: ${course.source}`);
  out.push(
    `${course.parts.length} parts, ${chapters.length} chapters, ${course.slideCount} slides, ${labs.length} labs, ${snippets.length} snippets`,
  );
  if (byMethod.size) {
    out.push('snippets by method: ' + [...byMethod].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(', '));
  }
  for (const part of course.parts) {
    out.push('');
    out.push(part.title ? `${part.title}` : '(sections outside the table of contents)');
    for (const chapter of part.chapters) {
      const chapterLabs = chapter.slides.reduce((n, s) => n + s.labs.length, 0);
      out.push(`  ${chapter.title}  [${chapter.file}, ${chapter.slides.length} slides, ${chapterLabs} labs]`);
    }
  }
  out.push('');
  if (course.problems.length === 0) out.push('no problems');
  else {
    out.push(`${course.problems.length} problem${course.problems.length === 1 ? '' : 's'}:`);
    for (const p of course.problems) out.push(`  ${p.file}:${p.line}: ${p.severity}: ${p.message}`);
  }
  return out.join('\n') + '\n';
}
