// "Next step": every replay step of a course in reading order (all labs of all slides of all
// chapters, hidden directives included), a cursor over them, and how the cursor is stored.
import type { CourseIndex } from '../course/courseIndex';
import { describeStep, makePlan, stepForSnippet, DEFAULT_PLAN_OPTIONS, type PlanOptions, type PlanStep, type ReplayPlan } from './plan';

export interface CourseStep {
  /** Position in the course's list of steps. */
  index: number;
  slide: number;
  lab: number;
  chapterIndex: number;
  /** `<file>:<line>` of the step's first snippet: where the cursor points, across edits elsewhere. */
  stableKey: string;
  /**
   * Planned steps run together: a `wait` goes with the command before it (which it watches),
   * and a `copy` with what follows up to its `paste` (the copied text lives for one replay).
   */
  steps: PlanStep[];
  /** The first step of the lab's next course step (an editor followed by keys is no learner's turn). */
  followedBy?: PlanStep;
}

/** Joins a lab's planned steps into steps that make sense to run one at a time. */
function groupSteps(steps: PlanStep[]): PlanStep[][] {
  const groups: PlanStep[][] = [];
  let copying = false;
  for (const step of steps) {
    const last = groups.at(-1);
    if (last && (copying || step.kind === 'wait')) last.push(step);
    else groups.push([step]);
    if (step.kind === 'copy') copying = true;
    if (step.kind === 'paste') copying = false;
  }
  return groups;
}

export function courseSteps(index: CourseIndex, options: PlanOptions = DEFAULT_PLAN_OPTIONS): CourseStep[] {
  const result: CourseStep[] = [];
  for (const slide of index.slides) {
    if (!slide) continue;
    slide.labs.forEach((lab, labIndex) => {
      if (lab.hiddenBy) return; // the reader does not show it: nothing of it runs
      const planned: PlanStep[] = [];
      lab.snippets.forEach((snippet, snippetIndex) => {
        const step = stepForSnippet(snippet, snippetIndex, options);
        if (step) planned.push(step);
      });
      const groups = groupSteps(planned);
      groups.forEach((steps, groupIndex) => {
        result.push({
          index: result.length,
          slide: slide.index,
          lab: labIndex,
          chapterIndex: index.chapterOfSlide[slide.index] ?? 0,
          stableKey: `${slide.file}:${lab.snippets[steps[0].snippetIndex].line}`,
          steps,
          followedBy: groups[groupIndex + 1]?.[0],
        });
      });
    });
  }
  return result;
}

/**
 * What Next step asks before the first hidden directive of a chapter: every hidden directive of
 * that chapter, whole, one per line; empty when the chapter has none.
 */
export function hiddenDirectivesOfChapter(steps: readonly CourseStep[], chapterIndex: number): string[] {
  return steps
    .filter((step) => step.chapterIndex === chapterIndex)
    .flatMap((step) => step.steps.filter((planned) => planned.hidden))
    .map((planned) => describeStep(planned, true));
}

/** The replay plan of one course step. */
export function planOfStep(step: CourseStep): ReplayPlan {
  return makePlan(step.steps, step.followedBy);
}

/** Index of the step the cursor (the stable key of the last step run) points at; -1 before the first. */
export function cursorIndex(steps: readonly CourseStep[], cursor: string | undefined): number {
  return cursor === undefined ? -1 : steps.findIndex((step) => step.stableKey === cursor);
}

/** The step "Next step" runs: the one after the cursor; undefined at the end of the course. */
export function nextStep(steps: readonly CourseStep[], cursor: string | undefined): CourseStep | undefined {
  return steps[cursorIndex(steps, cursor) + 1];
}

/** The step "Previous step" re-runs: the one before the cursor; undefined before the second step. */
export function previousStep(steps: readonly CourseStep[], cursor: string | undefined): CourseStep | undefined {
  const at = cursorIndex(steps, cursor);
  return at > 0 ? steps[at - 1] : undefined;
}

/** A step by its stable key or position ("Go to step"). */
export function stepAt(steps: readonly CourseStep[], where: string | number): CourseStep | undefined {
  return typeof where === 'number' ? steps[where] : steps.find((step) => step.stableKey === where);
}

/** Stored cursors, version 1: `{ version: 1, courses: { [courseId]: stableKey } }`. */
export interface StoredStepCursors {
  version: 1;
  courses: Record<string, string>;
}

/** Reads stored cursors; anything malformed is dropped, never throws. */
export function readStepCursors(stored: unknown): StoredStepCursors {
  const result: StoredStepCursors = { version: 1, courses: {} };
  if (typeof stored !== 'object' || stored === null) return result;
  const { version, courses } = stored as Record<string, unknown>;
  if (version !== 1 || typeof courses !== 'object' || courses === null || Array.isArray(courses)) return result;
  for (const [courseId, key] of Object.entries(courses)) {
    if (typeof key === 'string' && courseId !== '__proto__') result.courses[courseId] = key;
  }
  return result;
}

export function withStepCursor(stored: StoredStepCursors, courseId: string, cursor: string): StoredStepCursors {
  return { version: 1, courses: { ...stored.courses, [courseId]: cursor } };
}
