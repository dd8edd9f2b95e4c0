// The command line of a safe fix, as shown on its button and typed or run, byte for byte. Only
// plain words pass (names, flags, `kind/name`): nothing a shell could read otherwise, so the
// line means the same in every shell and needs no quoting.
import type { SafeFix } from './types';

const PLAIN = /^[A-Za-z0-9][\w.:/=@,-]*$/;

export function fixArgs(fix: SafeFix, namespace: string | undefined): string[] | undefined {
  const args = [...fix.args, ...(namespace ? ['--namespace', namespace] : [])];
  return args.every((a) => PLAIN.test(a) || /^--?[a-z][\w-]*(=[\w.-]+)?$/.test(a)) ? args : undefined;
}

export function fixLine(fix: SafeFix, namespace: string | undefined): string | undefined {
  const args = fixArgs(fix, namespace);
  return args && ['kubectl', ...args].join(' ');
}
