// Reader actions as pure functions of the state: Next, Previous, chapter jumps, go to a
// slide, step-by-step and extra-details switches.
import type { ReaderAction } from '../protocol';
import { atStep, clampPosition, isSlide, shownStep, type CourseShape, type ReaderState } from './state';

function hidden(state: ReaderState, course: CourseShape, slide: number): boolean {
  return state.hideExtraDetails && course.isExtraDetails(slide);
}

/** The nearest slide in `direction` that the reader does not skip. */
export function neighbour(state: ReaderState, course: CourseShape, direction: 1 | -1): number | undefined {
  for (let i = state.position.slide + direction; i >= 0 && i < course.slideCount; i += direction) {
    if (isSlide(course, i) && !hidden(state, course, i)) return i;
  }
  return undefined;
}

/** Where a slide is entered: its first step in step-by-step mode, else all of it. */
function entry(state: ReaderState, course: CourseShape, slide: number): ReaderState {
  return { ...state, position: atStep(slide, state.stepMode ? 1 : 0, course) };
}

export function next(state: ReaderState, course: CourseShape): ReaderState {
  const shown = shownStep(state.position, course);
  if (shown < course.stepsOf(state.position.slide)) return { ...state, position: atStep(state.position.slide, shown + 1, course) };
  const slide = neighbour(state, course, 1);
  return slide === undefined ? state : entry(state, course, slide);
}

export function previous(state: ReaderState, course: CourseShape): ReaderState {
  const shown = shownStep(state.position, course);
  if (state.stepMode && shown > 1) return { ...state, position: atStep(state.position.slide, shown - 1, course) };
  const slide = neighbour(state, course, -1);
  // Going back shows the whole previous slide, as a presenter's "back" does.
  return slide === undefined ? state : { ...state, position: { slide, step: 0 } };
}

export function canGoNext(state: ReaderState, course: CourseShape): boolean {
  return shownStep(state.position, course) < course.stepsOf(state.position.slide) || neighbour(state, course, 1) !== undefined;
}

export function canGoPrevious(state: ReaderState, course: CourseShape): boolean {
  return (state.stepMode && shownStep(state.position, course) > 1) || neighbour(state, course, -1) !== undefined;
}

export function chapterJump(state: ReaderState, course: CourseShape, direction: 1 | -1): ReaderState {
  const target = course.chapterStarts[course.chapterOf(state.position.slide) + direction];
  return target === undefined || !isSlide(course, target) ? state : entry(state, course, target);
}

export function goTo(state: ReaderState, course: CourseShape, slide: number, step = 0): ReaderState {
  if (!isSlide(course, slide)) return state;
  return { ...state, position: clampPosition({ slide, step: step || (state.stepMode ? 1 : 0) }, course) };
}

/** Step-by-step on starts the current slide again from its first step; off shows all of it. */
export function setStepMode(state: ReaderState, course: CourseShape, on: boolean): ReaderState {
  return { ...state, stepMode: on, position: atStep(state.position.slide, on ? 1 : 0, course) };
}

export function setHideExtraDetails(state: ReaderState, hide: boolean): ReaderState {
  return { ...state, hideExtraDetails: hide };
}

/** Applies one user action. Unknown or impossible moves leave the state as it is. */
export function applyAction(state: ReaderState, course: CourseShape, action: ReaderAction): ReaderState {
  switch (action.kind) {
    case 'next':
      return next(state, course);
    case 'previous':
      return previous(state, course);
    case 'nextChapter':
      return chapterJump(state, course, 1);
    case 'previousChapter':
      return chapterJump(state, course, -1);
    case 'goto':
      return goTo(state, course, action.slide, action.step);
    case 'setStepMode':
      return setStepMode(state, course, action.on);
    case 'setHideExtraDetails':
      return setHideExtraDetails(state, action.hide);
  }
}
