// One reader webview (the sidebar view or the panel beside the editor): answers
// its messages, sends it the course, slides, statuses and progress.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CourseIndex } from '../course/courseIndex';
import { snippetText } from '../exercises/prepare';
import { confineAbsolute } from '../course/confine';
import { nodeFileSystem } from '../course/nodeFileSystem';
import { isDone } from '../exercises/progress';
import type { HostMessage, Position, ReaderCommand, ReaderState, SnippetStatus, WebviewMessage } from '../protocol';
import { parseLabKey } from '../protocol';
import type { CourseLibrary, OpenCourse } from './courseLibrary';
import type { ExerciseBridge } from './exerciseBridge';
import type { SlideRenderer } from '../render/slide';
import { readerHtml, readerResourceRoots } from './readerHtml';
import { settings } from './settings';

const POSITIONS = 'workshop.positions';

/** The reading position stored for a course, if any. */
export function storedPosition(context: vscode.ExtensionContext, courseId: string): Position | undefined {
  return context.globalState.get<Record<string, Position>>(POSITIONS, {})[courseId];
}
const RENDER_CACHE_SIZE = 300;

export interface ReaderDeps {
  context: vscode.ExtensionContext;
  library: CourseLibrary;
  exercises: ExerciseBridge;
  log: vscode.LogOutputChannel;
  openBeside(): void;
}

