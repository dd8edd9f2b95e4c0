// Whether an object a course step touched works: ready, still progressing, or failed and why.
// Reads the summaries the cluster view's watch caches keep.
import type { ResourceSummary } from '../cluster/summary';

export type EffectHealth = 'ready' | 'progressing' | 'failed' | 'deleted';

export interface HealthVerdict {
  readonly health: EffectHealth;
  /** Short state for the step: `2/2 ready`, `0/1 ready`, `Running`, `3 endpoints`. */
  readonly text: string;
  /** Why it failed (or why it still waits): `ImagePullBackOff: Failed to pull image "..."`. */
  readonly reason?: string;
}

/** Objects of the same namespace that say how an object is doing. */
export interface RelatedItems {
  readonly pods: readonly ResourceSummary[];
  readonly replicaSets: readonly ResourceSummary[];
  readonly events: readonly ResourceSummary[];
  readonly endpoints: readonly ResourceSummary[];
}

export const NO_RELATED: RelatedItems = { pods: [], replicaSets: [], events: [], endpoints: [] };

const MAX_REASON = 240;

function detail(summary: ResourceSummary, key: string): string | undefined {
  return summary.details?.find(([k]) => k === key)?.[1];
}

function count(summary: ResourceSummary, key: string): number {
  return Number(detail(summary, key) ?? 0) || 0;
}

/** `2/3 ready` as the summaries of replica sets, stateful sets and daemon sets write it. */
function readyCounts(summary: ResourceSummary): { ready: number; desired: number } {
  const m = /^(\d+)\/(\d+) ready/.exec(summary.status);
  return m ? { ready: Number(m[1]), desired: Number(m[2]) } : { ready: 0, desired: summary.replicas ?? 1 };
}

/** Event summaries read `Reason: Kind/name` (with ` (xN)` when repeated). */
function eventSubject(event: ResourceSummary): { reason: string; kind: string; name: string } | undefined {
  const m = /^(.*?): ([^/\s]*)\/(\S+?)(?: \(x\d+\))?$/.exec(event.status);
  return m ? { reason: m[1], kind: m[2], name: m[3] } : undefined;
}

/** The most telling recent Warning about one object: the kubelet's bare `Error: Reason` lines say less than the one before. */
export function lastWarning(events: readonly ResourceSummary[], kind: string, name: string): string | undefined {
  const warnings = events
    .filter((e) => detail(e, 'Type') === 'Warning')
    .filter((e) => {
      const subject = eventSubject(e);
      return subject?.kind === kind && subject.name === name;
    })
    .sort((a, b) => (detail(a, 'Last seen') ?? '').localeCompare(detail(b, 'Last seen') ?? ''));
  const telling = warnings.filter((e) => !/^Error: \w+$/.test(detail(e, 'Message') ?? ''));
  const chosen = telling.at(-1) ?? warnings.at(-1);
  return chosen && detail(chosen, 'Message');
}

