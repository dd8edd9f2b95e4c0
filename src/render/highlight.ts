// Syntax highlighting with highlight.js core and the languages courses use.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import makefile from 'highlight.js/lib/languages/makefile';
import nginx from 'highlight.js/lib/languages/nginx';
import plaintext from 'highlight.js/lib/languages/plaintext';
import properties from 'highlight.js/lib/languages/properties';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = {
  bash, diff, dockerfile, go, ini, javascript, json, makefile, nginx, plaintext, properties, python, shell, sql,
  typescript, xml, yaml,
};
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);
hljs.registerAliases(['sh', 'zsh', 'hide'], { languageName: 'bash' });
hljs.registerAliases(['console'], { languageName: 'shell' });
hljs.registerAliases(['yml'], { languageName: 'yaml' });
hljs.registerAliases(['toml', 'conf'], { languageName: 'ini' });
hljs.registerAliases(['html', 'svg'], { languageName: 'xml' });
hljs.registerAliases(['text', 'txt'], { languageName: 'plaintext' });

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIALS = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&#38;', '<': '&#60;', '>': '&#62;', '"': '&#34;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, (c) => ENTITY[c]) : text;
}

/** Highlighted HTML for `code`, or escaped text when the language is unknown. */
export function highlightCode(code: string, language: string): string {
  const lang = language.toLowerCase();
  if (lang && hljs.getLanguage(lang)) {
    try {
      return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
    } catch {
      // fall through to plain text
    }
  }
  return escapeHtml(code);
}

/**
 * Code where backticks mark highlighted spans (Remark's `highlightSpans`):
 * the backticks go, the spans become `<mark>`.
 */
export function highlightSpans(code: string): string {
  const parts = code.split('`');
  return parts.map((part, i) => (i % 2 === 1 && i < parts.length - 1 ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part))).join('');
}

/** Remark's `highlightSpans: true` pattern, applied to each line of a code block. */
const REMARK_SPAN = /([^`])`([^`]+?)`/g;

/**
 * A plain code block as Remark shows it with `highlightSpans`: on each line, a back-quoted
 * span after another character loses its back-quotes and is highlighted (`\`` before it keeps
 * them, minus the backslash). Undefined when no line has such a span (then the block is
 * syntax-highlighted as usual).
 */
export function remarkCodeSpans(code: string): string | undefined {
  if (!code.includes('`')) return undefined;
  let found = false;
  const lines = code.split('\n').map((line) => {
    let out = '';
    let at = 0;
    for (const m of line.matchAll(REMARK_SPAN)) {
      const [whole, before, inner] = m;
      out += escapeHtml(line.slice(at, m.index));
      if (before === '\\') out += escapeHtml(whole.slice(1));
      else {
        found = true;
        out += `${escapeHtml(before)}<mark>${escapeHtml(inner)}</mark>`;
      }
      at = m.index + whole.length;
    }
    return out + escapeHtml(line.slice(at));
  });
  return found ? lines.join('\n') : undefined;
}
