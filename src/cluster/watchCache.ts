// List+watch caches of summaries, one per (kind, namespace), shared by reference count.
//
// Each cache lists in pages, then watches from the list's resourceVersion with
// bookmarks. The first list shows its rows as they come: a small first page at
// once, then the rest page by page, with how many remain (`partial`). A relist
// (after 410 Gone) swaps the new items in at once, so rows never go missing. When a watch ends it resumes from the last resourceVersion seen;
// it relists only when the server answers 410 Gone. Failures back off
// exponentially with jitter, and so do repeated 410s. Changes are reported in batches.
//
// "ready" (live) means a watch is open: it is reported when the server answers
// a watch, not after a list. A watch that stays silent longer than the idle
// timeout is taken for a dead connection (sleep, VPN change): the server sends
// bookmarks about once a minute, so a live watch is never that quiet for long.
import { FirstListPacing } from './firstListPacing';
import type { Logger } from '../logger';
import { errorFromResponse, toKubeApiError, type ErrorReason } from './errors';
import { collectionPath, type ResourceKind } from './resources';
import { summarize, type ResourceSummary } from './summary';
import { requestJson, type KubeTransport } from './transport';
import { DEFAULT_BACKOFF, backoffDelay, realTimers, sleep, type BackoffOptions, type Timers } from './timers';
import { watchEvents, type WatchEvent } from './watchEvents';

export type CacheStatus =
  /** `partial`: the first pages are in and more are coming (`remaining` when the server says how many). */
  | { readonly phase: 'loading'; readonly partial?: { readonly remaining?: number } }
  | { readonly phase: 'ready' }
  /** Data is shown but may be stale: the watch failed and is being re-established. */
  | { readonly phase: 'reconnecting'; readonly reason: ErrorReason; readonly message: string }
  /** `willRetry` is false for errors a retry cannot fix by itself (401, 403, 404): the user retries. */
  | { readonly phase: 'error'; readonly reason: ErrorReason; readonly message: string; readonly willRetry: boolean };

export interface WatchOptions {
  /** Objects asked for in the first page of a list (drawn at once) and in each later page. */
  readonly firstPageSize?: number;
  readonly pageSize?: number;
  readonly batchMs?: number;
  readonly backoff?: BackoffOptions;
  readonly timers?: Timers;
  /** Watch duration asked of the server; a random value in this range spreads reconnects. */
  readonly watchTimeoutSeconds?: readonly [number, number];
  /** A watch silent this long (ms) is abandoned and resumed; default WATCH_IDLE_TIMEOUT_MS. */
  readonly watchIdleTimeoutMs?: number;
  readonly log?: Logger;
}

export function cacheKey(resource: ResourceKind, namespace?: string): string {
  return `${resource.id}@${resource.scope === 'namespaced' ? (namespace ?? '*') : ''}`;
}

/** Under two minutes with the reconnect, and above the API server's one-minute bookmark interval. */
export const WATCH_IDLE_TIMEOUT_MS = 90_000;
/** A watch cut and not answered again within this long shows "Reconnecting". */
const STALE_AFTER_MS = 5_000;
/** A first page small enough to arrive and draw at once on a slow link, large enough to fill the view. */
/** A screenful and more: the first rows show as soon as this page is read and drawn. */
const FIRST_PAGE_SIZE = 100;
/** How long one page of a list may take. */
const LIST_PAGE_TIMEOUT_MS = 60_000;
/** Helm release Secrets hold the whole chart and values: list only their metadata. */
const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
const METADATA_WATCH = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

const STOP_REASONS: ReadonlySet<ErrorReason> = new Set(['unauthorized', 'forbidden', 'notFound']);

interface ListResponse {
  items?: unknown[];
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}

export class WatchCache {
  readonly key: string;
  private items = new Map<string, ResourceSummary>();
  private currentStatus: CacheStatus = { phase: 'loading' };
  private resourceVersion: string | undefined;
  private staleTimer: unknown;
  private abort: AbortController | undefined;
  private readonly options: Required<Omit<WatchOptions, 'log'>> & Pick<WatchOptions, 'log'>;
  private readonly pacing: FirstListPacing;
  /** Counts, for diagnostics and tests. */
  readonly stats = { lists: 0, watches: 0, relists: 0, events: 0 };

  constructor(
    readonly resource: ResourceKind,
    readonly namespace: string | undefined,
    private readonly transport: KubeTransport,
    private readonly changed: (cache: WatchCache) => void,
    options: WatchOptions = {},
  ) {
    this.key = cacheKey(resource, namespace);
    this.options = {
      firstPageSize: options.firstPageSize ?? options.pageSize ?? FIRST_PAGE_SIZE,
      pageSize: options.pageSize ?? 500,
      batchMs: options.batchMs ?? 30,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      timers: options.timers ?? realTimers,
      watchTimeoutSeconds: options.watchTimeoutSeconds ?? [300, 600],
      watchIdleTimeoutMs: options.watchIdleTimeoutMs ?? WATCH_IDLE_TIMEOUT_MS,
      log: options.log,
    };
    this.pacing = new FirstListPacing(this.options.timers);
  }

