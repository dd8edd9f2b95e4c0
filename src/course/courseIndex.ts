// Look-ups over a loaded course that the reader needs at every click: slides by
// index, chapters, anchors, snippets by key, and full-text search.
import type { Chapter, Course, Lab, LabSnippet, Slide } from './model';
import type { SearchResult, TocPart } from '../protocol';

/** Snippets a click can run or send (hidden directives are for "Run all" only). */
export const CLICKABLE_METHODS = new Set(['bash', 'key', 'keys']);

export interface SnippetRef {
  slide: Slide;
  chapterIndex: number;
  labIndex: number;
  lab: Lab;
  snippetIndex: number;
  snippet: LabSnippet;
  /** `<slide>:<lab>:<snippet>`, as in the webview. */
  key: string;
  /** `<file>:<line>`: survives edits elsewhere in the course, so progress is stored under it. */
  stableKey: string;
}

export class CourseIndex {
  readonly slides: Slide[] = [];
  readonly chapters: Chapter[] = [];
  readonly chapterOfSlide: number[] = [];
  readonly anchors: Record<string, number> = {};
  readonly extraDetails: number[] = [];
  readonly toc: TocPart[] = [];
  private readonly snippets = new Map<string, SnippetRef>();
  private readonly byStableKey = new Map<string, SnippetRef>();
  private readonly chapterKeys: Array<{ all: Set<string>; clickable: Set<string> }> = [];
  private searchTexts?: string[];

  constructor(readonly course: Course) {
    for (const part of course.parts) {
      const tocPart: TocPart = { title: part.title, chapters: [] };
      for (const chapter of part.chapters) {
        const chapterIndex = this.chapters.length;
        this.chapters.push(chapter);
        const keys = { all: new Set<string>(), clickable: new Set<string>() };
        this.chapterKeys.push(keys);
        if (!(chapter.anchor in this.anchors) && chapter.slides.length) this.anchors[chapter.anchor] = chapter.slides[0].index;
        for (const slide of chapter.slides) {
          this.slides[slide.index] = slide;
          this.chapterOfSlide[slide.index] = chapterIndex;
          if (slide.name && !(slide.name in this.anchors)) this.anchors[slide.name] = slide.index;
          if (slide.classes.includes('extra-details')) this.extraDetails.push(slide.index);
          slide.labs.forEach((lab, labIndex) => {
            lab.snippets.forEach((snippet, snippetIndex) => {
              const ref: SnippetRef = {
                slide, chapterIndex, labIndex, lab, snippetIndex, snippet,
                key: `${slide.index}:${labIndex}:${snippetIndex}`,
                stableKey: `${slide.file}:${snippet.line}`,
              };
              this.snippets.set(ref.key, ref);
              if (!this.byStableKey.has(ref.stableKey)) this.byStableKey.set(ref.stableKey, ref);
              keys.all.add(ref.stableKey);
              if (!snippet.hidden && !lab.hiddenBy && CLICKABLE_METHODS.has(snippet.method)) keys.clickable.add(ref.stableKey);
            });
          });
        }
        tocPart.chapters.push({
          index: chapterIndex,
          title: chapter.title,
          anchor: chapter.anchor,
          file: chapter.file,
          firstSlide: chapter.slides[0]?.index ?? 0,
          slideCount: chapter.slides.length,
          snippetCount: keys.clickable.size,
        });
      }
      this.toc.push(tocPart);
    }
  }

  snippet(key: string): SnippetRef | undefined {
    return this.snippets.get(key);
  }

  snippetByStableKey(stableKey: string): SnippetRef | undefined {
    return this.byStableKey.get(stableKey);
  }

  /** Stable keys of a chapter's visible runnable snippets: the steps its progress counts. */
  clickableStableKeys(chapterIndex: number): string[] {
    return [...(this.chapterKeys[chapterIndex]?.clickable ?? [])];
  }

  /** Stable keys of every snippet of a chapter, hidden ones included. */
  stableKeysOfChapter(chapterIndex: number): string[] {
    return [...(this.chapterKeys[chapterIndex]?.all ?? [])];
  }

  /** Every snippet of a lab, hidden ones included, in order. */
  labSnippets(slideIndex: number, labIndex: number): SnippetRef[] {
    const lab = this.slides[slideIndex]?.labs[labIndex];
    if (!lab) return [];
    return lab.snippets.map((_, i) => this.snippets.get(`${slideIndex}:${labIndex}:${i}`)!);
  }

  /** Stable key of the chapter a slide belongs to (its file and first line). */
  chapterKey(chapterIndex: number): string {
    const chapter = this.chapters[chapterIndex];
    return chapter ? `${chapter.file}:${chapter.slides[0]?.line ?? 0}` : '';
  }

  search(query: string, limit = 50): SearchResult[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    this.searchTexts ??= this.slides.map((s) => plainText(s.increments.join('\n')));
    const results: SearchResult[] = [];
    for (const slide of this.slides) {
      if (!slide) continue;
      const text = this.searchTexts[slide.index];
      const lower = text.toLowerCase();
      if (!words.every((w) => lower.includes(w))) continue;
      const at = lower.indexOf(words[0]);
      const from = Math.max(0, at - 40);
      const excerpt = (from > 0 ? '…' : '') + text.slice(from, at + 80).replace(/\s+/g, ' ').trim() + '…';
      results.push({
        slide: slide.index,
        title: slide.title || this.chapters[this.chapterOfSlide[slide.index]]?.title || `Slide ${slide.index + 1}`,
        chapter: this.chapters[this.chapterOfSlide[slide.index]]?.title ?? '',
        excerpt,
      });
      if (results.length >= limit) break;
    }
    return results;
  }
}

/** Markdown without its markup, good enough to search and quote. */
function plainText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/\.[A-Za-z_][\w-]*\[/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_#>\]]/g, '')
    .replace(/[ \t]+/g, ' ');
}
