// "Start This Chapter" and "Reset This Chapter": the plans come from the pure core
// (src/exercises/checkpoint); this glue looks the plan's objects up in the cluster once, asks,
// runs the commands in the Workshop terminal as one replay, and keeps the checkpoint.
import * as vscode from 'vscode';
import { requestJson } from '../../cluster/transport';
import { objectPath } from '../../cluster/resources';
import type { ClusterState } from '../../cluster/clusterState';
import { courseSteps, type CourseStep } from '../../exercises/courseSteps';
import { makePlan, type PlanStep } from '../../exercises/plan';
import { decideRuns, failureMeansDone, objectsToLook, refKey, type ObjectRef, type ObservedObject, type RunDecision } from '../../exercises/checkpoint/holds';
import { cursorBeforeChapter, describeStartPlan, planChapterStart } from '../../exercises/checkpoint/startPlan';
import { planChapterReset, type RecordedChange } from '../../exercises/checkpoint/resetPlan';
import { resourceOfKubectlKind } from '../../lab/stepPlan';
import type { Logger } from '../../logger';
import * as text from '../../text/checkpointMessages';
import { registerCommands } from '../commands';
import type { OpenCourse } from '../courseLibrary';
import type { StepEffectsService } from '../lab/stepEffectsService';
import type { SharedReader } from '../readerState';
import type { ReaderViews } from '../readerViews';
import { settings } from '../settings';
import type { WorkshopStore } from '../store';
import type { ExerciseController } from './exerciseController';

export interface CheckpointDeps {
  reader: SharedReader;
  views: ReaderViews;
  exercises: ExerciseController;
  store: WorkshopStore;
  cluster: ClusterState;
  effects: StepEffectsService;
  log: Logger;
}

/** At most this many objects are looked up before a start, each within the time limit. */
const MAX_LOOKUPS = 300;
const LOOKUP_LIMIT_MS = 3000;

export function registerChapterCheckpoints(deps: CheckpointDeps): vscode.Disposable {
  return registerCommands(
    {
      'workshop.startChapter': (arg) => startChapter(deps, chapterArg(deps, arg)),
      'workshop.resetChapter': (arg) => resetChapter(deps, chapterArg(deps, arg)),
    },
    deps.log,
    { trust: 'required', trustMessage: 'Starting or resetting a chapter runs commands in a terminal, which Restricted Mode does not allow. Trust this workspace to do it.' },
  );
}

/** The chapter a command is about: the one given (a button in the reader) or the one shown. */
function chapterArg(deps: CheckpointDeps, arg: unknown): number {
  const index = deps.reader.course.index;
  if (typeof arg === 'number' && Number.isInteger(arg) && arg >= 0 && arg < index.chapters.length) return arg;
  return index.chapterOfSlide[deps.reader.state.position.slide] ?? 0;
}

/** Objects as the cluster holds them now; an object that cannot be looked up counts as absent (its command runs). */
async function takeSnapshot(deps: CheckpointDeps, refs: readonly ObjectRef[]): Promise<Map<string, ObservedObject | undefined>> {
  const seen = new Map<string, ObservedObject | undefined>();
  await deps.cluster.ensureLoaded();
  const session = deps.cluster.session;
  if (!session) return seen;
  const transport = session.transport();
  const namespace = session.currentNamespace;
  await Promise.all(refs.slice(0, MAX_LOOKUPS).map(async (ref) => {
    const resource = resourceOfKubectlKind(ref.resource);
    if (!resource) return;
    try {
      const path = objectPath(resource, ref.name, resource.scope === 'namespaced' ? (ref.namespace ?? namespace) : undefined);
      const object = await requestJson<{ spec?: { replicas?: unknown } }>(transport, { method: 'GET', path }, path, { signal: AbortSignal.timeout(LOOKUP_LIMIT_MS) });
      seen.set(refKey(ref), { replicas: typeof object.spec?.replicas === 'number' ? object.spec.replicas : undefined });
    } catch {
      seen.set(refKey(ref), undefined);
    }
  }));
  return seen;
}

