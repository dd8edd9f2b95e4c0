// Chapter titles and their anchors, as the upstream deck builder makes them.

/** `toc-` + the title lower-cased, spaces as `-`, every character but ASCII letters and `-` removed. */
export function chapterAnchor(title: string): string {
  return 'toc-' + title.toLowerCase().replace(/ /g, '-').replace(/[^a-z-]/g, '');
}

/** What one of cleanHeading's replacements changes: links, tags, emphasis, white space other than one space. */
const NEEDS_CLEANING = /[[<`*_]|[^\S ]| {2}/;

/** A heading's text without inline markdown (emphasis, code, links, HTML). */
export function plainHeading(markdown: string): string {
  // Most headings hold none of what cleanHeading removes: then only the trim is left.
  return NEEDS_CLEANING.test(markdown) ? cleanHeading(markdown) : markdown.trim();
}

/** plainHeading's rule, applied whatever the heading holds. */
export function cleanHeading(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
