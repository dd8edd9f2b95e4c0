// The "Workshop" terminal(s): a ReplayTerminal over a VS Code terminal, with shell integration when the shell has it.
import { setTimeout as sleep } from 'node:timers/promises';
import * as vscode from 'vscode';
import { findInOutput, ScreenBuffer, stripAnsi } from '../../exercises/screenBuffer';
import type { ExecResult, ReplayTerminal, StatusDrop } from '../../exercises/replaySession';
import { isPosixShell, newDropFile, probeLine, readDroppedLine, readDroppedStatus, statusLine } from './statusDrops';
import { canSampleShells, whenBackAtPrompt } from './shellAtPrompt';
import { settings } from '../settings';
import { checkTerminalText, sendTextChecked } from '../terminalText';

/** How long a new terminal gets to activate shell integration (the API's own example uses 3 s). */
const SHELL_INTEGRATION_TIMEOUT_MS = 3_000;
/** A command that has not started this long after being sent is not tracked (e.g. typed into an ssh session). */
const START_TIMEOUT_MS = 5_000;
/** Longest wait for the end of a multi-line command, which VS Code 1.100 does not always report. */
const MULTILINE_END_TIMEOUT_MS = 60_000;
/** Longest output kept per command. */
const MAX_OUTPUT_CHARS = 100_000;
/** Without shell integration the output cannot be read: `wait` pauses this long instead. */
const BLIND_WAIT_MS = 3_000;
/** Without shell integration nothing shows that a typed command started: give it this long. */
const BLIND_START_MS = 500;
/** How long a shell without shell integration gets to show that it writes files on this machine. */
const DROP_PROBE_MS = 5_000;
/** Lines that make "the screen" for `wait` and `copy` (a presenter's full-screen tmux has about this many). */
const SCREEN_ROWS = 50;
/** How long VS Code gets to report the end of a command before the shell itself is looked at. */
const LOST_END_GRACE_MS = 2_000;
/** How long the shell gets to write the status of a command whose end VS Code did not report. */
const LOST_END_STATUS_MS = 5_000;
/** How long a shell that VS Code reported no status for gets to show it is back at its prompt. */
const STATUS_QUESTION_WAIT_MS = 3_000;
/**
 * Fault injection for the end-to-end tests: VS Code's end events of commands whose line contains
 * one of these texts (separated by `|`) are ignored, as VS Code sometimes fails to send them.
 */
const IGNORE_ENDS_OF = (process.env.WORKSHOP_TEST_IGNORE_ENDS_OF ?? '').split('|').filter(Boolean);

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface TrackedExecution {
  output: string;
  started: Deferred<void>;
  ended: Deferred<number | undefined>;
  done: boolean;
  /** Order in which executions were first seen in this terminal. */
  seen: number;
  /** VS Code did not report the end; the shell was found back at its prompt, and the status is read another way. */
  endLost?: boolean;
  /** The command run with `executeCommand` that VS Code reports as this other execution. */
  standsFor?: TrackedExecution;
}

