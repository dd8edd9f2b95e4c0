// What a view needs to draw the state: the position plus what the buttons allow.
import type { ReaderSnapshot } from '../protocol';
import { canGoNext, canGoPrevious } from './navigation';
import { shownStep, type CourseShape, type ReaderState } from './state';

export function snapshotOf(state: ReaderState, course: CourseShape): ReaderSnapshot {
  return {
    courseId: state.courseId,
    position: { ...state.position },
    stepMode: state.stepMode,
    hideExtraDetails: state.hideExtraDetails,
    chapter: course.chapterOf(state.position.slide),
    step: shownStep(state.position, course),
    steps: course.stepsOf(state.position.slide),
    canPrevious: canGoPrevious(state, course),
    canNext: canGoNext(state, course),
  };
}
