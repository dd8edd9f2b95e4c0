// The replay's terminal over tmux panes, for `replay` on the command line. Each pane runs a bash
// whose prompt hook (not exported: nested shells do not inherit it) appends `$?` to a file, one
// line per prompt: a new line is the end of a command and its status. What the pane prints is
// piped to a log file (`pipe-pane`), which gives the text since the last typed command.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExecResult, ReplayTerminal, TerminalFactory } from '../exercises/replaySession';
import { findInOutput, ScreenBuffer } from '../exercises/screenBuffer';

const POLL_MS = 50;

/** Why tmux cannot be used, with how to install it; undefined when it can. */
export function tmuxMissing(run = spawnSync): string | undefined {
  const probe = run('tmux', ['-V'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0) return undefined;
  return 'replay drives tmux, which is not installed: sudo apt-get install tmux (Debian, Ubuntu), sudo dnf install tmux (Fedora), brew install tmux (macOS)';
}

/** One tmux server of our own (its own socket, no user configuration), holding the replay's panes. */
export class TmuxServer implements TerminalFactory<TmuxTerminal> {
  private readonly socket: string;
  private readonly rcFile: string;
  private count = 0;
  private started = false;

  constructor(readonly dir: string) {
    this.socket = path.join(dir, 'tmux.sock');
    this.rcFile = path.join(dir, 'bashrc');
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** A new pane (the first one starts the server): bash with the prompt hook, its output logged. */
  open(name: string): TmuxTerminal {
    const n = ++this.count;
    const statusFile = path.join(this.dir, `status-${n}`);
    const logFile = path.join(this.dir, `pane-${n}.log`);
    fs.writeFileSync(statusFile, '');
    fs.writeFileSync(logFile, '');
    const shell = `bash --noprofile --rcfile '${this.rcFile}' -i`;
    const env = [`-e`, `REPLAY_STATUS_FILE=${statusFile}`];
    const printId = ['-P', '-F', '#{pane_id}'];
    let id: string;
    if (!this.started) {
      fs.writeFileSync(this.rcFile, ['set +H', "PS1='$ '", 'PROMPT_COMMAND=\'echo $? >> "$REPLAY_STATUS_FILE"\'', ''].join('\n'));
      id = this.tmux('new-session', '-d', ...printId, '-s', 'replay', '-x', '160', '-y', '48', ...env, shell).trim();
      this.started = true;
    } else {
      id = this.tmux('new-window', '-d', ...printId, '-t', 'replay', ...env, shell).trim();
    }
    this.tmux('pipe-pane', '-t', id, `cat >> '${logFile}'`);
    return new TmuxTerminal(this, name, id, statusFile, logFile);
  }

  openSplit(purpose: string): TmuxTerminal {
    return this.open(purpose);
  }

  close(terminal: TmuxTerminal): void {
    terminal.closed = true;
    try {
      this.tmux('kill-pane', '-t', terminal.paneId);
    } catch {
      // already gone (its shell exited)
    }
  }

  stop(): void {
    if (!this.started) return;
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

export class TmuxTerminal implements ReplayTerminal {
  closed = false;
  private readonly screen = new ScreenBuffer();
  private logOffset = 0;
  private statuses: number[] = [];
  /** Prompts seen when a command was last typed at the prompt. */
  private typedAt = 0;

  constructor(
    private readonly server: TmuxServer,
    readonly name: string,
    readonly paneId: string,
    private readonly statusFile: string,
    private readonly logFile: string,
  ) {}

  /** Reads what the pane printed and the statuses written since the last look. */
  private refresh(): void {
    const lines = fs.readFileSync(this.statusFile, 'utf8').split('\n').filter((line) => line !== '');
    this.statuses = lines.map(Number);
    const fd = fs.openSync(this.logFile, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (size > this.logOffset) {
        const chunk = Buffer.alloc(size - this.logOffset);
        fs.readSync(fd, chunk, 0, chunk.length, this.logOffset);
        this.logOffset = size;
        this.screen.append(chunk.toString('utf8'));
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Polls until `found` gives a value; rejects after `timeoutMs` or on abort. */
  private poll<R>(found: () => R | undefined, timeoutMs: number, signal: AbortSignal): Promise<R> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const tick = () => {
        if (signal.aborted) return reject(new Error('aborted'));
        this.refresh();
        const value = found();
        if (value !== undefined) return resolve(value);
        if (Date.now() - started >= timeoutMs) return reject(new Error('timeout'));
        setTimeout(tick, POLL_MS);
      };
      tick();
    });
  }

  whenReady(signal: AbortSignal): Promise<void> {
    return this.poll(() => (this.statuses.length > 0 ? true : undefined), 10_000, signal).then(() => undefined);
  }

  tracksCommands(): boolean {
    return true;
  }
  readable(): boolean {
    return true;
  }
  running(): boolean | undefined {
    this.refresh();
    return this.statuses.length <= this.typedAt;
  }

  private typeLine(command: string): void {
    this.refresh();
    this.screen.mark();
    // The command typed before this one writes its status first, even when it has not yet (a wait
    // step can match its output before its prompt comes back): counting from the statuses seen
    // would take that late status for this command's end.
    this.typedAt = Math.max(this.statuses.length, this.typedAt + 1);
    this.sendBytes(`${command}\r`);
  }

  async exec(command: string, signal: AbortSignal): Promise<ExecResult> {
    this.typeLine(command);
    const exitCode = await this.waitForCommandEnd(Number.MAX_SAFE_INTEGER, signal);
    return { exitCode, output: this.screen.sinceMark() };
  }

  async start(command: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    this.typeLine(command);
    const echo = command.split('\n')[0].slice(0, 40);
    return this.poll(() => (this.screen.sinceMark().includes(echo) || this.statuses.length > this.typedAt ? true : undefined), timeoutMs, signal).catch(() => false);
  }

  send(text: string): void {
    this.refresh();
    // Enter at the prompt starts a command (the statuses are past the last one typed); Enter sent
    // to a program that runs in front of the shell starts none.
    if (text.endsWith('\r') || text.endsWith('\n')) this.typedAt = Math.max(this.statuses.length, this.typedAt);
    this.sendBytes(text);
  }

  /** Bytes as they are (control characters included), whatever tmux would make of key names. */
  private sendBytes(text: string): void {
    const hex = [...Buffer.from(text, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0'));
    for (let i = 0; i < hex.length; i += 500) this.server.tmux('send-keys', '-t', this.paneId, '-H', ...hex.slice(i, i + 500));
  }

  waitFor(pattern: string | RegExp, timeoutMs: number, signal: AbortSignal): Promise<string> {
    return this.poll(() => findInOutput(this.screen.visibleSinceMark(48), pattern), timeoutMs, signal);
  }

  screenText(): string {
    if (this.closed) return this.screen.recent(48);
    try {
      return this.server.tmux('capture-pane', '-p', '-t', this.paneId).replace(/\n+$/, '');
    } catch {
      return this.screen.recent(48);
    }
  }

  waitForCommandEnd(timeoutMs: number, signal: AbortSignal): Promise<number | undefined> {
    return this.poll(() => (this.statuses.length > this.typedAt ? this.statuses[this.statuses.length - 1] : undefined), timeoutMs, signal);
  }
}
