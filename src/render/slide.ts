// Renders one slide (or its first steps) to sanitized HTML for the reader.
import * as path from 'node:path';
import type { Course, Slide } from '../course/model';
import { slideMarkdown, type RenderEnv } from './markdown';
import { scanOf } from '../course/scan';
import { prepareSlideMarkdown } from './prepare';
import { RawHtmlSanitizer, type LinkTarget, type ResolveOptions } from './sanitize';

export interface RenderOptions {
  /**
   * How many increments to show (1 = the first step only). Default: all of them,
   * which is what a reader shows unless the user steps through.
   */
  steps?: number;
  /** Turns an absolute path of a local image into a URL the webview may load. */
  resolveLocalImage?: (absolutePath: string) => string | undefined;
}

export interface RenderedSlide {
  index: number;
  html: string;
  steps: number;
}

type CourseRoots = Pick<Course, 'baseDir' | 'repoRoot'>;

/** Renders the slides of one course for one webview; keeps what can be reused between slides. */
export class SlideRenderer {
  private readonly env: RenderEnv;

  constructor(course: CourseRoots, resolveLocalImage?: (absolutePath: string) => string | undefined) {
    const resolve: ResolveOptions = {
      resolveLink: (href) => resolveLink(course.baseDir, href),
      resolveImage: (src) => resolveImage(course, src, resolveLocalImage),
    };
    this.env = { resolve, sanitizer: new RawHtmlSanitizer(resolve) };
  }

  render(slide: Slide, steps?: number): RenderedSlide {
    const total = slide.increments.length;
    const shown = Math.max(1, Math.min(steps ?? total, total));
    const text = slide.increments.slice(0, shown).join('\n');
    const markdown = prepareSlideMarkdown(text, slide.index, scanOf(slide, text));
    this.env.sanitizer.reset();
    return { index: slide.index, html: slideMarkdown().render(markdown, this.env), steps: total };
  }
}

const renderers = new WeakMap<object, WeakMap<object, SlideRenderer>>();
const NO_RESOLVER = {};

/** One-off rendering; reuses a renderer per course and image resolver. */
export function renderSlide(course: CourseRoots, slide: Slide, options: RenderOptions = {}): RenderedSlide {
  let byResolver = renderers.get(course);
  if (!byResolver) renderers.set(course, (byResolver = new WeakMap()));
  const key = options.resolveLocalImage ?? NO_RESOLVER;
  let renderer = byResolver.get(key);
  if (!renderer) byResolver.set(key, (renderer = new SlideRenderer(course, options.resolveLocalImage)));
  return renderer.render(slide, options.steps);
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function resolveLink(baseDir: string, href: string): LinkTarget | undefined {
  const trimmed = href.trim();
  if (trimmed.startsWith('#')) return { kind: 'anchor', anchor: decodeSafely(trimmed.slice(1)) };
  const scheme = SCHEME.exec(trimmed)?.[1].toLowerCase();
  if (scheme) return scheme === 'http' || scheme === 'https' || scheme === 'mailto' ? { kind: 'external', url: trimmed } : undefined;
  if (trimmed.startsWith('//')) return undefined;
  const hash = trimmed.indexOf('#');
  const pathPart = hash === -1 ? trimmed : trimmed.slice(0, hash);
  const fragment = hash === -1 ? undefined : decodeSafely(trimmed.slice(hash + 1));
  // Links between decks of the built site (`kube-selfpaced.yml.html#toc-x`) point at a chapter.
  if (/\.html?$/i.test(pathPart) && fragment) return { kind: 'anchor', anchor: fragment };
  if (!pathPart) return fragment ? { kind: 'anchor', anchor: fragment } : undefined;
  return { kind: 'file', path: path.resolve(baseDir, decodeSafely(pathPart)), fragment };
}

function resolveImage(
  course: Pick<Course, 'baseDir' | 'repoRoot'>,
  src: string,
  resolveLocal: RenderOptions['resolveLocalImage'],
): string | undefined {
  const trimmed = src.trim();
  const scheme = SCHEME.exec(trimmed)?.[1].toLowerCase();
  if (scheme === 'https') return trimmed;
  if (scheme === 'data') return /^data:image\/(png|jpe?g|gif|webp|svg\+xml);/i.test(trimmed) ? trimmed : undefined;
  if (scheme || trimmed.startsWith('//') || !resolveLocal) return undefined;
  const absolute = path.resolve(course.baseDir, decodeSafely(trimmed.split(/[?#]/)[0]));
  const inside = path.relative(course.repoRoot, absolute);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
  return resolveLocal(absolute);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
