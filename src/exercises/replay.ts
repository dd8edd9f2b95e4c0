// Replays a plan over an abstract terminal: the rules of the upstream autopilot, without tmux.

import type { PlanStep, ReplayPlan } from './plan';
import { lastMatchWithin } from './boundedRegex';

export interface ExecResult {
  /** `undefined` when the terminal cannot tell (no shell integration). */
  exitCode: number | undefined;
  output: string;
}

/** What the replay needs from a terminal. Implemented over VS Code terminals and, in tests, over fakes and `bash`. */
export interface ReplayTerminal {
  /** Runs one command and resolves when it has finished. Rejects when `signal` aborts. */
  exec(command: string, signal: AbortSignal): Promise<ExecResult>;
  /** Types raw text or key sequences; no Enter is added. */
  send(text: string): void;
  /** Types a command and Enter, without waiting for it to finish. */
  start(command: string): void;
  /**
   * Resolves with the matched text once `pattern` appears in the output produced since the last
   * `start`/`exec`/`send` (output already received counts). Rejects on timeout or abort.
   */
  waitFor(pattern: string | RegExp, timeoutMs: number, signal: AbortSignal): Promise<string>;
  /** Recent output, like a screen capture, for `copy`. */
  recentOutput(): string;
  /**
   * Optional: resolves with the exit code of the command started last once it has finished
   * (`undefined` when unknown), rejects after `timeoutMs` or on abort. Used by `check` after a
   * started command and before running a command after one. Without it those statuses are unknown.
   */
  waitForCommandEnd?(timeoutMs: number, signal: AbortSignal): Promise<number | undefined>;
}

/** What became of a step (per snippet status, in the words of the progress model). */
export type StepOutcome = 'succeeded' | 'failed' | 'unknown' | 'sent' | 'skipped';

export interface StepReport {
  index: number;
  step: PlanStep;
  outcome: StepOutcome;
  exitCode?: number;
  /** Output of the commands run by this step, when known. */
  output?: string;
  /** Why it failed, or a note (unknown status, skipped directive). */
  message?: string;
}

export interface ReplayResult {
  ok: boolean;
  cancelled: boolean;
  /** One report per step that ran (the failed one last). */
  reports: StepReport[];
  /** The failed step and why, when `ok` is false. */
  failure?: { index: number; step: PlanStep; reason: string };
  notes: string[];
}

export interface ReplayOptions {
  signal?: AbortSignal;
  /** Called when a step starts. */
  onStepStart?(index: number, step: PlanStep): void;
  /** Called when a step ends, whatever the outcome. */
  onStepEnd?(report: StepReport): void;
  /** Opens a URL (an `open` step). Without it, `open` steps are skipped with a note. */
  openUrl?(url: string): Promise<void>;
  /** How long to wait for a started command to finish before the next command (default 30 s). */
  commandEndTimeoutMs?: number;
}

class StepFailure extends Error {}

