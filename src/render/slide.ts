// Renders one slide (or its first steps) to sanitized HTML for the reader.
import * as path from 'node:path';
import type { Course, CourseFileSystem, Problem, Slide } from '../course/model';
import { OUTSIDE, refusalOf } from '../course/confine';
import { nodeFileSystem } from '../course/nodeFileSystem';
import { snippetText } from '../exercises/prepare';
import { slideMarkdown, type RenderEnv } from './markdown';
import { DeckLinks } from './deckLinks';
import { blockParser } from './shownFences';
import { scanOf } from '../course/scan';
import { MARKER_START, prepareSlideMarkdown, STRAY_MARKER } from './prepare';
import { RawHtmlSanitizer, type LinkTarget, type ResolveOptions } from './sanitize';
import { showInvisible } from '../text/inert';
import { unsafeUrlReason } from '../text/unsafeUrl';

export interface RenderOptions {
  /**
   * How many increments to show (1 = the first step only). Default: all of them,
   * which is what a reader shows unless the user steps through.
   */
  steps?: number;
  /** Turns an absolute path of a local image into a URL the webview may load. */
  resolveLocalImage?: (absolutePath: string) => string | undefined;
}

export interface RendererOptions {
  /** False in Restricted Mode: remote images show their alt text and a note instead. */
  remoteImages?: boolean;
  /** Follows symlinks of local images (default: the disk). */
  fs?: Pick<CourseFileSystem, 'realpath'>;
}

export interface RenderedSlide {
  index: number;
  html: string;
  steps: number;
  /** The slide's classes at the last step shown (a step may set its own). */
  classes: string[];
  /** Links and images of the slide that were refused (outside the course and the like). */
  problems: Problem[];
}

/** What the renderer needs of a course; with its parts, links resolve across the whole deck. */
type CourseRoots = Pick<Course, 'baseDir' | 'repoRoot' | 'root'> & Partial<Pick<Course, 'parts'>>;

export const RESTRICTED_IMAGE_NOTE = 'remote image not loaded in Restricted Mode';

/** Renders the slides of one course for one webview; keeps what can be reused between slides. */
export class SlideRenderer {
  private readonly env: RenderEnv;
  private refused: string[] = [];
  private readonly links: DeckLinks;

  constructor(course: CourseRoots, resolveLocalImage?: (absolutePath: string) => string | undefined, options: RendererOptions = {}) {
    const fs = options.fs ?? nodeFileSystem;
    const refuse = (what: string) => {
      this.refused.push(what);
      return undefined;
    };
    const resolve: ResolveOptions = {
      resolveLink: (href) => {
        const unsafe = unsafeUrlReason(href.trim());
        if (unsafe) return refuse(`link ${showInvisible(href)}: ${unsafe}`);
        const target = resolveLink(course.baseDir, href);
        if (target?.kind !== 'file') return target;
        const refused = isAbsoluteHref(href) ? OUTSIDE : refusalOf(fs, course.root, target.path);
        return refused ? refuse(`link ${href}: ${refused}`) : target;
      },
      resolveImage: (src) => {
        const resolved = resolveImage(course, src, resolveLocalImage, fs, options.remoteImages !== false);
        if (resolved.refused) refuse(`image ${showInvisible(src)}: ${resolved.refused}`);
        return resolved;
      },
    };
    this.env = { resolve, sanitizer: new RawHtmlSanitizer(resolve) };
    this.links = new DeckLinks(blockParser(), () => (course.parts ?? []).flatMap((p) => p.chapters.flatMap((c) => c.slides)));
  }

  render(slide: Slide, steps?: number): RenderedSlide {
    const total = slide.increments.length;
    const shown = Math.max(1, Math.min(steps ?? total, total));
    const text = slide.increments.slice(0, shown).join('\n');
    // The engine decided which labs run (`Lab.hiddenBy`); the reader gives Run buttons to those only.
    const markdown = prepareSlideMarkdown(text, slide.index, scanOf(slide, text), (lab) => slide.labs[lab] !== undefined && !slide.labs[lab].hiddenBy);
    this.env.sanitizer.reset();
    this.env.snippetText = (s, lab, n) => {
      const snippet = s === slide.index ? slide.labs[lab]?.snippets[n] : undefined;
      return snippet && snippetText(snippet);
    };
    this.refused = [];
    this.env.references = this.links.forSlide(slide.index);
    // A marker markdown-it did not read as a fence's (raw HTML around it, say) is not shown.
    const rendered = slideMarkdown().render(markdown, this.env);
    const html = rendered.includes(MARKER_START) ? rendered.replace(STRAY_MARKER, '') : rendered;
    const problems = [...new Set(this.refused)].map((message): Problem => ({ file: slide.file, line: slide.line, severity: 'warning', message }));
    const classes = slide.stepClasses?.[shown - 1] ?? slide.classes;
    return { index: slide.index, html, steps: total, classes, problems };
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

function isAbsoluteHref(href: string): boolean {
  const pathPart = decodeSafely(href.trim().split('#')[0]);
  return path.isAbsolute(pathPart) || /^[a-zA-Z]:[\\/]/.test(pathPart) || pathPart.startsWith('~');
}

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
  course: CourseRoots,
  src: string,
  resolveLocal: RenderOptions['resolveLocalImage'],
  fs: Pick<CourseFileSystem, 'realpath'>,
  remoteImages: boolean,
): { url?: string; note?: string; refused?: string } {
  const trimmed = src.trim();
  const scheme = SCHEME.exec(trimmed)?.[1].toLowerCase();
  if (scheme === 'https') {
    const unsafe = unsafeUrlReason(trimmed);
    if (unsafe) return { refused: unsafe };
    return remoteImages ? { url: trimmed } : { note: RESTRICTED_IMAGE_NOTE };
  }
  if (scheme === 'data') return /^data:image\/(png|jpe?g|gif|webp|svg\+xml);/i.test(trimmed) ? { url: trimmed } : {};
  if (scheme || trimmed.startsWith('//') || !resolveLocal) return {};
  const pathPart = decodeSafely(trimmed.split(/[?#]/)[0]);
  if (path.isAbsolute(pathPart) || /^[a-zA-Z]:[\\/]/.test(pathPart)) return { refused: `absolute paths are not allowed (${OUTSIDE})` };
  const absolute = path.resolve(course.baseDir, pathPart);
  // A missing image stays a broken image, as before.
  const refused = refusalOf(fs, course.root, absolute);
  if (refused) return { refused };
  const url = resolveLocal(absolute);
  return url ? { url } : {};
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
