// The kinds the cluster tree shows, and how to reach each one on the API server.

export type ResourceScope = 'namespaced' | 'cluster';

export interface ResourceKind {
  /** Short stable id used in cache keys, context values and tree ids, e.g. `pod`. */
  readonly id: string;
  /** API kind, e.g. `Pod`. */
  readonly kind: string;
  /** Plural label shown in the tree. */
  readonly label: string;
  /** API group; '' is the core group. */
  readonly group: string;
  readonly version: string;
  /** Plural resource name in the URL, e.g. `pods`. */
  readonly plural: string;
  readonly scope: ResourceScope;
  /** Name `kubectl` understands, e.g. `deployment.apps`. */
  readonly kubectlName: string;
  /** Codicon id for the kind node. */
  readonly icon: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Set when the items are derived from another kind (Helm releases are Secrets). */
  readonly derived?: 'helm';
}

function kind(
  id: string,
  apiKind: string,
  label: string,
  groupVersion: string,
  plural: string,
  scope: ResourceScope,
  icon: string,
  extra: Partial<ResourceKind> = {},
): ResourceKind {
  const slash = groupVersion.indexOf('/');
  const group = slash < 0 ? '' : groupVersion.slice(0, slash);
  const version = slash < 0 ? groupVersion : groupVersion.slice(slash + 1);
  const kubectlName = group ? `${plural}.${group}` : plural;
  return { id, kind: apiKind, label, group, version, plural, scope, kubectlName, icon, ...extra };
}

export const NAMESPACED_KINDS: readonly ResourceKind[] = [
  kind('pod', 'Pod', 'Pods', 'v1', 'pods', 'namespaced', 'symbol-constructor'),
  kind('deployment', 'Deployment', 'Deployments', 'apps/v1', 'deployments', 'namespaced', 'layers'),
  kind('replicaset', 'ReplicaSet', 'ReplicaSets', 'apps/v1', 'replicasets', 'namespaced', 'copy'),
  kind('daemonset', 'DaemonSet', 'DaemonSets', 'apps/v1', 'daemonsets', 'namespaced', 'server-process'),
  kind('statefulset', 'StatefulSet', 'StatefulSets', 'apps/v1', 'statefulsets', 'namespaced', 'database'),
  kind('job', 'Job', 'Jobs', 'batch/v1', 'jobs', 'namespaced', 'run'),
  kind('cronjob', 'CronJob', 'CronJobs', 'batch/v1', 'cronjobs', 'namespaced', 'watch'),
  kind('service', 'Service', 'Services', 'v1', 'services', 'namespaced', 'plug'),
  kind('endpoints', 'Endpoints', 'Endpoints', 'v1', 'endpoints', 'namespaced', 'debug-disconnect'),
  kind('ingress', 'Ingress', 'Ingresses', 'networking.k8s.io/v1', 'ingresses', 'namespaced', 'globe'),
  kind('configmap', 'ConfigMap', 'ConfigMaps', 'v1', 'configmaps', 'namespaced', 'settings'),
  kind('secret', 'Secret', 'Secrets', 'v1', 'secrets', 'namespaced', 'key'),
  kind('pvc', 'PersistentVolumeClaim', 'PersistentVolumeClaims', 'v1', 'persistentvolumeclaims', 'namespaced', 'save'),
  kind('serviceaccount', 'ServiceAccount', 'ServiceAccounts', 'v1', 'serviceaccounts', 'namespaced', 'account'),
  kind('role', 'Role', 'Roles', 'rbac.authorization.k8s.io/v1', 'roles', 'namespaced', 'shield'),
  kind('rolebinding', 'RoleBinding', 'RoleBindings', 'rbac.authorization.k8s.io/v1', 'rolebindings', 'namespaced', 'link'),
  kind('networkpolicy', 'NetworkPolicy', 'NetworkPolicies', 'networking.k8s.io/v1', 'networkpolicies', 'namespaced', 'lock'),
  kind('event', 'Event', 'Events', 'v1', 'events', 'namespaced', 'bell'),
  kind('helmrelease', 'HelmRelease', 'Helm Releases', 'v1', 'secrets', 'namespaced', 'package', {
    kubectlName: 'secrets',
    labelSelector: 'owner=helm',
    fieldSelector: 'type=helm.sh/release.v1',
    derived: 'helm',
  }),
];

export const CLUSTER_KINDS: readonly ResourceKind[] = [
  kind('node', 'Node', 'Nodes', 'v1', 'nodes', 'cluster', 'server'),
  kind('namespace', 'Namespace', 'Namespaces', 'v1', 'namespaces', 'cluster', 'symbol-namespace'),
  kind('pv', 'PersistentVolume', 'PersistentVolumes', 'v1', 'persistentvolumes', 'cluster', 'database'),
  kind('storageclass', 'StorageClass', 'StorageClasses', 'storage.k8s.io/v1', 'storageclasses', 'cluster', 'archive'),
  kind('clusterrole', 'ClusterRole', 'ClusterRoles', 'rbac.authorization.k8s.io/v1', 'clusterroles', 'cluster', 'shield'),
  kind('clusterrolebinding', 'ClusterRoleBinding', 'ClusterRoleBindings', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', 'cluster', 'link'),
  kind('crd', 'CustomResourceDefinition', 'CustomResourceDefinitions', 'apiextensions.k8s.io/v1', 'customresourcedefinitions', 'cluster', 'extensions'),
];

export const ALL_KINDS: readonly ResourceKind[] = [...NAMESPACED_KINDS, ...CLUSTER_KINDS];

const byId = new Map(ALL_KINDS.map((k) => [k.id, k]));

export function kindById(id: string): ResourceKind | undefined {
  return byId.get(id);
}

export function requireKind(id: string): ResourceKind {
  const found = byId.get(id);
  if (!found) throw new Error(`Unknown resource kind id: ${id}`);
  return found;
}

/** Collection path, e.g. `/apis/apps/v1/namespaces/default/deployments`; no namespace = all namespaces. */
export function collectionPath(resource: ResourceKind, namespace?: string): string {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const ns = resource.scope === 'namespaced' && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${resource.plural}`;
}

export function objectPath(resource: ResourceKind, name: string, namespace?: string): string {
  return `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`;
}

export function apiVersionOf(resource: ResourceKind): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/** Kinds whose replica count can be changed through the `scale` subresource. */
export const SCALABLE_KIND_IDS: ReadonlySet<string> = new Set(['deployment', 'replicaset', 'statefulset']);
/** Kinds `kubectl rollout restart` accepts. */
export const RESTARTABLE_KIND_IDS: ReadonlySet<string> = new Set(['deployment', 'daemonset', 'statefulset']);
