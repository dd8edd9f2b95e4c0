// Kinds as people write them to kubectl (`deploy`, `svc`, `pods`, `deployment.apps`) and
// references such as `deploy/rng` in slides. Shared by the host and the reader webview.

const KIND_NAMES = new Map<string, string>();
function kindNames(kind: string, ...aliases: string[]): void {
  for (const alias of [kind, `${kind}s`, ...aliases]) KIND_NAMES.set(alias, kind);
}
kindNames('pod', 'po');
kindNames('deployment', 'deploy', 'deployment.apps', 'deployments.apps');
kindNames('replicaset', 'rs', 'replicaset.apps', 'replicasets.apps');
kindNames('daemonset', 'ds', 'daemonset.apps', 'daemonsets.apps');
kindNames('statefulset', 'sts', 'statefulset.apps', 'statefulsets.apps');
kindNames('job', 'job.batch', 'jobs.batch');
kindNames('cronjob', 'cj', 'cronjob.batch', 'cronjobs.batch');
kindNames('service', 'svc');
kindNames('endpoints', 'ep');
kindNames('ingress', 'ing', 'ingresses', 'ingress.networking.k8s.io');
kindNames('configmap', 'cm');
kindNames('secret');
kindNames('persistentvolumeclaim', 'pvc');
kindNames('persistentvolume', 'pv');
kindNames('serviceaccount', 'sa');
kindNames('role', 'role.rbac.authorization.k8s.io');
kindNames('rolebinding', 'rolebinding.rbac.authorization.k8s.io');
kindNames('clusterrole');
kindNames('clusterrolebinding');
kindNames('networkpolicy', 'netpol', 'networkpolicies');
kindNames('namespace', 'ns');
kindNames('node', 'no');
kindNames('storageclass', 'sc', 'storageclasses');
kindNames('horizontalpodautoscaler', 'hpa');
kindNames('poddisruptionbudget', 'pdb');
kindNames('customresourcedefinition', 'crd', 'crds');
kindNames('event', 'ev');

/** `deploy` -> `deployment`, `deployments.apps/scale` -> `deployment`; undefined for unknown kinds. */
export function kubectlKind(word: string): string | undefined {
  const base = word.toLowerCase().replace(/\/(scale|status)$/, '');
  return KIND_NAMES.get(base);
}

export interface ResourceRef {
  /** Kind in lower case as kubectl prints it: `deployment`. */
  readonly kind: string;
  readonly name: string;
}

const REF = /^([A-Za-z][\w.]*)\/([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?)$/;

/** `deploy/rng` -> deployment/rng; undefined for anything else (paths, URLs, unknown kinds). */
export function parseResourceRef(text: string): ResourceRef | undefined {
  const m = REF.exec(text.trim());
  if (!m) return undefined;
  const kind = kubectlKind(m[1]);
  return kind ? { kind, name: m[2] } : undefined;
}
