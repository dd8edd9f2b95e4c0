// What Check My Setup reads from a cluster beyond src/cluster/clusterFacts.ts (which detects the
// default StorageClass and IngressClasses for both): ready nodes, cluster DNS, whether the metrics
// API is available (not only registered), and the kubectl/server version skew.
// Pure: callers fetch the lists (ADDON_PATHS) and hand them over.

/** API paths whose answers the functions below read. */
export const ADDON_PATHS = {
  version: '/version',
  nodes: '/api/v1/nodes',
  kubeSystemDeployments: '/apis/apps/v1/namespaces/kube-system/deployments',
  storageClasses: '/apis/storage.k8s.io/v1/storageclasses',
  apiServices: '/apis/apiregistration.k8s.io/v1/apiservices',
  ingressClasses: '/apis/networking.k8s.io/v1/ingressclasses',
} as const;

export interface KubeObject {
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
}

interface Condition {
  readonly type?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

/** The `items` of a List answer; an empty list for anything else. */
export function itemsOf(list: unknown): KubeObject[] {
  const items = (list as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items.filter((i) => i && typeof i === 'object') as KubeObject[]) : [];
}

function conditions(object: KubeObject): Condition[] {
  const found = object.status?.conditions;
  return Array.isArray(found) ? (found as Condition[]) : [];
}

function nameOf(object: KubeObject): string {
  return object.metadata?.name ?? '?';
}

// ---- nodes ----

export interface NodeReadiness {
  readonly total: number;
  readonly ready: string[];
  /** Nodes whose Ready condition is not True, with the reason the kubelet gives. */
  readonly notReady: { readonly name: string; readonly reason: string }[];
}

export function nodeReadiness(nodes: readonly KubeObject[]): NodeReadiness {
  const ready: string[] = [];
  const notReady: { name: string; reason: string }[] = [];
  for (const node of nodes) {
    const condition = conditions(node).find((c) => c.type === 'Ready');
    if (condition?.status === 'True') ready.push(nameOf(node));
    else notReady.push({ name: nameOf(node), reason: condition?.reason ?? condition?.message ?? 'no Ready condition reported' });
  }
  return { total: nodes.length, ready, notReady };
}

// ---- cluster DNS ----

export interface DnsStatus {
  /** The DNS deployment (coredns, or kube-dns on older clusters), when there is one. */
  readonly deployment?: string;
  readonly readyReplicas: number;
  readonly replicas: number;
}

const DNS_LABEL = 'k8s-app';

/** CoreDNS as kubeadm, kind, k3s and minikube deploy it in kube-system. */
export function clusterDns(kubeSystemDeployments: readonly KubeObject[]): DnsStatus {
  const dns =
    kubeSystemDeployments.find((d) => nameOf(d) === 'coredns') ??
    kubeSystemDeployments.find((d) => d.metadata?.labels?.[DNS_LABEL] === 'kube-dns') ??
    kubeSystemDeployments.find((d) => nameOf(d) === 'kube-dns');
  if (!dns) return { readyReplicas: 0, replicas: 0 };
  const replicas = Number(dns.spec?.replicas ?? 1);
  const readyReplicas = Number(dns.status?.readyReplicas ?? 0);
  return { deployment: nameOf(dns), replicas: Number.isFinite(replicas) ? replicas : 1, readyReplicas: Number.isFinite(readyReplicas) ? readyReplicas : 0 };
}

// ---- metrics ----

export const METRICS_API_SERVICE = 'v1beta1.metrics.k8s.io';

export interface MetricsApi {
  /** Registered: something (usually metrics-server) claims the metrics API. */
  readonly registered: boolean;
  /** Available: `kubectl top` and autoscalers get answers. */
  readonly available: boolean;
  /** Why it is not available, as the aggregator says. */
  readonly problem?: string;
  /** The service behind it (`kube-system/metrics-server`). */
  readonly service?: string;
}

export function metricsApi(apiServices: readonly KubeObject[]): MetricsApi {
  const entry = apiServices.find((s) => nameOf(s) === METRICS_API_SERVICE);
  if (!entry) return { registered: false, available: false };
  const available = conditions(entry).find((c) => c.type === 'Available');
  const service = entry.spec?.service as { namespace?: string; name?: string } | undefined;
  return {
    registered: true,
    available: available?.status === 'True',
    problem: available?.status === 'True' ? undefined : available?.message ?? available?.reason ?? 'no Available condition reported',
    service: service?.name ? `${service.namespace ?? 'default'}/${service.name}` : undefined,
  };
}

// ---- versions ----

export interface MinorVersion {
  readonly major: number;
  readonly minor: number;
  readonly text: string;
}

/** `v1.30.4`, `v1.32.4-dispatcher`, or a `{ major, minor, gitVersion }` version answer. */
export function parseVersion(version: unknown): MinorVersion | undefined {
  const info = version as { gitVersion?: unknown; major?: unknown; minor?: unknown } | null;
  const text = typeof version === 'string' ? version : typeof info?.gitVersion === 'string' ? info.gitVersion : undefined;
  const match = text ? /^v?(\d+)\.(\d+)/.exec(text) : null;
  if (match && text) return { major: Number(match[1]), minor: Number(match[2]), text };
  const major = Number.parseInt(typeof info?.major === 'string' ? info.major : '', 10);
  const minor = Number.parseInt(typeof info?.minor === 'string' ? info.minor : '', 10);
  return Number.isFinite(major) && Number.isFinite(minor) ? { major, minor, text: `v${major}.${minor}` } : undefined;
}

/** kubectl is supported within one minor version of the API server, older or newer. */
export const SUPPORTED_KUBECTL_SKEW = 1;

export function versionSkew(client: MinorVersion, server: MinorVersion): { readonly minors: number; readonly supported: boolean } {
  const minors = client.major === server.major ? client.minor - server.minor : (client.major - server.major) * 100;
  return { minors, supported: Math.abs(minors) <= SUPPORTED_KUBECTL_SKEW };
}
