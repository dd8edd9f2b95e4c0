// "Next step", "Previous step" and "Go to step": walk the course one replay step at a time.
// Each step moves the reader to its slide and runs through the exercise controller; the
// cursor (the last step run) is kept per course in the store.
import * as vscode from 'vscode';
import { courseSteps, hiddenDirectivesOfChapter, nextStep, planOfStep, previousStep, type CourseStep } from '../../exercises/courseSteps';
import { describeStep } from '../../exercises/plan';
import type { Logger } from '../../logger';
import { registerCommands } from '../commands';
import type { OpenCourse } from '../courseLibrary';
import type { SharedReader } from '../readerState';
import type { ReaderViews } from '../readerViews';
import { settings } from '../settings';
import type { WorkshopStore } from '../store';
import type { ExerciseController } from './exerciseController';
import { stepItem } from '../../text/messages';

export interface NextStepDeps {
  reader: SharedReader;
  views: ReaderViews;
  exercises: ExerciseController;
  store: WorkshopStore;
  log: Logger;
}

export function registerNextStep(deps: NextStepDeps): vscode.Disposable {
  const { reader, store } = deps;
  let cached: { course: OpenCourse; steps: CourseStep[] } | undefined;
  const stepsOf = (course: OpenCourse): CourseStep[] => {
    if (cached?.course !== course) cached = { course, steps: courseSteps(course.index, settings.planOptions()) };
    return cached.steps;
  };

  // Chapters (per course) whose hidden directives the learner agreed to run, this session.
  const consented = new Set<string>();
  const agreed = async (course: OpenCourse, step: CourseStep): Promise<boolean> => {
    if (!step.steps.some((planned) => planned.hidden)) return true;
    const chapter = `${course.id}\u0000${step.chapterIndex}`;
    if (consented.has(chapter)) return true;
    const hidden = hiddenDirectivesOfChapter(stepsOf(course), step.chapterIndex);
    const choice = await vscode.window.showWarningMessage(
      `This chapter's exercises hold ${hidden.length === 1 ? 'a hidden step' : `${hidden.length} hidden steps`} (directives the slides do not show). Run ${hidden.length === 1 ? 'it' : 'them'} as Next step reaches ${hidden.length === 1 ? 'it' : 'them'}?`,
      { modal: true, detail: `${hidden.join('\n')}\n\nAsked once per chapter; Run all asks for its own exercise.` },
      'Run Hidden Steps',
    );
    if (choice !== 'Run Hidden Steps') return false;
    consented.add(chapter);
    return true;
  };

  const run = async (pick: (steps: CourseStep[], cursor: string | undefined) => CourseStep | undefined, none: string) => {
    const course = reader.course;
    const steps = stepsOf(course);
    const step = pick(steps, store.stepCursor(course.id));
    if (!step) {
      void vscode.window.showInformationMessage(steps.length ? none : 'Kubernetes Workshop: this course has no exercise steps.');
      return;
    }
    if (await agreed(course, step)) await runStep(deps, course, step, steps.length);
  };

  return registerCommands(
    {
      'workshop.nextStep': () => run(nextStep, 'Kubernetes Workshop: that was the last step of the course.'),
      'workshop.previousStep': () => run(previousStep, 'Kubernetes Workshop: there is no step before this one.'),
      'workshop.goToStep': async () => {
        const course = reader.course;
        const steps = stepsOf(course);
        const step = await pickStep(course, steps, store.stepCursor(course.id));
        if (step && (await agreed(course, step))) await runStep(deps, course, step, steps.length);
      },
    },
    deps.log,
    { trust: 'required', trustMessage: 'Exercises run commands in a terminal, which Restricted Mode does not allow. Trust this workspace to run them.' },
  );
}

async function runStep(deps: NextStepDeps, course: OpenCourse, step: CourseStep, total: number): Promise<void> {
  // The cursor moves first: after a failed step, Next step goes on to the following one.
  await deps.store.saveStepCursor(course.id, step.stableKey);
  await deps.views.goto(step.slide);
  const refs = course.index.labSnippets(step.slide, step.lab);
  if (!refs.length) return;
  deps.log.info(`Next step ${step.index + 1}/${total}: ${step.steps.map((s) => describeStep(s)).join('; ')}`);
  const target = {
    courseId: course.id,
    chapterKey: course.index.chapterKey(step.chapterIndex),
    key: `${refs[0].slide.file}:${refs[0].lab.line}`,
    keyOf: (snippetIndex: number) => refs[snippetIndex]?.stableKey ?? `${step.stableKey}:${snippetIndex}`,
  };
  await deps.exercises.run(target, planOfStep(step), 'step');
}

async function pickStep(course: OpenCourse, steps: CourseStep[], cursor: string | undefined): Promise<CourseStep | undefined> {
  if (!steps.length) {
    void vscode.window.showInformationMessage('Kubernetes Workshop: this course has no exercise steps.');
    return undefined;
  }
  const items = steps.map((step) => ({
    ...stepItem(step.index, describeStep(step.steps[0]), course.index.slides[step.slide]?.title || `slide ${step.slide + 1}`, step.stableKey === cursor),
    step,
  }));
  const choice = await vscode.window.showQuickPick(items, {
    title: 'Kubernetes Workshop: run which step?',
    placeHolder: 'Every step of the course, in order; Next step goes on from the one you run',
    matchOnDescription: true,
  });
  return choice?.step;
}
