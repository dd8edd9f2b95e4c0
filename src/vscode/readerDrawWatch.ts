// The timer and the log around the pure draw watch (src/reader/drawWatch.ts): a reader webview
// that does not draw within the deadline is rebuilt, a few times, then shows a Reload button.
import type * as vscode from 'vscode';
import { DRAW_WATCH, DrawWatch, type DrawWatchPolicy } from '../reader/drawWatch';

export interface DrawWatchTarget {
  /** `reader view` or `reader panel`, as the log names it. */
  readonly name: string;
  readonly log: vscode.LogOutputChannel;
  shown(): boolean;
  loading(): boolean;
  /** Fresh HTML, so a new document and a new ready handshake. */
  rebuild(): void;
  /** The message and Reload button instead of the reader. */
  giveUp(text: string): void;
}

export class DrawWatchdog implements vscode.Disposable {
  private readonly watch: DrawWatch;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly target: DrawWatchTarget,
    policy: DrawWatchPolicy = DRAW_WATCH,
  ) {
    this.watch = new DrawWatch(policy);
  }

  /** A document was (re)built, or VS Code reloads it as the view is shown again: a draw is due. */
  expect(): void {
    this.watch.expect();
    this.arm();
  }

  drawn(): void {
    this.watch.drawn();
    clearTimeout(this.timer);
  }

  /** The learner pressed Reload: rebuild now, with a fresh set of attempts. */
  restart(): void {
    this.watch.restart();
    this.target.log.info(`${this.target.name}: reloaded at the learner's request`);
    this.target.rebuild();
    this.arm();
  }

  /** The countdown starts again (the course has just arrived): a draw takes a moment. */
  rearm(): void {
    if (this.watch.isWaiting) this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.expired(), this.watch.policy.deadlineMs);
  }

  private expired(): void {
    const { name, log } = this.target;
    const seconds = this.watch.policy.deadlineMs / 1000;
    const verdict = this.watch.expired({ shown: this.target.shown(), loading: this.target.loading() });
    if (verdict === 'wait') {
      this.arm();
    } else if (verdict === 'rebuild') {
      log.warn(`${name} did not draw in ${seconds} s; rebuilt (attempt ${this.watch.attempts} of ${this.watch.policy.maxRebuilds})`);
      this.target.rebuild();
      this.arm();
    } else if (verdict === 'giveUp') {
      const text = `It did not draw within ${seconds} s, ${this.watch.policy.maxRebuilds + 1} times. The log (Output, Kubernetes Workshop) may say why.`;
      log.error(`${name} did not draw in ${seconds} s after ${this.watch.policy.maxRebuilds} rebuilds; it shows a Reload button`);
      this.target.giveUp(text);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
