// The "Workshop" terminal(s): a VS Code terminal's shell-integration events and prompt-hook reports
// translated for the execution tracker (src/exercises/tracker), and the text the replay types.
import { setTimeout as sleep } from 'node:timers/promises';
import * as vscode from 'vscode';
import { stripAnsi } from '../../exercises/screenBuffer';
import type { ExecResult, ReplayTerminal, StatusDrop } from '../../exercises/replaySession';
import { CommandTracker, type Outcome, type TrackerEvent } from '../../exercises/tracker/commandTracker';
import { settings } from '../settings';
import { checkTerminalText, sendTextChecked } from '../terminalText';
import { delay, withTimeLimit } from '../../async/timeLimit';
import { readHookReport, type TerminalHook } from './promptHookFiles';
import { isPosixShell, newStatusDrop, shellWritesDrops } from './statusDrops';
import { TerminalScreen } from './terminalScreen';

/** How long a new terminal gets to activate shell integration (the API's own example uses 3 s). */
const SHELL_INTEGRATION_TIMEOUT_MS = 3_000;
/** Start not reported / status not reported: when the tracker stops waiting for VS Code (without a hook). */
const LIMITS = { startMs: 5_000, statusMs: 3_000 };
/** Longest wait for the end of a multi-line command (typed, see the tracker's table). */
const MULTILINE_END_TIMEOUT_MS = 60_000;
/** How often the prompt hook's file is read while a command is awaited, and otherwise. */
const POLL_MS = { waiting: 200, idle: 1_000 };
const MAX_OUTPUT_CHARS = 100_000;
/** Without shell integration the output cannot be read: `wait` pauses this long instead. */
const BLIND_WAIT_MS = 3_000;
/** Without shell integration nothing shows that a typed command started: give it this long. */
const BLIND_START_MS = 500;

function settledOutcome(outcome: Outcome | undefined): Outcome | undefined {
  return outcome?.kind === 'ended' || outcome?.kind === 'endedWithoutStatus' ? outcome : undefined;
}

export class WorkshopTerminal implements ReplayTerminal, vscode.Disposable {
  private readonly tracker = new CommandTracker(LIMITS);
  private readonly screen = new TerminalScreen();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly reading = new WeakSet<vscode.TerminalShellExecution>();
  private readonly integrationReady: Promise<void>;
  private readonly lifetime = new AbortController();
  private output = '';
  private lastTypedAt = 0;
  private startsSeen = 0;
  private lastSeq: number | undefined;
  private hookChecked = false;
  /** Whether this terminal's shell writes status files here, without shell integration (asked once). */
  private dropsWork: Promise<boolean> | undefined;

