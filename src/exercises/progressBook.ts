// The exercise progress of each course and the output of each snippet's last run: read from the
// store once, recorded in memory, saved on every change. Outputs stay in memory for this session
// only (they may hold tokens: never stored nor logged).
import { emptyProgress, recordStatus, type CourseProgress, type SnippetStatus } from './progress';

/** Where progress is kept across sessions (the extension's global state). */
export interface ProgressStore {
  progress(courseId: string): CourseProgress;
  hasProgress(courseId: string): boolean;
  saveProgress(courseId: string, progress: CourseProgress | undefined): PromiseLike<void> | void;
  /** Marks every stored course's progress for Settings Sync. */
  syncProgress(): void;
}

function outputKey(courseId: string, key: string): string {
  return `${courseId}\u0000${key}`;
}

export class ProgressBook {
  private readonly byCourse = new Map<string, CourseProgress>();
  private readonly outputs = new Map<string, string>();

  constructor(
    private readonly store: ProgressStore,
    private readonly now: () => number = Date.now,
  ) {}

  progress(courseId: string): CourseProgress {
    let progress = this.byCourse.get(courseId);
    if (!progress) {
      progress = this.store.progress(courseId);
      this.byCourse.set(courseId, progress);
    }
    return progress;
  }

  /**
   * Records a snippet's status at once (later reads see it) and saves the course's progress;
   * a course saved for the first time joins Settings Sync. Resolves once saved.
   */
  async record(courseId: string, key: string, status: SnippetStatus, details: { exitCode?: number; chapter?: string } = {}): Promise<void> {
    const progress = recordStatus(this.progress(courseId), key, status, { ...details, at: this.now() });
    this.byCourse.set(courseId, progress);
    const isNewCourse = !this.store.hasProgress(courseId);
    await this.store.saveProgress(courseId, progress);
    if (isNewCourse) this.store.syncProgress();
  }

  recordOutput(courseId: string, key: string, output: string): void {
    this.outputs.set(outputKey(courseId, key), output);
  }

  /** The output of the snippet's last run in this session, if one was read. */
  output(courseId: string, key: string): string | undefined {
    return this.outputs.get(outputKey(courseId, key));
  }

  /** Forgets the course's statuses and outputs, in memory and in the store. */
  async reset(courseId: string): Promise<void> {
    this.byCourse.set(courseId, emptyProgress());
    for (const key of [...this.outputs.keys()]) if (key.startsWith(outputKey(courseId, ''))) this.outputs.delete(key);
    await this.store.saveProgress(courseId, undefined);
    this.store.syncProgress();
  }
}