const CTRL_C = '\x03';
const CTRL_D = '\x04';

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function formatCommand(command: string): string {
  const oneLine = command.replace(/\n/g, ' ⏎ ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/** The last match of a global regex in `text`: group 1 when the pattern has one, else the whole match. Time-limited: the pattern is course input. */
export function lastMatch(pattern: RegExp, text: string): string | undefined {
  return lastMatchWithin(pattern, text);
}

/** Starts a command when the step after it watches the terminal instead of waiting for the prompt. */
function startsWithoutWaiting(next: PlanStep | undefined): boolean {
  return next !== undefined && (next.kind === 'wait' || next.kind === 'send');
}

export async function replay(plan: ReplayPlan, terminal: ReplayTerminal, options: ReplayOptions = {}): Promise<ReplayResult> {
  const signal = options.signal ?? new AbortController().signal;
  const commandEndTimeoutMs = options.commandEndTimeoutMs ?? 30_000;
  const reports: StepReport[] = [];
  const notes: string[] = [];
  let clipboard: string | undefined;
  /** Exit code of the last command we waited for; `null` when nothing ran yet. */
  let lastExit: number | undefined | null = null;
  /** A command was typed and may still be running. */
  let commandPending = false;
  /** A `tmux` directive was skipped since: upstream would be in another pane, so the pending command is abandoned. */
  let paneAbandoned = false;
  let tmuxSkipped = false;

  const settlePending = async (): Promise<void> => {
    if (!commandPending) return;
    commandPending = false;
    if (paneAbandoned) {
      paneAbandoned = false;
      terminal.send(CTRL_C);
      notes.push('Interrupted the previous command with Ctrl-C (upstream leaves it running in another tmux pane).');
      if (terminal.waitForCommandEnd) await terminal.waitForCommandEnd(Math.min(commandEndTimeoutMs, 5_000), signal).catch(() => undefined);
      lastExit = undefined;
      return;
    }
    if (!terminal.waitForCommandEnd) {
      lastExit = undefined;
      return;
    }
    try {
      lastExit = await terminal.waitForCommandEnd(commandEndTimeoutMs, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new StepFailure(`the previous command was still running after ${formatDuration(commandEndTimeoutMs)}`);
    }
  };

  const runStep = async (step: PlanStep, next: PlanStep | undefined): Promise<Omit<StepReport, 'index' | 'step'>> => {
    switch (step.kind) {
      case 'run': {
        await settlePending();
        const outputs: string[] = [];
        const last = step.commands.length - 1;
        let unknown = false;
        for (let i = 0; i <= last; i++) {
          const command = step.commands[i];
          if (i === last && startsWithoutWaiting(next)) {
            terminal.start(command);
            commandPending = true;
            paneAbandoned = false;
            lastExit = undefined;
            return { outcome: 'sent', output: outputs.join('') || undefined };
          }
          const result = await terminal.exec(command, signal);
          outputs.push(result.output);
          lastExit = result.exitCode;
          if (result.exitCode === undefined) unknown = true;
          else if (result.exitCode !== 0) {
            throw Object.assign(new StepFailure(`\`${formatCommand(command)}\` exited with code ${result.exitCode}`), {
              exitCode: result.exitCode,
              output: outputs.join(''),
            });
          }
        }
        const output = outputs.join('');
        return unknown
          ? { outcome: 'unknown', output, message: 'exit status unknown (no shell integration in this terminal)' }
          : { outcome: 'succeeded', exitCode: 0, output };
      }
      case 'send':
        if (paneAbandoned) await settlePending();
        if (tmuxSkipped && step.sequence === CTRL_D) {
          return { outcome: 'skipped', message: 'Ctrl-D skipped: upstream closes a tmux pane with it, here it would close the shell' };
        }
        terminal.send(step.sequence);
        commandPending = true;
        return { outcome: 'sent' };
      case 'wait':
        try {
          await terminal.waitFor(step.text, step.timeoutMs, signal);
        } catch (error) {
          if (signal.aborted) throw error;
          throw new StepFailure(`timed out after ${formatDuration(step.timeoutMs)} waiting for "${step.text}"`);
        }
        return { outcome: 'succeeded' };
      case 'copy': {
        const found = lastMatch(step.pattern, terminal.recentOutput());
        if (found === undefined) throw new StepFailure(`no match for /${step.source}/ in the terminal output`);
        // Like a copy from the screen: a match that wrapped over lines comes back on one line.
        clipboard = found.replace(/\r?\n/g, '');
        // The text may be a token or a password: the report (which is logged) gives its length only.
        return { outcome: 'succeeded', message: `copied ${clipboard.length} characters` };
      }
      case 'paste':
        if (clipboard === undefined) throw new StepFailure('nothing was copied before `paste`');
        if (paneAbandoned) await settlePending();
        terminal.send(clipboard);
        commandPending = true;
        return { outcome: 'sent' };
      case 'check': {
        await settlePending();
        if (lastExit === null) throw new StepFailure('`check` with no command before it');
        if (lastExit === undefined) return { outcome: 'unknown', message: 'exit status unknown' };
        if (lastExit !== 0) throw Object.assign(new StepFailure(`the previous command exited with code ${lastExit}`), { exitCode: lastExit });
        return { outcome: 'succeeded', exitCode: 0 };
      }
      case 'open':
        if (!options.openUrl) return { outcome: 'skipped', message: `not opened: ${step.url}` };
        await options.openUrl(step.url);
        return { outcome: 'succeeded' };
      case 'skip':
        if (step.method === 'tmux') {
          tmuxSkipped = true;
          paneAbandoned = commandPending;
        }
        return { outcome: 'skipped', message: step.reason };
      case 'invalid':
        throw new StepFailure(step.reason);
    }
  };

  for (let index = 0; index < plan.steps.length; index++) {
    const step = plan.steps[index];
    if (signal.aborted) return { ok: false, cancelled: true, reports, notes };
    options.onStepStart?.(index, step);
    try {
      const outcome = await runStep(step, plan.steps[index + 1]);
      const report: StepReport = { index, step, ...outcome };
      if (report.outcome === 'unknown' || report.outcome === 'skipped') notes.push(`Step ${index + 1}: ${report.message}`);
      reports.push(report);
      options.onStepEnd?.(report);
    } catch (error) {
      if (signal.aborted) {
        const report: StepReport = { index, step, outcome: 'failed', message: 'cancelled' };
        reports.push(report);
        options.onStepEnd?.(report);
        return { ok: false, cancelled: true, reports, notes };
      }
      const reason = error instanceof Error ? error.message : String(error);
      const extra = error as { exitCode?: number; output?: string };
      const report: StepReport = { index, step, outcome: 'failed', message: reason, exitCode: extra.exitCode, output: extra.output };
      reports.push(report);
      options.onStepEnd?.(report);
      return { ok: false, cancelled: false, reports, notes, failure: { index, step, reason } };
    }
  }
  return { ok: true, cancelled: false, reports, notes };
}

/** One sentence for the user: which step failed and why. */
export function describeFailure(result: ReplayResult): string | undefined {
  if (result.cancelled) return 'Cancelled.';
  if (!result.failure) return undefined;
  const { index, step, reason } = result.failure;
  return `Step ${index + 1} (${step.method}${step.hidden ? ', hidden' : ''}) failed: ${reason}`;
}
