// Messages between the extension and the reader webview. Both sides import this
// module, so it must stay free of `vscode` and of Node APIs. Every message is
// checked on arrival against the schemas of `protocolSchemas.ts`; adding a message
// here without its schema there does not compile.

export type SnippetStatus = 'idle' | 'running' | 'succeeded' | 'failed' | 'unknown' | 'sent';
/** State of the last Run all of a lab (`data-run-state` on the lab element). */
export type LabRunState = 'running' | 'done' | 'failed' | 'cancelled';

export interface TocChapter {
  index: number;
  title: string;
  anchor: string;
  file: string;
  firstSlide: number;
  slideCount: number;
  /** Steps the chapter's progress counts: its visible runnable snippets. */
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

/** Steps of a chapter run to the end, out of the steps that count (see src/reader/progress.ts). */
export interface ChapterProgress {
  done: number;
  total: number;
  /** The learner's last "Start This Chapter" of this chapter that finished. */
  started?: ChapterStart;
}

/** A finished "Start This Chapter": when, and how many commands ran, held already or were left to the learner. */
export interface ChapterStart {
  /** ISO time. */
  at: string;
  ran: number;
  held: number;
  skipped: number;
}

/** The shared reader state as a view draws it (built by src/reader/snapshot.ts). */
export interface ReaderSnapshot {
  courseId: string;
  position: Position;
  stepMode: boolean;
  hideExtraDetails: boolean;
  /** Chapter index of the current slide. */
  chapter: number;
  /** Increments shown, out of `steps`. */
  step: number;
  steps: number;
  canPrevious: boolean;
  canNext: boolean;
}

/** What one view keeps with `setState`: its own choices, not the shared position. */
export interface ViewState {
  courseId: string;
  mode: 'toc' | 'slide';
}

export interface SearchResult {
  slide: number;
  title: string;
  chapter: string;
  excerpt: string;
}

/** A user action on the shared reader state (applied by src/reader/navigation.ts). */
export type ReaderAction =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'nextChapter' }
  | { kind: 'previousChapter' }
  | { kind: 'goto'; slide: number; step?: number }
  | { kind: 'setStepMode'; on: boolean }
  | { kind: 'setHideExtraDetails'; hide: boolean };

/** Commands that concern one view only (what it shows), not the shared state. */
export type ViewCommand = 'toc' | 'search' | 'slide';

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
      trusted: boolean;
      /** True when the reader has a stored position for this course (it opens on the slide, not the contents). */
      resumed: boolean;
    }
  | { type: 'state'; state: ReaderSnapshot }
  | {
      type: 'slide';
      courseId: string;
      index: number;
      chapter: number;
      html: string;
      /** Increments the html shows, out of `steps`. */
      step: number;
      steps: number;
      classes: string[];
      title: string;
      file: string;
      line: number;
    }
  | { type: 'status'; courseId: string; key: string; status: SnippetStatus; exitCode?: number; message?: string; /** Running, and waiting for the learner (an editor is theirs). */ yourTurn?: boolean }
  /** `lab` is the lab's `data-lab`. */
  | { type: 'labState'; courseId: string; lab: string; state: LabRunState }
  | { type: 'progress'; courseId: string; statuses: Record<string, SnippetStatusView>; chapters: ChapterProgress[] }
  | { type: 'trust'; trusted: boolean }
  | { type: 'command'; command: ViewCommand }
  /** What a step did to the cluster (src/lab): the objects it touched and their health, live. */
  /** `unchecked`: files the step applies that were not read (`not a regular file: not checked`). */
  | { type: 'stepEffects'; courseId: string; key: string; effects: StepEffectView[]; unchecked: UncheckedFileView[] }
  /** Chapters whose labs need something the cluster or this machine lacks. */
  | { type: 'readiness'; courseId: string; chapters: ChapterReadinessView[] }
  /** Per chapter (by index), the objects its steps create: a slide's `web` links to `deployment/web`. */
  | { type: 'chapterObjects'; courseId: string; chapters: Record<string, string>[] }
  /** Why a step failed or what it made is unhealthy (src/lab/diagnosis), what to do, where the course teaches it. */
  | { type: 'stepDiagnosis'; courseId: string; key: string; diagnoses: DiagnosisView[] }
  | ReplyMessage
  | { type: 'error'; title: string; message: string; problems: CourseProblemView[] };

