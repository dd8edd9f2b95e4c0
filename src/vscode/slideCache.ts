// Renders slides for one webview (local images need that webview's URIs) and keeps
// the most recent ones, so that going back and forth costs nothing.
import * as vscode from 'vscode';
import type { Problem } from '../course/model';
import type { HostMessage } from '../protocol';
import type { SlideRenderer } from '../render/slide';
import type { OpenCourse } from './courseLibrary';

export type SlideMessage = Extract<HostMessage, { type: 'slide' }>;

const CACHE_SIZE = 300;

export class SlideCache {
  private readonly rendered = new Map<string, SlideMessage>();
  private renderer?: { course: OpenCourse; renderer: SlideRenderer };

  constructor(
    private readonly webview: vscode.Webview,
    /** Links and images of a slide the renderer refused (outside the course and the like). */
    private readonly onRefused?: (problems: Problem[]) => void,
  ) {}

  /** The slide showing `step` increments (0: all of them). */
  async render(course: OpenCourse, index: number, step: number): Promise<SlideMessage> {
    const cacheKey = `${course.id}\n${index}\n${step}`;
    const cached = this.rendered.get(cacheKey);
    if (cached) return cached;
    // markdown-it, highlight.js and sanitize-html load with the first slide, not at activation.
    const { SlideRenderer } = await import('../render/slide');
    if (this.renderer?.course !== course) {
      const resolveLocalImage = (abs: string) => this.webview.asWebviewUri(vscode.Uri.file(abs)).toString();
      const remoteImages = vscode.workspace.isTrusted;
      this.renderer = { course, renderer: new SlideRenderer(course.index.course, resolveLocalImage, { remoteImages }) };
    }
    const slide = course.index.slides[index];
    const rendered = this.renderer.renderer.render(slide, step > 0 ? step : undefined);
    if (rendered.problems.length) this.onRefused?.(rendered.problems);
    const message: SlideMessage = {
      type: 'slide',
      courseId: course.id,
      index,
      chapter: course.index.chapterOfSlide[index],
      html: rendered.html,
      steps: rendered.steps,
      step: step > 0 ? Math.min(step, rendered.steps) : rendered.steps,
      classes: rendered.classes,
      title: slide.title,
      file: slide.file,
      line: slide.line,
    };
    if (this.rendered.size >= CACHE_SIZE) {
      const oldest = this.rendered.keys().next();
      if (!oldest.done) this.rendered.delete(oldest.value);
    }
    this.rendered.set(cacheKey, message);
    return message;
  }

  clear(): void {
    this.rendered.clear();
    this.renderer = undefined;
  }
}
