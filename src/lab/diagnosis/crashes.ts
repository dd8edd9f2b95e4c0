// CrashLoopBackOff and OOMKilled: the container starts, then ends; the kubelet restarts it.
import { describeFix, previousLogsFix } from './podFixes';
import { clip, containerStatuses, nameOf, num, text } from './read';
import type { Diagnosis, StepEvidence } from './types';

export function crashes(evidence: StepEvidence): Diagnosis[] {
  for (const pod of evidence.pods) {
    for (const cs of containerStatuses(pod)) {
      const waiting = text(cs, 'state', 'waiting', 'reason');
      const last = text(cs, 'lastState', 'terminated', 'reason') ?? text(cs, 'state', 'terminated', 'reason');
      const exitCode = num(cs, 'lastState', 'terminated', 'exitCode') ?? num(cs, 'state', 'terminated', 'exitCode');
      if (waiting !== 'CrashLoopBackOff' && last !== 'OOMKilled') continue;
      const name = nameOf(pod);
      const container = text(cs, 'name') ?? '?';
      const restarts = num(cs, 'restartCount') ?? 0;
      const lines = evidence.logs[`${name}/${container}`] ?? [];
      const evidenceList = [{ object: `pod/${name}`, text: clip(`${waiting ?? 'Terminated'}: container ${container} ended with ${last ?? 'an error'}${exitCode !== undefined ? ` (exit code ${exitCode})` : ''}, ${restarts} restart${restarts === 1 ? '' : 's'}`) }];
      if (lines.length) evidenceList.push({ object: `pod/${name}`, text: clip(`last log lines: ${lines.slice(-5).join(' ⏎ ')}`) });
      const fixes = [previousLogsFix(name, container), describeFix(`pod/${name}`)];
      if (last === 'OOMKilled') {
        return [{
          reason: 'OOMKilled',
          cause: `Container ${container} used more memory than its limit allows, so the kernel killed it.`,
          evidence: evidenceList,
          next: 'Raise resources.limits.memory of the container, or make the program use less memory.',
          fixes,
          terms: ['OOMKilled', 'out of memory', 'memory limit', 'limits'],
        }];
      }
      return [{
        reason: 'CrashLoopBackOff',
        cause: `Container ${container} keeps exiting${exitCode !== undefined ? ` (exit code ${exitCode})` : ''}, and the kubelet waits longer before each restart.`,
        evidence: evidenceList,
        next: 'Read the logs of the previous run for the error; check the command, arguments and configuration the container gets.',
        fixes,
        terms: ['CrashLoopBackOff', 'restart', 'logs --previous', 'crash'],
      }];
    }
  }
  return [];
}