function chapterTitle(course: OpenCourse, index: number): string {
  return course.index.chapters[index]?.title || `chapter ${index + 1}`;
}

function runStepOf(command: string, index: number, hidden: boolean): PlanStep {
  return { kind: 'run', text: command, commands: [command], snippetIndex: index, method: 'bash', hidden };
}

async function startChapter(deps: CheckpointDeps, chapterIndex: number): Promise<void> {
  const course = deps.reader.course;
  const title = chapterTitle(course, chapterIndex);
  if (chapterIndex === 0) {
    void vscode.window.showInformationMessage(text.firstChapterNotice(title));
    return;
  }
  const steps = courseSteps(course.index, settings.planOptions());
  const plan = planChapterStart(steps, chapterIndex);
  const seen = await takeSnapshot(deps, objectsToLook(plan.commands));
  const decisions = decideRuns(plan.commands, { object: (ref) => seen.get(refKey(ref)), path: () => false });
  const toRun = decisions.filter((d) => d.run);
  const held = decisions.filter((d) => !d.run && d.entry.role !== 'manual').length;
  const manual = decisions.filter((d) => d.entry.role === 'manual');
  const lines = describeStartPlan(plan, (i) => chapterTitle(course, i), (i) => {
    const decision = decisions[i];
    return !decision.run && decision.entry.role !== 'manual' ? `already done: ${decision.because}` : undefined;
  });
  const buttons = manual.length ? ['Run, Skipping What Needs You', 'Run Up to the First That Needs You'] : ['Run'];
  const choice = await vscode.window.showWarningMessage(
    text.startQuestion(title, toRun.length, held, manual.length),
    { modal: true, detail: text.planDetail(lines, 'Commands run in the Workshop terminal with the replay\'s time limits; a failure stops the start.') },
    ...buttons,
  );
  if (!choice) return;
  const upTo = choice === 'Run Up to the First That Needs You' ? decisions.indexOf(manual[0]) : decisions.length;
  const running = decisions.slice(0, upTo).filter((d) => d.run);
  deps.log.info(`Start This Chapter "${title}": ${running.length} to run, ${held} already done, ${manual.length} need the learner`);
  const outcome = await runDecisions(deps, course, chapterIndex, running);
  if (outcome === undefined) return;
  const { ran } = outcome;
  const done = held + outcome.alreadyDone;
  const skipped = decisions.length - running.length - held;
  await deps.reader.saveCheckpoint(chapterIndex, { startedAt: new Date().toISOString(), ran, held: done, skipped });
  const cursor = cursorBeforeChapter(steps, chapterIndex);
  if (cursor) await deps.store.saveStepCursor(course.id, cursor);
  await deps.views.goto(course.index.chapters[chapterIndex].slides[0]?.index ?? 0);
  void vscode.window.showInformationMessage(text.startDone(title, ran, done, skipped));
}

/**
 * Runs the commands as one replay. When all did: how many ran, and how many of those said their
 * change held already (AlreadyExists); undefined when the start stopped.
 */
