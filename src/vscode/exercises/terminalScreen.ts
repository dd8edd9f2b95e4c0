// What a Workshop terminal showed, as read through shell integration's execution streams: the
// screen for `wait` and `copy`, the output of the command run last, and the echo of a typed line.
import { findInOutput, ScreenBuffer, stripAnsi } from '../../exercises/screenBuffer';
import { withTimeLimit } from '../../async/timeLimit';

/** Lines that make "the screen" for `wait` and `copy` (a presenter's full-screen tmux has about this many). */
const SCREEN_ROWS = 50;
const MAX_OUTPUT_CHARS = 100_000;
/** An output stream with nothing new for this long is taken as read to its end. */
const DRAIN_QUIET_MS = 150;

/** A shell-integration execution, as far as reading it goes. */
interface ReadableExecution {
  read(): AsyncIterable<string>;
}

export class TerminalScreen {
  private readonly buffer = new ScreenBuffer();
  private readonly reading = new WeakMap<ReadableExecution, Promise<void>>();
  private output = '';
  private lastChunkAt = 0;

  /** Reads what an execution prints (once per execution) onto the screen and into the output. */
  read(execution: ReadableExecution, onError: (error: unknown) => void): void {
    if (this.reading.has(execution)) return;
    const done = (async () => {
      try {
        for await (const chunk of execution.read()) {
          this.lastChunkAt = Date.now();
          this.append(chunk);
          if (this.output.length < MAX_OUTPUT_CHARS) this.output += chunk;
        }
      } catch (error) {
        onError(error);
      }
    })();
    this.reading.set(execution, done);
  }

  /**
   * Waits, at most `ms`, for an execution's output to be read to its end, or to stay quiet for
   * `quietMs`: when the prompt hook ends a command before VS Code does, the last of its output may
   * still be on its way, and a stream whose end VS Code lost never closes.
   */
  async drained(execution: ReadableExecution, ms: number, quietMs = DRAIN_QUIET_MS): Promise<void> {
    const done = this.reading.get(execution);
    if (!done) return;
    const ended = done.then(() => true);
    for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
      const finished = await withTimeLimit(ended, { ms: Math.min(quietMs, deadline - Date.now()), onTimeout: () => false });
      if (finished || Date.now() - this.lastChunkAt >= quietMs) return;
    }
  }

  /** What executions printed since `clearOutput`, without escape sequences (the first 100,000 characters). */
  outputText(): string {
    return stripAnsi(this.output);
  }

  clearOutput(): void {
    this.output = '';
  }

  /** Starts a "since the last command" window that holds the typed line first. */
  typed(command: string): void {
    this.buffer.mark();
    this.buffer.appendTyped(command);
  }

  append(chunk: string): void {
    this.buffer.append(chunk);
  }

  /** The API does not tell a terminal's size: the screen is the last lines written. */
  text(): string {
    return this.buffer.recent(SCREEN_ROWS);
  }

  /** Resolves with the match once `pattern` shows in what was written since the last typed line; rejects after `timeoutMs`. */
  async waitFor(pattern: string | RegExp, timeoutMs: number, signal: AbortSignal): Promise<string> {
    const look = () => findInOutput(this.buffer.visibleSinceMark(SCREEN_ROWS), pattern);
    const found = look();
    if (found !== undefined) return found;
    let unsubscribe = () => {};
    const appeared = new Promise<string>((resolve) => {
      unsubscribe = this.buffer.onAppend(() => {
        const match = look();
        if (match !== undefined) resolve(match);
      });
    });
    try {
      return await withTimeLimit(appeared, { signal, ms: timeoutMs });
    } finally {
      unsubscribe();
    }
  }

  /** Resolves true once the first characters of `command` come back from the terminal. */
  echoOf(command: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    const head = command.split('\n', 1)[0].trim().slice(0, 24);
    let received = '';
    let unsubscribe = () => {};
    const seen = new Promise<boolean>((resolve) => {
      unsubscribe = this.buffer.onAppend((chunk) => {
        received = (received + chunk).slice(-4_096);
        if (received.includes(head)) resolve(true);
      });
    });
    return withTimeLimit(seen, { signal, ms: timeoutMs, onTimeout: () => false }).finally(() => unsubscribe());
  }
}
