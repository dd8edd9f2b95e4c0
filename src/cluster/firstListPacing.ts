// How a cache's first list, streamed page by page, paces itself for the view: how often it tells
// the view about new pages, and whether it waits after its first page for the view to ask.
import type { Timers } from './timers';

/** How long a first list listed ahead of the view waits for it after its first page. */
export const AHEAD_HOLD_MS = 2_000;
/** How often a first list still streaming tells the view about its new pages. */
const PARTIAL_NOTICE_MS = 500;

export class FirstListPacing {
  private noticeAt: number | undefined;
  private hold: { readonly promise: Promise<void>; readonly release: () => void } | undefined;

  constructor(private readonly timers: Timers) {}

  /** A new first list starts: its first page is told at once. */
  restart(): void {
    this.noticeAt = undefined;
  }

  /**
   * Whether a page listed at `now` is told to the view: the first at once, the next ones at most
   * every PARTIAL_NOTICE_MS (a notice per page of 500 would redraw the view ten times a second
   * while its first rows are still being drawn).
   */
  noticeDue(now: number): boolean {
    if (this.noticeAt !== undefined && now - this.noticeAt < PARTIAL_NOTICE_MS) return false;
    this.noticeAt = now;
    return true;
  }

  /** Holds the pages after the first until the returned function is called or `maxMs` has passed. */
  holdAfterFirstPage(maxMs: number): () => void {
    if (this.hold) return this.hold.release;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    const timer = this.timers.setTimeout(() => release(), maxMs);
    const release = () => {
      this.timers.clearTimeout(timer);
      resolve();
    };
    this.hold = { promise, release };
    return release;
  }

  /** Waits, after the first page, while a hold lasts. */
  async afterFirstPage(): Promise<void> {
    const hold = this.hold;
    if (!hold) return;
    await hold.promise;
    if (this.hold === hold) this.hold = undefined;
  }

  /** The list stops: a hold ends. */
  stop(): void {
    this.hold?.release();
    this.hold = undefined;
  }
}
