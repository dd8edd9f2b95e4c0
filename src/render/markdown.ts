// The markdown-it set-up for slides: raw HTML allowed (it is sanitized after),
// fences rendered as highlighted code, lab fences as runnable snippets.
import MarkdownIt from 'markdown-it';
import { escapeHtml, highlightCode, highlightSpans, remarkCodeSpans } from './highlight';
import { visibleText } from '../text/visibleText';
import { leadingBlanks, trimEndBlanks } from '../text/blanks';
import { SNIPPET_MARKER } from './prepare';
import { SLIDE_MARKDOWN_OPTIONS } from './shownFences';
import type { References } from './deckLinks';
import { imageNote, linkAttributes, type RawHtmlSanitizer, type ResolveOptions } from './sanitize';

/** What the rules below need while rendering one slide (markdown-it's `env`). */
export interface RenderEnv {
  resolve: ResolveOptions;
  sanitizer: RawHtmlSanitizer;
  /** The text Run/Copy use for a snippet (the numbers of its key `<slide>:<lab>:<snippet>`): what its block shows. */
  snippetText?(slide: number, lab: number, snippet: number): string | undefined;
  /** Reference link definitions markdown-it starts from (the deck's; see deckLinks.ts). */
  references?: References;
}

/** Methods whose data Remark highlights with backticks. */
const SPAN_METHODS = new Set(['bash', 'hide', 'keys']);

let instance: MarkdownIt | undefined;

/**
 * Remark's backtick highlights of `shown`, when removing them gives exactly `held` (the text
 * that runs); otherwise `held` as plain text, so what is seen is always what runs.
 */
function spansOf(shown: string, held: string): string {
  const lines = shown.split('\n');
  let common = Infinity;
  for (const line of lines) if (line.trim()) common = Math.min(common, leadingBlanks(line));
  const from = Number.isFinite(common) ? common : 0;
  const dedented = lines.map((l) => trimEndBlanks(l.slice(from))).join('\n').trim();
  return (dedented.includes('`') ? dedented.replace(/`/g, '') : dedented) === held ? highlightSpans(dedented) : escapeHtml(held);
}

const MERMAID_BLOCK = /^\s*<pre class=["']?mermaid["']?>([\s\S]*?)<\/pre>\s*$/i;

/**
 * A mermaid diagram (`<pre class="mermaid">` or a ```` ```mermaid ```` fence): its source as
 * escaped text under a label, never as HTML. The webview draws it (media/src/diagrams.ts) and
 * keeps this source, with a note, when the diagram does not parse.
 */
function diagramBlock(source: string): string {
  return (
    `<div class="diagram-source" data-diagram="mermaid"><p class="diagram-label"><em>Mermaid diagram (source)</em></p>` +
    `<pre><code class="hljs">${escapeHtml(visibleText(source.replace(/^\n+|\s+$/g, '')))}</code></pre></div>\n`
  );
}

function mermaidSource(html: string): string | undefined {
  const m = MERMAID_BLOCK.exec(html);
  return m ? diagramBlock(m[1]) : undefined;
}

export function slideMarkdown(): MarkdownIt {
  if (instance) return instance;
  const md = new MarkdownIt(SLIDE_MARKDOWN_OPTIONS);
  md.renderer.rules.fence = (tokens, idx, _options, env: RenderEnv) => {
    const token = tokens[idx];
    const marker = SNIPPET_MARKER.exec(token.info);
    const info = (marker ? token.info.slice(0, marker.index) : token.info).trim();
    const method = info.split(/\s+/)[0] ?? '';
    const lang = escapeHtml(method);
    const key = marker ? `${marker[1]}:${marker[2]}:${marker[3]}` : undefined;
    const text = marker ? env.snippetText?.(Number(marker[1]), Number(marker[2]), Number(marker[3])) : undefined;
    if (key !== undefined && text !== undefined) {
      // The block shows exactly the text the host copies (and runs, when it holds no invisible
      // character: the host refuses those), nothing else; invisible characters show as ⟨U+XXXX⟩.
      const held = visibleText(text);
      const body = SPAN_METHODS.has(method) ? spansOf(visibleText(token.content.replace(/\n$/, '')), held) : highlightCode(held, method);
      return (
        `<div class="snippet" data-method="${lang}" data-snippet="${key}" data-status="idle">` +
        `<pre><code class="hljs language-${lang}">${body}</code></pre></div>\n`
      );
    }
    if (key === undefined && method === 'mermaid') return diagramBlock(token.content);
    const code = visibleText(token.content.replace(/\n$/, ''));
    return (
      `<div class="codeblock" data-lang="${lang}">` +
      `<pre><code class="hljs language-${lang}">${remarkCodeSpans(code) ?? highlightCode(code, method)}</code></pre></div>\n`
    );
  };
  md.renderer.rules.html_block = (tokens, idx, _options, env: RenderEnv) => mermaidSource(tokens[idx].content) ?? env.sanitizer.sanitize(tokens[idx].content);
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
    const { url: src, note } = env.resolve.resolveImage(token.attrGet('src') ?? '');
    if (!src) return note ? imageNote(alt, note) : escapeHtml(alt);
    const title = token.attrGet('title');
    return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${title ? ` title="${escapeHtml(title)}"` : ''} />`;
  };
  instance = md;
  return md;
}
