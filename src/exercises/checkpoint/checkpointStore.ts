// Checkpoints as stored: for each course, the chapters the learner started with "Start This
// Chapter", keyed by the chapter's file and anchor (stable across edits elsewhere in the course).

export interface ChapterCheckpoint {
  /** ISO time of the start. */
  readonly startedAt: string;
  /** Commands run, skipped because they held already, and left to the learner. */
  readonly ran: number;
  readonly held: number;
  readonly skipped: number;
}

/** Version 1: `{ version: 1, courses: { [courseId]: { last?: chapterKey, chapters: { [chapterKey]: ChapterCheckpoint } } } }`. */
export interface StoredCheckpoints {
  readonly version: 1;
  readonly courses: Record<string, { readonly last?: string; readonly chapters: Record<string, ChapterCheckpoint> }>;
}

export function chapterKey(chapter: { file: string; anchor: string }): string {
  return `${chapter.file}#${chapter.anchor}`;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function readCheckpoint(value: unknown): ChapterCheckpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { startedAt, ran, held, skipped } = value as Record<string, unknown>;
  if (typeof startedAt !== 'string' || !isCount(ran) || !isCount(held) || !isCount(skipped)) return undefined;
  return { startedAt, ran, held, skipped };
}

/** Reads stored checkpoints; anything malformed is dropped, never throws. */
export function readCheckpoints(stored: unknown): StoredCheckpoints {
  const courses: Record<string, { last?: string; chapters: Record<string, ChapterCheckpoint> }> = {};
  const result: StoredCheckpoints = { version: 1, courses };
  if (typeof stored !== 'object' || stored === null) return result;
  const { version, courses: storedCourses } = stored as Record<string, unknown>;
  if (version !== 1 || typeof storedCourses !== 'object' || storedCourses === null || Array.isArray(storedCourses)) return result;
  for (const [courseId, entry] of Object.entries(storedCourses)) {
    if (typeof entry !== 'object' || entry === null || courseId === '__proto__') continue;
    const { last, chapters } = entry as Record<string, unknown>;
    if (typeof chapters !== 'object' || chapters === null || Array.isArray(chapters)) continue;
    const kept: Record<string, ChapterCheckpoint> = {};
    for (const [key, value] of Object.entries(chapters)) {
      const checkpoint = key === '__proto__' ? undefined : readCheckpoint(value);
      if (checkpoint) kept[key] = checkpoint;
    }
    courses[courseId] = { last: typeof last === 'string' && Object.hasOwn(kept, last) ? last : undefined, chapters: kept };
  }
  return result;
}

export function withCheckpoint(stored: StoredCheckpoints, courseId: string, key: string, checkpoint: ChapterCheckpoint): StoredCheckpoints {
  const course = stored.courses[courseId] ?? { chapters: {} };
  return { version: 1, courses: { ...stored.courses, [courseId]: { last: key, chapters: { ...course.chapters, [key]: checkpoint } } } };
}
