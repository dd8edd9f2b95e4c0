// What a replay drives, and what survives from one replayed lab to the next: the panes, and what
// runs in front of each terminal's shell (a started command, a watch, a nested shell, an editor).

import type { CommandKind } from './commandKinds';
import { PaneSet, type Pane } from './panes';

export interface ExecResult {
  /** `undefined` when the terminal cannot tell. */
  exitCode: number | undefined;
  output: string;
}

/**
 * Where a shell whose output cannot be read leaves a command's exit status: a line to type after
 * the command, and the reading of what it wrote.
 */
export interface StatusDrop {
  /** Typed after the command (Enter not included); runs once the command has ended. */
  command: string;
  /** Resolves with the status once the shell wrote it; rejects after `timeoutMs` or on abort. */
  read(timeoutMs: number, signal: AbortSignal): Promise<number>;
}

/** What the replay needs from one terminal. Implemented over VS Code terminals and, in tests, over fakes and `bash`. */
export interface ReplayTerminal {
  readonly name: string;
  /** True when the shell reports the start and end of each command (VS Code's shell integration). */
  tracksCommands(): boolean;
  /**
   * Resolves once a new terminal's shell integration had its chance to start, so that
   * `tracksCommands` tells the truth (a terminal just opened does not report yet).
   */
  whenReady?(signal: AbortSignal): Promise<void>;
  /** Gives the terminal the keyboard (the learner types in it next). */
  focus?(): void;
  /**
   * For a terminal whose text cannot be read: a place where its own shell (not a nested one) can
   * leave exit statuses, when there is one (`undefined`: none, e.g. the shell runs elsewhere).
   * Finding out may type a line of its own (`mayProbe`): never between a command and its status.
   */
  statusDrop?(signal: AbortSignal, options: { mayProbe: boolean }): Promise<StatusDrop | undefined>;
  /** True when the terminal's text can be read (for `wait`, `copy` and status markers). */
  readable(): boolean;
  /** True while a command typed at the shell prompt runs, as the shell reports it; `undefined` when it cannot tell. */
  running(): boolean | undefined;
  /** Runs one command through shell integration and resolves at its end (it may never end: the replay bounds it). */
  exec(command: string, signal: AbortSignal): Promise<ExecResult>;
  /**
   * Types a command and Enter. Resolves `true` once it has started (the shell's report, or its
   * line echoed), `false` when nothing showed within `timeoutMs`.
   */
  start(command: string, timeoutMs: number, signal: AbortSignal): Promise<boolean>;
  /** Types text or key sequences; no Enter is added. */
  send(text: string): void;
  /**
   * Resolves with the matched text once `pattern` shows in the visible text written since the
   * last typed command, that line included. Rejects after `timeoutMs` or on abort.
   */
  waitFor(pattern: string | RegExp, timeoutMs: number, signal: AbortSignal): Promise<string>;
  /** The visible screen, as `tmux capture-pane` gives it. */
  screenText(): string;
  /** Exit code of the command started last once it has ended (`undefined`: unknown); rejects after `timeoutMs`. */
  waitForCommandEnd(timeoutMs: number, signal: AbortSignal): Promise<number | undefined>;
}

export interface TerminalFactory<T> {
  /** A new terminal split beside the Workshop terminal. */
  openSplit(purpose: string): T;
  close(terminal: T): void;
}

const CTRL_C = '\x03';

export class ReplaySession<T extends ReplayTerminal = ReplayTerminal> {
  readonly panes: PaneSet<T>;
  private readonly foreground = new Map<T, CommandKind[]>();
  /** The command of what runs in front of each terminal (for messages). */
  private readonly commands = new Map<T, string>();
  private readonly endedByItself = new Map<T, string>();
  /** The lab run last in this session (Run all or Next step). */
  private currentLab: string | undefined;

  constructor(
    main: T,
    readonly factory: TerminalFactory<T>,
  ) {
    this.panes = new PaneSet(main);
  }

  /**
   * What the replay started in front of the terminal's shell, last started first, if it still
   * runs: nothing once the shell says it is back at its prompt. A pure read; {@link noteEnds}
   * records the end.
   */
  foregroundOf(terminal: T): CommandKind | undefined {
    return this.endedInFront(terminal) ? undefined : this.foreground.get(terminal)?.at(-1);
  }

  private endedInFront(terminal: T): boolean {
    return this.foreground.has(terminal) && terminal.running() === false;
  }

