// The markdown-it set-up for slides: raw HTML allowed (it is sanitized after),
// fences rendered as highlighted code, lab fences as runnable snippets.
import MarkdownIt from 'markdown-it';
import { escapeHtml, highlightCode, highlightSpans } from './highlight';
import { SNIPPET_MARKER } from './prepare';
import { linkAttributes, type RawHtmlSanitizer, type ResolveOptions } from './sanitize';

/** What the rules below need while rendering one slide (markdown-it's `env`). */
export interface RenderEnv {
  resolve: ResolveOptions;
  sanitizer: RawHtmlSanitizer;
}

/** Methods whose data Remark highlights with backticks. */
const SPAN_METHODS = new Set(['bash', 'hide', 'keys']);

let instance: MarkdownIt | undefined;

export function slideMarkdown(): MarkdownIt {
  if (instance) return instance;
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false, breaks: false });
  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx];
    const marker = SNIPPET_MARKER.exec(token.info);
    const info = (marker ? token.info.slice(0, marker.index) : token.info).trim();
    const method = info.split(/\s+/)[0] ?? '';
    const code = token.content.replace(/\n$/, '');
    const lang = escapeHtml(method);
    if (marker) {
      const key = `${marker[1]}:${marker[2]}:${marker[3]}`;
      const body = SPAN_METHODS.has(method) ? highlightSpans(code) : highlightCode(code, method);
      return (
        `<div class="snippet" data-method="${lang}" data-snippet="${key}" data-status="idle">` +
        `<pre><code class="hljs language-${lang}">${body}</code></pre></div>\n`
      );
    }
    return (
      `<div class="codeblock" data-lang="${lang}">` +
      `<pre><code class="hljs language-${lang}">${highlightCode(code, method)}</code></pre></div>\n`
    );
  };
  md.renderer.rules.html_block = (tokens, idx, _options, env: RenderEnv) => env.sanitizer.sanitize(tokens[idx].content);
  md.renderer.rules.html_inline = (tokens, idx, _options, env: RenderEnv) => env.sanitizer.sanitize(tokens[idx].content);
  md.renderer.rules.link_open = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    const resolved = linkAttributes(token.attrGet('href') ?? undefined, env.resolve);
    const title = token.attrGet('title');
    token.attrs = Object.entries(resolved);
    if (title) token.attrPush(['title', title]);
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.image = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const src = env.resolve.resolveImage(token.attrGet('src') ?? '');
    if (!src) return escapeHtml(alt);
    const title = token.attrGet('title');
    return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${title ? ` title="${escapeHtml(title)}"` : ''} />`;
  };
  instance = md;
  return md;
}
