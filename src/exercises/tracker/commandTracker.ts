// Whether a command sent to a terminal has ended, and how: one answer, from every source a terminal
// has (VS Code's shell-integration events, the prompt hook, marker lines, status files). The VS Code
// behaviours each rule works around are listed in docs/exercises.md ("The execution tracker") and
// in test/unit/exercises-tracker.test.ts, one table row each. No clock, timer or file here: the
// adapter feeds events, with the time, and reads the outcome.

import type { HookReport } from '../promptHook';

/** An execution as VS Code reports it (any object that stays the same for one execution). */
export type ExecutionKey = object;

export type TrackerEvent =
  /** The extension sent a command: run through shell integration (`execution`), or typed. */
  | { kind: 'sent'; at: number; execution?: ExecutionKey; nested?: boolean; learners?: boolean }
  | { kind: 'started'; at: number; execution: ExecutionKey }
  | { kind: 'ended'; at: number; execution: ExecutionKey; code: number | undefined }
  | { kind: 'hook'; at: number; report: HookReport }
  /** A nested shell's prompt seen at the end of the screen. */
  | { kind: 'prompt'; at: number }
  /** A status marker line (`echo <token> $?`) printed, or a status file written. */
  | { kind: 'marker' | 'statusFile'; at: number; status: number }
  | { kind: 'closed'; at: number }
  | { kind: 'time'; at: number };

export type Outcome =
  | { kind: 'ended'; status: number; by: 'vscode' | 'hook' | 'marker' }
  | { kind: 'endedWithoutStatus'; why: string }
  | { kind: 'running' }
  | { kind: 'learnersTurn' };

export interface TrackerLimits {
  /** How long VS Code gets to report a start before the command counts as untracked. */
  startMs: number;
  /** How long the hook gets to report the status of an end VS Code reported without one. */
  statusMs: number;
}

interface Sent {
  at: number;
 
  nested: boolean;
  learners: boolean;
  /** The hook's sequence at the prompt after which this command's own prompt comes. */
  seqAtSend: number | undefined;
  executions: Set<ExecutionKey>;
  started: boolean;
  /** VS Code reported the end without a status, at this time. */
  endedBare?: number;
  outcome?: Outcome;
  settledAt?: number;
}

/** A start VS Code reports this soon after the hook ended the command is that command's. */
const LATE_START_MS = 1_000;

export class CommandTracker {
  private current: Sent | undefined;
  private lastReport: HookReport | undefined;
  private readonly open = new Set<ExecutionKey>();
  /** Executions VS Code reported before the current command was sent (they are not its own). */
  private readonly before = new Set<ExecutionKey>();

  constructor(private readonly limits: TrackerLimits) {}

  /** Whether the prompt hook has reported at all in this terminal. */
  get hookWorks(): boolean {
    return this.lastReport !== undefined;
  }

  /** The hook's last report (for "the status of the command before"). */
  get lastHookReport(): HookReport | undefined {
    return this.lastReport;
  }

  /** Whether VS Code reports a command started and not ended. */
  get vscodeRunning(): boolean {
    return this.open.size > 0;
  }

  handle(event: TrackerEvent): void {
    const sent = this.current;
    switch (event.kind) {
      case 'sent': {
        for (const key of this.open) this.before.add(key);
        this.open.clear();
        // Typed ahead while the command before still runs: the next prompt is that command's.
        const ahead = sent !== undefined && sent.outcome === undefined ? 1 : 0;
        const seq = this.lastReport?.seq;
        this.current = {
          at: event.at,
          nested: event.nested ?? false,
          learners: event.learners ?? false,
          seqAtSend: seq === undefined ? undefined : seq + ahead,
          executions: new Set(event.execution ? [event.execution] : []),
          started: false,
        };
        return;
      }
      case 'started':
        if (this.before.has(event.execution) || sent?.executions.has(event.execution)) {
          if (!sent?.outcome) this.open.add(event.execution);
          return;
        }
        this.open.add(event.execution);
        // Nothing outstanding: a command typed in the terminal (keys of a lab, the learner's own),
        // unless it is the late report of one the hook just ended (VS Code's other execution object).
        if (sent?.outcome?.kind === 'ended' && sent.outcome.by === 'hook' && event.at - (sent.settledAt ?? 0) < LATE_START_MS) return;
        if (!sent || sent.outcome) {
          this.current = { at: event.at, nested: false, learners: false, seqAtSend: this.lastReport?.seq, executions: new Set([event.execution]), started: true };
          return;
        }
        // VS Code may report the command it was asked to run as another execution object.
        if (sent && !sent.nested) {
          sent.executions.add(event.execution);
          sent.started = true;
        }
        return;
      case 'ended':
        this.open.delete(event.execution);
        if (!sent || sent.outcome || sent.nested || this.before.has(event.execution)) return;
        if (!sent.executions.has(event.execution) && sent.executions.size > 0) return;
        sent.started = true;
        if (event.code !== undefined) return this.settle(event.at, { kind: 'ended', status: event.code, by: 'vscode' });
        if (this.hookAfter(sent)) return this.settle(event.at, { kind: 'ended', status: this.lastReport!.status, by: 'hook' });
        sent.endedBare = event.at;
        return;
      case 'hook':
        this.lastReport = event.report;
        if (!sent || sent.outcome || sent.nested || !this.hookAfter(sent)) return;
        this.open.clear();
        return this.settle(event.at, { kind: 'ended', status: event.report.status, by: 'hook' });
      case 'prompt':
        if (sent && !sent.outcome && sent.nested) this.settle(event.at, { kind: 'endedWithoutStatus', why: 'a nested shell reports no status' });
        return;
      case 'marker':
      case 'statusFile':
        if (sent && (!sent.outcome || sent.outcome.kind === 'endedWithoutStatus')) sent.outcome = { kind: 'ended', status: event.status, by: 'marker' };
        return;
      case 'closed':
        if (sent && !sent.outcome) this.settle(event.at, { kind: 'endedWithoutStatus', why: 'the terminal closed' });
        return;
      case 'time':
        if (!sent || sent.outcome || sent.nested) return;
        if (sent.endedBare !== undefined && event.at - sent.endedBare >= this.limits.statusMs) {
          this.settle(event.at, { kind: 'endedWithoutStatus', why: 'VS Code reported no status and the prompt hook did not report' });
        } else if (!sent.started && !this.hookWorks && event.at - sent.at >= this.limits.startMs) {
          this.settle(event.at, { kind: 'endedWithoutStatus', why: 'the command did not start under shell integration' });
        }
        return;
    }
  }

  /** The outcome of the command sent last; `undefined` before any. */
  outcome(): Outcome | undefined {
    const sent = this.current;
    if (!sent) return undefined;
    if (sent.outcome) return sent.outcome;
    return sent.learners ? { kind: 'learnersTurn' } : { kind: 'running' };
  }

  /** The hook reported a prompt after the command was sent. */
  private hookAfter(sent: Sent): boolean {
    const seq = this.lastReport?.seq;
    // Sent before the first report: that one is the shell's first prompt (sequence 1).
    return seq !== undefined && seq > (sent.seqAtSend ?? 1);
  }

  private settle(at: number, outcome: Outcome): void {
    if (!this.current) return;
    this.current.outcome = outcome;
    this.current.settledAt = at;
  }
}
