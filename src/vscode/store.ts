// Everything the extension keeps in VS Code's global or workspace state, with its key,
// scope and version in one place. Reads go through the parsers of the pure core, which
// also read the shapes of earlier releases.
import type * as vscode from 'vscode';
import { deserializeProgress, serializeProgress, type CourseProgress } from '../exercises/progress';
import { readStepCursors, withStepCursor, type StoredStepCursors } from '../exercises/courseSteps';
import { readCheckpoints, withCheckpoint, type ChapterCheckpoint } from '../exercises/checkpoint/checkpointStore';
import { readStoredReader, withCourseReading, type StoredCourseReading, type StoredReader } from '../reader/stored';

export const STORE_KEYS = {
  /** Global, version 2: reading position and reader switches per course (src/reader/stored.ts). */
  reader: 'workshop.reader',
  /** Global, releases before 0.2: `{ [courseId]: { slide, step } }`. Read, never written. */
  legacyPositions: 'workshop.positions',
  /** Global, synced, one key per course: `CourseProgress` version 1 (src/exercises/progress.ts). */
  progressPrefix: 'workshop.exercises.progress:',
  /** Global, version 1: the last step "Next step" ran, per course (src/exercises/courseSteps.ts). */
  stepCursors: 'workshop.stepCursors',
  /** Global, version 1: the chapters started with "Start This Chapter", per course (src/exercises/checkpoint/checkpointStore.ts). */
  checkpoints: 'workshop.checkpoints',
  /** Workspace: the course the user picked for this workspace (a path). */
  pickedCourse: 'workshop.pickedCourse',
} as const;

export class WorkshopStore {
  private reader?: StoredReader;

  constructor(private readonly context: vscode.ExtensionContext) {}

  // ---- reader ----

  courseReading(courseId: string): StoredCourseReading | undefined {
    return this.readerState().courses[courseId];
  }

  saveCourseReading(courseId: string, reading: StoredCourseReading): Thenable<void> {
    this.reader = withCourseReading(this.readerState(), courseId, reading);
    return this.context.globalState.update(STORE_KEYS.reader, this.reader);
  }

  private readerState(): StoredReader {
    this.reader ??= readStoredReader(
      this.context.globalState.get(STORE_KEYS.reader),
      this.context.globalState.get(STORE_KEYS.legacyPositions),
    );
    return this.reader;
  }

  // ---- exercise progress ----

  progress(courseId: string): CourseProgress {
    return deserializeProgress(this.context.globalState.get(STORE_KEYS.progressPrefix + courseId));
  }

  hasProgress(courseId: string): boolean {
    return this.context.globalState.get(STORE_KEYS.progressPrefix + courseId) !== undefined;
  }

  saveProgress(courseId: string, progress: CourseProgress | undefined): Thenable<void> {
    return this.context.globalState.update(STORE_KEYS.progressPrefix + courseId, progress && serializeProgress(progress));
  }

  /** Progress follows the user through Settings Sync. */
  syncProgress(): void {
    this.context.globalState.setKeysForSync(this.context.globalState.keys().filter((key) => key.startsWith(STORE_KEYS.progressPrefix)));
  }

  // ---- "Next step" ----

  stepCursor(courseId: string): string | undefined {
    return this.stepCursors().courses[courseId];
  }

  saveStepCursor(courseId: string, stableKey: string): Thenable<void> {
    return this.context.globalState.update(STORE_KEYS.stepCursors, withStepCursor(this.stepCursors(), courseId, stableKey));
  }

  private stepCursors(): StoredStepCursors {
    return readStepCursors(this.context.globalState.get(STORE_KEYS.stepCursors));
  }

  // ---- checkpoints ----

  /** The course's chapters started with "Start This Chapter", by chapter key (`chapterKey`). */
  checkpoints(courseId: string): Readonly<Record<string, ChapterCheckpoint>> {
    return readCheckpoints(this.context.globalState.get(STORE_KEYS.checkpoints)).courses[courseId]?.chapters ?? {};
  }

  saveCheckpoint(courseId: string, chapterKey: string, checkpoint: ChapterCheckpoint): Thenable<void> {
    const stored = readCheckpoints(this.context.globalState.get(STORE_KEYS.checkpoints));
    return this.context.globalState.update(STORE_KEYS.checkpoints, withCheckpoint(stored, courseId, chapterKey, checkpoint));
  }

  // ---- workspace ----

  pickedCourse(): string | undefined {
    return this.context.workspaceState.get<string>(STORE_KEYS.pickedCourse);
  }

  setPickedCourse(path: string | undefined): Thenable<void> {
    return this.context.workspaceState.update(STORE_KEYS.pickedCourse, path);
  }
}
