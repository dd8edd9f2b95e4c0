// Actions on one object through the API: read (for YAML), delete, scale, restart.
import * as yaml from 'js-yaml';
import { apiVersionOf, objectPath, type ResourceKind } from './resources';
import { requestJson, type KubeTransport } from './transport';

export interface ObjectRef {
  readonly resource: ResourceKind;
  readonly name: string;
  readonly namespace?: string;
}

export function getObject(transport: KubeTransport, ref: ObjectRef): Promise<Record<string, unknown>> {
  return requestJson(transport, { path: objectPath(ref.resource, ref.name, ref.namespace) }, `${ref.resource.kind} ${ref.name}`);
}

/** YAML as `kubectl get -o yaml` shows it, minus `managedFields` (noise for learners). */
export function toDisplayYaml(object: Record<string, unknown>, resource: ResourceKind): string {
  const metadata = { ...((object.metadata as Record<string, unknown> | undefined) ?? {}) };
  delete metadata.managedFields;
  const shown = { apiVersion: object.apiVersion ?? apiVersionOf(resource), kind: object.kind ?? resource.kind, ...object, metadata };
  return yaml.dump(shown, { noRefs: true, lineWidth: 120, sortKeys: false });
}

export async function deleteObject(transport: KubeTransport, ref: ObjectRef): Promise<void> {
  await requestJson(
    transport,
    { method: 'DELETE', path: objectPath(ref.resource, ref.name, ref.namespace), body: JSON.stringify({ propagationPolicy: 'Background' }) },
    `${ref.resource.kind} ${ref.name}`,
  );
}

export async function scaleObject(transport: KubeTransport, ref: ObjectRef, replicas: number): Promise<void> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new Error(`Replicas must be a whole number ≥ 0, not ${replicas}`);
  await requestJson(
    transport,
    {
      method: 'PATCH',
      path: `${objectPath(ref.resource, ref.name, ref.namespace)}/scale`,
      body: JSON.stringify({ spec: { replicas } }),
      contentType: 'application/merge-patch+json',
    },
    `${ref.resource.kind} ${ref.name}`,
  );
}

/** What `kubectl rollout restart` does: a new annotation on the pod template starts a rollout. */
export async function restartRollout(transport: KubeTransport, ref: ObjectRef, now: Date = new Date()): Promise<void> {
  const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } } };
  await requestJson(
    transport,
    {
      method: 'PATCH',
      path: objectPath(ref.resource, ref.name, ref.namespace),
      body: JSON.stringify(patch),
      contentType: 'application/strategic-merge-patch+json',
    },
    `${ref.resource.kind} ${ref.name}`,
  );
}
