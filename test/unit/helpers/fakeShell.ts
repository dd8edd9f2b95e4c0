// A pretend terminal for replay tests: a shell prompt, programs looked up by command, watches that
// print until Ctrl-C, nested shells that read typed lines until Ctrl-D, editors that end on `:wq`.
import type { ExecResult, ReplayTerminal, StatusDrop, TerminalFactory } from '../../../src/exercises/replaySession';
import { commandKind, type CommandKind } from '../../../src/exercises/commandKinds';

export interface Program {
  exitCode?: number;
  output?: string;
  /** Overrides what the command is (by default: `commandKind`). */
  kind?: CommandKind;
  /** A watch prints `stream(n)` every few ms until Ctrl-C. */
  stream?: (n: number) => string;
}

export type Programs = (command: string) => Program | undefined;

type Foreground = { kind: 'watch'; timer: NodeJS.Timeout } | { kind: 'shell'; lastExit: number } | { kind: 'program'; pager: boolean } | { kind: 'command' };

export class FakeShell implements ReplayTerminal {
  readonly log: string[] = [];
  text = '';
  closed = false;
  private mark = 0;
  private typed = '';
  private stack: Foreground[] = [];
  private lastExit: number | undefined = 0;
  private readonly listeners = new Set<() => void>();
  /** Resolvers waiting for the foreground to go back to the prompt. */
  private readonly enders = new Set<() => void>();

  /** Statuses the shell wrote with a status drop, by file. */
  private readonly dropped = new Map<string, number>();
  private drops = 0;
  /** Set to let a terminal without shell integration drop statuses (a local shell). */
  canDrop = false;

  constructor(
    readonly name: string,
    private readonly programs: Programs = () => undefined,
    private readonly integration = true,
    private readonly screenRows = 50,
  ) {}

  statusDrop(_signal: AbortSignal, { mayProbe }: { mayProbe: boolean }): Promise<StatusDrop | undefined> {
    if (!this.canDrop) return Promise.resolve(undefined);
    if (mayProbe) this.log.push('probe');
    const file = `/tmp/drop-${++this.drops}`;
    return Promise.resolve({
      command: `echo $? > ${file}`,
      read: (timeoutMs: number) =>
        new Promise<number>((resolve, reject) => {
          const started = Date.now();
          const poll = () => {
            const status = this.dropped.get(file);
            if (status !== undefined) return resolve(status);
            if (Date.now() - started > timeoutMs) return reject(new Error('timeout'));
            setTimeout(poll, 5);
          };
          poll();
        }),
    });
  }

  tracksCommands(): boolean {
    return this.integration;
  }
  readable(): boolean {
    return this.integration;
  }
  running(): boolean | undefined {
    return this.integration ? this.stack.length > 0 : undefined;
  }

  private print(text: string): void {
    this.text += text;
    if (this.text.length > 100_000) {
      const drop = this.text.length - 50_000;
      this.text = this.text.slice(drop);
      this.mark = Math.max(0, this.mark - drop);
    }
    for (const listener of [...this.listeners]) listener();
  }

  private popForeground(exit: number): void {
    const top = this.stack.pop();
    if (top?.kind === 'watch') clearInterval(top.timer);
    this.lastExit = exit;
    if (this.stack.length === 0) for (const end of [...this.enders]) end();
  }

  /** Runs a line at whatever reads input now: the prompt, or a nested shell. */
  private runLine(line: string): void {
    const top = this.stack.at(-1);
    if (this.closed) throw new Error(`${this.name}: typed into a closed terminal`);
    if (top && top.kind !== 'shell') {
      // An editor quits on an ex command at the end of the line (`$r3:x`), a pager on `q`.
      if (top.kind === 'program' && (/:(?:wq?|x|q)!?$/.test(line) || /^q$/.test(line))) {
        this.popForeground(0);
        if (this.stack.at(-1)?.kind === 'shell') this.print('# ');
      }
      return;
    }
    const drop = /^echo \$\? > (\S+)$/.exec(line);
    if (drop && !top) {
      this.dropped.set(drop[1], this.lastExit ?? 0);
      return;
    }
    const marker = /^echo (__ws\w+) \$\?$/.exec(line);
    if (marker) {
      this.print(`${marker[1]} ${top?.kind === 'shell' ? top.lastExit : this.lastExit}\n`);
      if (top) this.print('# ');
      return;
    }
    const program = this.programs(line) ?? {};
    const kind = program.kind ?? commandKind(line);
    this.print(program.output ?? '');
    if (kind === 'watch') {
      let n = 0;
      // By default a watch shows its output again and again, as `watch` and `-w` do.
      const timer = setInterval(() => this.print(program.stream ? `${program.stream(++n)}\n` : program.output || `${line} ${++n}\n`), 5);
      this.stack.push({ kind: 'watch', timer });
    } else if (kind === 'shell') {
      this.stack.push({ kind: 'shell', lastExit: 0 });
      this.print('# ');
    } else if (kind === 'program') {
      this.stack.push({ kind: 'program', pager: /^(?:git|less|more|man)\s/.test(line) });
    } else if (top?.kind === 'shell') {
      top.lastExit = program.exitCode ?? 0;
      this.print('# ');
    } else {
      this.lastExit = program.exitCode ?? 0;
    }
  }

