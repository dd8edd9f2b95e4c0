// FailedScheduling (no node fits the pod) and claims left Pending (no volume, no StorageClass).
import { describeFix } from './podFixes';
import { clip, eventsAbout, field, lastEvent, list, nameOf, text } from './read';
import type { Diagnosis, StepEvidence } from './types';

/** The scheduler's message says which filter left no node; the first that matches explains it. */
const FILTERS: readonly { test: RegExp; why: string; next: string; terms: string[] }[] = [
  {
    test: /didn't match Pod's node affinity\/selector|node\(s\) didn't match node selector/,
    why: 'its nodeSelector (or node affinity) matches no node\'s labels',
    next: 'Compare the pod\'s nodeSelector with the labels of the nodes (kubectl get nodes --show-labels): fix the selector, or label a node.',
    terms: ['nodeSelector', 'node affinity', 'labels'],
  },
  {
    test: /untolerated taint|had taint|node\(s\) had .*taint/,
    why: 'the nodes have taints the pod does not tolerate',
    next: 'Add a matching toleration to the pod, or remove the taint from a node (kubectl describe node shows its taints).',
    terms: ['taint', 'toleration'],
  },
  {
    test: /Insufficient (cpu|memory|ephemeral-storage|pods)/,
    why: 'no node has enough free CPU or memory for its requests',
    next: 'Lower the pod\'s resources.requests, scale something else down, or add a node.',
    terms: ['Insufficient', 'requests', 'resources'],
  },
  {
    test: /unbound immediate PersistentVolumeClaims|pod has unbound|persistentvolumeclaim "[^"]*" not found/i,
    why: 'a PersistentVolumeClaim it mounts is not bound to a volume',
    next: 'Look at the claim: it needs a matching PersistentVolume or a StorageClass that provisions one.',
    terms: ['PersistentVolumeClaim', 'unbound', 'StorageClass'],
  },
];

function unschedulable(pod: Readonly<Record<string, unknown>>): string | undefined {
  const condition = list(pod, 'status', 'conditions').find((c) => text(c, 'type') === 'PodScheduled' && text(c, 'status') === 'False');
  return condition ? (text(condition, 'message') ?? text(condition, 'reason') ?? 'Unschedulable') : undefined;
}

export function scheduling(evidence: StepEvidence): Diagnosis[] {
  for (const pod of evidence.pods) {
    const name = nameOf(pod);
    const event = lastEvent(eventsAbout(evidence.events, 'Pod', name), ['FailedScheduling']);
    const message = text(event, 'message') ?? unschedulable(pod);
    if (!message || field(pod, 'spec', 'nodeName')) continue;
    const filter = FILTERS.find((f) => f.test.test(message));
    const selector = field(pod, 'spec', 'nodeSelector');
    const shown = selector && typeof selector === 'object' ? ` (nodeSelector ${JSON.stringify(selector)})` : '';
    return [{
      reason: 'FailedScheduling',
      cause: `The scheduler finds no node for pod ${name}: ${filter?.why ?? 'no node passes its filters'}.`,
      evidence: [{ object: `pod/${name}`, text: clip(`FailedScheduling: ${message}${filter === FILTERS[0] ? shown : ''}`) }],
      next: filter?.next ?? 'Read the scheduler\'s message: it counts the nodes each filter rejected.',
      fixes: [describeFix(`pod/${name}`)],
      terms: ['FailedScheduling', ...(filter?.terms ?? []), 'scheduler'],
    }];
  }
  return [];
}

export function pendingClaims(evidence: StepEvidence): Diagnosis[] {
  for (const claim of evidence.claims) {
    if (text(claim, 'status', 'phase') !== 'Pending') continue;
    const name = nameOf(claim);
    const event = lastEvent(eventsAbout(evidence.events, 'PersistentVolumeClaim', name), ['FailedBinding', 'ProvisioningFailed']);
    const storageClass = text(claim, 'spec', 'storageClassName');
    const noClass = storageClass === undefined || storageClass === '' || /no storage class is set/.test(text(event, 'message') ?? '');
    if (!noClass && !event) continue;
    return [{
      reason: noClass ? 'NoStorageClass' : 'ProvisioningFailed',
      cause: noClass
        ? `PersistentVolumeClaim ${name} names no StorageClass and the cluster has no default one, so no volume is made for it.`
        : `The StorageClass "${storageClass}" could not make a volume for PersistentVolumeClaim ${name}.`,
      evidence: [{ object: `persistentvolumeclaim/${name}`, text: clip(event ? `${text(event, 'reason')}: ${text(event, 'message') ?? ''}` : 'Pending, no storageClassName') }],
      next: noClass
        ? 'Create a PersistentVolume that matches the claim, or install a StorageClass and mark it default (kubectl get storageclass).'
        : 'Read the provisioner\'s message; check the StorageClass\'s parameters.',
      fixes: [describeFix(`persistentvolumeclaim/${name}`)],
      terms: ['StorageClass', 'PersistentVolumeClaim', 'Pending', 'provision'],
    }];
  }
  return [];
}
