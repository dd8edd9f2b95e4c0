// Which course is open: the setting, the user's pick, a deck found in the
// workspace, or the bundled course. Reloads it when its files change. Courses load
// in a worker thread: until the first one arrives, `current()` is an empty course
// marked `loading`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CourseIndex } from '../course/courseIndex';
import { findDecks, resolveCourseSetting, type DeckCandidate } from '../course/discover';
import { failedCourse, loadCourseOffThread } from '../course/loadOffThread';
import type { Course } from '../course/model';
import { DisposableBase } from './disposableBase';
import { affects, settings } from './settings';
import type { WorkshopStore } from './store';
import { courseSettingNotFound } from '../text/messages';

export interface OpenCourse {
  id: string;
  index: CourseIndex;
  bundled: boolean;
  /** Why this course was chosen, for the log and the picker. */
  origin: 'setting' | 'picked' | 'workspace' | 'bundled';
  /** True while the first course is being loaded: nothing to show yet. */
  loading?: boolean;
}

export class CourseLibrary extends DisposableBase {
  private readonly changed = this.own(new vscode.EventEmitter<OpenCourse>());
  readonly onDidChange = this.changed.event;
  private currentCourse?: OpenCourse;
  private pendingLoad?: Promise<OpenCourse>;
  private generation = 0;
  private watcher?: vscode.FileSystemWatcher;
  private reloadTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: WorkshopStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'coursePath')) void this.reload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    );
  }

  get bundledPath(): string {
    return path.join(this.context.extensionUri.fsPath, 'content', 'kube.yml');
  }

  current(): OpenCourse {
    if (!this.currentCourse) {
      const choice = this.choose();
      const course = failedCourse(choice.file, 'the course is loading');
      const index = new CourseIndex({ ...course, problems: [] });
      this.currentCourse = { id: choice.file, index, bundled: choice.file === this.bundledPath, origin: choice.origin, loading: true };
      void this.reload(choice);
    }
    return this.currentCourse;
  }

  /** The current course once loaded. */
  loaded(): Promise<OpenCourse> {
    const course = this.current();
    return this.pendingLoad ?? Promise.resolve(course);
  }

  /** Decks the user can pick from: the workspace's, then the bundled one. */
  candidates(): DeckCandidate[] {
    const decks = findDecks(this.folders());
    decks.push({ path: this.bundledPath, title: 'Bundled course: Kubernetes hands-on', root: this.context.extensionUri.fsPath });
    return decks;
  }

  async pick(coursePath: string | undefined): Promise<void> {
    await this.store.setPickedCourse(coursePath);
    await this.reload();
  }

  /** Loads the chosen course again; the newest request wins. */
  reload(choice = this.choose()): Promise<OpenCourse> {
    const generation = ++this.generation;
    // A load that throws must still settle as a course: else the reader says "Loading" for good.
    const load = this.load(choice).catch((error: unknown) => this.unreadable(choice, error)).then((course) => {
      if (generation !== this.generation) return this.pendingLoad ?? course;
      this.currentCourse = course;
      this.pendingLoad = undefined;
      this.changed.fire(course);
      return course;
    });
    this.pendingLoad = load;
    return load;
  }

  private unreadable({ file, origin }: { file: string; origin: OpenCourse['origin'] }, error: unknown): OpenCourse {
    const message = error instanceof Error ? error.message : String(error);
    this.log.error(`course ${file} (${origin}) could not be loaded: ${message}`);
    return { id: file, index: new CourseIndex(failedCourse(file, `the course could not be loaded: ${message}`)), bundled: file === this.bundledPath, origin };
  }

  private folders(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  }

  private choose(): { file: string; origin: OpenCourse['origin'] } {
    const setting = settings.coursePath();
    if (setting) {
      const resolved = resolveCourseSetting(setting, this.folders());
      if (resolved) return { file: resolved, origin: 'setting' };
      this.log.warn(`workshop.coursePath names "${setting}", which was not found; using the next course available`);
      void vscode.window.showWarningMessage(courseSettingNotFound(setting));
    }
    const picked = this.store.pickedCourse();
    if (picked) return { file: picked, origin: picked === this.bundledPath ? 'bundled' : 'picked' };
    const decks = findDecks(this.folders());
    if (decks.length) return { file: decks[0].path, origin: 'workspace' };
    return { file: this.bundledPath, origin: 'bundled' };
  }

  private async load({ file, origin }: { file: string; origin: OpenCourse['origin'] }): Promise<OpenCourse> {
    const started = Date.now();
    const course = await this.loadCourse(file);
    this.log.info(
      `course ${file} (${origin}): ${course.slideCount} slides, ${course.problems.length} problems, ${Date.now() - started} ms`,
    );
    for (const p of course.problems.slice(0, 50)) this.log.warn(`${p.file}:${p.line}: ${p.message}`);
    this.watch(course.baseDir);
    return { id: file, index: new CourseIndex(course), bundled: file === this.bundledPath, origin };
  }

  private loadCourse(file: string): Promise<Course> {
    const workerFile = path.join(this.context.extensionUri.fsPath, 'dist', 'courseWorker.js');
    // Without the bundle (running from sources) the course loads here. Imported on use, so
    // that the loader (and markdown-it, which it needs) stays out of the activation bundle.
    if (!fs.existsSync(workerFile)) return import('../course/loadWorker').then((worker) => worker.loadCourse(file));
    return loadCourseOffThread(file, { workerFile });
  }

  private watch(baseDir: string): void {
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(baseDir)), '**/*.{md,yml,yaml}'));
    const schedule = () => {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.reload(), 300);
    };
    this.watcher.onDidChange(schedule);
    this.watcher.onDidCreate(schedule);
    this.watcher.onDidDelete(schedule);
  }

  override dispose(): void {
    clearTimeout(this.reloadTimer);
    this.watcher?.dispose();
    super.dispose();
  }
}