  constructor(
    readonly terminal: vscode.Terminal,
    private readonly log: vscode.LogOutputChannel,
    private readonly hook?: TerminalHook,
  ) {
    const mine = (event: { terminal: vscode.Terminal }) => event.terminal === this.terminal;
    this.disposables.push(
      vscode.window.onDidStartTerminalShellExecution((event) => {
        if (!mine(event)) return;
        this.startsSeen++;
        this.read(event.execution);
        this.feed({ kind: 'started', at: Date.now(), execution: event.execution });
      }),
      vscode.window.onDidEndTerminalShellExecution((event) => {
        if (mine(event)) this.feed({ kind: 'ended', at: Date.now(), execution: event.execution, code: event.exitCode });
      }),
      vscode.window.onDidCloseTerminal((closed) => {
        if (closed === this.terminal) this.feed({ kind: 'closed', at: Date.now() });
      }),
    );
    this.integrationReady = this.terminal.shellIntegration
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(finish, SHELL_INTEGRATION_TIMEOUT_MS);
          const listener = vscode.window.onDidChangeTerminalShellIntegration((event) => {
            if (mine(event)) finish();
          });
          function finish(): void {
            clearTimeout(timer);
            listener.dispose();
            resolve();
          }
        });
    void this.watch();
  }

  get name(): string {
    return this.terminal.name;
  }

  get isClosed(): boolean {
    return this.terminal.exitStatus !== undefined;
  }

  async whenReady(signal: AbortSignal): Promise<void> {
    await withTimeLimit(this.integrationReady, { signal });
    // The hook's first report (the shell's first prompt) may be in its file already.
    await this.pollHook();
    if (!this.hookChecked) void this.logHook();
    this.hookChecked = true;
  }

  /** Shell integration reports commands; so does the prompt hook once it has reported (not its output). */
  tracksCommands(): boolean {
    return (this.terminal.shellIntegration !== undefined || this.tracker.hookWorks) && !this.isClosed;
  }

  readable(): boolean {
    return this.terminal.shellIntegration !== undefined;
  }

  running(): boolean | undefined {
    if (!this.tracksCommands()) return undefined;
    const outcome = this.tracker.outcome();
    return outcome ? !settledOutcome(outcome) : this.tracker.vscodeRunning;
  }

  /** Shell integration of the terminal, after giving a new terminal a moment to activate it. */
  async shellIntegration(): Promise<vscode.TerminalShellIntegration | undefined> {
    await this.integrationReady;
    return this.terminal.shellIntegration;
  }

  show(): void {
    this.terminal.show(!settings.terminalFocus());
  }

  focus(): void {
    this.terminal.show(false);
  }

  async statusDrop(signal: AbortSignal, { mayProbe }: { mayProbe: boolean }): Promise<StatusDrop | undefined> {
    const options = this.terminal.creationOptions as vscode.TerminalOptions;
    const posix = process.platform !== 'win32' && isPosixShell(options.shellPath ?? vscode.env.shell);
    if (this.terminal.shellIntegration || this.isClosed || !posix || (!this.dropsWork && !mayProbe)) return undefined;
    this.dropsWork ??= shellWritesDrops((line) => sendTextChecked(this.terminal, line, true)).then((written) => {
      this.log.info(`Workshop terminal "${this.name}" has no shell integration; exit statuses ${written ? 'are read from files its shell writes' : 'stay unknown (its shell wrote no file here)'}.`);
      return written;
    });
    return (await withTimeLimit(this.dropsWork, { signal })) ? newStatusDrop() : undefined;
  }

  async exec(command: string, signal: AbortSignal): Promise<ExecResult> {
    this.show();
    const integration = await withTimeLimit(this.shellIntegration(), { signal });
    this.typed(command);
    if (this.isClosed || (!integration && !this.tracker.hookWorks)) {
      sendTextChecked(this.terminal, command, true);
      return { exitCode: undefined, output: '' };
    }
    await this.pollHook();
    this.output = '';
    const multiLine = command.includes('\n');
    // VS Code 1.100 does not reliably report multi-line executeCommand runs; those are typed, and so
    // is everything where shell integration is off or late (the prompt hook still tells the end).
    const execution = multiLine || !integration ? undefined : integration.executeCommand(checkTerminalText(command));
    this.feed({ kind: 'sent', at: Date.now(), execution });
    if (execution) this.read(execution);
    else sendTextChecked(this.terminal, command, true);
    const interrupt = () => sendTextChecked(this.terminal, '\x03', false, 'keys');
    signal.addEventListener('abort', interrupt, { once: true });
    try {
      const outcome = await this.settled(signal, multiLine ? MULTILINE_END_TIMEOUT_MS : undefined).catch((error: unknown) => {
        if (signal.aborted) throw error;
        return undefined;
      });
      return { exitCode: outcome?.kind === 'ended' ? outcome.status : undefined, output: stripAnsi(this.output) };
    } finally {
      signal.removeEventListener('abort', interrupt);
    }
  }

  async start(command: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    this.show();
    const integration = await withTimeLimit(this.shellIntegration(), { signal });
    const before = this.startsSeen;
    const atPrompt = this.tracksCommands() && this.running() !== true;
    const echoed = this.screen.echoOf(command, timeoutMs, signal);
    this.typed(command);
    if (atPrompt) await this.pollHook();
    const execution = atPrompt && integration && !command.includes('\n') ? integration.executeCommand(checkTerminalText(command)) : undefined;
    // Typed in a nested shell or a program, it is no command of this terminal's shell.
    if (atPrompt) this.feed({ kind: 'sent', at: Date.now(), execution });
    if (execution) this.read(execution);
    else sendTextChecked(this.terminal, command, true);
    if (!integration) {
      await delay(BLIND_START_MS, signal);
      return true;
    }
    // At the prompt the shell reports the start; in a nested shell, the line comes back as echo.
    const reported = atPrompt ? this.when(() => this.startsSeen > before || settledOutcome(this.tracker.outcome()) !== undefined, signal, timeoutMs) : echoed;
    return (await Promise.race([reported, ...(execution ? [] : [echoed])])) || this.startsSeen > before;
  }

  send(text: string): void {
    this.show();
    this.lastTypedAt = Date.now();
    sendTextChecked(this.terminal, text, false, 'keys');
  }

  async waitFor(pattern: string | RegExp, timeoutMs: number, signal: AbortSignal): Promise<string> {
    if (this.terminal.shellIntegration) return this.screen.waitFor(pattern, timeoutMs, signal);
    this.log.warn(`Workshop terminal: cannot read output without shell integration; pausing instead of waiting for "${String(pattern)}".`);
    await delay(Math.min(timeoutMs, BLIND_WAIT_MS), signal);
    return '';
  }

  screenText(): string {
    return this.screen.text();
  }

  async waitForCommandEnd(timeoutMs: number, signal: AbortSignal): Promise<number | undefined> {
    if (!this.tracksCommands()) return undefined;
    // Keys ending with Enter were just typed: give the shell a moment to report the command.
    if (settledOutcome(this.tracker.outcome()) && Date.now() - this.lastTypedAt < 1_000) {
      const before = this.startsSeen;
      await this.when(() => this.startsSeen > before, signal, 1_000);
    }
    const outcome = await this.settled(signal, timeoutMs);
    return outcome.kind === 'ended' ? outcome.status : undefined;
  }

  dispose(): void {
    this.lifetime.abort();
    for (const disposable of this.disposables) disposable.dispose();
    this.disposables.length = 0;
    // The terminal itself stays: it is the user's shell, with their history, even after a reload.
  }

  private typed(command: string): void {
    this.screen.typed(command);
    this.lastTypedAt = Date.now();
  }

  private feed(event: TrackerEvent): void {
    const before = this.tracker.outcome();
    this.tracker.handle(event);
    const after = this.tracker.outcome();
    if (after !== before && after?.kind === 'ended' && after.by === 'hook') {
      this.log.info(`Workshop terminal "${this.name}": the prompt hook reported the end (VS Code reported no end or no status): exit ${after.status}.`);
    } else if (after !== before && after?.kind === 'endedWithoutStatus') {
      this.log.info(`Workshop terminal "${this.name}": a command ended with an unknown status (${after.why}).`);
    }
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves true once `ready()` holds after some event, false after `timeoutMs`; rejects on abort. */
  private async when(ready: () => boolean, signal: AbortSignal, timeoutMs?: number): Promise<boolean> {
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
  private async settled(signal: AbortSignal, timeoutMs?: number): Promise<Outcome> {
    if (!(await this.when(() => settledOutcome(this.tracker.outcome()) !== undefined, signal, timeoutMs))) throw new Error(`timed out after ${timeoutMs} ms`);
    return this.tracker.outcome()!;
  }

  private read(execution: vscode.TerminalShellExecution): void {
    if (this.reading.has(execution)) return;
    this.reading.add(execution);
    void (async () => {
      try {
        for await (const chunk of execution.read()) {
          this.screen.append(chunk);
          if (this.output.length < MAX_OUTPUT_CHARS) this.output += chunk;
        }
      } catch (error) {
        this.log.debug(`Workshop terminal: output stream ended: ${String(error)}`);
      }
    })();
  }

  private async pollHook(): Promise<void> {
    const report = this.hook && (await readHookReport(this.hook.statusFile));
    if (!report || report.seq === this.lastSeq) return;
    this.lastSeq = report.seq;
    this.feed({ kind: 'hook', at: Date.now(), report });
  }

  /** Reads the hook's file and tells the tracker the time, faster while something is awaited. */
  private async watch(): Promise<void> {
    const { signal } = this.lifetime;
    while (!signal.aborted) {
      await this.pollHook();
      this.feed({ kind: 'time', at: Date.now() });
      await sleep(this.listeners.size > 0 ? POLL_MS.waiting : POLL_MS.idle, undefined, { signal }).catch(() => undefined);
    }
  }

  private async logHook(): Promise<void> {
    const shell = (this.terminal.creationOptions as vscode.TerminalOptions).shellPath ?? vscode.env.shell;
    if (!this.hook) {
      this.log.info(`Workshop terminal "${this.name}": no prompt hook for its shell (${shell}); a command whose end VS Code does not report waits for the step's time limit.`);
      return;
    }
    await this.when(() => this.tracker.hookWorks, this.lifetime.signal, LIMITS.startMs).catch(() => false);
    if (this.tracker.hookWorks) this.log.info(`Workshop terminal "${this.name}": its ${this.hook.shell} prompt hook reports the end and status of each command.`);
    else this.log.warn(`Workshop terminal "${this.name}": its ${this.hook.shell} prompt hook never reported (a startup file may replace PROMPT_COMMAND or precmd_functions); a command whose end VS Code does not report waits for the step's time limit.`);
  }
}
