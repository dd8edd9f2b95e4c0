// The one reader state of the window: the side-bar view and the editor panel both show
// it, commands act on it, and it is stored as it changes (src/reader/ holds its logic).
import * as vscode from 'vscode';
import { chapterKey, type ChapterCheckpoint } from '../exercises/checkpoint/checkpointStore';
import type { ChapterProgress, ReaderAction, ReaderSnapshot } from '../protocol';
import { courseShape } from '../reader/courseShape';
import { applyAction } from '../reader/navigation';
import { countedSteps, progressSummary } from '../reader/progress';
import { snapshotOf } from '../reader/snapshot';
import { clampPosition, type CourseShape, type ReaderState } from '../reader/state';
import type { CourseLibrary, OpenCourse } from './courseLibrary';
import { DisposableBase } from './disposableBase';
import type { ExerciseBridge } from './exerciseBridge';
import { onDidChangeSettings, settings } from './settings';
import type { WorkshopStore } from './store';

interface Loaded {
  course: OpenCourse;
  shape: CourseShape;
  steps: string[][];
  /** True when a position was stored for this course: the reader opens on it. */
  resumed: boolean;
  /** The user's own extra-details choice for this course; undefined follows the setting. */
  hideOverride?: boolean;
}

export class SharedReader extends DisposableBase {
  private readonly changed = this.own(new vscode.EventEmitter<ReaderState>());
  /** Fires when the position or a switch changes (not when the course changes: see the library). */
  readonly onDidChange = this.changed.event;
  private readonly checkpointSaved = this.own(new vscode.EventEmitter<string>());
  /** Fires (with the course id) when a chapter's start is stored: the progress views draw changed. */
  readonly onDidSaveCheckpoint = this.checkpointSaved.event;
  private loaded?: Loaded;
  private current?: ReaderState;

  constructor(
    private readonly library: CourseLibrary,
    private readonly store: WorkshopStore,
    private readonly exercises: ExerciseBridge,
  ) {
    super();
    this.own(
      library.onDidChange(() => {
        this.loaded = undefined;
        this.current = undefined;
      }),
      onDidChangeSettings(['hideExtraDetails'], () => {
        if (this.load().hideOverride !== undefined) return;
        this.set({ ...this.state, hideExtraDetails: settings.hideExtraDetails() });
      }),
    );
  }

  get course(): OpenCourse {
    return this.load().course;
  }

  get shape(): CourseShape {
    return this.load().shape;
  }

  get resumed(): boolean {
    return this.load().resumed;
  }

  get state(): ReaderState {
    if (!this.current) {
      const { course, shape, hideOverride } = this.load();
      const stored = this.store.courseReading(course.id);
      this.current = {
        courseId: course.id,
        position: clampPosition(stored?.position, shape),
        stepMode: stored?.stepMode ?? false,
        hideExtraDetails: hideOverride ?? settings.hideExtraDetails(),
      };
    }
    return this.current;
  }

  snapshot(): ReaderSnapshot {
    return snapshotOf(this.state, this.shape);
  }

  /** Applies a user action; views and the store follow. */
  apply(action: ReaderAction): void {
    if (action.kind === 'setHideExtraDetails') this.load().hideOverride = action.hide;
    this.set(applyAction(this.state, this.shape, action));
  }

  /** Done and total steps per chapter, by the one definition of done (src/reader/progress.ts). */
  progress(): ChapterProgress[] {
    const { course, steps } = this.load();
    const checkpoints = this.store.checkpoints(course.id);
    const started = course.index.chapters.map((chapter) => {
      const key = chapterKey(chapter);
      const checkpoint = Object.hasOwn(checkpoints, key) ? checkpoints[key] : undefined;
      return checkpoint && { at: checkpoint.startedAt, ran: checkpoint.ran, held: checkpoint.held, skipped: checkpoint.skipped };
    });
    return progressSummary(steps, this.exercises.progress(course.id), started);
  }

  /** Stores a finished "Start This Chapter" of chapter `chapterIndex` of the current course. */
  async saveCheckpoint(chapterIndex: number, checkpoint: ChapterCheckpoint): Promise<void> {
    const { course } = this.load();
    const chapter = course.index.chapters[chapterIndex];
    if (!chapter) return;
    await this.store.saveCheckpoint(course.id, chapterKey(chapter), checkpoint);
    this.checkpointSaved.fire(course.id);
  }

  private set(next: ReaderState): void {
    // Nothing to change (or to store over the saved position) before the course has loaded.
    if (this.load().course.loading) return;
    const before = this.state;
    if (JSON.stringify(before) === JSON.stringify(next)) return;
    this.current = next;
    const loaded = this.load();
    loaded.resumed = true;
    void this.store.saveCourseReading(next.courseId, {
      position: next.position,
      stepMode: next.stepMode,
      ...(loaded.hideOverride === undefined ? {} : { hideExtraDetails: loaded.hideOverride }),
    });
    this.changed.fire(next);
  }

  private load(): Loaded {
    const course = this.library.current();
    if (this.loaded?.course !== course) {
      const stored = this.store.courseReading(course.id);
      this.loaded = {
        course,
        shape: courseShape(course.index),
        steps: countedSteps(course.index),
        resumed: stored !== undefined,
        hideOverride: stored?.hideExtraDetails,
      };
      this.current = undefined;
    }
    return this.loaded;
  }
}
