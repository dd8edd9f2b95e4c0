// Chapter titles and their anchors, as the upstream deck builder makes them.

/** `toc-` + the title lower-cased, spaces as `-`, every character but ASCII letters and `-` removed. */
export function chapterAnchor(title: string): string {
  return 'toc-' + title.toLowerCase().replace(/ /g, '-').replace(/[^a-z-]/g, '');
}

/** A heading's text without inline markdown (emphasis, code, links, HTML). */
export function plainHeading(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
