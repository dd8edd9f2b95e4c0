// What only the renderer may write. A course's raw HTML passes through the sanitizer, and
// so do the elements the renderer makes for content classes: the renderer's own tags carry
// a secret of this process, which a course cannot know, so the sanitizer can tell them apart.
import { randomBytes } from 'node:crypto';

export const RENDER_SECRET = randomBytes(9).toString('hex');

/** Attribute that marks a tag as the renderer's own (removed by the sanitizer). */
export const OWN_ATTRIBUTE = `data-own-${RENDER_SECRET}`;

/**
 * Classes the reader's script or style give a meaning (runnable blocks, copy buttons, its
 * own chrome), which course HTML and content class names may not use. Content classes that
 * only style text (`warning`, `footnote`, `small`...) stay allowed.
 */
const RESERVED = new Set([
  'snippet', 'codeblock', 'lab', 'exercise', 'status', 'action', 'primary', 'badge', 'bar', 'nav', 'loading',
  'empty', 'current', 'complete', 'clickable', 'problem', 'problems', 'error', 'error-view', 'excerpt',
  'course-title', 'course-meta', 'restricted-note', 'remote-image', 'icon-button', 'codicon',
]);
const RESERVED_PREFIX = /^(?:hljs|language-|lang-|snippet-|lab-|slide-|toc-|search-|nav-|bar-|surface-|codicon-|extra-|vscode-)/;

export function isReservedClass(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED.has(lower) || RESERVED_PREFIX.test(lower);
}

/** The classes of `value` a course may use, space separated (possibly empty). */
export function courseClasses(value: string): string {
  return value
    .split(/\s+/)
    .filter((c) => c && /^[A-Za-z_][\w-]*$/.test(c) && !isReservedClass(c))
    .join(' ');
}