  get status(): CacheStatus {
    return this.currentStatus;
  }

  get size(): number {
    return this.items.size;
  }

  get running(): boolean {
    return this.abort !== undefined;
  }

  values(): IterableIterator<ResourceSummary> {
    return this.items.values();
  }

  start(): void {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    void this.run(abort.signal);
  }

  /**
   * Holds the first list's pages after the first one until the returned function is called or
   * `maxMs` has passed: a view that lists ahead of its rows draws the first ones without the next
   * pages competing for the thread. A cache that has listed already ignores it.
   */
  holdPagesAfterFirst(maxMs: number): () => void {
    if (this.currentStatus.phase !== 'loading' || this.currentStatus.partial) return () => {};
    return this.pacing.holdAfterFirstPage(maxMs);
  }

  stop(): void {
    this.pacing.stop();
    this.clearStaleTimer();
    this.abort?.abort();
    this.abort = undefined;
  }

  /** Starts again after an error, keeping what is already known. */
  retry(): void {
    this.stop();
    if (this.currentStatus.phase === 'error') this.setStatus({ phase: 'loading' });
    this.start();
  }

  private setStatus(status: CacheStatus): void {
    const before = this.currentStatus;
    this.currentStatus = status;
    if (before.phase !== status.phase || JSON.stringify(before) !== JSON.stringify(status)) this.changed(this);
  }

