// The tmux panes a lab thinks it has, mapped onto VS Code terminals.
//
// The upstream autopilot runs everything in tmux: a watch blocks its pane, and the labs split
// panes (`tmux split-pane`), move between them (`select-pane`, `last-pane`) and close them (`^D`).
// Here a watch gets a terminal of its own, split beside the Workshop terminal, so the lab's pane
// keeps a free shell (its *base*) for the commands that follow, and the keys and waits of the lab
// go to the watch while it runs. A pane is:
//   - `watches`: terminals running watches started from this pane, oldest first; the oldest is
//     what the lab sees in the pane (as with tmux, where the later ones would be queued behind it);
//   - `base`: the shell the pane falls back to once its watches are stopped.
// The PaneSet is also the one owner of the terminals split beside the main one: it knows each
// of them from its opening (`adopt`) to its closing (`release`, `forget`), whether a pane still
// uses it or not (a stopped watch stays open, showing what it printed, until the next lab).

/** A pane as callers see it: changed only through the PaneSet's methods. */
export interface Pane<T> {
  readonly base: T | undefined;
  readonly watches: readonly T[];
}

interface OwnPane<T> {
  base: T | undefined;
  watches: T[];
}

export type TmuxAction =
  | { kind: 'split' }
  | { kind: 'select'; index: number }
  | { kind: 'last' }
  | { kind: 'ignore'; reason: string }
  | { kind: 'unsupported'; reason: string };

/** What a `tmux` directive does to the panes. Layout commands change nothing here. */
export function parseTmux(args: string): TmuxAction {
  const words = args.trim().split(/\s+/);
  const command = words[0] ?? '';
  if (/^(?:split-pane|splitp|split-window|splitw)$/.test(command)) return { kind: 'split' };
  if (/^(?:last-pane|lastp)$/.test(command)) return { kind: 'last' };
  if (/^(?:select-pane|selectp)$/.test(command)) {
    const target = words.indexOf('-t');
    const index = target >= 0 ? Number(words[target + 1]?.replace(/^[:.]+/, '')) : NaN;
    return Number.isInteger(index) && index >= 0 ? { kind: 'select', index } : { kind: 'unsupported', reason: `tmux ${args.trim()}: only "-t <pane number>" is understood` };
  }
  if (/^(?:select-layout|selectl|resize-pane|resizep)$/.test(command)) return { kind: 'ignore', reason: `tmux ${args.trim()}: VS Code lays out split terminals itself` };
  return { kind: 'unsupported', reason: `tmux ${args.trim()}: not a pane command` };
}

export class PaneSet<T> {
  private readonly panes: OwnPane<T>[];
  private currentIndex = 0;
  private previousIndex = 0;
  /** Every split terminal opened for these panes and not closed yet. */
  private readonly splits = new Set<T>();

  constructor(readonly main: T) {
    this.panes = [{ base: main, watches: [] }];
  }

  get current(): Pane<T> {
    return this.panes[this.currentIndex];
  }

  private get own(): OwnPane<T> {
    return this.panes[this.currentIndex];
  }

  get currentNumber(): number {
    return this.currentIndex;
  }

  /** The panes, in tmux order. */
  all(): readonly Pane<T>[] {
    return this.panes;
  }

  /** Where the lab's keys, waits and copies go: the pane's running watch, else its shell. */
  target(pane: Pane<T> = this.current): T | undefined {
    return pane.watches[0] ?? pane.base;
  }

  /** Every terminal the panes use (watches included). */
  terminals(): T[] {
    return [...new Set(this.panes.flatMap((pane) => [...pane.watches, ...(pane.base === undefined ? [] : [pane.base])]))];
  }

  /** A terminal just split beside the main one for these panes: owned until released or forgotten. */
  adopt(terminal: T): T {
    if (terminal !== this.main) this.splits.add(terminal);
    return terminal;
  }

  /** True for the split terminals these panes own (never the main terminal). */
  ownsSplit(terminal: T): boolean {
    return this.splits.has(terminal);
  }

  /** The split terminals owned, in use or not. */
  splitTerminals(): T[] {
    return [...this.splits];
  }

  /** The owned split terminals no pane uses any more (stopped watches, closed panes). */
  unusedSplits(): T[] {
    const used = new Set(this.terminals());
    return this.splitTerminals().filter((terminal) => !used.has(terminal));
  }

