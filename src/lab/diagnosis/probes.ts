// Readiness and liveness probe failures, from the kubelet's Unhealthy events.
import { describeFix } from './podFixes';
import { clip, eventsAbout, nameOf, text } from './read';
import type { Diagnosis, StepEvidence } from './types';

export function probes(evidence: StepEvidence): Diagnosis[] {
  for (const pod of evidence.pods) {
    const name = nameOf(pod);
    const unhealthy = eventsAbout(evidence.events, 'Pod', name).filter((e) => text(e, 'reason') === 'Unhealthy');
    const event = [...unhealthy].reverse().find((e) => /^Liveness/.test(text(e, 'message') ?? '')) ?? unhealthy.at(-1);
    if (!event) continue;
    const message = text(event, 'message') ?? '';
    const liveness = /^Liveness/.test(message);
    return [{
      reason: liveness ? 'LivenessProbeFailed' : 'ReadinessProbeFailed',
      cause: liveness
        ? 'The liveness probe fails, so the kubelet restarts the container again and again.'
        : 'The readiness probe fails, so the pod gets no traffic from its services.',
      evidence: [{ object: `pod/${name}`, text: clip(`Unhealthy: ${message}`) }],
      next: 'Check the probe\'s port, path and delays against what the container really serves, and how long it takes to start.',
      fixes: [describeFix(`pod/${name}`)],
      terms: [liveness ? 'livenessProbe' : 'readinessProbe', liveness ? 'liveness probe' : 'readiness probe', 'probe', 'healthcheck'],
    }];
  }
  return [];
}
