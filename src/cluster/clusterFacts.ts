// What a cluster offers that labs rely on: the APIs it serves (live discovery), metrics-server,
// a default StorageClass, ingress controllers, a CNI that enforces NetworkPolicies.
// Detection from API answers is pure; `readClusterFacts` asks the server.
import { toKubeApiError } from './errors';
import { requestJson, type KubeTransport } from './transport';

export type Tristate = 'yes' | 'no' | 'unknown';

export interface ClusterFacts {
  /** `v1`, `apps/v1`, `autoscaling/v2`...; undefined when discovery failed. */
  readonly servedGroupVersions?: ReadonlySet<string>;
  readonly serverVersion?: string;
  readonly metricsServer: Tristate;
  /** Name of the default StorageClass; null when there is none; undefined when unknown. */
  readonly defaultStorageClass?: string | null;
  /** IngressClass names; an empty list means no ingress controller announced itself. Undefined when unknown. */
  readonly ingressClasses?: readonly string[];
  readonly networkPolicies: Tristate;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Group versions from the answers of `/api` and `/apis`. */
export function servedGroupVersions(core: unknown, groups: unknown): Set<string> {
  const out = new Set<string>();
  for (const v of arr(obj(core).versions)) if (typeof v === 'string') out.add(v);
  for (const group of arr(obj(groups).groups)) {
    for (const version of arr(obj(group).versions)) {
      const gv = obj(version).groupVersion;
      if (typeof gv === 'string') out.add(gv);
    }
  }
  return out;
}

const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

/** The default StorageClass of a StorageClassList, or null. */
export function defaultStorageClassOf(list: unknown): string | null {
  for (const item of arr(obj(list).items)) {
    const metadata = obj(obj(item).metadata);
    const annotations = obj(metadata.annotations);
    if (DEFAULT_CLASS_ANNOTATIONS.some((a) => annotations[a] === 'true') && typeof metadata.name === 'string') return metadata.name;
  }
  return null;
}

export function itemNames(list: unknown): string[] {
  return arr(obj(list).items)
    .map((item) => obj(obj(item).metadata).name)
    .filter((name): name is string => typeof name === 'string');
}

const ENFORCING_CNI = /^(calico|cilium|weave-net|kube-router|antrea|canal)/;
const IGNORING_CNI = /^kube-flannel|^flannel/;

/** From the pod names of kube-system (and the CNI's own namespace): does the CNI enforce NetworkPolicies? */
export function networkPolicySupport(podNames: readonly string[]): Tristate {
  if (podNames.some((n) => ENFORCING_CNI.test(n))) return 'yes';
  if (podNames.some((n) => IGNORING_CNI.test(n))) return 'no';
  return 'unknown';
}

/** Asks the server; each question that fails (forbidden, not served) leaves its answer unknown. */
export async function readClusterFacts(transport: KubeTransport, signal?: AbortSignal): Promise<ClusterFacts> {
  /** The answer's body; `null` when the server does not serve it (404); undefined for other failures. */
  const ask = async (path: string, query?: Record<string, string | number>): Promise<unknown> => {
    try {
      return await requestJson(transport, { path, query, signal }, path, { timeoutMs: 10_000 });
    } catch (error) {
      return toKubeApiError(error).reason === 'notFound' ? null : undefined;
    }
  };
  const [version, core, groups] = await Promise.all([ask('/version'), ask('/api'), ask('/apis')]);
  const served = core && groups ? servedGroupVersions(core, groups) : undefined;
  const [classes, ingress, systemPods, flannelPods] = await Promise.all([
    ask('/apis/storage.k8s.io/v1/storageclasses'),
    ask('/apis/networking.k8s.io/v1/ingressclasses'),
    ask('/api/v1/namespaces/kube-system/pods', { limit: 500 }),
    ask('/api/v1/namespaces/kube-flannel/pods', { limit: 50 }),
  ]);
  const gitVersion = obj(version).gitVersion;
  return {
    servedGroupVersions: served,
    serverVersion: typeof gitVersion === 'string' ? gitVersion : undefined,
    metricsServer: served ? (served.has('metrics.k8s.io/v1beta1') ? 'yes' : 'no') : 'unknown',
    defaultStorageClass: classes === undefined ? undefined : defaultStorageClassOf(classes),
    // Not served at all: no controller announced itself either.
    ingressClasses: ingress === undefined ? undefined : itemNames(ingress),
    networkPolicies: systemPods === undefined ? 'unknown' : networkPolicySupport([...itemNames(systemPods), ...itemNames(flannelPods)]),
  };
}