  /**
   * Where the replay looks at a terminal again (a step begins, a command is about to be typed):
   * what ran in front of a shell that is back at its prompt has ended by itself, and is
   * remembered for {@link takeEnded}.
   */
  noteEnds(terminal?: T): void {
    for (const each of terminal === undefined ? [...this.foreground.keys()] : [terminal]) {
      if (!this.endedInFront(each)) continue;
      this.foreground.delete(each);
      const command = this.commands.get(each);
      if (command !== undefined) this.endedByItself.set(each, command);
    }
  }

  /** Something now runs in front of what was there (an editor inside a nested shell...). */
  pushForeground(terminal: T, kind: CommandKind, command?: string): void {
    this.noteEnds(terminal);
    const stack = this.foreground.get(terminal) ?? [];
    stack.push(kind);
    this.foreground.set(terminal, stack);
    this.endedByItself.delete(terminal);
    if (command !== undefined) this.commands.set(terminal, command);
    else this.commands.delete(terminal);
  }

  /** What the replay had started there and the shell reported ended by itself, once; forgotten when read. */
  takeEnded(terminal: T): string | undefined {
    this.noteEnds(terminal);
    const ended = this.endedByItself.get(terminal);
    this.endedByItself.delete(terminal);
    return ended;
  }

  /** The command that started what runs in front, when the replay knows it. */
  programOf(terminal: T): string | undefined {
    return this.foregroundOf(terminal) === undefined ? undefined : this.commands.get(terminal);
  }

  /** What runs below the one in front (a nested shell under an editor), if anything. */
  beneathForeground(terminal: T): CommandKind | undefined {
    return this.foreground.get(terminal)?.at(-2);
  }

  /** What ran in front has ended: the one below it (a nested shell) is in front again. */
  popForeground(terminal: T): void {
    const stack = this.foreground.get(terminal);
    stack?.pop();
    if (!stack?.length) this.foreground.delete(terminal);
  }

  /**
   * True when something the replay started runs in front of the shell. The shell's own report
   * only ends it: bash reports no end for some commands, so "still running" alone is not trusted.
   */
  busy(terminal: T): boolean {
    return this.foregroundOf(terminal) !== undefined;
  }

  /** Commands typed here go to a nested shell (or no shell reports them): their status comes from a marker line. */
  needsMarker(terminal: T): boolean {
    return this.foregroundOf(terminal) === 'shell' || !terminal.tracksCommands();
  }

  /**
   * A watch that ended by itself (a `logs -f` that failed, a pod that went away) no longer holds
   * its pane once the lab types there again: its terminal stays open, showing what it printed,
   * until the next lab tidies up. Waits and copies still read it until then, as on a tmux pane.
   */
  releaseEndedWatches(): void {
    const pane = this.panes.current;
    while (pane.watches[0]?.running() === false) this.releaseWatch(pane);
  }

  /** The pane's watch no longer runs in front: returns its terminal if no pane uses it now. */
  private releaseWatch(pane: Pane<T>): T | undefined {
    this.foreground.delete(pane.watches[0]);
    return this.panes.stopWatch(pane);
  }

  /**
   * A lab starts running (Run all, Next step). When it is another lab than the last
   * one and it begins with a command, the watches earlier labs left running are stopped and their
   * terminals closed, so its keys and waits never reach them. A lab that begins with keys or a
   * wait continues the one before (it stops that lab's watch, types into its editor): they stay.
   */
  enterLab(labKey: string, beginsWithCommand: boolean): void {
    if (labKey === this.currentLab) return;
    this.currentLab = labKey;
    if (!beginsWithCommand) return;
    for (const pane of this.panes.all()) {
      while (pane.watches.length > 0) {
        if (pane.watches[0].running() !== false) pane.watches[0].send(CTRL_C);
        const unused = this.releaseWatch(pane);
        if (unused !== undefined && unused !== this.panes.main) this.factory.close(unused);
      }
    }
  }

  /** A terminal the user closed. */
  forget(terminal: T): void {
    this.foreground.delete(terminal);
    this.panes.forget(terminal);
  }

  /** Split terminals no pane uses any more (stopped watches, closed panes). */
  closeUnused(all: Iterable<T>): void {
    const used = new Set(this.panes.terminals());
    for (const terminal of all) {
      if (terminal === this.panes.main || used.has(terminal)) continue;
      this.foreground.delete(terminal);
      this.factory.close(terminal);
    }
  }
}