export interface SnippetStatusView {
  status: SnippetStatus;
  exitCode?: number;
}

export interface StepEffectView {
  /** `deployment/web`: the kind as kubectl prints it, in lower case. */
  resource: string;
  namespace?: string;
  change: 'created' | 'changed' | 'deleted';
  health: 'ready' | 'progressing' | 'failed' | 'deleted';
  /** `2/2 ready`, `Running 1/1`, `1 endpoint`. */
  text: string;
  reason?: string;
}

export interface DiagnosisView {
  /** `ImagePullBackOff`, `AlreadyExists`...: `data-diagnosis`. */
  reason: string;
  cause: string;
  evidence: { object: string; text: string }[];
  next: string;
  /** Commands shown as they run (only on click, by their index). */
  fixes: { label: string; command: string }[];
  /** Slides of the current course about it. */
  teach: { slide: number; title: string }[];
}

export interface ReadinessItemView {
  id: string;
  what: string;
  todo: string;
  /** Title of the course chapter that installs it. */
  chapter?: string;
}

/** A file a lab applies that was not read, as written, and why. */
export interface UncheckedFileView {
  file: string;
  /** `outside the course: not checked`. */
  reason: string;
}

export interface ChapterReadinessView {
  chapter: number;
  missing: ReadinessItemView[];
  notes: string[];
  /** Files its labs apply that were not read, as written, with why: `outside the course: not checked`. */
  unchecked: UncheckedFileView[];
}

/** Requests the webview makes, each answered by one `reply` with the same id. */
export interface Requests {
  search: { params: { courseId: string; query: string }; result: SearchResult[] };
  copy: { params: { courseId: string; key?: string; text?: string }; result: true };
  /** A slide link: show `kind/name` in the Cluster view, or say why not (and which step creates it). */
  reveal: { params: { courseId: string; resource: string; namespace?: string; chapter?: number }; result: { outcome: 'revealed' | 'missing' | 'noCluster'; message?: string } };
}
export type RequestMethod = keyof Requests;

export type RequestMessage = {
  [M in RequestMethod]: { type: 'request'; id: number; method: M; params: Requests[M]['params'] };
}[RequestMethod];

export type ReplyMessage =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

export type WebviewMessage =
  | { type: 'ready'; view?: ViewState }
  | { type: 'action'; courseId: string; action: ReaderAction }
  | { type: 'run'; courseId: string; key: string }
  | { type: 'send'; courseId: string; key: string }
  | { type: 'runAll'; courseId: string; lab: string }
  | { type: 'openYaml'; text: string }
  | { type: 'openLink'; kind: 'external' | 'file'; target: string; fragment?: string }
  | { type: 'showOutput'; courseId: string; key: string }
  /** A diagnosis's safe fix was clicked: the extension runs its own copy of fix `fix` of `reason`. */
  | { type: 'diagnosisFix'; courseId: string; key: string; reason: string; fix: number }
  | { type: 'openCourse' }
  | { type: 'openBeside' }
  /** The reader's "Next step" button: runs the next step of the course (the command does the rest). */
  | { type: 'nextStep'; courseId: string }
  /** A chapter's Start / Reset button (the table of contents, the chapter's first slide). */
  | { type: 'chapterCheckpoint'; courseId: string; chapter: number; action: 'start' | 'reset' }
  | { type: 'openProblem'; file: string; line: number }
  /** The view has drawn a course: its table of contents lists `chapters` chapters. */
  | { type: 'drawn'; courseId: string; chapters: number }
  /** The view has drawn the error view (a course that could not be read, or has no slides). */
  | { type: 'drawnError'; title: string }
  /** A host message the webview dropped (it has no log of its own). */
  | { type: 'dropped'; error: string }
  /** The Reload button of a view that did not draw (readerHtml.ts `readerStuckHtml`). */
  | { type: 'reload' }
  | RequestMessage;

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
