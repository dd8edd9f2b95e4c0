import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAction, canGoNext, canGoPrevious } from '../../src/reader/navigation';
import { snapshotOf } from '../../src/reader/snapshot';
import { clampPosition, type CourseShape, type ReaderState } from '../../src/reader/state';

/** Slides 0..5: steps per slide, extra-details slides, chapters starting at 0, 3 and 5. */
const STEPS = [1, 3, 1, 1, 2, 1];
const EXTRA = new Set([2, 3]);
const CHAPTER_OF = [0, 0, 0, 1, 1, 2];
const course: CourseShape = {
  slideCount: STEPS.length,
  stepsOf: (slide) => STEPS[slide] ?? 0,
  isExtraDetails: (slide) => EXTRA.has(slide),
  chapterOf: (slide) => CHAPTER_OF[slide] ?? -1,
  chapterStarts: [0, 3, 5],
};

function at(slide: number, step = 0, options: Partial<ReaderState> = {}): ReaderState {
  return { courseId: 'c', position: { slide, step }, stepMode: false, hideExtraDetails: false, ...options };
}

function walk(state: ReaderState, kind: 'next' | 'previous', times: number): Array<[number, number]> {
  const seen: Array<[number, number]> = [];
  for (let i = 0; i < times; i++) {
    state = applyAction(state, course, { kind });
    seen.push([state.position.slide, state.position.step]);
  }
  return seen;
}

test('next and previous move one whole slide at a time and stop at both ends', () => {
  assert.deepEqual(walk(at(0), 'next', 6), [[1, 0], [2, 0], [3, 0], [4, 0], [5, 0], [5, 0]]);
  assert.deepEqual(walk(at(5), 'previous', 6), [[4, 0], [3, 0], [2, 0], [1, 0], [0, 0], [0, 0]]);
  assert.equal(canGoNext(at(5), course), false);
  assert.equal(canGoPrevious(at(0), course), false);
});

test('step by step: next reveals increments, then enters the next slide at its first step', () => {
  const start = at(0, 0, { stepMode: true });
  // Slide 1 has 3 steps: 1, 2, then all (stored as 0); slide 4 has 2 steps.
  assert.deepEqual(walk(start, 'next', 6), [[1, 1], [1, 2], [1, 0], [2, 0], [3, 0], [4, 1]]);
  assert.deepEqual(walk(at(1, 0, { stepMode: true }), 'previous', 3), [[1, 2], [1, 1], [0, 0]]);
  // Without step mode, a slide shown in part still shows its remaining steps first.
  assert.deepEqual(walk(at(1, 2), 'next', 2), [[1, 0], [2, 0]]);
});

test('hidden extra-details slides are skipped both ways; a slide with only hidden neighbours stops', () => {
  const hide = { hideExtraDetails: true };
  assert.deepEqual(walk(at(1, 0, hide), 'next', 3), [[4, 0], [5, 0], [5, 0]]);
  assert.deepEqual(walk(at(4, 0, hide), 'previous', 2), [[1, 0], [0, 0]]);
  const toggled = applyAction(at(1), course, { kind: 'setHideExtraDetails', hide: true });
  assert.equal(toggled.hideExtraDetails, true);
  assert.deepEqual(toggled.position, { slide: 1, step: 0 });
});

test('chapter jumps go to the first slide of the next or previous chapter, not past the ends', () => {
  assert.deepEqual(applyAction(at(1), course, { kind: 'nextChapter' }).position, { slide: 3, step: 0 });
  assert.deepEqual(applyAction(at(4), course, { kind: 'nextChapter' }).position, { slide: 5, step: 0 });
  assert.deepEqual(applyAction(at(5), course, { kind: 'nextChapter' }).position, { slide: 5, step: 0 });
  assert.deepEqual(applyAction(at(4), course, { kind: 'previousChapter' }).position, { slide: 0, step: 0 });
  assert.deepEqual(applyAction(at(1), course, { kind: 'previousChapter' }).position, { slide: 1, step: 0 });
  assert.deepEqual(applyAction(at(0, 0, { stepMode: true }), course, { kind: 'nextChapter' }).position, { slide: 3, step: 0 });
});

test('goto and step mode: a slide that does not exist is ignored; step mode restarts the slide', () => {
  assert.deepEqual(applyAction(at(0), course, { kind: 'goto', slide: 4 }).position, { slide: 4, step: 0 });
  assert.deepEqual(applyAction(at(0, 0, { stepMode: true }), course, { kind: 'goto', slide: 4 }).position, { slide: 4, step: 1 });
  assert.deepEqual(applyAction(at(0), course, { kind: 'goto', slide: 9 }).position, { slide: 0, step: 0 });
  assert.deepEqual(applyAction(at(0), course, { kind: 'goto', slide: -1 }).position, { slide: 0, step: 0 });
  const on = applyAction(at(1), course, { kind: 'setStepMode', on: true });
  assert.deepEqual([on.stepMode, on.position], [true, { slide: 1, step: 1 }]);
  const off = applyAction(at(1, 2, { stepMode: true }), course, { kind: 'setStepMode', on: false });
  assert.deepEqual([off.stepMode, off.position], [false, { slide: 1, step: 0 }]);
});

test('stored positions are clamped to the course', () => {
  assert.deepEqual(clampPosition({ slide: 4, step: 1 }, course), { slide: 4, step: 1 });
  assert.deepEqual(clampPosition({ slide: 4, step: 2 }, course), { slide: 4, step: 0 });
  assert.deepEqual(clampPosition({ slide: 60, step: 1 }, course), { slide: 0, step: 0 });
  assert.deepEqual(clampPosition({ slide: 1.5, step: 1 }, course), { slide: 0, step: 0 });
  assert.deepEqual(clampPosition(undefined, course), { slide: 0, step: 0 });
});

test('the snapshot tells a view what to draw', () => {
  assert.deepEqual(snapshotOf(at(1, 2, { stepMode: true }), course), {
    courseId: 'c',
    position: { slide: 1, step: 2 },
    stepMode: true,
    hideExtraDetails: false,
    chapter: 0,
    step: 2,
    steps: 3,
    canPrevious: true,
    canNext: true,
  });
  const last = snapshotOf(at(5), course);
  assert.deepEqual([last.step, last.steps, last.canPrevious, last.canNext], [1, 1, true, false]);
});
