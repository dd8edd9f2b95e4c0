// What one course step did to the cluster, from the watch caches' contents over time:
// objects added, changed or deleted while the step ran (and shortly after), and their health
// until they settle.
import { requireKind, type ResourceKind } from '../cluster/resources';
import type { ResourceSummary } from '../cluster/summary';
import { healthOf, type EffectHealth, type RelatedItems } from './health';
import type { StepTarget } from './stepPlan';

export type EffectChange = 'created' | 'changed' | 'deleted';

export interface StepEffect {
  /** `deployment/web`: the kind as kubectl prints it, in lower case. */
  readonly resource: string;
  readonly kindId: string;
  readonly name: string;
  readonly namespace?: string;
  readonly change: EffectChange;
  readonly health: EffectHealth;
  readonly text: string;
  readonly reason?: string;
}

/** The items of a cache, or undefined while it is not loaded. */
export type SummaryLookup = (resource: ResourceKind, namespace?: string) => Iterable<ResourceSummary> | undefined;

export interface EffectTiming {
  /** How long after the command ended new objects still count as its doing. */
  readonly settleMs?: number;
  /** How long health is followed after the command ended. */
  readonly followMs?: number;
  /** Creation times are whole seconds and clocks differ a little. */
  readonly clockSkewMs?: number;
}

const RELATED_KINDS = { pods: 'pod', replicaSets: 'replicaset', events: 'event', endpoints: 'endpoints' } as const;

interface Entry {
  readonly target: StepTarget;
  readonly name: string;
  change: EffectChange;
  summary: ResourceSummary | undefined;
}

export class StepEffectTracker {
  private readonly baselines = new Map<string, { items: Map<string, ResourceSummary>; late: boolean }>();
  private readonly entries = new Map<string, Entry>();
  private endedAt: number | undefined;
  private lastReported = '[]';
  private readonly settleMs: number;
  private readonly followMs: number;
  private readonly skewMs: number;

  constructor(
    readonly targets: readonly StepTarget[],
    private readonly startedAt: number,
    timing: EffectTiming = {},
  ) {
    this.settleMs = timing.settleMs ?? 3000;
    this.followMs = timing.followMs ?? 120_000;
    this.skewMs = timing.clockSkewMs ?? 2000;
  }

  /** The caches to keep open: the targets' kinds, and what tells their health. */
  watched(): { resource: ResourceKind; namespace?: string }[] {
    const out = new Map<string, { resource: ResourceKind; namespace?: string }>();
    for (const t of this.targets) {
      out.set(`${t.resource.id}@${t.namespace ?? ''}`, { resource: t.resource, namespace: t.namespace });
      if (t.namespace === undefined || !['deployment', 'replicaset', 'statefulset', 'daemonset', 'job', 'pod', 'service'].includes(t.resource.id)) continue;
      for (const id of Object.values(RELATED_KINDS)) out.set(`${id}@${t.namespace}`, { resource: requireKind(id), namespace: t.namespace });
    }
    return [...out.values()];
  }

  /** Takes the "before" picture of every cache already loaded; call as the command starts. */
  start(lookup: SummaryLookup): void {
    for (const t of this.targets) this.baselineOf(t, lookup, false);
  }

  commandEnded(at: number): void {
    this.endedAt ??= at;
  }

  /** Reads the caches again; returns true when the effects changed. */
  update(lookup: SummaryLookup, now: number): boolean {
    const recording = this.endedAt === undefined || now <= this.endedAt + this.settleMs;
    for (const target of this.targets) {
      const items = lookup(target.resource, target.namespace);
      if (!items) continue;
      const baseline = this.baselineOf(target, lookup, true)!;
      const current = byName(items);
      for (const entry of this.entries.values()) if (entry.target === target) entry.summary = current.get(entry.name);
      if (recording) this.record(target, baseline, current);
    }
    // The caches are live: health read before this call may already be the new one, so compare with what was last returned.
    const after = JSON.stringify(this.effects(lookup, now));
    const changed = after !== this.lastReported;
    this.lastReported = after;
    return changed;
  }

