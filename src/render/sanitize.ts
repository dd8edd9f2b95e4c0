// Course content is untrusted: everything rendered goes through an allowlist.
// Links and images are resolved here too, so no URL reaches the webview unchecked.
import sanitizeHtml from 'sanitize-html';

export type LinkTarget =
  | { kind: 'external'; url: string }
  | { kind: 'anchor'; anchor: string }
  | { kind: 'file'; path: string; fragment?: string };

export interface ResolveOptions {
  /** Classifies an authored href; undefined drops the link (keeps its text). */
  resolveLink(href: string): LinkTarget | undefined;
  /** Turns an authored image src into a URL the webview may load; undefined drops the image. */
  resolveImage(src: string): string | undefined;
}

const DATA_ATTRIBUTES = ['data-method', 'data-snippet', 'data-lab', 'data-status', 'data-lang'];

export function sanitizeSlideHtml(html: string, resolve: ResolveOptions): string {
  return sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags,
      'img', 'del', 'ins', 'details', 'summary', 'center', 'font',
    ],
    allowedAttributes: {
      '*': ['class', 'title', 'align', 'lang', ...DATA_ATTRIBUTES],
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
    // `<script>`, `<style>` and the like are dropped with their content.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'],
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href;
        const attrs: Record<string, string> = { ...(attribs.title ? { title: attribs.title } : {}) };
        if (attribs.class) attrs.class = attribs.class;
        const target = href ? resolve.resolveLink(href) : undefined;
        if (target?.kind === 'external') {
          attrs.href = target.url;
          attrs['data-link-kind'] = 'external';
        } else if (target?.kind === 'anchor') {
          attrs.href = '#' + target.anchor;
          attrs['data-link-kind'] = 'anchor';
          attrs['data-target'] = target.anchor;
        } else if (target?.kind === 'file') {
          attrs.href = '#';
          attrs['data-link-kind'] = 'file';
          attrs['data-target'] = target.path;
          if (target.fragment) attrs['data-fragment'] = target.fragment;
        }
        return { tagName, attribs: attrs };
      },
      img: (tagName, attribs) => {
        const src = attribs.src ? resolve.resolveImage(attribs.src) : undefined;
        const attrs: Record<string, string> = {};
        for (const key of ['alt', 'width', 'height', 'class', 'title']) if (attribs[key]) attrs[key] = attribs[key];
        if (src) attrs.src = src;
        return { tagName, attribs: attrs };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}