class AbortedError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Resolves with `promise`, or rejects when `signal` aborts or after `timeoutMs` (when given). */
function guard<T>(promise: Promise<T>, signal: AbortSignal | undefined, timeoutMs?: number, onTimeout?: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      cleanup();
      reject(new AbortedError());
    };
    if (signal?.aborted) return reject(new AbortedError());
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        cleanup();
        if (onTimeout) resolve(onTimeout());
        else reject(new Error(`timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    }
    promise.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return guard(new Promise<void>((resolve) => setTimeout(resolve, ms)), signal);
}

export class WorkshopTerminal implements ReplayTerminal, vscode.Disposable {
  private readonly screen = new ScreenBuffer();
  private readonly executions = new Map<vscode.TerminalShellExecution, TrackedExecution>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly integrationReady: Promise<void>;
  private latest: TrackedExecution | undefined;
  private lastExitCode: number | undefined;
  private lastTypedAt = 0;
  private nextStart: Deferred<TrackedExecution> = deferred();
  private closed = false;
  private seenCount = 0;
  /** Whether this terminal's shell writes status files here (asked once, at first need). */
  private dropsWork: Promise<boolean> | undefined;
  /** The command run with `executeCommand` that is awaited now. */
  private awaited: TrackedExecution | undefined;
  private readonly shellPid: Thenable<number | undefined>;
  /** Status files of the `echo $? > file` lines this terminal typed itself (the latest few). */
  private readonly ownLines: string[] = [];
  /** Aborted on dispose: stops looking at the shell for lost ends. */
  private readonly lifetime = new AbortController();

  constructor(
    readonly terminal: vscode.Terminal,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.window.onDidStartTerminalShellExecution((event) => {
        if (event.terminal !== this.terminal || this.isOwnLine(event.execution)) return;
        const tracked = this.track(event.execution);
        tracked.started.resolve();
        const awaited = this.awaitedReportedAs(tracked);
        if (awaited) {
          tracked.standsFor = awaited;
          awaited.started.resolve();
        }
      }),
      vscode.window.onDidEndTerminalShellExecution((event) => {
        if (event.terminal !== this.terminal || this.isOwnLine(event.execution)) return;
        if (IGNORE_ENDS_OF.some((text) => event.execution.commandLine.value.includes(text))) return;
        const tracked = this.track(event.execution);
        // Its end was settled from the shell itself; a late report may only say "unknown".
        if (tracked.endLost) return;
        tracked.done = true;
        this.lastExitCode = event.exitCode;
        tracked.ended.resolve(event.exitCode);
        // Its start may have gone unreported.
        const awaited = this.awaitedReportedAs(tracked);
        if (awaited) {
          awaited.done = true;
          awaited.output ||= tracked.output;
          awaited.started.resolve();
          awaited.ended.resolve(event.exitCode);
        }
      }),
      vscode.window.onDidCloseTerminal((closed) => {
        if (closed !== this.terminal) return;
        this.closed = true;
        for (const tracked of this.executions.values()) tracked.ended.resolve(undefined);
      }),
    );
    this.shellPid = canSampleShells() ? this.terminal.processId : Promise.resolve(undefined);
    this.integrationReady = this.terminal.shellIntegration
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(finish, SHELL_INTEGRATION_TIMEOUT_MS);
          const listener = vscode.window.onDidChangeTerminalShellIntegration((event) => {
            if (event.terminal === this.terminal) finish();
          });
          function finish(): void {
            clearTimeout(timer);
            listener.dispose();
            resolve();
          }
        });
  }

  get name(): string {
    return this.terminal.name;
  }

  async whenReady(signal: AbortSignal): Promise<void> {
    await guard(this.integrationReady, signal);
  }

  tracksCommands(): boolean {
    return this.terminal.shellIntegration !== undefined && !this.isClosed;
  }

  async statusDrop(signal: AbortSignal, { mayProbe }: { mayProbe: boolean }): Promise<StatusDrop | undefined> {
    if (this.terminal.shellIntegration || this.isClosed || !this.posixShell()) return undefined;
    if (!this.dropsWork && !mayProbe) return undefined;
    this.dropsWork ??= this.probeDrops();
    if (!(await guard(this.dropsWork, signal))) return undefined;
    return this.newStatusDrop();
  }

  /** Whether this terminal's own shell takes `echo $? > file` (a POSIX shell, not on Windows). */
  private posixShell(): boolean {
    const options = this.terminal.creationOptions as vscode.TerminalOptions;
    return process.platform !== 'win32' && isPosixShell(options.shellPath ?? vscode.env.shell);
  }

  /** A new status file, the line that fills it and its reading. */
  private newStatusDrop(): (StatusDrop & { file: string }) | undefined {
    const drop = newDropFile();
    if (!drop) return undefined;
    return { file: drop.file, command: statusLine(drop), read: (timeoutMs, signal) => readDroppedStatus(drop.file, timeoutMs, signal) };
  }

  /** Asks the shell to write a file: it appears only if the shell runs on this machine (not through ssh). */
  private async probeDrops(): Promise<boolean> {
    const probe = newDropFile();
    if (!probe) return false;
    sendTextChecked(this.terminal, probeLine(probe), true);
    const written = await readDroppedLine(probe.file, DROP_PROBE_MS, new AbortController().signal).then(
      (line) => line === 'ready',
      () => false,
    );
    this.log.info(`Workshop terminal "${this.name}" has no shell integration; exit statuses ${written ? 'are read from files its shell writes' : 'stay unknown (its shell wrote no file here)'}.`);
    return written;
  }

  /** The output is read through shell integration's execution streams. */
  readable(): boolean {
    return this.terminal.shellIntegration !== undefined;
  }

  running(): boolean | undefined {
    if (!this.terminal.shellIntegration) return undefined;
    return this.latest !== undefined && !this.latest.done;
  }

  /** The API does not tell a terminal's size: the screen is the last lines written. */
  private rows(): number {
    return SCREEN_ROWS;
  }

  /** Starts a "since the last command" window that holds the typed line first. */
  private typed(command: string): void {
    this.screen.mark();
    this.screen.appendTyped(command);
    this.lastTypedAt = Date.now();
  }

  get isClosed(): boolean {
    return this.closed || this.terminal.exitStatus !== undefined;
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

  private track(execution: vscode.TerminalShellExecution): TrackedExecution {
    let tracked = this.executions.get(execution);
    if (tracked) return tracked;
    const created: TrackedExecution = { output: '', started: deferred(), ended: deferred(), done: false, seen: this.seenCount++ };
    tracked = created;
    this.executions.set(execution, created);
    this.latest = created;
    this.nextStart.resolve(created);
    this.nextStart = deferred();
    void created.ended.promise.then(() => this.executions.delete(execution));
    void created.started.promise.then(() => this.settleIfEndLost(created));
    void (async () => {
      try {
        for await (const chunk of execution.read()) {
          this.screen.append(chunk);
          if (created.output.length < MAX_OUTPUT_CHARS) created.output += chunk;
        }
      } catch (error) {
        this.log.debug(`Workshop terminal: output stream ended: ${String(error)}`);
      }
    })();
    return created;
  }

  /**
   * A command VS Code reported starting and then not ending (it happens under load): once the shell
   * is seen back at its prompt, the command is over. Its status, for a command the replay awaits,
   * is asked of the shell (`echo $? > file`), as in a terminal without shell integration.
   */
  private async settleIfEndLost(tracked: TrackedExecution): Promise<void> {
    const pid = await this.shellPid;
    if (pid === undefined || tracked.done) return;
    const ended = new AbortController();
    void tracked.ended.promise.then(() => ended.abort());
    const over = AbortSignal.any([ended.signal, this.lifetime.signal]);
    try {
      await sleep(LOST_END_GRACE_MS, undefined, { signal: over });
    } catch {
      return;
    }
    if (!(await whenBackAtPrompt(pid, over)) || tracked.done || this.isClosed) return;
    const awaited = this.awaited !== undefined && (tracked === this.awaited || tracked.standsFor === this.awaited) ? this.awaited : undefined;
    // The awaited command and whatever VS Code reported in its place end together.
    const settled = awaited ? [awaited, ...[...this.executions.values()].filter((other) => other.standsFor === awaited)] : [tracked];
    for (const execution of settled) {
      execution.done = true;
      execution.endLost = true;
      if (awaited && execution !== awaited) awaited.output ||= execution.output;
    }
    const status = awaited ? await this.statusAtPrompt() : undefined;
    this.log.warn(`Workshop terminal "${this.name}": VS Code reported no end for a command, but the shell is back at its prompt; ${status === undefined ? 'its status is unknown' : `it exited with ${status}`}.`);
    this.lastExitCode = status;
    for (const execution of settled) {
      execution.started.resolve();
      execution.ended.resolve(status);
    }
  }

  /**
   * VS Code sometimes reports the command it was asked to run (e.g. `(exit 3)`) as another
   * execution object: one first seen after ours, while ours waits, is ours.
   */
  private awaitedReportedAs(tracked: TrackedExecution): TrackedExecution | undefined {
    const awaited = this.awaited;
    return awaited && awaited !== tracked && !awaited.done && tracked.seen > awaited.seen ? awaited : undefined;
  }

  /** A status line this terminal typed itself: no command of the learner's or the lab's, so not tracked. */
  private isOwnLine(execution: vscode.TerminalShellExecution): boolean {
    const line = execution.commandLine.value;
    return this.ownLines.some((file) => line.includes(file));
  }

  /** The last status, once the shell is seen at its prompt (and so not in a program that would read the question). */
  private async statusOnceAtPrompt(signal: AbortSignal): Promise<number | undefined> {
    const pid = await this.shellPid;
    if (pid === undefined) return undefined;
    const soon = AbortSignal.any([signal, AbortSignal.timeout(STATUS_QUESTION_WAIT_MS)]);
    if (!(await whenBackAtPrompt(pid, soon, { intervalMs: 200 }))) return undefined;
    return this.statusAtPrompt();
  }

  /** The last status, asked of a POSIX shell at its prompt; `undefined` where that cannot be done. */
  private async statusAtPrompt(): Promise<number | undefined> {
    const drop = this.posixShell() ? this.newStatusDrop() : undefined;
    if (!drop) return undefined;
    this.ownLines.push(drop.file);
    if (this.ownLines.length > 16) this.ownLines.shift();
    sendTextChecked(this.terminal, drop.command, true);
    return drop.read(LOST_END_STATUS_MS, new AbortController().signal).catch(() => undefined);
  }

  async exec(command: string, signal: AbortSignal): Promise<ExecResult> {
    this.show();
    const integration = await guard(this.shellIntegration(), signal);
    this.typed(command);
    if (!integration || this.isClosed) {
      sendTextChecked(this.terminal, command, true);
      return { exitCode: undefined, output: '' };
    }
    // VS Code 1.100 does not reliably report multi-line executeCommand runs; type those instead.
    if (command.includes('\n')) return this.execTyped(command, signal);
    this.settleUnfinished();

    const tracked = this.track(integration.executeCommand(checkTerminalText(command)));
    this.awaited = tracked;
    try {
      const result = await this.awaitEnd(tracked, signal, undefined);
      // VS Code reports some ends without a status (bash's subshells, `(exit 3)`): ask the shell.
      if (result.exitCode === undefined && tracked.done && !tracked.endLost && !this.isClosed) result.exitCode = await this.statusOnceAtPrompt(signal);
      return result;
    } finally {
      if (this.awaited === tracked) this.awaited = undefined;
    }
  }

  /**
   * bash reports no end for some commands (a subshell such as `(exit 3)`): when the
   * next command is run, those are over, with an unknown status.
   */
  private settleUnfinished(): void {
    for (const tracked of this.executions.values()) {
      if (tracked.done) continue;
      tracked.done = true;
      tracked.started.resolve();
      tracked.ended.resolve(undefined);
    }
  }

  private async execTyped(command: string, signal: AbortSignal): Promise<ExecResult> {
    const next = this.nextStart.promise;
    sendTextChecked(this.terminal, command, true);
    const tracked = await guard<TrackedExecution | undefined>(next, signal, START_TIMEOUT_MS, () => undefined);
    if (!tracked) return { exitCode: undefined, output: '' };
    return this.awaitEnd(tracked, signal, MULTILINE_END_TIMEOUT_MS);
  }

  private async awaitEnd(tracked: TrackedExecution, signal: AbortSignal, endTimeoutMs: number | undefined): Promise<ExecResult> {
    const interrupt = () => sendTextChecked(this.terminal, '\x03', false, 'keys');
    signal.addEventListener('abort', interrupt, { once: true });
    try {
      const started = await guard(tracked.started.promise.then(() => true), signal, START_TIMEOUT_MS, () => false);
      if (!started && !tracked.done) {
        this.log.warn('Workshop terminal: the command did not start under shell integration; its status is unknown.');
        return { exitCode: undefined, output: '' };
      }
      const exitCode = await guard(tracked.ended.promise, signal, endTimeoutMs, () => undefined);
      return { exitCode, output: stripAnsi(tracked.output) };
    } finally {
      signal.removeEventListener('abort', interrupt);
    }
  }

  async start(command: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    this.show();
    const integration = await guard(this.shellIntegration(), signal);
    const before = this.seenCount;
    const atPrompt = integration !== undefined && this.running() !== true;
    const echoed = this.echoOf(command, timeoutMs, signal);
    this.typed(command);
    if (atPrompt && !command.includes('\n')) {
      const tracked = this.track(integration.executeCommand(checkTerminalText(command)));
      return guard(tracked.started.promise.then(() => true), signal, timeoutMs, () => false);
    }
    sendTextChecked(this.terminal, command, true);
    if (!integration) {
      await delay(BLIND_START_MS, signal);
      return true;
    }
    // At the prompt the shell reports the start; in a nested shell, the line comes back as echo.
    const reported = atPrompt ? this.nextStart.promise.then(() => true) : new Promise<boolean>(() => {});
    const started = await guard(Promise.race([reported, echoed]), signal, timeoutMs, () => this.seenCount > before);
    return started;
  }

  /** Resolves true once the first characters of `command` come back from the terminal. */
  private echoOf(command: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    const head = command.split('\n', 1)[0].trim().slice(0, 24);
    let received = '';
    let unsubscribe = () => {};
    const seen = new Promise<boolean>((resolve) => {
      unsubscribe = this.screen.onAppend((chunk) => {
        received = (received + chunk).slice(-4_096);
        if (received.includes(head)) resolve(true);
      });
    });
    return guard(seen, signal, timeoutMs, () => false).finally(() => unsubscribe());
  }

  send(text: string): void {
    this.show();
    this.lastTypedAt = Date.now();
    sendTextChecked(this.terminal, text, false, 'keys');
  }

  async waitFor(pattern: string | RegExp, timeoutMs: number, signal: AbortSignal): Promise<string> {
    if (!this.terminal.shellIntegration) {
      this.log.warn(`Workshop terminal: cannot read output without shell integration; pausing instead of waiting for "${String(pattern)}".`);
      await delay(Math.min(timeoutMs, BLIND_WAIT_MS), signal);
      return '';
    }
    const look = () => findInOutput(this.screen.visibleSinceMark(this.rows()), pattern);
    const found = look();
    if (found !== undefined) return found;
    let unsubscribe = () => {};
    const appeared = new Promise<string>((resolve) => {
      unsubscribe = this.screen.onAppend(() => {
        const match = look();
        if (match !== undefined) resolve(match);
      });
    });
    try {
      return await guard(appeared, signal, timeoutMs);
    } finally {
      unsubscribe();
    }
  }

  screenText(): string {
    return this.screen.recent(this.rows());
  }

  async waitForCommandEnd(timeoutMs: number, signal: AbortSignal): Promise<number | undefined> {
    if (!this.terminal.shellIntegration) return undefined;
    let running = this.latest && !this.latest.done ? this.latest : undefined;
    // Keys ending with Enter were just typed: give the shell a moment to report the command.
    if (!running && Date.now() - this.lastTypedAt < 1_000) {
      running = await guard<TrackedExecution | undefined>(this.nextStart.promise, signal, 1_000, () => undefined);
    }
    if (!running) return this.lastExitCode;
    return guard(running.ended.promise, signal, timeoutMs);
  }

  dispose(): void {
    this.lifetime.abort();
    for (const disposable of this.disposables) disposable.dispose();
    this.disposables.length = 0;
    // The terminal itself stays: it is the user's shell, with their history, even after a reload.
  }
}
