// What this view knows: the last course, state, slide and progress the extension sent,
// plus its own choices (contents or slide, search open). Plain data, no DOM.
import type { ChapterProgress, HostMessage, ReaderSnapshot, SnippetStatus, ViewState } from '../../src/protocol';

export type CourseInfo = Extract<HostMessage, { type: 'course' }>;
export type SlideInfo = Extract<HostMessage, { type: 'slide' }>;
export type StatusValue = { status: SnippetStatus; exitCode?: number; message?: string; yourTurn?: boolean };
export type Mode = ViewState['mode'];

export interface ViewModel {
  course?: CourseInfo;
  reader?: ReaderSnapshot;
  /** The slide whose html is shown. */
  slide?: SlideInfo;
  statuses: Record<string, StatusValue>;
  /** `data-run-state` of each lab run from this view, by `data-lab`. */
  labStates: Record<string, string>;
  chapters: ChapterProgress[];
  trusted: boolean;
  mode: Mode;
  searchOpen: boolean;
}

export const view: ViewModel = { statuses: {}, labStates: {}, chapters: [], trusted: true, mode: 'toc', searchOpen: false };

/** Where a view opens a course: as it was before a reload, else on the slide when reading had started. */
export function initialMode(course: CourseInfo, saved: ViewState | undefined): Mode {
  if (saved?.courseId === course.courseId) return saved.mode;
  return course.resumed ? 'slide' : 'toc';
}

/** True when `slide` is what the shared state says to show. */
export function isCurrentSlide(slide: SlideInfo | undefined, reader: ReaderSnapshot | undefined): boolean {
  return !!slide && !!reader && slide.courseId === reader.courseId && slide.index === reader.position.slide && slide.step === reader.step;
}

export function chapterTitle(course: CourseInfo, index: number): string {
  for (const part of course.parts) for (const ch of part.chapters) if (ch.index === index) return ch.title;
  return '';
}
