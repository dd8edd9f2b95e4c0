// Which pods and claims to look at for the objects a step touched: Deployment -> ReplicaSet ->
// Pod by owner references, the claims those pods mount, and the names events are wanted for.
import { field, list, nameOf, text } from './read';
import type { ApiObject } from './types';

const MAX_PODS = 5;
const POD_OWNERS: Readonly<Record<string, string>> = { replicaset: 'ReplicaSet', statefulset: 'StatefulSet', daemonset: 'DaemonSet', job: 'Job' };

function ownedBy(o: ApiObject, kind: string, name: string): boolean {
  return list(o, 'metadata', 'ownerReferences').some((r) => text(r, 'kind') === kind && text(r, 'name') === name);
}

/** `deployment/web` -> the pods it runs (at most a few: one failing pod tells why). */
export function podsOfResources(resources: readonly string[], replicaSets: readonly ApiObject[], pods: readonly ApiObject[]): ApiObject[] {
  const owners: [string, string][] = [];
  const out = new Set<ApiObject>();
  for (const resource of resources) {
    const [kind = '', name = ''] = resource.split('/');
    if (kind === 'pod') {
      pods.filter((p) => nameOf(p) === name).forEach((p) => out.add(p));
    } else if (kind === 'deployment') {
      for (const rs of replicaSets) if (ownedBy(rs, 'Deployment', name)) owners.push(['ReplicaSet', nameOf(rs)]);
    } else if (POD_OWNERS[kind]) {
      owners.push([POD_OWNERS[kind], name]);
    }
  }
  for (const pod of pods) if (owners.some(([kind, name]) => ownedBy(pod, kind, name))) out.add(pod);
  // Failing pods first: they are the ones that explain.
  return [...out].sort((a, b) => Number(isReady(a)) - Number(isReady(b))).slice(0, MAX_PODS);
}

function isReady(pod: ApiObject): boolean {
  return list(pod, 'status', 'conditions').some((c) => text(c, 'type') === 'Ready' && text(c, 'status') === 'True');
}

/** Claims the step named, and those the pods mount. */
export function claimNames(resources: readonly string[], pods: readonly ApiObject[]): string[] {
  const names = new Set<string>();
  for (const r of resources) if (r.startsWith('persistentvolumeclaim/')) names.add(r.slice('persistentvolumeclaim/'.length));
  for (const pod of pods) for (const v of list(pod, 'spec', 'volumes')) {
    const claim = field(v, 'persistentVolumeClaim', 'claimName');
    if (typeof claim === 'string') names.add(claim);
  }
  return [...names];
}

/** Containers whose previous run's logs say why they crash: `pod/container`. */
export function crashingContainers(pods: readonly ApiObject[], max = 2): { pod: string; container: string }[] {
  const out: { pod: string; container: string }[] = [];
  for (const pod of pods)
    for (const cs of list(pod, 'status', 'containerStatuses'))
      if (field(cs, 'lastState', 'terminated') && out.length < max) out.push({ pod: nameOf(pod), container: text(cs, 'name') ?? '' });
  return out.filter((c) => c.container);
}
