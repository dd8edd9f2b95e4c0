// API versions current Kubernetes no longer serves: applying them fails with
// `no matches for kind ... in version ...`. Sources: the Kubernetes deprecated API migration guide.

interface Removal {
  apiVersion: string;
  /** Only these kinds (others of the group version were never served or are listed apart); undefined: all. */
  kinds?: readonly string[];
  removedIn: string;
  /** What to write instead; undefined when the API is gone for good. */
  use?: string;
}

const REMOVALS: readonly Removal[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22', use: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', use: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16' },
  { apiVersion: 'extensions/v1beta1', removedIn: '1.16', use: 'apps/v1' },
  { apiVersion: 'apps/v1beta1', removedIn: '1.16', use: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', removedIn: '1.16', use: 'apps/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', removedIn: '1.22', use: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', removedIn: '1.22', use: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', removedIn: '1.22', use: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'authentication.k8s.io/v1beta1', removedIn: '1.22', use: 'authentication.k8s.io/v1' },
  { apiVersion: 'authorization.k8s.io/v1beta1', removedIn: '1.22', use: 'authorization.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', removedIn: '1.22', use: 'certificates.k8s.io/v1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', removedIn: '1.22', use: 'coordination.k8s.io/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', removedIn: '1.22', use: 'networking.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', removedIn: '1.22', use: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', use: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', removedIn: '1.22', use: 'storage.k8s.io/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25' },
  { apiVersion: 'policy/v1beta1', removedIn: '1.25', use: 'policy/v1' },
  { apiVersion: 'batch/v1beta1', removedIn: '1.25', use: 'batch/v1' },
  { apiVersion: 'batch/v2alpha1', removedIn: '1.21', use: 'batch/v1' },
  { apiVersion: 'autoscaling/v2beta1', removedIn: '1.25', use: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', removedIn: '1.26', use: 'autoscaling/v2' },
  { apiVersion: 'discovery.k8s.io/v1beta1', removedIn: '1.25', use: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', removedIn: '1.25', use: 'events.k8s.io/v1' },
  { apiVersion: 'node.k8s.io/v1beta1', removedIn: '1.25', use: 'node.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', removedIn: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', removedIn: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', removedIn: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'settings.k8s.io/v1alpha1', removedIn: '1.20' },
];

/** Why `kind` in `apiVersion` cannot be applied to a current cluster; undefined when it still can. */
export function removedApi(apiVersion: string, kind: string): string | undefined {
  const removal = REMOVALS.find((r) => r.apiVersion === apiVersion && (!r.kinds || r.kinds.includes(kind)));
  if (!removal) return undefined;
  const instead = removal.use ? `; use ${removal.use}` : `; ${kind} is gone from Kubernetes`;
  return `${kind} ${apiVersion} is no longer served since Kubernetes ${removal.removedIn}${instead}`;
}

/** 1-based line of the first `apiVersion: <version>` in a YAML text, 0 when not found. */
export function apiVersionLine(text: string, apiVersion: string): number {
  const escaped = apiVersion.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`^\\s*-?\\s*["']?apiVersion["']?\\s*:\\s*["']?${escaped}["']?\\s*$`, 'm').exec(text);
  return match ? text.slice(0, match.index).split('\n').length : 0;
}
