// Reads what a diagnosis needs from the API, bounded: the pods of the objects a step touched
// (through their owner chains), the claims they mount, the namespace's events about those, and
// the last lines of the previous run of at most two crashing containers. Nothing else is read.
import { collectionPath, objectPath, requireKind } from '../../cluster/resources';
import { requestJson, type KubeTransport } from '../../cluster/transport';
import { claimNames, crashingContainers, podsOfResources } from '../../lab/diagnosis/ownerChain';
import { list, nameOf, text } from '../../lab/diagnosis/read';
import type { ApiObject } from '../../lab/diagnosis/types';

const TIMEOUT_MS = 10_000;
const MAX_LIST = 500;
const LOG_LINES = 20;
const LOG_BYTES = 8192;

export interface ClusterEvidence {
  readonly pods: ApiObject[];
  readonly claims: ApiObject[];
  readonly events: ApiObject[];
  readonly logs: Record<string, string[]>;
}

async function items(transport: KubeTransport, id: string, namespace: string): Promise<ApiObject[]> {
  const path = collectionPath(requireKind(id), namespace);
  const answer = await requestJson(transport, { path, query: { limit: MAX_LIST } }, path, { timeoutMs: TIMEOUT_MS });
  return list(answer, 'items');
}

/** The previous run's last lines, or none (the container may never have run before). */
async function previousLogs(transport: KubeTransport, namespace: string, pod: string, container: string): Promise<string[]> {
  const path = `${objectPath(requireKind('pod'), pod, namespace)}/log`;
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  const response = await transport.request({ path, query: { previous: true, container, tailLines: LOG_LINES, limitBytes: LOG_BYTES }, accept: '*/*', signal });
  if (response.status !== 200) return [];
  return (await response.text()).slice(-LOG_BYTES).split('\n').filter(Boolean).slice(-LOG_LINES);
}

export async function gatherClusterEvidence(transport: KubeTransport, namespace: string, resources: readonly string[]): Promise<ClusterEvidence> {
  const [replicaSets, allPods, allClaims, allEvents] = await Promise.all(
    ['replicaset', 'pod', 'pvc', 'event'].map((id) => items(transport, id, namespace).catch(() => [] as ApiObject[])),
  );
  const pods = podsOfResources(resources, replicaSets, allPods);
  const wanted = new Set(claimNames(resources, pods));
  const claims = allClaims.filter((c) => wanted.has(nameOf(c)));
  const subjects = new Set([...pods.map((p) => `Pod/${nameOf(p)}`), ...claims.map((c) => `PersistentVolumeClaim/${nameOf(c)}`)]);
  const events = allEvents.filter((e) => subjects.has(`${text(e, 'involvedObject', 'kind')}/${text(e, 'involvedObject', 'name')}`));
  const logs: Record<string, string[]> = {};
  for (const { pod, container } of crashingContainers(pods)) {
    logs[`${pod}/${container}`] = await previousLogs(transport, namespace, pod, container).catch(() => []);
  }
  return { pods, claims, events, logs };
}
