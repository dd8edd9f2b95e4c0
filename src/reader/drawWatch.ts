// When a reader webview that should have drawn is rebuilt, and when it gives up. A webview
// document can be lost between the extension and VS Code (see docs/CONTRACTS.md, "The reader
// draws or says why"): the extension cannot see why, only that no `drawn` came back in time.

export interface DrawWatchPolicy {
  /** How long a shown view may take to draw after its document was (re)built. */
  readonly deadlineMs: number;
  /** How many times it is rebuilt before it shows a Reload button instead. */
  readonly maxRebuilds: number;
}

export const DRAW_WATCH: DrawWatchPolicy = { deadlineMs: 8_000, maxRebuilds: 2 };

/**
 * What to do when the deadline passes: `none` (drawn, or not waiting), `wait` (hidden, or the
 * course is still loading and the view rightly says so: look again later), `rebuild`, `giveUp`.
 */
export type DrawVerdict = 'none' | 'wait' | 'rebuild' | 'giveUp';

export class DrawWatch {
  private rebuilds = 0;
  private waiting = false;

  constructor(readonly policy: DrawWatchPolicy = DRAW_WATCH) {}

  /** A new document is loading (HTML set, or VS Code reloaded a view shown again): a draw is due. */
  expect(): void {
    this.waiting = true;
  }

  /** The webview drew (a course or a clear error): the count of rebuilds starts again. */
  drawn(): void {
    this.waiting = false;
    this.rebuilds = 0;
  }

  /** The learner asked for a reload after the watch gave up: a fresh set of attempts. */
  restart(): void {
    this.rebuilds = 0;
    this.waiting = true;
  }

  get isWaiting(): boolean {
    return this.waiting;
  }

  /** How many rebuilds this wait has cost so far. */
  get attempts(): number {
    return this.rebuilds;
  }

  expired(view: { shown: boolean; loading: boolean }): DrawVerdict {
    if (!this.waiting) return 'none';
    if (!view.shown || view.loading) return 'wait';
    if (this.rebuilds >= this.policy.maxRebuilds) {
      this.waiting = false;
      return 'giveUp';
    }
    this.rebuilds++;
    return 'rebuild';
  }
}