async function runDecisions(deps: CheckpointDeps, course: OpenCourse, chapterIndex: number, decisions: readonly RunDecision[]): Promise<{ ran: number; alreadyDone: number } | undefined> {
  if (!decisions.length) return { ran: 0, alreadyDone: 0 };
  let alreadyDone = 0;
  const plan = makePlan(decisions.map((d, i) => runStepOf(d.entry.command, i, d.entry.hidden)));
  const chapter = course.index.chapterKey(chapterIndex);
  const result = await deps.exercises.run(
    {
      courseId: course.id,
      chapterKey: chapter,
      key: `checkpoint:${chapter}`,
      keyOf: (i) => decisions[i]?.entry.stableKey ?? `checkpoint:${i}`,
      stopOnFailure: true,
      // A create that says AlreadyExists (a delete that says NotFound...) holds already: the start goes on.
      doneDespite: (report) => {
        const entry = decisions[report.step.snippetIndex]?.entry;
        const why = entry && failureMeansDone(entry, report.exitCode, report.output ?? '');
        if (why) alreadyDone++;
        return why;
      },
    },
    plan,
    'step',
  );
  if (!result) return undefined;
  const ran = result.reports.filter((r) => r.outcome !== 'skipped').length;
  if (result.cancelled) {
    void vscode.window.showInformationMessage(text.startCancelled(ran));
    return undefined;
  }
  if (result.failure) {
    const entry = decisions[result.failure.index]?.entry;
    if (entry) {
      const where = `${course.index.chapters[entry.chapterIndex]?.title ?? ''}, ${entry.stableKey}`;
      const show = await vscode.window.showWarningMessage(text.startStopped(entry.command, where, result.failure.reason), 'Show in Course');
      if (show) await deps.views.goto(entry.slide);
    }
    return undefined;
  }
  return { ran: ran - alreadyDone, alreadyDone };
}

/** Recorded changes by course step: the effects recorded for any snippet of the step. */
function recordedChanges(deps: CheckpointDeps, course: OpenCourse, steps: readonly CourseStep[]): Map<string, RecordedChange[]> {
  const bySnippet = new Map(deps.effects.effectsOf(course.id).map((change) => [change.key, change.effects]));
  const out = new Map<string, RecordedChange[]>();
  for (const step of steps) {
    const slide = course.index.slides[step.slide];
    const snippets = slide?.labs[step.lab]?.snippets ?? [];
    const changes = step.steps.flatMap((planned) => bySnippet.get(`${slide?.file}:${snippets[planned.snippetIndex]?.line}`) ?? []);
    if (changes.length) out.set(step.stableKey, changes.map((e) => ({ kind: e.resource.split('/', 1)[0], name: e.name, namespace: e.namespace, change: e.change })));
  }
  return out;
}

async function resetChapter(deps: CheckpointDeps, chapterIndex: number): Promise<void> {
  const course = deps.reader.course;
  const title = chapterTitle(course, chapterIndex);
  const steps = courseSteps(course.index, settings.planOptions());
  await deps.cluster.ensureLoaded();
  const namespace = deps.cluster.session?.currentNamespace ?? 'default';
  const recorded = recordedChanges(deps, course, steps);
  const plan = planChapterReset(steps, chapterIndex, { namespace, recorded: (key) => recorded.get(key) });
  for (const line of plan.notUndone) deps.log.info(`Reset This Chapter "${title}": not undone: ${line}`);
  if (!plan.actions.length) {
    void vscode.window.showInformationMessage(text.nothingToReset(title, plan.notUndone.length));
    return;
  }
  const lines = [...plan.actions.map((a) => `${a.command}   (${a.why})`), ...(plan.notUndone.length ? ['', 'Not undone:', ...plan.notUndone] : [])];
  const choice = await vscode.window.showWarningMessage(
    text.resetQuestion(title, plan.actions.length),
    { modal: true, detail: text.planDetail(lines, `Only namespaces this course uses are touched (the current one: ${namespace}).`) },
    'Reset',
  );
  if (choice !== 'Reset') return;
  const chapter = course.index.chapterKey(chapterIndex);
  const result = await deps.exercises.run(
    { courseId: course.id, chapterKey: chapter, key: `reset:${chapter}`, keyOf: (i) => `reset:${chapter}:${i}` },
    makePlan(plan.actions.map((a, i) => runStepOf(a.command, i, false))),
    'step',
  );
  if (!result || result.cancelled) return;
  void vscode.window.showInformationMessage(text.resetDone(title, result.reports.filter((r) => r.outcome === 'succeeded').length, result.failures + (result.failure ? 1 : 0)));
}
