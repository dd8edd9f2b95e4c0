// The reader's one state: which course, where in it, and how the user reads it.
// Every view of the course shows this state; every user action is a function of it.
import type { Position } from '../protocol';

export interface ReaderState {
  courseId: string;
  /** Slide shown, and how many of its increments (0: all of them). */
  position: Position;
  /** Next and Previous move one increment at a time. */
  stepMode: boolean;
  /** Next and Previous skip `extra-details` slides. */
  hideExtraDetails: boolean;
}

/** What navigation needs to know of a course (see `courseShape` for the real one). */
export interface CourseShape {
  readonly slideCount: number;
  /** Increments of a slide (1 for a slide without `--`); 0 for an index that is not a slide. */
  stepsOf(slide: number): number;
  isExtraDetails(slide: number): boolean;
  /** Chapter of a slide, -1 when unknown. */
  chapterOf(slide: number): number;
  /** First slide of each chapter, by chapter index. */
  readonly chapterStarts: readonly number[];
}

export function isSlide(course: CourseShape, slide: number): boolean {
  return Number.isInteger(slide) && slide >= 0 && slide < course.slideCount && course.stepsOf(slide) > 0;
}

export function firstSlide(course: CourseShape): number {
  for (let i = 0; i < course.slideCount; i++) if (isSlide(course, i)) return i;
  return 0;
}

/** A stored or requested position made valid for this course. */
export function clampPosition(position: Partial<Position> | undefined, course: CourseShape): Position {
  const slide = position?.slide !== undefined && isSlide(course, position.slide) ? position.slide : firstSlide(course);
  const steps = course.stepsOf(slide);
  const raw = position?.step;
  const step = raw !== undefined && Number.isInteger(raw) && raw > 0 && raw < steps ? raw : 0;
  return { slide, step };
}

/** How many increments a position shows. */
export function shownStep(position: Position, course: CourseShape): number {
  const steps = course.stepsOf(position.slide);
  return position.step > 0 ? Math.min(position.step, steps) : steps;
}

/** A position whose step shows every increment is stored as 0 ("all"). */
export function atStep(slide: number, step: number, course: CourseShape): Position {
  const steps = course.stepsOf(slide);
  return { slide, step: step > 0 && step < steps ? step : 0 };
}
