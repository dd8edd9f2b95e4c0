// Follows one step's effects on the watch caches the cluster view shares: opens the caches the
// step needs for as long as it is followed, reports the effects as they change, stops once settled.
import type { ResourceKind } from '../cluster/resources';
import type { ResourceSummary } from '../cluster/summary';
import { realTimers, type Timers } from '../cluster/timers';
import { cacheKey, type CacheStatus } from '../cluster/watchCache';
import { StepEffectTracker, type EffectTiming, type StepEffect, type SummaryLookup } from './stepEffects';
import type { StepTarget } from './stepPlan';

/** The part of WatchHub this needs. */
export interface CacheHub {
  subscribe(resource: ResourceKind, namespace?: string): { dispose(): void };
  get(key: string): { readonly status: CacheStatus; values(): Iterable<ResourceSummary> } | undefined;
  onDidChange(listener: (changed: ReadonlySet<string>) => void): { dispose(): void };
}

export interface EffectWatchOptions {
  readonly onChange: (effects: readonly StepEffect[], settled: boolean) => void;
  readonly now?: () => number;
  readonly timers?: Timers;
  /** Health is re-read at least this often (time limits, events that arrive alone). */
  readonly tickMs?: number;
  readonly timing?: EffectTiming;
}

export class StepEffectWatch {
  private readonly tracker: StepEffectTracker;
  private readonly subscriptions: { dispose(): void }[] = [];
  private hubListener: { dispose(): void } | undefined;
  private tick: unknown;
  private readonly now: () => number;
  private readonly timers: Timers;
  private stopped = false;

  constructor(
    private readonly hub: CacheHub,
    targets: readonly StepTarget[],
    private readonly options: EffectWatchOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? realTimers;
    this.tracker = new StepEffectTracker(targets, this.now(), options.timing);
  }

  readonly lookup: SummaryLookup = (resource, namespace) => {
    const cache = this.hub.get(cacheKey(resource, namespace));
    return cache && (cache.status.phase === 'ready' || cache.status.phase === 'reconnecting') ? cache.values() : undefined;
  };

  get effects(): StepEffect[] {
    return this.tracker.effects(this.lookup, this.now());
  }

  get running(): boolean {
    return !this.stopped;
  }

  start(): void {
    for (const { resource, namespace } of this.tracker.watched()) this.subscriptions.push(this.hub.subscribe(resource, namespace));
    this.tracker.start(this.lookup);
    this.hubListener = this.hub.onDidChange(() => this.refresh());
    this.schedule();
  }

  commandEnded(): void {
    this.tracker.commandEnded(this.now());
    this.refresh();
  }

  /** Stops following (a new run of the same step, the course or the context changed). */
  dispose(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.hubListener?.dispose();
    for (const s of this.subscriptions.splice(0)) s.dispose();
    if (this.tick !== undefined) this.timers.clearTimeout(this.tick);
  }

  private schedule(): void {
    this.tick = this.timers.setTimeout(() => {
      this.tick = undefined;
      this.refresh();
      if (!this.stopped) this.schedule();
    }, this.options.tickMs ?? 1000);
  }

  private refresh(): void {
    if (this.stopped) return;
    const now = this.now();
    const changed = this.tracker.update(this.lookup, now);
    const settled = this.tracker.settled(this.lookup, now);
    if (settled) {
      const effects = this.tracker.effects(this.lookup, now);
      this.dispose();
      this.options.onChange(effects, true);
    } else if (changed) {
      this.options.onChange(this.tracker.effects(this.lookup, now), false);
    }
  }
}