export class ReaderSession implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rendered = new Map<string, HostMessage & { type: 'slide' }>();
  private ready = false;
  private pending: HostMessage[] = [];
  private renderer?: { courseId: string; renderer: SlideRenderer };

  constructor(
    private readonly webview: vscode.Webview,
    private readonly deps: ReaderDeps,
    private readonly surface: 'view' | 'panel',
  ) {
    const course = deps.library.current();
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: readerResourceRoots(deps.context.extensionUri, course.index.course.root),
    };
    webview.html = readerHtml(webview, deps.context.extensionUri, surface, vscode.workspace.isTrusted);
    this.disposables.push(
      webview.onDidReceiveMessage((m: WebviewMessage) => this.onMessage(m).catch((e) => this.fail(e))),
      deps.library.onDidChange((c) => {
        this.rendered.clear();
        this.renderer = undefined;
        webview.options = { ...webview.options, localResourceRoots: readerResourceRoots(deps.context.extensionUri, c.index.course.root) };
        if (this.ready) this.sendCourse(c);
      }),
      deps.exercises.onDidChangeStatus((e) => {
        const course = this.deps.library.current();
        if (e.courseId !== course.id) return;
        const ref = course.index.snippetByStableKey(e.key);
        if (ref) this.post({ type: 'status', courseId: course.id, key: ref.key, status: e.status, exitCode: e.exitCode, message: e.message });
        this.sendProgress(course);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reloadTrusted()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('workshop.hideExtraDetails')) this.post({ type: 'settings', hideExtraDetails: settings.hideExtraDetails() });
      }),
    );
  }

  /** Remote images may load now: a new policy, and slides rendered again (the webview restores its place). */
  private reloadTrusted(): void {
    this.rendered.clear();
    this.renderer = undefined;
    this.ready = false;
    this.webview.html = readerHtml(this.webview, this.deps.context.extensionUri, this.surface, true);
  }

  command(command: ReaderCommand): void {
    this.postWhenReady({ type: 'command', command });
  }

  goto(slide: number): void {
    this.postWhenReady({ type: 'goto', courseId: this.deps.library.current().id, slide });
  }

  /** Navigation asked for before the webview has loaded waits for its `ready`. */
  private postWhenReady(message: HostMessage): void {
    if (this.ready) this.post(message);
    else this.pending.push(message);
  }

  private post(message: HostMessage): void {
    void this.webview.postMessage(message);
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.deps.log.error(`reader: ${message}`);
    void vscode.window.showErrorMessage(`Kubernetes Workshop: ${message}`);
  }

  private positions(): Record<string, Position> {
    return this.deps.context.globalState.get<Record<string, Position>>(POSITIONS, {});
  }

  private sendCourse(course: OpenCourse, state?: ReaderState): void {
    // The webview says "Loading the course…" until the library announces it.
    if (course.loading) return;
    const index = course.index;
    const c = index.course;
    if (!c.readable || index.slides.length === 0) {
      this.post({
        type: 'error',
        title: c.readable ? `The course ${path.basename(c.source)} has no slides` : `The course ${path.basename(c.source)} could not be read`,
        message: `Source: ${c.source}. Pick another course, or fix the problems below and save: the reader reloads by itself.`,
        problems: c.problems,
      });
      return;
    }
    const stored = state?.courseId === course.id ? state.position : storedPosition(this.deps.context, course.id);
    const position = clampPosition(stored, index);
    this.post({
      type: 'course',
      courseId: course.id,
      title: c.title,
      source: c.source,
      bundled: course.bundled,
      parts: index.toc,
      slideCount: index.slides.length,
      problems: c.problems,
      anchors: index.anchors,
      extraDetails: index.extraDetails,
      position,
      trusted: vscode.workspace.isTrusted,
      hideExtraDetails: settings.hideExtraDetails(),
    });
    this.sendProgress(course);
  }

  private sendProgress(course: OpenCourse): void {
    const progress = this.deps.exercises.progress(course.id);
    const statuses: Record<string, { status: SnippetStatus; exitCode?: number }> = {};
    const chapterDone = new Array<number>(course.index.chapters.length).fill(0);
    for (const [stableKey, record] of Object.entries(progress.snippets)) {
      const ref = course.index.snippetByStableKey(stableKey);
      if (!ref) continue;
      statuses[ref.key] = { status: record.status, exitCode: record.exitCode };
      if (isDone(record.status)) chapterDone[ref.chapterIndex]++;
    }
    this.post({ type: 'progress', courseId: course.id, statuses, chapterDone });
  }

  private async slideMessage(course: OpenCourse, index: number, step: number): Promise<HostMessage & { type: 'slide' }> {
    const cacheKey = `${course.id}\n${index}\n${step}`;
    const cached = this.rendered.get(cacheKey);
    if (cached) return cached;
    // markdown-it, highlight.js and sanitize-html load with the first slide, not at activation.
    const { SlideRenderer } = await import('../render/slide');
    if (this.renderer?.courseId !== course.id) {
      const resolveLocalImage = (abs: string) => this.webview.asWebviewUri(vscode.Uri.file(abs)).toString();
      const remoteImages = vscode.workspace.isTrusted;
      this.renderer = { courseId: course.id, renderer: new SlideRenderer(course.index.course, resolveLocalImage, { remoteImages }) };
    }
    const slide = course.index.slides[index];
    const rendered = this.renderer.renderer.render(slide, step > 0 ? step : undefined);
    const message: HostMessage & { type: 'slide' } = {
      type: 'slide',
      courseId: course.id,
      index,
      chapter: course.index.chapterOfSlide[index],
      html: rendered.html,
      steps: rendered.steps,
      step: step > 0 ? Math.min(step, rendered.steps) : rendered.steps,
      classes: slide.classes,
      title: slide.title,
      file: slide.file,
      line: slide.line,
    };
    if (this.rendered.size >= RENDER_CACHE_SIZE) this.rendered.delete(this.rendered.keys().next().value!);
    this.rendered.set(cacheKey, message);
    return message;
  }

  private currentFor(courseId: string): OpenCourse | undefined {
    const course = this.deps.library.current();
    return course.id === courseId ? course : undefined;
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sendCourse(this.deps.library.current(), message.state);
        for (const pending of this.pending.splice(0)) this.post(pending);
        return;
      case 'showSlide': {
        const course = this.currentFor(message.courseId);
        if (!course || !course.index.slides[message.index]) return;
        this.post(await this.slideMessage(course, message.index, message.step));
        return;
      }
      case 'position': {
        const positions = { ...this.positions(), [message.courseId]: message.position };
        await this.deps.context.globalState.update(POSITIONS, positions);
        return;
      }
      case 'run':
      case 'send': {
        const course = this.currentFor(message.courseId);
        const ref = course?.index.snippet(message.key);
        // Only visible snippets run from a click: hidden directives belong to "Run all".
        if (!course || !ref || ref.snippet.hidden) {
          this.deps.log.warn(`ignored a ${message.type} request for unknown or hidden snippet ${message.key}`);
          return;
        }
        const chapterKey = course.index.chapterKey(ref.chapterIndex);
        if (message.type === 'run') await this.deps.exercises.runSnippet(course.id, ref.stableKey, ref.snippet, chapterKey);
        else this.deps.exercises.sendKeys(course.id, ref.stableKey, ref.snippet, chapterKey);
        return;
      }
      case 'runAll': {
        const course = this.currentFor(message.courseId);
        const lab = parseLabKey(message.lab);
        if (!course || !lab) return;
        await runLabOf(this.deps.exercises, course, lab.slide, lab.lab);
        return;
      }
      case 'copy': {
        const course = this.currentFor(message.courseId);
        const ref = message.key ? course?.index.snippet(message.key) : undefined;
        const text = ref ? snippetText(ref.snippet) : message.text;
        if (text === undefined) return;
        await vscode.env.clipboard.writeText(text);
        vscode.window.setStatusBarMessage('$(clippy) Copied to the clipboard', 2000);
        return;
      }
      case 'openYaml': {
        const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: message.text });
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
        return;
      }
      case 'openLink':
        await this.openLink(message.kind, message.target, message.fragment);
        return;
      case 'showOutput': {
        const course = this.currentFor(message.courseId);
        const ref = course?.index.snippet(message.key);
        if (course && ref) this.deps.exercises.showOutput(course.id, ref.stableKey);
        return;
      }
      case 'search': {
        const course = this.currentFor(message.courseId);
        if (!course) return;
        this.post({ type: 'searchResults', courseId: course.id, query: message.query, results: course.index.search(message.query) });
        return;
      }
      case 'setHideExtraDetails':
        await settings.setHideExtraDetails(message.hide);
        return;
      case 'openCourse':
        await vscode.commands.executeCommand('workshop.openCourse');
        return;
      case 'openBeside':
        this.deps.openBeside();
        return;
      case 'openProblem': {
        const course = this.deps.library.current();
        const file = path.resolve(course.index.course.baseDir, message.file);
        await this.openFile(file, message.line);
        return;
      }
    }
  }

  private async openLink(kind: 'external' | 'file', target: string, fragment?: string): Promise<void> {
    if (kind === 'external') {
      if (/^(https?|mailto):/i.test(target)) await vscode.env.openExternal(vscode.Uri.parse(target, true));
      return;
    }
    const line = fragment && /^L?(\d+)$/.exec(fragment)?.[1];
    await this.openFile(target, line ? Number(line) : undefined);
  }

  private async openFile(file: string, line?: number): Promise<void> {
    // Webview messages are not trusted either: only files of the course are opened or revealed.
    const root = this.deps.library.current().index.course.root;
    if (!confineAbsolute(nodeFileSystem, root, file)) {
      this.deps.log.warn(`not opened: ${file} is outside the course (${root})`);
      void vscode.window.showWarningMessage(`Kubernetes Workshop: the course links to ${file}, which is outside the course or does not exist.`);
      return;
    }
    try {
      const uri = vscode.Uri.file(file);
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) {
        await vscode.commands.executeCommand('revealInExplorer', uri);
        return;
      }
      const selection = line ? new vscode.Range(line - 1, 0, line - 1, 0) : undefined;
      await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true, selection });
    } catch {
      void vscode.window.showWarningMessage(`Kubernetes Workshop: the course links to ${file}, which does not exist.`);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export async function runLabOf(exercises: ExerciseBridge, course: OpenCourse, slide: number, labIndex: number): Promise<void> {
  const refs = course.index.labSnippets(slide, labIndex);
  if (!refs.length) return;
  const chapterKey = course.index.chapterKey(refs[0].chapterIndex);
  await exercises.runLab(course.id, `${refs[0].slide.file}:${refs[0].lab.line}`, refs[0].lab, refs.map((r) => r.stableKey), chapterKey);
}

function clampPosition(position: Position | undefined, index: CourseIndex): Position {
  const slide = position && Number.isInteger(position.slide) && index.slides[position.slide] ? position.slide : firstSlide(index);
  const step = position && Number.isInteger(position.step) && position.step >= 0 ? position.step : 0;
  return { slide, step };
}

function firstSlide(index: CourseIndex): number {
  return index.slides.findIndex((s) => s !== undefined);
}
