// Course content is untrusted. markdown-it escapes everything it renders itself
// (text, code, attributes) and refuses dangerous link schemes; what it passes
// through untouched is raw HTML. So raw HTML, and only raw HTML, goes through
// sanitize-html here, tag by tag, and every link and image URL is resolved here.
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './highlight';
import { courseClasses, OWN_ATTRIBUTE } from './ownMarkup';

export type LinkTarget =
  | { kind: 'external'; url: string }
  | { kind: 'anchor'; anchor: string }
  | { kind: 'file'; path: string; fragment?: string };

export interface ResolveOptions {
  /** Classifies an authored href; undefined drops the link (keeps its text). */
  resolveLink(href: string): LinkTarget | undefined;
  /**
   * Turns an authored image src into a URL the webview may load (`url`), or a note shown
   * with the alt text instead of the image (`note`); neither drops the image.
   */
  resolveImage(src: string): { url?: string; note?: string };
}

/** What stands for an image that is not loaded: its alt text and why. */
export function imageNote(alt: string, note: string): string {
  return `<span class="remote-image" title="${escapeHtml(note)}">${escapeHtml(alt || 'image')} <em>(${escapeHtml(note)})</em></span>`;
}

/** Elements whose content is dropped with them, not shown as text. */
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'iframe', 'object', 'embed', 'template',
  'title', 'xmp', 'noembed', 'noframes', 'svg', 'math',
]);

const ALLOWED_TAGS = new Set([...sanitizeHtml.defaults.allowedTags, 'img', 'del', 'ins', 'details', 'summary', 'center', 'font']);

/** The attributes a link gets once its href is resolved. */
export function linkAttributes(href: string | undefined, resolve: ResolveOptions): Record<string, string> {
  const target = href ? resolve.resolveLink(href) : undefined;
  if (target?.kind === 'external') return { href: target.url, 'data-link-kind': 'external' };
  if (target?.kind === 'anchor') return { href: '#' + target.anchor, 'data-link-kind': 'anchor', 'data-target': target.anchor };
  if (target?.kind === 'file') {
    const attrs: Record<string, string> = { href: '#', 'data-link-kind': 'file', 'data-target': target.path };
    if (target.fragment) attrs['data-fragment'] = target.fragment;
    return attrs;
  }
  return {};
}

function tagOptions(resolve: ResolveOptions, onNote: (alt: string, note: string) => void): sanitizeHtml.IOptions {
  return {
    allowedTags: [...ALLOWED_TAGS],
    allowedAttributes: {
      // No data-* attributes: the reader's script gives them meaning.
      '*': ['class', 'title', 'align', 'lang'],
      a: ['href', 'data-link-kind', 'data-target', 'data-fragment'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https', 'data'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => {
        const attrs: Record<string, string> = { ...linkAttributes(attribs.href, resolve) };
        if (attribs.title) attrs.title = attribs.title;
        if (attribs.class) attrs.class = attribs.class;
        return { tagName, attribs: attrs };
      },
      img: (tagName, attribs) => {
        const resolved = attribs.src ? resolve.resolveImage(attribs.src) : {};
        const attrs: Record<string, string> = {};
        for (const key of ['alt', 'width', 'height', 'class', 'title']) if (attribs[key]) attrs[key] = attribs[key];
        if (resolved.url) attrs.src = resolved.url;
        else if (resolved.note) onNote(attrs.alt ?? '', resolved.note);
        return { tagName, attribs: attrs };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  };
}

/** Tags without a URL come out the same whatever the course: cached for all renderers. */
const sharedCache = new Map<string, string>();
const HAS_URL = /\s(?:href|src)\s*=/i;
const CACHE_LIMIT = 5000;

// A tag ends at the first `>` and cannot contain `<`: a run of unclosed `<div ` costs one
// pass, not one pass per `<`.
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][\w-]*)\b[^<>]*>|<|[^<]+/g;
const OPENING_TAG = /^<[^>]*>/;
const VOID = new Set(['br', 'hr', 'img', 'wbr']);

/**
 * Sanitizes a piece of raw HTML that may hold only part of an element (an
 * opening tag here, its closing tag in a later token): each opening tag is
 * cleaned by sanitize-html on its own, closing tags are kept when allowed,
 * comments and dangerous elements with their content are dropped, text stays.
 */
export class RawHtmlSanitizer {
  private readonly cache = new Map<string, string>();
  private readonly options: sanitizeHtml.IOptions;
  /** Element whose content is being dropped, across tokens of one document. */
  private dropping: string | undefined;

  /** Set by the image transform while one tag is being cleaned. */
  private note: string | undefined;

  constructor(resolve: ResolveOptions) {
    this.options = tagOptions(resolve, (alt, note) => (this.note = imageNote(alt, note)));
  }

  /** Forget an unclosed `<script>` and the like: call between documents. */
  reset(): void {
    this.dropping = undefined;
  }

  sanitize(html: string): string {
    let out = '';
    TOKEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TOKEN.exec(html))) {
      const [whole, slash, rawName] = m;
      if (whole.startsWith('<!--')) continue;
      const name = rawName?.toLowerCase();
      if (this.dropping) {
        if (slash && name === this.dropping) this.dropping = undefined;
        continue;
      }
      if (name === undefined) {
        out += whole === '<' ? '&lt;' : whole;
      } else if (slash) {
        if (ALLOWED_TAGS.has(name) && !VOID.has(name)) out += `</${name}>`;
      } else if (DROP_WITH_CONTENT.has(name)) {
        if (!whole.endsWith('/>')) this.dropping = name;
      } else if (ALLOWED_TAGS.has(name)) {
        out += this.openingTag(whole);
      }
    }
    return out;
  }

  private openingTag(tag: string): string {
    // Elements the renderer made for content classes: their attributes are its own.
    if (tag.includes(OWN_ATTRIBUTE)) return tag.replace(` ${OWN_ATTRIBUTE}`, '');
    const cache = HAS_URL.test(tag) ? this.cache : sharedCache;
    let clean = cache.get(tag);
    if (clean === undefined) {
      this.note = undefined;
      clean = OPENING_TAG.exec(sanitizeHtml(tag, this.options))?.[0] ?? '';
      clean = this.note ?? clean.replace(/ class="([^"]*)"/, (_whole, value: string) => {
        const allowed = courseClasses(value);
        return allowed ? ` class="${allowed}"` : '';
      });
      if (cache.size > CACHE_LIMIT) cache.clear();
      cache.set(tag, clean);
    }
    return clean;
  }
}
