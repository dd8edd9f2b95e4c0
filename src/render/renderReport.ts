// The `render` views of a course: each slide's HTML exactly as the reader's webview gets
// it, with the text Run and Copy use for each runnable block.
import type { Course, Problem, Slide } from '../course/model';
import { snippetText } from '../exercises/prepare';
import { SlideRenderer } from './slide';

export interface RenderJson {
  slides: Array<{
    index: number;
    html: string;
    snippets: Array<{ key: string; method: string; text: string; hidden: boolean }>;
  }>;
  problems: Array<{ file: string; line: number; message: string }>;
}

export interface RenderReportOptions {
  /** Only this slide (its index); default every slide. */
  slide?: number;
  /** False renders as in Restricted Mode (no remote images). */
  remoteImages?: boolean;
}

/** How a webview URI of a local file looks in VS Code, so the HTML matches the reader's. */
export function webviewResourceUrl(absolute: string): string {
  return `https://file%2B.vscode-resource.vscode-cdn.net${encodeURI(absolute.split('\\').join('/'))}`;
}

export function allSlides(course: Course): Slide[] {
  return course.parts.flatMap((p) => p.chapters.flatMap((c) => c.slides));
}

export function renderJson(course: Course, options: RenderReportOptions = {}): RenderJson {
  const renderer = new SlideRenderer(course, webviewResourceUrl, { remoteImages: options.remoteImages });
  const slides = allSlides(course).filter((s) => options.slide === undefined || s.index === options.slide);
  const problems: Problem[] = [...course.problems];
  const out: RenderJson['slides'] = [];
  for (const slide of slides) {
    const rendered = renderer.render(slide);
    problems.push(...rendered.problems);
    out.push({
      index: slide.index,
      html: rendered.html,
      snippets: slide.labs.flatMap((lab, l) =>
        lab.snippets.map((snippet, n) => ({
          key: `${slide.index}:${l}:${n}`,
          method: snippet.method,
          text: snippetText(snippet),
          hidden: snippet.hidden,
        })),
      ),
    });
  }
  return { slides: out, problems: problems.map(({ file, line, message }) => ({ file, line, message })) };
}

export function renderText(course: Course, report: RenderJson): string {
  const out: string[] = [`${course.title || '(untitled course)'}`, `source: ${course.source}`, `course root: ${course.root}`];
  for (const slide of report.slides) {
    const source = allSlides(course).find((s) => s.index === slide.index);
    out.push('', `slide ${slide.index}${source ? `  [${source.file}:${source.line}] ${source.title}` : ''}`);
    out.push(`  ${slide.html.length} characters of HTML, ${(slide.html.match(/<img /g) ?? []).length} images`);
    for (const snippet of slide.snippets) {
      const lines = snippet.text.split('\n');
      out.push(`  ${snippet.key} ${snippet.method}${snippet.hidden ? ' (hidden)' : ''}: ${lines[0]}${lines.length > 1 ? ` (+${lines.length - 1} lines)` : ''}`);
    }
  }
  out.push('');
  if (report.problems.length === 0) out.push('no problems');
  else {
    out.push(`${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}:`);
    for (const p of report.problems) out.push(`  ${p.file}:${p.line}: ${p.message}`);
  }
  return out.join('\n') + '\n';
}
