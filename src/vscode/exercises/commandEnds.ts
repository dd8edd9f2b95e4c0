// When a Workshop terminal's commands end, and how: the execution tracker (src/exercises/tracker)
// fed with VS Code's events, the prompt hook's reports and the time, and waits on its outcome. The
// hook's file is read every 200 ms while something is awaited, every second otherwise.
import * as vscode from 'vscode';
import { withTimeLimit } from '../../async/timeLimit';
import { sleep } from '../../onFirstUse';
import { CommandTracker, type Outcome, type TrackerEvent } from '../../exercises/tracker/commandTracker';
import { readHookReport, type TerminalHook } from './promptHookFiles';

/** Start not reported / status not reported: when the tracker stops waiting for VS Code (without a hook). */
const LIMITS = { startMs: 5_000, statusMs: 3_000 };
/** How often the prompt hook's file is read while a command is awaited, and otherwise. */
const POLL_MS = { waiting: 200, idle: 1_000 };

export function settledOutcome(outcome: Outcome | undefined): Outcome | undefined {
  return outcome?.kind === 'ended' || outcome?.kind === 'endedWithoutStatus' ? outcome : undefined;
}

export class CommandEnds {
  private readonly tracker = new CommandTracker(LIMITS);
  private readonly listeners = new Set<() => void>();
  private readonly lifetime = new AbortController();
  private lastSeq: number | undefined;
  private starts = 0;

  constructor(
    /** The terminal's name, for the log. */
    private readonly name: () => string,
    private readonly log: vscode.LogOutputChannel,
    readonly hook?: TerminalHook,
  ) {
    void this.watch();
  }

  /**
   * Feeds `terminal`'s shell-integration events to the tracker; `onStart` gets each execution seen
   * starting (to read its output). Returns the subscriptions.
   */
  follow(terminal: vscode.Terminal, onStart: (execution: vscode.TerminalShellExecution) => void): vscode.Disposable[] {
    return [
      vscode.window.onDidStartTerminalShellExecution((event) => {
        if (event.terminal !== terminal) return;
        this.starts++;
        onStart(event.execution);
        this.feed({ kind: 'started', at: Date.now(), execution: event.execution });
      }),
      vscode.window.onDidEndTerminalShellExecution((event) => {
        if (event.terminal === terminal) this.feed({ kind: 'ended', at: Date.now(), execution: event.execution, code: event.exitCode });
      }),
      vscode.window.onDidCloseTerminal((closed) => {
        if (closed === terminal) this.feed({ kind: 'closed', at: Date.now() });
      }),
    ];
  }

  /** How many command starts shell integration reported. */
  get startsSeen(): number {
    return this.starts;
  }

  /** True once the prompt hook has reported (it then tells each command's end and status). */
  get hookWorks(): boolean {
    return this.tracker.hookWorks;
  }

  /** Whether a command runs as VS Code reports it, when the tracker awaits no command. */
  get vscodeRunning(): boolean {
    return this.tracker.vscodeRunning;
  }

  outcome(): Outcome | undefined {
    return this.tracker.outcome();
  }

  settledOutcome(): Outcome | undefined {
    return settledOutcome(this.tracker.outcome());
  }

  feed(event: TrackerEvent): void {
    const before = this.tracker.outcome();
    this.tracker.handle(event);
    const after = this.tracker.outcome();
    if (after !== before && after?.kind === 'ended' && after.by === 'hook') {
      this.log.info(`Workshop terminal "${this.name()}": the prompt hook reported the end (VS Code reported no end or no status): exit ${after.status}.`);
    } else if (after !== before && after?.kind === 'endedWithoutStatus') {
      this.log.info(`Workshop terminal "${this.name()}": a command ended with an unknown status (${after.why}).`);
    }
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves true once `ready()` holds after some event, false after `timeoutMs`; rejects on abort. */
  async when(ready: () => boolean, signal: AbortSignal, timeoutMs?: number): Promise<boolean> {
    let check = () => {};
    const met = new Promise<boolean>((resolve) => {
      check = () => {
        if (ready()) resolve(true);
      };
    });
    this.listeners.add(check);
    check();
    try {
      return await withTimeLimit(met, { signal, ms: timeoutMs, onTimeout: () => false });
    } finally {
      this.listeners.delete(check);
    }
  }

  /** The outcome of the command sent last, once it ended; rejects after `timeoutMs` or on abort. */
  async settled(signal: AbortSignal, timeoutMs?: number): Promise<Outcome> {
    if (!(await this.when(() => this.settledOutcome() !== undefined, signal, timeoutMs))) throw new Error(`timed out after ${timeoutMs} ms`);
    return this.tracker.outcome()!;
  }

  /** Reads the hook's file now; a new report goes to the tracker. */
  async pollHook(): Promise<void> {
    const report = this.hook && (await readHookReport(this.hook.statusFile));
    if (!report || report.seq === this.lastSeq) return;
    this.lastSeq = report.seq;
    this.feed({ kind: 'hook', at: Date.now(), report });
  }

  /** Says in the log whether the terminal's prompt hook works, once its first prompt had time to come. */
  async logHook(shell: string | undefined): Promise<void> {
    if (!this.hook) {
      this.log.info(`Workshop terminal "${this.name()}": no prompt hook for its shell (${shell}); a command whose end VS Code does not report waits for the step's time limit.`);
      return;
    }
    await this.when(() => this.tracker.hookWorks, this.lifetime.signal, LIMITS.startMs).catch(() => false);
    if (this.tracker.hookWorks) this.log.info(`Workshop terminal "${this.name()}": its ${this.hook.shell} prompt hook reports the end and status of each command.`);
    else this.log.warn(`Workshop terminal "${this.name()}": its ${this.hook.shell} prompt hook never reported (a startup file may replace PROMPT_COMMAND or precmd_functions); a command whose end VS Code does not report waits for the step's time limit.`);
  }

  /** True while someone waits on an outcome (the hook's file is then read more often). */
  private get awaited(): boolean {
    return this.listeners.size > 0;
  }

  /** Reads the hook's file and tells the tracker the time, faster while something is awaited. */
  private async watch(): Promise<void> {
    const { signal } = this.lifetime;
    while (!signal.aborted) {
      await this.pollHook();
      this.feed({ kind: 'time', at: Date.now() });
      await sleep(this.awaited ? POLL_MS.waiting : POLL_MS.idle, { signal }).catch(() => undefined);
    }
  }

  dispose(): void {
    this.lifetime.abort();
  }
}