  /** True once nothing more is expected: every object ready or gone, or the follow time is over. */
  settled(lookup: SummaryLookup, now: number): boolean {
    if (this.endedAt === undefined || now <= this.endedAt + this.settleMs) return false;
    if (now > this.endedAt + this.followMs) return true;
    return this.effects(lookup, now).every((e) => e.health === 'ready' || e.health === 'deleted');
  }

  effects(lookup: SummaryLookup, now: number): StepEffect[] {
    const out: StepEffect[] = [];
    const expired = this.endedAt !== undefined && now > this.endedAt + this.followMs;
    for (const entry of this.entries.values()) {
      const { resource, namespace } = entry.target;
      let verdict = healthOf(resource.id, entry.summary, relatedOf(lookup, namespace));
      if (expired && verdict.health === 'progressing') {
        verdict = { ...verdict, health: 'failed', reason: verdict.reason ?? `not ready after ${Math.round(this.followMs / 1000)} s` };
      }
      out.push({
        resource: `${resource.kind.toLowerCase()}/${entry.name}`,
        kindId: resource.id,
        name: entry.name,
        namespace,
        change: entry.change,
        health: verdict.health,
        text: verdict.text,
        reason: verdict.reason,
      });
    }
    return out;
  }

  private baselineOf(target: StepTarget, lookup: SummaryLookup, late: boolean) {
    const key = `${target.resource.id}@${target.namespace ?? ''}`;
    let baseline = this.baselines.get(key);
    if (!baseline) {
      const items = lookup(target.resource, target.namespace);
      if (!items) return undefined;
      baseline = { items: byName(items), late };
      this.baselines.set(key, baseline);
    }
    return baseline;
  }

  private record(target: StepTarget, baseline: { items: Map<string, ResourceSummary>; late: boolean }, current: Map<string, ResourceSummary>): void {
    const recent = (s: ResourceSummary) => {
      const created = s.creationTimestamp ? Date.parse(s.creationTimestamp) : NaN;
      return Number.isFinite(created) && created >= this.startedAt - this.skewMs;
    };
    const note = (name: string, change: EffectChange, summary: ResourceSummary | undefined) => {
      const key = `${target.resource.id}@${target.namespace ?? ''}/${name}`;
      const seen = this.entries.get(key);
      if (!seen) this.entries.set(key, { target, name, change, summary });
      else if (change === 'deleted' && seen.change === 'changed') seen.change = 'deleted';
    };
    const judge = (name: string, now: ResourceSummary | undefined) => {
      const was = baseline.items.get(name);
      if (now && now.health !== 'terminating') {
        if (target.action === 'delete') return;
        // `scale`, `set`, `label`... never create what they name, however recent it is.
        if ((baseline.late ? recent(now) : !was) && target.action !== 'change') note(name, 'created', now);
        // A late "before" picture cannot tell what changed, except for the objects the command names.
        else if (target.action !== 'create' && (baseline.late ? target.names !== undefined : was !== now)) note(name, 'changed', now);
      } else if (target.action !== 'create' && (was || (baseline.late && target.names))) {
        note(name, 'deleted', now);
      }
    };
    if (target.names) {
      for (const name of target.names) judge(name, current.get(name));
      return;
    }
    // Unnamed: what the command made itself, not what controllers made from it (they have an owner).
    for (const [name, summary] of current) if (!summary.ownerRef) judge(name, summary);
    if (target.action !== 'create') for (const [name, was] of baseline.items) if (!current.has(name) && !was.ownerRef) judge(name, undefined);
  }
}

function byName(items: Iterable<ResourceSummary>): Map<string, ResourceSummary> {
  const map = new Map<string, ResourceSummary>();
  for (const s of items) map.set(s.name, s);
  return map;
}

function relatedOf(lookup: SummaryLookup, namespace: string | undefined): RelatedItems {
  const read = (id: string) => (namespace === undefined ? [] : [...(lookup(requireKind(id), namespace) ?? [])]);
  return { pods: read('pod'), replicaSets: read('replicaset'), events: read('event'), endpoints: read('endpoints') };
}