function clip(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/** Pods a workload runs: owned directly, or through the replica sets a deployment owns. */
export function podsOf(kind: string, name: string, related: RelatedItems): ResourceSummary[] {
  const owners = new Set<string>();
  if (kind === 'deployment') {
    for (const rs of related.replicaSets) if (rs.ownerRef === `Deployment/${name}`) owners.add(`ReplicaSet/${rs.name}`);
    // Before the replica set shows up in the cache, its pods are known by the name it gives them.
    if (owners.size === 0) return related.pods.filter((p) => p.owner?.kind === 'ReplicaSet' && p.owner.name.startsWith(`${name}-`));
  } else {
    const ownerKind = { replicaset: 'ReplicaSet', statefulset: 'StatefulSet', daemonset: 'DaemonSet', job: 'Job' }[kind];
    if (!ownerKind) return [];
    owners.add(`${ownerKind}/${name}`);
  }
  return related.pods.filter((p) => p.ownerRef !== undefined && owners.has(p.ownerRef));
}

/** The first failing pod's reason, with its last warning event. */
function podFailure(pods: readonly ResourceSummary[], related: RelatedItems): string | undefined {
  const failing = pods.find((p) => p.health === 'error');
  if (!failing) return undefined;
  return failureReason(failing, related);
}

function failureReason(pod: ResourceSummary, related: RelatedItems): string {
  const state = pod.status.split(/\s/)[0] ?? 'Failed';
  const warning = lastWarning(related.events, 'Pod', pod.name);
  return clip(warning ? `${state}: ${warning}` : state);
}

/** A pod that waits for a reason a warning event explains (FailedScheduling): `Pending: 0/1 nodes are available...`. */
function podWaiting(pods: readonly ResourceSummary[], related: RelatedItems): string | undefined {
  for (const pod of pods) {
    if (pod.health !== 'progressing') continue;
    const warning = lastWarning(related.events, 'Pod', pod.name);
    if (warning) return clip(`${pod.status.split(/\s/)[0] ?? 'Pending'}: ${warning}`);
  }
  return undefined;
}

function workload(ready: number, desired: number, done: boolean, pods: readonly ResourceSummary[], related: RelatedItems, problem?: string): HealthVerdict {
  const text = `${ready}/${desired} ready`;
  const failure = podFailure(pods, related) ?? (problem ? clip(problem) : undefined);
  if (done) return { health: 'ready', text };
  if (failure) return { health: 'failed', text, reason: failure };
  return { health: 'progressing', text, reason: podWaiting(pods, related) };
}

/** Health of one object; `summary` undefined means it is gone. */
export function healthOf(kind: string, summary: ResourceSummary | undefined, related: RelatedItems = NO_RELATED): HealthVerdict {
  if (!summary) return { health: 'deleted', text: 'deleted' };
  if (summary.health === 'terminating') return { health: 'progressing', text: 'terminating' };
  switch (kind) {
    case 'deployment': {
      const desired = count(summary, 'Desired') || (summary.replicas ?? 0);
      const available = count(summary, 'Available');
      const updated = count(summary, 'Up-to-date');
      const done = available >= desired && updated >= desired;
      return workload(available, desired, done, podsOf(kind, summary.name, related), related, detail(summary, 'Problem'));
    }
    case 'replicaset':
    case 'statefulset':
    case 'daemonset': {
      const { ready, desired } = readyCounts(summary);
      return workload(ready, desired, ready >= desired, podsOf(kind, summary.name, related), related);
    }
    case 'job': {
      const pods = podsOf(kind, summary.name, related);
      if (summary.health === 'ok') return { health: 'ready', text: summary.status };
      if (summary.health === 'error') return { health: 'failed', text: summary.status, reason: podFailure(pods, related) ?? lastWarning(related.events, 'Job', summary.name) ?? 'Failed' };
      return workload(0, 1, false, pods, related);
    }
    case 'pod':
      return podHealth(summary, related);
    case 'service':
      return serviceHealth(summary, related);
    default:
      return { health: 'ready', text: summary.status || 'present' };
  }
}

function podHealth(pod: ResourceSummary, related: RelatedItems): HealthVerdict {
  const text = pod.status;
  if (pod.health === 'ok') return { health: 'ready', text };
  if (pod.health === 'error') return { health: 'failed', text, reason: failureReason(pod, related) };
  // Succeeded: a pod that ran to completion did what it was for.
  if (pod.health === 'neutral') return { health: 'ready', text };
  return { health: 'progressing', text, reason: podWaiting([pod], related) };
}

function serviceHealth(service: ResourceSummary, related: RelatedItems): HealthVerdict {
  const type = detail(service, 'Type') ?? 'ClusterIP';
  if (type === 'ExternalName') return { health: 'ready', text: type };
  // A headless or selector-less Service may legitimately have no Endpoints object.
  const endpoints = related.endpoints.find((e) => e.name === service.name);
  if (!endpoints) return { health: 'progressing', text: 'no endpoints yet' };
  const ready = Number(/^(\d+) ready/.exec(endpoints.status)?.[1] ?? 0);
  if (ready > 0) return { health: 'ready', text: `${ready} endpoint${ready === 1 ? '' : 's'}` };
  return { health: 'progressing', text: 'no ready endpoints', reason: endpoints.status.includes('not ready') ? `pods not ready (${endpoints.status})` : 'no pod matches its selector yet' };
}
