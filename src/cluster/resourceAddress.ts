// The path of a `workshop-k8s:` document address: /<mode>/<context>/<kind>/<namespace|_>/<name>.<ext>
import type { ObjectRef } from './actions';
import { checkNamespace, checkObjectName, hasControlCharacters } from './names';
import { kindById } from './resources';

export type DocumentMode = 'yaml' | 'describe';

export function formatResourcePath(mode: DocumentMode, context: string, ref: ObjectRef): string {
  const parts = [mode, context, ref.resource.id, ref.namespace ?? '_', ref.name].map(encodeURIComponent);
  return `/${parts.join('/')}${mode === 'yaml' ? '.yaml' : '.txt'}`;
}

/** The parts of a `workshop-k8s:` address, or a reason it is refused: anyone can open such an address. */
export function parseResourcePath(path: string): { mode: DocumentMode; context: string; ref: ObjectRef } | string {
  const segments = path.replace(/^\//, '').replace(/\.(yaml|txt)$/, '').split('/');
  if (segments.length !== 5) return 'Not a Kubernetes object address';
  let decoded: string[];
  try {
    decoded = segments.map(decodeURIComponent);
  } catch {
    return 'Not a Kubernetes object address';
  }
  const [mode, context, kindId, namespace, name] = decoded as [string, string, string, string, string];
  const resource = kindById(kindId);
  if ((mode !== 'yaml' && mode !== 'describe') || !context || !resource || !name) return 'Not a Kubernetes object address';
  if (hasControlCharacters(context)) return 'The context name contains control characters';
  const ref: ObjectRef = { resource, name, namespace: namespace === '_' || resource.scope === 'cluster' ? undefined : namespace };
  const problem = checkObjectName(resource, name) ?? (ref.namespace !== undefined ? checkNamespace(ref.namespace) : undefined);
  return problem ?? { mode, context, ref };
}

