// One reader webview (the side-bar view or the panel beside the editor): draws the shared
// reader state and forwards the user's actions. Incoming messages are handled in the
// `notifications` and `requests` tables below: a new webview message gets its handler there.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SnippetStatusView, ViewCommand, ViewState } from '../protocol';
import type { CourseLibrary, OpenCourse } from './courseLibrary';
import type { ExerciseBridge } from './exerciseBridge';
import { attachLab, revealFromSlide, sendLabState } from './lab/readerLab';
import type { Lab } from './lab/registerLab';
import { labOfStableKey, runLabOf } from './labs';
import { copyToClipboard, openLink, openProblem, openYaml } from './readerEffects';
import { DrawWatchdog } from './readerDrawWatch';
import { readerHtml, readerResourceRoots, readerStuckHtml } from './readerHtml';
import type { SharedReader } from './readerState';
import { SlideCache } from './slideCache';
import { WebviewChannel } from './webviewChannel';

export interface ReaderDeps {
  context: vscode.ExtensionContext;
  library: CourseLibrary;
  reader: SharedReader;
  exercises: ExerciseBridge;
  log: vscode.LogOutputChannel;
  openBeside(): void;
  /** Step effects, readiness and slide links (src/vscode/lab); absent in tests of the reader alone. */
  lab?: Lab;
  /** A view drew a course (its table of contents is on the page). */
  onDidDraw?(drawn: ReaderDrawn): void;
}

export interface ReaderDrawn {
  surface: 'view' | 'panel';
  courseId: string;
  chapters: number;
}

