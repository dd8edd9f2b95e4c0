// Owns the watch caches of one context: shared by reference count, change reports batched.
import type { ResourceKind } from './resources';
import { realTimers, type Timers } from './timers';
import type { KubeTransport } from './transport';
import { cacheKey, WatchCache, type WatchOptions } from './watchCache';

export interface CacheSubscription {
  readonly key: string;
  readonly cache: WatchCache;
  dispose(): void;
}

/** Owns the caches: starts one on its first subscriber, stops it when the last leaves, batches change reports. */
export class WatchHub {
  private readonly caches = new Map<string, { cache: WatchCache; refs: number }>();
  private readonly listeners = new Set<(changed: ReadonlySet<string>) => void>();
  private pending = new Set<string>();
  private flushHandle: unknown;
  private readonly timers: Timers;
  private disposed = false;

  constructor(
    private readonly transport: KubeTransport,
    private readonly options: WatchOptions = {},
  ) {
    this.timers = options.timers ?? realTimers;
  }

  subscribe(resource: ResourceKind, namespace?: string): CacheSubscription {
    if (this.disposed) throw new Error('WatchHub is disposed');
    const key = cacheKey(resource, namespace);
    let entry = this.caches.get(key);
    if (!entry) {
      const cache = new WatchCache(resource, resource.scope === 'namespaced' ? namespace : undefined, this.transport, (c) => this.markChanged(c), this.options);
      entry = { cache, refs: 0 };
      this.caches.set(key, entry);
      cache.start();
    }
    entry.refs++;
    const held = entry;
    let released = false;
    return {
      key,
      cache: held.cache,
      dispose: () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs === 0 && this.caches.get(key) === held) {
          held.cache.stop();
          this.caches.delete(key);
        }
      },
    };
  }

  get(key: string): WatchCache | undefined {
    return this.caches.get(key)?.cache;
  }

  keys(): string[] {
    return [...this.caches.keys()];
  }

  /** Listener receives the keys of the caches that changed since the last report. */
  onDidChange(listener: (changed: ReadonlySet<string>) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Restarts one cache (or every cache in error) after the user fixed something. */
  retry(key?: string): void {
    for (const [k, { cache }] of this.caches) {
      if (key ? k === key : cache.status.phase === 'error' || cache.status.phase === 'reconnecting') cache.retry();
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const { cache } of this.caches.values()) cache.stop();
    this.caches.clear();
    this.listeners.clear();
    if (this.flushHandle !== undefined) this.timers.clearTimeout(this.flushHandle);
  }

  private markChanged(cache: WatchCache): void {
    if (this.disposed || this.caches.get(cache.key)?.cache !== cache) return;
    this.pending.add(cache.key);
    if (this.flushHandle !== undefined) return;
    this.flushHandle = this.timers.setTimeout(() => {
      this.flushHandle = undefined;
      const changed = this.pending;
      this.pending = new Set();
      for (const listener of [...this.listeners]) listener(changed);
    }, this.options.batchMs ?? 30);
  }
}
