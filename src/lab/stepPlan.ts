// Which objects of the current context a course step may add, change or delete: the kinds,
// names and namespaces its kubectl commands name, with files and heredocs read for theirs.
import { ALL_KINDS, type ResourceKind } from '../cluster/resources';
import { prepareBash } from '../exercises/prepare';
import { kubectlInvocations, kubectlKind, writesOf, type WriteTarget } from './kubectlCommand';
import { manifestObjects } from './manifests';

export type StepAction = WriteTarget['action'] | 'apply';

export interface StepTarget {
  readonly resource: ResourceKind;
  /** Undefined: any object of that kind and namespace the step touches. */
  readonly names?: readonly string[];
  readonly action: StepAction;
  /** Undefined for cluster-scoped kinds. */
  readonly namespace?: string;
}

export interface StepPlanOptions {
  /** The namespace of the current context. */
  readonly namespace: string;
  /** Text of a file a command applies, as written (read beforehand: see `stepFiles`), undefined when not read. */
  readonly readFile?: (path: string) => string | undefined;
}

/** Kinds watched when a step applies something we cannot read (a URL, a missing file). */
const FALLBACK_KINDS = ['deployment', 'service', 'pod', 'daemonset', 'statefulset', 'job', 'configmap'];

const byKubectlKind = new Map<string, ResourceKind>(ALL_KINDS.filter((k) => !k.derived).map((k) => [k.kind.toLowerCase(), k]));

export function resourceOfKubectlKind(kind: string): ResourceKind | undefined {
  return byKubectlKind.get(kind) ?? byKubectlKind.get(kubectlKind(kind) ?? '');
}

/** The files a `bash` step's kubectl commands apply, as written (what `planStep` will ask `readFile` for). */
export function stepFiles(bashData: string): string[] {
  const files = new Set<string>();
  for (const command of prepareBash(bashData).commands) {
    for (const invocation of kubectlInvocations(command)) if (!invocation.context && !invocation.allNamespaces) for (const file of writesOf(invocation).files) files.add(file);
  }
  return [...files];
}

/** The targets of a `bash` step; commands aimed at another context or every namespace are left out. */
export function planStep(bashData: string, options: StepPlanOptions): StepTarget[] {
  const targets: StepTarget[] = [];
  const add = (kind: string, names: readonly string[] | undefined, action: StepAction, namespace: string | undefined) => {
    const resource = resourceOfKubectlKind(kind);
    if (!resource) return;
    const ns = resource.scope === 'namespaced' ? (namespace ?? options.namespace) : undefined;
    const same = targets.find((t) => t.resource === resource && t.namespace === ns && t.action === action && (t.names === undefined) === (names === undefined));
    if (same && same.names && names) targets[targets.indexOf(same)] = { ...same, names: [...new Set([...same.names, ...names])] };
    else if (!same) targets.push({ resource, names, action, namespace: ns });
  };
  for (const command of prepareBash(bashData).commands) {
    for (const invocation of kubectlInvocations(command)) {
      if (invocation.context || invocation.allNamespaces) continue;
      const writes = writesOf(invocation);
      for (const target of writes.targets) add(target.kind, target.names, target.action, writes.namespace);
      const fromFiles = invocation.verb === 'delete' ? 'delete' : invocation.verb === 'create' ? 'create' : 'apply';
      const texts = [...writes.files.map((f) => options.readFile?.(f)), ...(writes.stdin !== undefined ? [writes.stdin] : [])];
      const unreadable = texts.some((t) => t === undefined) || (invocation.flags.get('filename') ?? []).some((f) => /^https?:\/\//.test(f)) || invocation.flags.has('kustomize');
      for (const text of texts) {
        for (const object of manifestObjects(text ?? '')) add(object.kind.toLowerCase(), object.name ? [object.name] : undefined, fromFiles, object.namespace ?? writes.namespace);
      }
      if (unreadable) for (const kind of FALLBACK_KINDS) add(kind, undefined, fromFiles, writes.namespace);
    }
  }
  return targets;
}
