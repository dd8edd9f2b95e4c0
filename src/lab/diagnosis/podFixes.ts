// The safe commands a pod diagnosis offers: they only read (describe, logs).
import type { SafeFix } from './types';

export function describeFix(resource: string): SafeFix {
  return { label: `Describe ${resource}`, args: ['describe', resource], then: 'terminal' };
}

export function previousLogsFix(pod: string, container: string): SafeFix {
  return { label: `Logs of the previous run of ${container}`, args: ['logs', '--previous', `pod/${pod}`, '-c', container, '--tail=50'], then: 'terminal' };
}