export class ReaderSession implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly slides: SlideCache;
  private readonly channel: WebviewChannel;
  private readonly watchdog: DrawWatchdog;
  /** Position of the slide last sent, so that a change of switches alone does not resend it. */
  private sentSlide?: string;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly deps: ReaderDeps,
    private readonly surface: 'view' | 'panel',
    shown: () => boolean,
  ) {
    const course = deps.library.current();
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: readerResourceRoots(deps.context.extensionUri, course.index.course.root),
    };
    this.slides = new SlideCache(webview, (problems) => {
      for (const p of problems) deps.log.warn(`${p.file}:${p.line}: ${p.message}`);
    });
    this.channel = new WebviewChannel(webview, this.handlers(), deps.log);
    this.watchdog = new DrawWatchdog({
      name: `reader ${surface}`,
      log: deps.log,
      shown,
      loading: () => !!deps.reader.course.loading,
      rebuild: () => this.rebuild(vscode.workspace.isTrusted),
      giveUp: (text) => {
        this.channel.reset();
        webview.html = readerStuckHtml(webview, deps.context.extensionUri, surface, text);
      },
    });
    webview.html = readerHtml(webview, deps.context.extensionUri, surface, vscode.workspace.isTrusted);
    this.watchdog.expect();
    this.disposables.push(
      this.channel,
      this.watchdog,
      deps.library.onDidChange((c) => {
        this.slides.clear();
        webview.options = { ...webview.options, localResourceRoots: readerResourceRoots(deps.context.extensionUri, c.index.course.root) };
        if (this.channel.isReady) this.sendAll();
        this.watchdog.rearm();
      }),
      deps.reader.onDidChange(() => this.sendState()),
      deps.exercises.onDidChangeStatus((e) => {
        const course = this.deps.reader.course;
        if (e.courseId !== course.id) return;
        const ref = course.index.snippetByStableKey(e.key);
        if (ref) this.channel.post({ type: 'status', courseId: course.id, key: ref.key, status: e.status, exitCode: e.exitCode, message: e.message, yourTurn: e.yourTurn });
        this.sendProgress();
      }),
      deps.exercises.onDidChangeLabRunState((e) => {
        // Whatever ran it (Run all, Next step, the command), the lab is found by its key.
        const lab = labOfStableKey(this.deps.reader.course, e.labKey);
        if (lab && e.courseId === this.deps.reader.course.id) this.channel.post({ type: 'labState', courseId: e.courseId, lab, state: e.state });
      }),
      deps.exercises.onDidResetProgress((e) => {
        if (e.courseId === this.deps.reader.course.id) this.sendProgress();
      }),
      deps.reader.onDidSaveCheckpoint((courseId) => {
        if (courseId === this.deps.reader.course.id) this.sendProgress();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reloadTrusted()),
      ...(deps.lab ? [attachLab(deps.lab, () => this.deps.reader.course, (m) => this.channel.post(m))] : []),
    );
  }

  /** Remote images may load now: a new policy, and slides rendered again (the webview restores its place). */
  private reloadTrusted(): void {
    this.rebuild(true);
    this.watchdog.expect();
  }

  /** A new document: fresh HTML (a new nonce), so a new ready handshake and everything sent again. */
  private rebuild(trusted: boolean): void {
    this.slides.clear();
    this.channel.reset();
    this.webview.html = readerHtml(this.webview, this.deps.context.extensionUri, this.surface, trusted);
  }

  /**
   * VS Code drops the document of a hidden webview (no retainContextWhenHidden) and loads a new
   * one when it is shown again: hold messages until its ready, and expect it to draw.
   */
  visibilityChanged(visible: boolean): void {
    if (visible) this.watchdog.expect();
    else this.channel.reset();
  }

  /** Tells this view what to show (the contents, the search box, the slide); waits for the webview's ready. */
  command(command: ViewCommand): void {
    this.channel.post({ type: 'command', command });
  }

  private handlers(): ConstructorParameters<typeof WebviewChannel>[1] {
    const { reader, exercises } = this.deps;
    return {
      ready: (view) => this.sendAll(view),
      notifications: {
        action: (m) => this.ifCurrent(m.courseId, () => reader.apply(m.action)),
        run: (m) => this.runSnippet(m.courseId, m.key, 'run'),
        send: (m) => this.runSnippet(m.courseId, m.key, 'send'),
        runAll: (m) => this.ifCurrent(m.courseId, (course) => runLabOf(exercises, course, m.lab)),
        showOutput: (m) =>
          this.ifCurrent(m.courseId, (course) => {
            const ref = course.index.snippet(m.key);
            if (ref) exercises.showOutput(course.id, ref.stableKey);
          }),
        diagnosisFix: (m) =>
          this.ifCurrent(m.courseId, (course) => {
            const ref = course.index.snippet(m.key);
            if (ref && this.deps.lab) return this.deps.lab.runFix(course.id, ref.stableKey, m.reason, m.fix);
          }),
        openYaml: (m) => openYaml(m.text),
        openLink: (m) => openLink(reader.course, m.kind, m.target, m.fragment, this.deps.log),
        openProblem: (m) => openProblem(reader.course, m.file, m.line, this.deps.log),
        openCourse: () => vscode.commands.executeCommand('workshop.openCourse'),
        openBeside: () => this.deps.openBeside(),
        nextStep: (m) => this.ifCurrent(m.courseId, () => vscode.commands.executeCommand('workshop.nextStep')),
        chapterCheckpoint: (m) => this.ifCurrent(m.courseId, () => vscode.commands.executeCommand(m.action === 'start' ? 'workshop.startChapter' : 'workshop.resetChapter', m.chapter)),
        dropped: (m) => this.deps.log.warn(`reader: the webview dropped ${m.error}`),
        drawn: (m) => {
          this.watchdog.drawn();
          this.deps.log.info(`reader: the ${this.surface} shows ${m.courseId} (${m.chapters} chapters)`);
          this.deps.onDidDraw?.({ surface: this.surface, courseId: m.courseId, chapters: m.chapters });
        },
        drawnError: (m) => {
          this.watchdog.drawn();
          this.deps.log.info(`reader: the ${this.surface} shows an error: ${m.title}`);
        },
        reload: () => this.watchdog.restart(),
      },
      requests: {
        search: ({ courseId, query }) => (courseId === reader.course.id ? reader.course.index.search(query) : []),
        copy: ({ courseId, key, text }) => copyToClipboard(courseId === reader.course.id ? reader.course : undefined, key, text),
        reveal: ({ courseId, resource, namespace, chapter }) =>
          this.deps.lab && courseId === reader.course.id
            ? revealFromSlide(this.deps.lab, reader.course, resource, namespace, chapter)
            : { outcome: 'noCluster' as const, message: 'The Cluster view is not available.' },
      },
    };
  }

  /** Runs `action` when the message concerns the open course; a message about another one is stale. */
  private ifCurrent(courseId: string, action: (course: OpenCourse) => unknown): unknown {
    const course = this.deps.reader.course;
    return courseId === course.id ? action(course) : undefined;
  }

  private async runSnippet(courseId: string, key: string, how: 'run' | 'send'): Promise<void> {
    const course = this.deps.reader.course;
    const ref = course.id === courseId ? course.index.snippet(key) : undefined;
    // Only visible snippets run from a click: hidden directives belong to "Run all".
    // A lab the reader does not show gets no buttons: a request for one did not come from a click.
    if (!ref || ref.snippet.hidden || ref.lab.hiddenBy) {
      this.deps.log.warn(`reader: ignored a ${how} request for unknown or hidden snippet ${key}`);
      return;
    }
    const chapterKey = course.index.chapterKey(ref.chapterIndex);
    if (how === 'run') await this.deps.exercises.runSnippet(course.id, ref.stableKey, ref.snippet, chapterKey);
    else this.deps.exercises.sendKeys(course.id, ref.stableKey, ref.snippet, chapterKey);
  }

  /** Everything a freshly loaded webview needs: the course, the state, the slide, the progress. */
  private sendAll(view?: ViewState): void {
    const { reader } = this.deps;
    const course = reader.course;
    // The webview says "Loading the course…" until the library announces it.
    if (course.loading) return;
    const c = course.index.course;
    this.sentSlide = undefined;
    if (!c.readable || course.index.slides.length === 0) {
      this.channel.post({
        type: 'error',
        title: c.readable ? `The course ${path.basename(c.source)} has no slides` : `The course ${path.basename(c.source)} could not be read`,
        message: `Source: ${c.source}. Pick another course, or fix the problems below and save: the reader reloads by itself.`,
        problems: c.problems,
      });
      return;
    }
    this.channel.post({
      type: 'course',
      courseId: course.id,
      title: c.title,
      source: c.source,
      bundled: course.bundled,
      parts: course.index.toc,
      slideCount: course.index.slides.length,
      problems: c.problems,
      anchors: course.index.anchors,
      trusted: vscode.workspace.isTrusted,
      resumed: reader.resumed || view?.courseId === course.id,
    });
    this.sendState();
    this.sendProgress();
    if (this.deps.lab) sendLabState(this.deps.lab, course, (m) => this.channel.post(m));
  }

  private sendState(): void {
    if (this.deps.reader.course.loading) return;
    const snapshot = this.deps.reader.snapshot();
    this.channel.post({ type: 'state', state: snapshot });
    const { slide, step } = snapshot.position;
    const id = `${snapshot.courseId}\n${slide}\n${step}`;
    if (id === this.sentSlide) return;
    this.sentSlide = id;
    const course = this.deps.reader.course;
    this.slides.render(course, slide, step).then(
      (message) => {
        // A slower render must not replace a newer slide.
        if (this.sentSlide === id) this.channel.post(message);
      },
      (error: unknown) => this.deps.log.error(`reader: slide ${slide + 1} could not be rendered: ${String(error)}`),
    );
  }

  private sendProgress(): void {
    const course = this.deps.reader.course;
    const statuses: Record<string, SnippetStatusView> = {};
    for (const [stableKey, record] of Object.entries(this.deps.exercises.progress(course.id).snippets)) {
      const ref = course.index.snippetByStableKey(stableKey);
      if (ref) statuses[ref.key] = { status: record.status, exitCode: record.exitCode };
    }
    this.channel.post({ type: 'progress', courseId: course.id, statuses, chapters: this.deps.reader.progress() });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
