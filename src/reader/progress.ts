// The progress summary, with the one definition of done: a chapter's steps are its
// visible runnable snippets (hidden `wait`/`key` directives never count), and a step
// is done when its stored record says it ran to the end.
import type { CourseIndex } from '../course/courseIndex';
import { isDone, type CourseProgress } from '../exercises/progress';
import type { ChapterProgress, ChapterStart } from '../protocol';

/** Stable keys of the steps that count, by chapter index. */
export function countedSteps(index: CourseIndex): string[][] {
  return index.chapters.map((_, chapter) => index.clickableStableKeys(chapter));
}

/** `started[i]`: chapter i's last finished "Start This Chapter", if any. */
export function progressSummary(steps: readonly (readonly string[])[], progress: CourseProgress, started: readonly (ChapterStart | undefined)[] = []): ChapterProgress[] {
  return steps.map((keys, chapter) => ({
    done: keys.filter((key) => isDone(progress.snippets[key]?.status)).length,
    total: keys.length,
    ...(started[chapter] ? { started: started[chapter] } : {}),
  }));
}

/** Progress with the records of some steps (one chapter's) removed; the others are kept. */
export function withoutSteps(progress: CourseProgress, keys: readonly string[]): CourseProgress {
  const drop = new Set(keys);
  const snippets = Object.fromEntries(Object.entries(progress.snippets).filter(([key]) => !drop.has(key)));
  return { version: 1, snippets };
}