  /** A split terminal is being closed by the extension: no longer owned (its panes forget it). */
  release(terminal: T): void {
    if (!this.splits.delete(terminal)) return;
    if (this.terminals().includes(terminal)) this.forget(terminal);
  }

  /** The pane that shows `terminal`'s watch in front, if one does. */
  paneShowing(terminal: T): Pane<T> | undefined {
    return this.panes.find((pane) => pane.watches[0] === terminal);
  }

  /** The current pane's shell, split beside the main terminal (by `open`) when the pane has none. */
  shell(open: () => T): T {
    const pane = this.own;
    pane.base ??= this.adopt(open());
    return pane.base;
  }

  /** A watch started from the current pane runs in `terminal`. */
  addWatch(terminal: T): void {
    const pane = this.own;
    if (pane.base === terminal) pane.base = undefined;
    pane.watches.push(terminal);
  }

  /**
   * The watch in front of the current pane was stopped: the pane shows the next one, or falls
   * back to its shell; a pane without a shell keeps the watch's terminal (now a shell) as its own.
   * Returns the terminal that is no longer used by any pane, if any.
   */
  stopWatch(which: Pane<T> = this.current): T | undefined {
    const pane = this.panes.find((candidate) => candidate === which);
    const stopped = pane?.watches.shift();
    if (pane === undefined || stopped === undefined) return undefined;
    if (pane.base === undefined) {
      pane.base = stopped;
      return undefined;
    }
    return stopped;
  }

  /**
   * `tmux split-pane`: a new pane, selected. When the current pane's shell is hidden behind a
   * watch, the new pane takes that shell (the watch already has its own terminal); otherwise the
   * new pane needs a new terminal, made by `open`.
   */
  split(open: () => T): void {
    const pane = this.own;
    let base: T;
    if (pane.watches.length > 0 && pane.base !== undefined) {
      base = pane.base;
      pane.base = undefined;
    } else {
      base = open();
    }
    this.panes.push({ base, watches: [] });
    this.select(this.panes.length - 1);
  }

  /** False when there is no such pane. */
  select(index: number): boolean {
    if (index < 0 || index >= this.panes.length) return false;
    if (index !== this.currentIndex) this.previousIndex = this.currentIndex;
    this.currentIndex = index;
    return true;
  }

  last(): void {
    this.select(this.previousIndex < this.panes.length ? this.previousIndex : 0);
  }

  /**
   * `^D` at the shell prompt of the current pane: tmux closes the pane. The main terminal is
   * never closed: its shell goes to a pane that has none. Returns the terminal to close (a split
   * terminal of the pane), or `undefined` when nothing is to be closed.
   * Returns `false` when this is the last pane (there is nothing to close at all).
   */
  closeCurrent(): { close: T | undefined } | false {
    if (this.panes.length === 1) return false;
    const pane = this.current;
    const closing = pane.base;
    this.panes.splice(this.currentIndex, 1);
    const fallback = Math.min(this.previousIndex > this.currentIndex ? this.previousIndex - 1 : this.previousIndex, this.panes.length - 1);
    this.currentIndex = Math.max(0, fallback);
    this.previousIndex = this.currentIndex;
    if (closing === this.main) {
      const homeless = this.panes.find((candidate) => candidate.base === undefined) ?? this.own;
      if (homeless.base === undefined) homeless.base = this.main;
      return { close: undefined };
    }
    return { close: closing };
  }

  /** Forgets a terminal the user closed; a pane left with nothing falls back to the main terminal. */
  forget(terminal: T): void {
    this.splits.delete(terminal);
    for (const pane of this.panes) {
      pane.watches = pane.watches.filter((watch) => watch !== terminal);
      if (pane.base === terminal) pane.base = undefined;
    }
    const kept = this.panes.filter((pane) => pane.base !== undefined || pane.watches.length > 0);
    this.panes.splice(0, this.panes.length, ...(kept.length ? kept : [{ base: this.main, watches: [] }]));
    if (!this.panes.some((pane) => pane.base === this.main || pane.watches.includes(this.main))) {
      const homeless = this.panes.find((pane) => pane.base === undefined);
      if (homeless) homeless.base = this.main;
    }
    this.currentIndex = Math.min(this.currentIndex, this.panes.length - 1);
    this.previousIndex = Math.min(this.previousIndex, this.panes.length - 1);
  }
}
