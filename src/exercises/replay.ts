// Replays a plan over the session's terminals: the rules of the upstream autopilot, with every
// step bounded, watches in terminals of their own, and a choice when a step runs out of time.

import type { PlanStep, ReplayPlan } from './plan';
import type { ReplaySession, ReplayTerminal } from './replaySession';
import { runStep, StepFailure, type StepContext } from './replaySteps';

export { lastMatch } from './replaySteps';

export type { ExecResult, ReplayTerminal } from './replaySession';

/** What became of a step (per snippet status, in the words of the progress model). */
export type StepOutcome = 'succeeded' | 'failed' | 'unknown' | 'sent' | 'skipped';

export interface StepReport {
  index: number;
  step: PlanStep;
  outcome: StepOutcome;
  exitCode?: number;
  /** Output of the commands run by this step, when known. */
  output?: string;
  /** Why it failed, or a note (unknown status, skipped directive, timed out). */
  message?: string;
  durationMs: number;
}

export interface ReplayResult {
  /** True when every step ran without failing. */
  ok: boolean;
  cancelled: boolean;
  /** One report per step that ran. */
  reports: StepReport[];
  /** The first failed step and why. */
  failure?: { index: number; step: PlanStep; reason: string };
  /** Steps that failed, the run having continued after them. */
  failures: number;
  notes: string[];
}

/** A step ran out of time: what it waited for and what the terminal shows. */
export interface TimeoutInfo {
  index: number;
  step: PlanStep;
  waitedFor: string;
  limitMs: number;
  terminalName: string;
  screen: string;
}

/** An editor the lab leaves to the learner: the run waits for them to finish with it. */
export interface LearnersTurn {
  index: number;
  step: PlanStep;
  /** The command that opened it. */
  program: string;
  terminalName: string;
  limitMs: number;
  /** True when an earlier step left it open (the learner may have forgotten it). */
  leftOpen: boolean;
  /** True when the run sees the program end by itself; otherwise the learner says when they are done. */
  endSeen: boolean;
}

/** `continue`: go on, leaving it running; `interrupt`: Ctrl-C, then go on; `stop`: end the run. */
export type TimeoutChoice = 'continue' | 'interrupt' | 'stop';

export interface ReplayOptions {
  signal?: AbortSignal;
  onStepStart?(index: number, step: PlanStep): void;
  onStepEnd?(report: StepReport): void;
  /** Opens a URL (an `open` step), or declines to (`false`). Without it, `open` steps are skipped. */
  openUrl?(url: string): Promise<boolean>;
  /** Time limit of commands and of the prompt before a command, in ms (default 60 s). */
  commandTimeoutMs?: number;
  /** How long to wait for a typed command to show that it started (default 5 s). */
  startTimeoutMs?: number;
  /**
   * The learner's turn: an editor is open for them. Resolve when they say they are done (the run
   * also goes on when the editor closes); `over` aborts when the turn ends either way.
   */
  onLearnersTurn?(turn: LearnersTurn, over: AbortSignal): Promise<void>;
  /** False: an editor a step opens is left open for the learner (a single Run click); a later command still waits for it. */
  waitForLearner?: boolean;
  /** How long the learner gets to finish with such an editor (default: ten times the command limit). */
  learnerTimeoutMs?: number;
  /** Asked when a step runs out of time; without it the step fails. */
  onTimeout?(info: TimeoutInfo): Promise<TimeoutChoice>;
  /** Go on after a failed step (as the autopilot does) instead of stopping. */
  continueAfterFailure?: boolean;
  /** Asked after a failed step when `continueAfterFailure` is off: true goes on. */
  onFailure?(report: StepReport): Promise<boolean>;
  /**
   * Why a failed step counts as done all the same (a create answered AlreadyExists, for "Start
   * This Chapter"), or undefined: such a step is `succeeded`, with that reason as its message.
   */
  doneDespite?(report: StepReport): string | undefined;
}

export async function replay<T extends ReplayTerminal>(plan: ReplayPlan, session: ReplaySession<T>, options: ReplayOptions = {}): Promise<ReplayResult> {
  const signal = options.signal ?? new AbortController().signal;
  const reports: StepReport[] = [];
  const notes: string[] = [];
  let failure: ReplayResult['failure'];
  let failures = 0;
  const context: StepContext<T> = {
    session,
    signal,
    commandTimeoutMs: options.commandTimeoutMs ?? 60_000,
    startTimeoutMs: options.startTimeoutMs ?? 5_000,
    learnerTimeoutMs: options.learnerTimeoutMs ?? (options.commandTimeoutMs ?? 60_000) * 10,
    waitForLearner: options.waitForLearner ?? true,
    clipboard: undefined,
    notes,
    hooks: options,
    index: 0,
  };
  const finish = (cancelled: boolean): ReplayResult => ({ ok: !cancelled && failures === 0, cancelled, reports, failure, failures, notes });

  for (let index = 0; index < plan.steps.length; index++) {
    const step = plan.steps[index];
    if (signal.aborted) return finish(true);
    options.onStepStart?.(index, step);
    const startedAt = Date.now();
    context.index = index;
    let report: StepReport;
    try {
      const outcome = await runStep(context, step, plan.steps[index + 1] ?? plan.followedBy);
      report = { index, step, ...outcome, durationMs: Date.now() - startedAt };
      if (report.outcome === 'unknown' || report.outcome === 'skipped' || (report.message && report.outcome !== 'succeeded')) {
        notes.push(`Step ${index + 1}: ${report.message ?? report.outcome}`);
      }
    } catch (error) {
      const durationMs = Date.now() - startedAt;
      if (signal.aborted) {
        report = { index, step, outcome: 'failed', message: 'cancelled', durationMs };
        reports.push(report);
        options.onStepEnd?.(report);
        return finish(true);
      }
      if (!(error instanceof StepFailure)) throw error;
      report = { index, step, outcome: 'failed', message: error.message, exitCode: error.exitCode, output: error.output, durationMs };
      const done = options.doneDespite?.(report);
      if (done) {
        report = { ...report, outcome: 'succeeded', message: `already done: ${done}` };
        notes.push(`Step ${index + 1}: ${error.message}; counted as done, ${done}`);
      } else {
        failures++;
        failure ??= { index, step, reason: error.message };
      }
    }
    reports.push(report);
    options.onStepEnd?.(report);
    if (report.outcome === 'failed' && !options.continueAfterFailure) {
      const goOn = options.onFailure ? await options.onFailure(report) : false;
      if (!goOn) return finish(signal.aborted);
    }
  }
  return finish(false);
}

/** One sentence for the user: which step failed first and why. */
export function describeFailure(result: ReplayResult): string | undefined {
  if (result.cancelled) return 'Cancelled.';
  if (!result.failure) return undefined;
  const { index, step, reason } = result.failure;
  const more = result.failures > 1 ? ` (and ${result.failures - 1} more failed step${result.failures > 2 ? 's' : ''})` : '';
  return `Step ${index + 1} (${step.method}${step.hidden ? ', hidden' : ''}) failed: ${reason}${more}`;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** One line per step for the end-of-run summary: number, outcome, duration, what it did. */
export function summarizeRun(result: ReplayResult, describe: (step: PlanStep) => string): string[] {
  return result.reports.map((report) => {
    const outcome = report.outcome === 'succeeded' || report.outcome === 'sent' ? 'ok' : report.outcome;
    const note = report.message ? ` - ${report.message}` : '';
    return `${report.index + 1}. ${outcome} (${formatSeconds(report.durationMs)}) ${describe(report.step)}${note}`;
  });
}
