// Deciding, without running it, that a change of "Start This Chapter" already holds; and reading a
// change's failure that means it held already (AlreadyExists, NotFound on a delete).
import type { HoldCheck } from './commandRole';
import type { StartCommand } from './startPlan';

/** What the glue observed of one object: undefined when it is not there. */
export interface ObservedObject {
  readonly replicas?: number;
}

/** Looks one object up in the cluster (`resource` as kubectl prints kinds: `deployment`). */
export type ObjectLookup = (resource: string, name: string, namespace: string | undefined) => Promise<ObservedObject | undefined>;
export type PathLookup = (path: string) => Promise<boolean>;

export interface HoldLookups {
  readonly object: ObjectLookup;
  readonly path: PathLookup;
}

/** True when every check of the command holds; a command with no checks is always run. */
export async function alreadyHolds(entry: StartCommand, lookups: HoldLookups): Promise<boolean> {
  if (entry.role !== 'change' || entry.holds.length === 0) return false;
  for (const check of entry.holds) if (!(await holds(check, lookups))) return false;
  return true;
}

async function holds(check: HoldCheck, lookups: HoldLookups): Promise<boolean> {
  switch (check.kind) {
    case 'path':
      return lookups.path(check.path);
    case 'exists':
      return (await lookups.object(check.resource, check.name, check.namespace)) !== undefined;
    case 'absent':
      return (await lookups.object(check.resource, check.name, check.namespace)) === undefined;
    case 'replicas':
      return (await lookups.object(check.resource, check.name, check.namespace))?.replicas === check.count;
  }
}

/**
 * kubectl's answers that mean "this already holds", for a command that ended with a failure.
 * Each names the re-run it makes harmless.
 */
const ALREADY_DONE: readonly { pattern: RegExp; means: string }[] = [
  { pattern: /\(AlreadyExists\)|already exists/, means: 'it exists already' },
  { pattern: /Error from server \(NotFound\)/, means: 'it is gone already' },
  { pattern: /already has a value .*--overwrite is false/, means: 'the label or annotation is set already' },
  { pattern: /already has .*taint\(s\) with same effect/, means: 'the taint is set already' },
  { pattern: /cannot re-use a name that is still in use/, means: 'the Helm release exists already' },
  { pattern: /destination path .* already exists and is not an empty directory/, means: 'the clone is there already' },
];

/** Why a failed change counts as done (for a create, delete, label, helm install, git clone), or undefined. */
export function failureMeansDone(entry: StartCommand, exitCode: number | undefined, output: string): string | undefined {
  if (entry.role !== 'change' || exitCode === 0) return undefined;
  const tail = output.slice(-4000);
  const deletes = entry.holds.some((check) => check.kind === 'absent') || /\bkubectl\b.*\sdelete\s/.test(entry.command);
  for (const { pattern, means } of ALREADY_DONE) {
    if (!pattern.test(tail)) continue;
    if (means === 'it is gone already' && !deletes) continue;
    return means;
  }
  return undefined;
}