  async exec(command: string): Promise<ExecResult> {
    this.log.push(`exec ${command}`);
    if (this.stack.length) throw new Error(`${this.name}: exec while something runs`);
    this.mark = this.text.length;
    this.print(`$ ${command}\n`);
    const before = this.text.length;
    this.runLine(command);
    if (this.stack.length) return new Promise(() => {}); // never ends by itself
    return { exitCode: this.integration ? this.lastExit : undefined, output: this.text.slice(before) };
  }

  start(command: string): Promise<boolean> {
    this.log.push(`start ${command}`);
    this.mark = this.text.length;
    this.print(`$ ${command}\n`);
    this.runLine(command);
    return Promise.resolve(true);
  }

  send(text: string): void {
    this.log.push(`send ${JSON.stringify(text)}`);
    for (const char of text) {
      const top = this.stack.at(-1);
      if (char === '\x03') {
        this.typed = '';
        this.print('^C\n');
        if (top && top.kind !== 'shell') this.popForeground(130);
      } else if (char === '\x04') {
        if (!top) {
          this.closed = true;
          this.print('exit\n');
        } else if (top.kind === 'shell') this.popForeground(0);
      } else if (char === '\r' || char === '\n') {
        const line = this.typed;
        this.typed = '';
        this.print('\n');
        this.runLine(line);
      } else if (top?.kind === 'program' && top.pager && char === 'q') {
        this.popForeground(0); // a pager quits on q, no Enter needed
      } else if (char === '\x1b') {
        this.typed = ''; // an editor goes back to its normal mode
      } else if (char >= ' ') {
        this.typed += char;
        this.print(char);
      }
    }
  }

  waitFor(pattern: string | RegExp, timeoutMs: number, signal: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const lines = this.text.slice(this.mark).split('\n');
        const text = lines.slice(Math.max(0, lines.length - this.screenRows)).join('\n');
        const found = typeof pattern === 'string' ? (text.includes(pattern) ? pattern : undefined) : pattern.exec(text)?.[0];
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error('timeout'));
      }, timeoutMs);
      const onAbort = () => {
        cleanup();
        reject(new Error('aborted'));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
        signal.removeEventListener('abort', onAbort);
      };
      this.listeners.add(check);
      signal.addEventListener('abort', onAbort, { once: true });
      check();
    });
  }

  screenText(): string {
    return this.text.split('\n').slice(-this.screenRows).join('\n');
  }

  waitForCommandEnd(timeoutMs: number): Promise<number | undefined> {
    if (!this.integration) return Promise.resolve(undefined);
    if (this.stack.length === 0) return Promise.resolve(this.lastExit);
    return new Promise((resolve, reject) => {
      const end = () => {
        clearTimeout(timer);
        this.enders.delete(end);
        resolve(this.lastExit);
      };
      const timer = setTimeout(() => {
        this.enders.delete(end);
        reject(new Error('timeout'));
      }, timeoutMs);
      this.enders.add(end);
    });
  }

  /** Stops whatever still runs (end of a test). */
  stop(): void {
    while (this.stack.length) this.popForeground(0);
  }
}

/** Makes the split terminals of a session and remembers them. */
export class FakeFactory implements TerminalFactory<FakeShell> {
  readonly opened: FakeShell[] = [];
  readonly closedTerminals: FakeShell[] = [];
  constructor(private readonly programs: Programs = () => undefined) {}
  openSplit(purpose: string): FakeShell {
    const shell = new FakeShell(`split ${this.opened.length + 1} (${purpose})`, this.programs);
    this.opened.push(shell);
    return shell;
  }
  close(terminal: FakeShell): void {
    terminal.stop();
    this.closedTerminals.push(terminal);
  }
}
