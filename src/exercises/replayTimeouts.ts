// The time-out policy of a replay step: what a step that ran out of time does (ask, stop or go
// on), the types every step module shares, and how commands and durations are shown.

import type { PlanStep } from './plan';
import type { LearnersTurn, StepOutcome, TimeoutChoice, TimeoutInfo } from './replay';
import type { ReplaySession, ReplayTerminal } from './replaySession';

export class StepFailure extends Error {
  constructor(
    message: string,
    readonly exitCode?: number,
    readonly output?: string,
  ) {
    super(message);
  }
}

export interface StepContext<T extends ReplayTerminal> {
  session: ReplaySession<T>;
  signal: AbortSignal;
  commandTimeoutMs: number;
  startTimeoutMs: number;
  clipboard: string | undefined;
  notes: string[];
  index: number;
  /** How long the learner gets to finish with an editor the lab leaves to them. */
  learnerTimeoutMs: number;
  waitForLearner: boolean;
  hooks: {
    openUrl?(url: string): Promise<boolean>;
    onTimeout?(info: TimeoutInfo): Promise<TimeoutChoice>;
    onLearnersTurn?(turn: LearnersTurn, over: AbortSignal): Promise<void>;
  };
}

export interface StepResult {
  outcome: StepOutcome;
  exitCode?: number;
  output?: string;
  message?: string;
}


export const CTRL_C = '\x03';
export const CTRL_D = '\x04';
/** How long a stopped command gets to give the prompt back before the next step. */
export const STOP_GRACE_MS = 2_000;

export const TIMED_OUT = Symbol('timed out');

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

export function formatCommand(command: string): string {
  const oneLine = command.replace(/\n/g, ' ⏎ ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/** Resolves with `work`, or `TIMED_OUT` after `ms`. The work left behind is not awaited. */
export function within<X>(work: Promise<X>, ms: number): Promise<X | typeof TIMED_OUT> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(TIMED_OUT), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A step ran out of time: ask what to do; `stop` (or nobody to ask) fails the step. */
export async function onTimedOut<T extends ReplayTerminal>(
  ctx: StepContext<T>,
  step: PlanStep,
  terminal: T,
  waitedFor: string,
  limitMs: number,
): Promise<'continue' | 'interrupt'> {
  const reason = `timed out after ${formatDuration(limitMs)} waiting for ${waitedFor}`;
  const choice = ctx.hooks.onTimeout
    ? await ctx.hooks.onTimeout({ index: ctx.index, step, waitedFor, limitMs, terminalName: terminal.name, screen: terminal.screenText() })
    : 'stop';
  if (ctx.signal.aborted) throw new Error('cancelled');
  if (choice === 'stop') throw new StepFailure(reason);
  if (choice === 'interrupt') interrupt(ctx, terminal);
  ctx.notes.push(`Step ${ctx.index + 1}: ${reason}; ${choice === 'interrupt' ? 'interrupted with Ctrl-C' : 'left running'}.`);
  return choice;
}

/** Ctrl-C to a terminal; a watch it stops leaves its pane. */
export function interrupt<T extends ReplayTerminal>(ctx: StepContext<T>, terminal: T): void {
  terminal.send(CTRL_C);
  const { panes } = ctx.session;
  const pane = panes.paneShowing(terminal);
  if (pane) panes.stopWatch(pane);
  if (ctx.session.foregroundOf(terminal) !== 'shell') ctx.session.popForeground(terminal);
}

/** A prompt at the end of the screen (`$ `, `# `, `> `, `% `), as the autopilot looks for one. */
export const PROMPT_AT_END = /[$#>%][ \t]*$/;
