// ErrImagePull / ImagePullBackOff / InvalidImageName: the kubelet could not get the image.
import { describeFix } from './podFixes';
import { clip, containerStatuses, eventsAbout, lastEvent, nameOf, text } from './read';
import type { Diagnosis, StepEvidence } from './types';

const PULL_REASONS = ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull'];

/** Why a pull fails, from the runtime's message. */
function pullCause(message: string): { why: string; next: string } {
  if (/unauthorized|denied|authentication required|pull access denied|forbidden/i.test(message))
    return { why: 'the registry refused to give it without credentials', next: 'Check that the repository is public, or add an image pull secret to the pod spec.' };
  if (/no such host|dial tcp|i\/o timeout|connection refused|TLS handshake|server misbehaving/i.test(message))
    return { why: 'the node could not reach the registry', next: 'Check the registry host name in the image, and that the nodes can reach it.' };
  if (/invalid reference format|InvalidImageName|couldn't parse image/i.test(message))
    return { why: 'the image name is not a valid reference', next: 'Fix the image name: lower case, `name:tag` or `registry/name:tag`.' };
  return { why: 'the registry has no image by that name and tag', next: 'Check the spelling of the image name and its tag (for example on the registry\'s page), then apply the fixed image.' };
}

export function imagePulls(evidence: StepEvidence): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const pod of evidence.pods) {
    for (const cs of containerStatuses(pod)) {
      const reason = text(cs, 'state', 'waiting', 'reason');
      if (!reason || !PULL_REASONS.includes(reason)) continue;
      const image = text(cs, 'image') ?? '?';
      const name = nameOf(pod);
      const event = lastEvent(eventsAbout(evidence.events, 'Pod', name), ['Failed', 'InspectFailed'], /^(?!Error: \w+$).*(pull|image)/i);
      const message = text(event, 'message') ?? text(cs, 'state', 'waiting', 'message') ?? reason;
      const { why, next } = pullCause(message);
      out.push({
        reason,
        cause: `The image "${image}" of container ${text(cs, 'name') ?? '?'} cannot be pulled: ${why}.`,
        evidence: [{ object: `pod/${name}`, text: clip(`${reason}: ${message}`) }],
        next,
        fixes: [describeFix(`pod/${name}`)],
        terms: [reason, 'ErrImagePull', 'ImagePullBackOff', 'pull image', 'image'],
      });
      return out;
    }
  }
  return out;
}
