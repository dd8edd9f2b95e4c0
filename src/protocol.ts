// Messages between the extension and the reader webview. Both sides import this
// module, so it must stay free of `vscode` and of Node APIs.

export type SnippetStatus = 'idle' | 'running' | 'succeeded' | 'failed' | 'unknown' | 'sent';

export interface TocChapter {
  index: number;
  title: string;
  anchor: string;
  file: string;
  firstSlide: number;
  slideCount: number;
  /** Runnable snippets in the chapter (for progress). */
  snippetCount: number;
}

export interface TocPart {
  title: string;
  chapters: TocChapter[];
}

export interface CourseProblemView {
  file: string;
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface Position {
  slide: number;
  /** Increments shown; 0 means all of them. */
  step: number;
}

/** What the webview keeps with `setState` so that a reload shows the same place at once. */
export interface ReaderState {
  courseId: string;
  position: Position;
  scroll?: number;
}

export type HostMessage =
  | {
      type: 'course';
      courseId: string;
      title: string;
      source: string;
      bundled: boolean;
      parts: TocPart[];
      slideCount: number;
      problems: CourseProblemView[];
      /** Chapter anchors (`toc-...`) and slide names to slide indexes. */
      anchors: Record<string, number>;
      /** Slides with the `extra-details` class. */
      extraDetails: number[];
      position: Position;
      trusted: boolean;
      hideExtraDetails: boolean;
    }
  | {
      type: 'slide';
      courseId: string;
      index: number;
      chapter: number;
      html: string;
      /** Number of increments of the slide; `step` is how many the html shows. */
      steps: number;
      step: number;
      classes: string[];
      title: string;
      file: string;
      line: number;
    }
  | { type: 'status'; courseId: string; key: string; status: SnippetStatus; exitCode?: number; message?: string }
  | { type: 'progress'; courseId: string; statuses: Record<string, { status: SnippetStatus; exitCode?: number }>; chapterDone: number[] }
  | { type: 'searchResults'; courseId: string; query: string; results: SearchResult[] }
  | { type: 'trust'; trusted: boolean }
  | { type: 'settings'; hideExtraDetails: boolean }
  | { type: 'command'; command: ReaderCommand }
  | { type: 'goto'; courseId: string; slide: number }
  | { type: 'error'; title: string; message: string; problems: CourseProblemView[] };

export type ReaderCommand = 'next' | 'previous' | 'nextChapter' | 'previousChapter' | 'toc' | 'search' | 'toggleExtraDetails';

export interface SearchResult {
  slide: number;
  title: string;
  chapter: string;
  excerpt: string;
}

export type WebviewMessage =
  | { type: 'ready'; state?: ReaderState }
  | { type: 'showSlide'; courseId: string; index: number; step: number }
  | { type: 'position'; courseId: string; position: Position }
  | { type: 'run'; courseId: string; key: string }
  | { type: 'send'; courseId: string; key: string }
  | { type: 'runAll'; courseId: string; lab: string }
  | { type: 'copy'; courseId: string; key?: string; text?: string }
  | { type: 'openYaml'; text: string }
  | { type: 'openLink'; kind: 'external' | 'file'; target: string; fragment?: string }
  | { type: 'showOutput'; courseId: string; key: string }
  | { type: 'search'; courseId: string; query: string }
  | { type: 'setHideExtraDetails'; hide: boolean }
  | { type: 'openCourse' }
  | { type: 'openBeside' }
  | { type: 'openProblem'; file: string; line: number };

/** `<slide>:<lab>:<snippet>` as the renderer writes it in `data-snippet`. */
export function snippetKey(slide: number, lab: number, snippet: number): string {
  return `${slide}:${lab}:${snippet}`;
}

export function parseSnippetKey(key: string): { slide: number; lab: number; snippet: number } | undefined {
  const m = /^(\d+):(\d+):(\d+)$/.exec(key);
  return m ? { slide: Number(m[1]), lab: Number(m[2]), snippet: Number(m[3]) } : undefined;
}

export function parseLabKey(key: string): { slide: number; lab: number } | undefined {
  const m = /^(\d+):(\d+)$/.exec(key);
  return m ? { slide: Number(m[1]), lab: Number(m[2]) } : undefined;
}
