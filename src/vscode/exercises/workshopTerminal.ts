// The "Workshop" terminal(s) as the replay drives them: what it types, through shell integration
// or as text; when commands end comes from commandEnds.ts, what they showed from terminalScreen.ts.
import * as vscode from 'vscode';
import type { ExecResult, ReplayTerminal, StatusDrop } from '../../exercises/replaySession';
import { settings } from '../settings';
import { checkTerminalText, sendTextChecked } from '../terminalText';
import { delay, withTimeLimit } from '../../async/timeLimit';
import { CommandEnds } from './commandEnds';
import { shellIntegrationReady } from './shellIntegrationReady';
import type { TerminalHook } from './promptHookFiles';
import { isPosixShell, TerminalDrops } from './statusDrops';
import { TerminalScreen } from './terminalScreen';

/** How long a new terminal gets to activate shell integration (the API's own example uses 3 s). */
const SHELL_INTEGRATION_TIMEOUT_MS = 3_000;
/** Longest wait for the end of a multi-line command (typed, see the tracker's table). */
const MULTILINE_END_TIMEOUT_MS = 60_000;
/** How long a command the prompt hook ended may still deliver its output through VS Code. */
const OUTPUT_GRACE_MS = 1_000;
/** Without shell integration the output cannot be read: `wait` pauses this long instead. */
const BLIND_WAIT_MS = 3_000;
/** Without shell integration nothing shows that a typed command started: give it this long. */
const BLIND_START_MS = 500;

export class WorkshopTerminal implements ReplayTerminal, vscode.Disposable {
  private readonly ends: CommandEnds;
  private readonly screen = new TerminalScreen();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly integrationReady: Promise<void>;
  private lastTypedAt = 0;
  private hookChecked = false;
  private readonly drops = new TerminalDrops(
    (line) => sendTextChecked(this.terminal, line, true),
    (written) => this.log.info(`Workshop terminal "${this.name}" has no shell integration; exit statuses ${written ? 'are read from files its shell writes' : 'stay unknown (its shell wrote no file here)'}.`),
  );

  constructor(
    readonly terminal: vscode.Terminal,
    private readonly log: vscode.LogOutputChannel,
    hook?: TerminalHook,
  ) {
    this.ends = new CommandEnds(() => this.name, log, hook);
    this.disposables.push(...this.ends.follow(terminal, (execution) => this.read(execution)));
    this.integrationReady = shellIntegrationReady(terminal, SHELL_INTEGRATION_TIMEOUT_MS);
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
    await this.ends.pollHook();
    if (!this.hookChecked) void this.ends.logHook(this.shellPath());
    this.hookChecked = true;
  }

  /** Shell integration reports commands; so does the prompt hook once it has reported (not its output). */
  tracksCommands(): boolean {
    return (this.terminal.shellIntegration !== undefined || this.ends.hookWorks) && !this.isClosed;
  }

  readable(): boolean {
    return this.terminal.shellIntegration !== undefined;
  }

  running(): boolean | undefined {
    if (!this.tracksCommands()) return undefined;
    return this.ends.outcome() ? !this.ends.settledOutcome() : this.ends.vscodeRunning;
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

  statusDrop(signal: AbortSignal, { mayProbe }: { mayProbe: boolean }): Promise<StatusDrop | undefined> {
    const posix = process.platform !== 'win32' && isPosixShell(this.shellPath());
    if (this.terminal.shellIntegration || this.isClosed || !posix) return Promise.resolve(undefined);
    return this.drops.next(signal, mayProbe);
  }

  async exec(command: string, signal: AbortSignal): Promise<ExecResult> {
    this.show();
    const integration = await withTimeLimit(this.shellIntegration(), { signal });
    this.typed(command);
    if (this.isClosed || (!integration && !this.ends.hookWorks)) {
      sendTextChecked(this.terminal, command, true);
      return { exitCode: undefined, output: '' };
    }
    await this.ends.pollHook();
    this.screen.clearOutput();
    const multiLine = command.includes('\n');
    const execution = this.sendCommand(command, integration, true);
    const interrupt = () => sendTextChecked(this.terminal, '\x03', false, 'keys');
    signal.addEventListener('abort', interrupt, { once: true });
    try {
      const outcome = await this.ends.settled(signal, multiLine ? MULTILINE_END_TIMEOUT_MS : undefined).catch((error: unknown) => {
        if (signal.aborted) throw error;
        return undefined;
      });
      if (execution && outcome?.kind === 'ended' && outcome.by === 'hook') await this.screen.drained(execution, OUTPUT_GRACE_MS);
      return { exitCode: outcome?.kind === 'ended' ? outcome.status : undefined, output: this.screen.outputText() };
    } finally {
      signal.removeEventListener('abort', interrupt);
    }
  }

  async start(command: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    this.show();
    const integration = await withTimeLimit(this.shellIntegration(), { signal });
    const before = this.ends.startsSeen;
    const atPrompt = this.tracksCommands() && this.running() !== true;
    const echoed = this.screen.echoOf(command, timeoutMs, signal);
    this.typed(command);
    if (atPrompt) await this.ends.pollHook();
    // Typed in a nested shell or a program, it is no command of this terminal's shell.
    const execution = this.sendCommand(command, integration, atPrompt);
    if (!integration) {
      await delay(BLIND_START_MS, signal);
      return true;
    }
    // At the prompt the shell reports the start; in a nested shell, the line comes back as echo.
    const reported = atPrompt ? this.ends.when(() => this.ends.startsSeen > before || this.ends.settledOutcome() !== undefined, signal, timeoutMs) : echoed;
    return (await Promise.race([reported, ...(execution ? [] : [echoed])])) || this.ends.startsSeen > before;
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
    if (this.ends.settledOutcome() && Date.now() - this.lastTypedAt < 1_000) {
      const before = this.ends.startsSeen;
      await this.ends.when(() => this.ends.startsSeen > before, signal, 1_000);
    }
    const outcome = await this.ends.settled(signal, timeoutMs);
    return outcome.kind === 'ended' ? outcome.status : undefined;
  }

  dispose(): void {
    this.ends.dispose();
    for (const disposable of this.disposables) disposable.dispose();
    this.disposables.length = 0;
    // The terminal itself stays: it is the user's shell, with their history, even after a reload.
  }

  /**
   * Runs a command through shell integration, or types it: VS Code 1.100 does not reliably report
   * multi-line executeCommand runs, and without integration (off or late) the prompt hook still
   * tells the end. `atShellPrompt`: the terminal's own shell takes it, so the tracker awaits it.
   */
  private sendCommand(command: string, integration: vscode.TerminalShellIntegration | undefined, atShellPrompt: boolean): vscode.TerminalShellExecution | undefined {
    const execution = atShellPrompt && integration && !command.includes('\n') ? integration.executeCommand(checkTerminalText(command)) : undefined;
    if (atShellPrompt) this.ends.feed({ kind: 'sent', at: Date.now(), execution });
    if (execution) this.read(execution);
    else sendTextChecked(this.terminal, command, true);
    return execution;
  }

  private typed(command: string): void {
    this.screen.typed(command);
    this.lastTypedAt = Date.now();
  }

  private shellPath(): string {
    return (this.terminal.creationOptions as vscode.TerminalOptions).shellPath ?? vscode.env.shell;
  }

  private read(execution: vscode.TerminalShellExecution): void {
    this.screen.read(execution, (error) => this.log.debug(`Workshop terminal: output stream ended: ${String(error)}`));
  }
}