  private async run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    let retriedUnauthorized = false;
    let goneInARow = 0;
    const pause = () => sleep(this.options.timers, backoffDelay(attempt++, this.options.backoff, this.options.timers.random), signal);
    /** The first 410 relists at once; more in a row (a server that keeps expiring lists) back off. */
    const relistAfterGone = async () => {
      this.relistAfterGone();
      if (goneInARow++ > 0) await pause();
    };
    while (!signal.aborted) {
      try {
        if (this.resourceVersion === undefined) await this.list(signal);
        const started = Date.now();
        const outcome = await this.watch(signal, () => {
          this.clearStaleTimer();
          retriedUnauthorized = false;
          goneInARow = 0;
        });
        if (signal.aborted) return;
        if (outcome.gone) {
          await relistAfterGone();
          continue;
        }
        if (outcome.interrupted) this.markStaleUnlessResumed(outcome.interrupted);
        // A watch the server closes after a while is normal: resume at once. One
        // that closes immediately with nothing in it is not: back off.
        if (outcome.events > 0 || Date.now() - started > 1000) attempt = 0;
        else await pause();
      } catch (thrown) {
        if (signal.aborted) return;
        const error = toKubeApiError(thrown);
        if (error.reason === 'gone') {
          await relistAfterGone();
          continue;
        }
        this.options.log?.warn(`cluster: ${this.key}: ${error.reason}: ${error.message}`);
        // Short-lived credentials (exec plugins, OIDC) are fetched again on the next request: retry a 401 once.
        if (error.reason === 'unauthorized' && !retriedUnauthorized) {
          retriedUnauthorized = true;
          await pause();
          continue;
        }
        if (STOP_REASONS.has(error.reason)) {
          this.setStatus({ phase: 'error', reason: error.reason, message: error.message, willRetry: false });
          if (this.abort?.signal === signal) this.abort = undefined;
          return;
        }
        const hasData = this.resourceVersion !== undefined;
        this.setStatus(
          hasData
            ? { phase: 'reconnecting', reason: error.reason, message: error.message }
            : { phase: 'error', reason: error.reason, message: error.message, willRetry: true },
        );
        await pause();
      }
    }
  }

  /** A cut watch that resumes at once is not worth a warning; one that does not resume soon is shown as stale. */
  private markStaleUnlessResumed(message: string): void {
    this.clearStaleTimer();
    this.staleTimer = this.options.timers.setTimeout(() => {
      this.staleTimer = undefined;
      if (this.abort && this.currentStatus.phase === 'ready') this.setStatus({ phase: 'reconnecting', reason: 'unreachable', message });
    }, STALE_AFTER_MS);
  }

  private clearStaleTimer(): void {
    if (this.staleTimer !== undefined) this.options.timers.clearTimeout(this.staleTimer);
    this.staleTimer = undefined;
  }

  private relistAfterGone(): void {
    this.stats.relists++;
    this.resourceVersion = undefined;
  }

  private get metadataOnly(): boolean {
    return this.resource.derived === 'helm';
  }

  private baseQuery(): Record<string, string | undefined> {
    return { labelSelector: this.resource.labelSelector, fieldSelector: this.resource.fieldSelector };
  }

  /**
   * Lists all pages. The first list of a cache publishes each page as it arrives; a later one
   * (after 410 Gone, or a retry that keeps what was shown) swaps the new items in at once.
   */
  private async list(signal: AbortSignal): Promise<void> {
    this.stats.lists++;
    const path = collectionPath(this.resource, this.namespace);
    const progressive = this.items.size === 0;
    this.pacing.restart();
    const started = Date.now();
    let pages = 0;
    let firstPageMs = 0;
    const fresh = progressive ? this.items : new Map<string, ResourceSummary>();
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    try {
      do {
        const page = await requestJson<ListResponse>(
          this.transport,
          {
            path,
            query: { ...this.baseQuery(), limit: continueToken ? this.options.pageSize : this.options.firstPageSize, continue: continueToken },
            signal,
            accept: this.metadataOnly ? METADATA_LIST : undefined,
          },
          this.resource.label,
          { timeoutMs: LIST_PAGE_TIMEOUT_MS },
        );
        if (signal.aborted) return;
        if (pages++ === 0) firstPageMs = Date.now() - started;
        for (const item of page.items ?? []) {
          const summary = summarize(this.resource.id, item);
          fresh.set(this.keyOf(summary), summary);
        }
        continueToken = page.metadata?.continue || undefined;
        resourceVersion = page.metadata?.resourceVersion;
        if (progressive && continueToken) {
          this.publishPartial(page.metadata?.remainingItemCount);
          if (pages === 1) await this.pacing.afterFirstPage();
        }
      } while (continueToken && !signal.aborted);
    } catch (error) {
      // A first list that fails halfway shows no half list (its count would be wrong): it starts again.
      if (progressive && !signal.aborted && this.items === fresh) this.items = new Map();
      throw error;
    }
    if (signal.aborted) return;
    this.items = fresh;
    this.resourceVersion = resourceVersion ?? '';
    if (pages > 1) this.options.log?.info(`cluster: ${this.key}: listed ${fresh.size} in ${pages} pages, the first after ${firstPageMs} ms, all after ${Date.now() - started} ms`);
    if (this.currentStatus.phase === 'loading' && this.currentStatus.partial) this.currentStatus = { phase: 'loading' };
    this.changed(this);
  }

  /** Shows the pages listed so far, with how many remain when the server says. */
  private publishPartial(remaining: number | undefined): void {
    const partial = typeof remaining === 'number' && remaining >= 0 ? { remaining } : {};
    if (this.currentStatus.phase === 'loading') this.currentStatus = { phase: 'loading', partial };
    if (!this.pacing.noticeDue(Date.now())) return;
    this.changed(this);
  }

  /** `answered` runs once the server has accepted the watch; `interrupted` says why a watch was cut. */
  private async watch(signal: AbortSignal, answered: () => void): Promise<{ gone: boolean; events: number; interrupted?: string }> {
    this.stats.watches++;
    const [low, high] = this.options.watchTimeoutSeconds;
    const timeoutSeconds = Math.round(low + this.options.timers.random() * (high - low));
    const response = await this.transport.request({
      path: collectionPath(this.resource, this.namespace),
      query: {
        ...this.baseQuery(),
        watch: 1,
        resourceVersion: this.resourceVersion || undefined,
        allowWatchBookmarks: true,
        timeoutSeconds,
      },
      signal,
      idleTimeoutMs: this.options.watchIdleTimeoutMs,
      accept: this.metadataOnly ? METADATA_WATCH : undefined,
    });
    if (response.status !== 200) throw errorFromResponse(response.status, await response.text(), this.resource.label);
    answered();
    if (this.currentStatus.phase !== 'ready') this.setStatus({ phase: 'ready' });
    let events = 0;
    try {
      for await (const event of watchEvents(response.chunks)) {
        events++;
        if (this.apply(event) === 'gone') return { gone: true, events };
      }
    } catch (error) {
      // A watch cut mid-stream (proxy or load balancer timeout, server restart)
      // is resumed like one the server ended; only a failed reconnect is shown.
      const classified = toKubeApiError(error);
      if (classified.reason !== 'unreachable') throw classified;
      if (signal.aborted) return { gone: false, events };
      this.options.log?.info(`cluster: ${this.key}: watch interrupted (${classified.message}), resuming`);
      return { gone: false, events, interrupted: classified.message };
    }
    return { gone: false, events };
  }

  private apply(event: WatchEvent): 'gone' | undefined {
    this.stats.events++;
    const object = event.object;
    if (event.type === 'ERROR') {
      if (object?.code === 410) return 'gone';
      throw errorFromResponse(object?.code ?? 500, JSON.stringify(object ?? {}), this.resource.label);
    }
    const version = object?.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (event.type === 'BOOKMARK' || !object) return undefined;
    const summary = summarize(this.resource.id, object);
    if (event.type === 'DELETED') this.items.delete(this.keyOf(summary));
    else this.items.set(this.keyOf(summary), summary);
    this.changed(this);
    return undefined;
  }

  /**
   * The map key of an item: its name where names are unique (a cache of one namespace, or of a
   * cluster-scoped kind), which costs no string of its own; `namespace/name` across all namespaces.
   */
  private keyOf(summary: ResourceSummary): string {
    return this.namespace !== undefined || this.resource.scope !== 'namespaced' ? summary.name : `${summary.namespace ?? ''}/${summary.name}`;
  }
}
