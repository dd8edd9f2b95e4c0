// Actions on one object through the API: read (for YAML), delete, scale, restart.
// Each validates the name first (it becomes a URL path) and ends within a time limit or on cancel.
import { yaml } from '../onFirstUse';
import { assertValidRef } from './names';
import { apiVersionOf, objectPath, type ResourceKind } from './resources';
import { requestJson, type CallOptions, type KubeRequest, type KubeTransport } from './transport';

export interface ObjectRef {
  readonly resource: ResourceKind;
  readonly name: string;
  readonly namespace?: string;
}

function pathOf(ref: ObjectRef): string {
  assertValidRef(ref);
  return objectPath(ref.resource, ref.name, ref.namespace);
}

function call<T>(transport: KubeTransport, ref: ObjectRef, req: Omit<KubeRequest, 'path'> & { suffix?: string }, options: CallOptions): Promise<T> {
  const { suffix, ...rest } = req;
  return requestJson<T>(transport, { ...rest, path: `${pathOf(ref)}${suffix ?? ''}` }, `${ref.resource.kind} ${ref.name}`, options);
}

export function getObject(transport: KubeTransport, ref: ObjectRef, options: CallOptions = {}): Promise<Record<string, unknown>> {
  return call(transport, ref, {}, options);
}

/** YAML as `kubectl get -o yaml` shows it, minus `managedFields` (noise for learners). */
export function toDisplayYaml(object: Record<string, unknown>, resource: ResourceKind): string {
  const metadata = { ...((object.metadata as Record<string, unknown> | undefined) ?? {}) };
  delete metadata.managedFields;
  const shown = { apiVersion: object.apiVersion ?? apiVersionOf(resource), kind: object.kind ?? resource.kind, ...object, metadata };
  return yaml().dump(shown, { noRefs: true, lineWidth: 120, sortKeys: false });
}

export async function deleteObject(transport: KubeTransport, ref: ObjectRef, options: CallOptions = {}): Promise<void> {
  await call(transport, ref, { method: 'DELETE', body: JSON.stringify({ propagationPolicy: 'Background' }) }, options);
}

export async function scaleObject(transport: KubeTransport, ref: ObjectRef, replicas: number, options: CallOptions = {}): Promise<void> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new Error(`Replicas must be a whole number ≥ 0, not ${replicas}`);
  await call(
    transport,
    ref,
    { method: 'PATCH', suffix: '/scale', body: JSON.stringify({ spec: { replicas } }), contentType: 'application/merge-patch+json' },
    options,
  );
}

/** What `kubectl rollout restart` does: a new annotation on the pod template starts a rollout. */
export async function restartRollout(transport: KubeTransport, ref: ObjectRef, now: Date = new Date(), options: CallOptions = {}): Promise<void> {
  const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } } };
  await call(transport, ref, { method: 'PATCH', body: JSON.stringify(patch), contentType: 'application/strategic-merge-patch+json' }, options);
}
