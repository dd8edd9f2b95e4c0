// Deciding, before running it, that a change of "Start This Chapter" already holds; and reading a
// change's failure that means it held already (AlreadyExists, NotFound on a delete).
import type { HoldCheck } from './commandRole';
import type { StartCommand } from './startPlan';

/** What the glue observed of one object: undefined when it is not there. */
export interface ObservedObject {
  readonly replicas?: number;
}

/** The objects the plan's checks name, to look up in the cluster before it runs. */
export interface ObjectRef {
  readonly resource: string;
  readonly name: string;
  readonly namespace?: string;
}

/** The cluster (and the learner's files) as seen once, before the plan runs. */
export interface Snapshot {
  object(ref: ObjectRef): ObservedObject | undefined;
  path(path: string): boolean;
}

export interface RunDecision {
  readonly entry: StartCommand;
  /** False: it holds already (`because` says how). Manual entries are never run here. */
  readonly run: boolean;
  readonly because?: string;
}

/** Every object a check of the plan names, once each. */
export function objectsToLook(commands: readonly StartCommand[]): ObjectRef[] {
  const seen = new Map<string, ObjectRef>();
  for (const entry of commands) {
    for (const check of entry.holds) {
      if (check.kind === 'path') continue;
      const ref = { resource: check.resource, name: check.name, namespace: check.namespace };
      seen.set(refKey(ref), ref);
    }
  }
  return [...seen.values()];
}

/** One key per object (kind, namespace, name): the snapshot's and the planner's. */
export function refKey(ref: ObjectRef): string {
  return `${ref.resource}/${ref.namespace ?? ''}/${ref.name}`;
}

/**
 * Which commands to run: a change whose checks all hold is skipped. The snapshot is taken once;
 * each command's own doing is then played forward on a copy of it, so a later check sees what
 * an earlier command of the plan will have made (a create, then a scale of the same object).
 */
export function decideRuns(commands: readonly StartCommand[], snapshot: Snapshot): RunDecision[] {
  const objects = new Map<string, ObservedObject | undefined>();
  const paths = new Map<string, boolean>();
  const object = (ref: ObjectRef) => (objects.has(refKey(ref)) ? objects.get(refKey(ref)) : snapshot.object(ref));
  const path = (p: string) => paths.get(p) ?? snapshot.path(p);
  const holds = (check: HoldCheck): boolean => {
    switch (check.kind) {
      case 'path': return path(check.path);
      case 'exists': return object(check) !== undefined;
      case 'absent': return object(check) === undefined;
      case 'replicas': return object(check)?.replicas === check.count;
    }
  };
  const playForward = (check: HoldCheck) => {
    if (check.kind === 'path') paths.set(check.path, true);
    else if (check.kind === 'exists') objects.set(refKey(check), object(check) ?? { replicas: check.resource === 'deployment' ? 1 : undefined });
    else if (check.kind === 'absent') objects.set(refKey(check), undefined);
    else objects.set(refKey(check), { ...object(check), replicas: check.count });
  };
  return commands.map((entry) => {
    if (entry.role === 'manual') return { entry, run: false, because: entry.why };
    const held = entry.role === 'change' && entry.holds.length > 0 && entry.holds.every(holds);
    entry.holds.forEach(playForward);
    return held ? { entry, run: false, because: describeHeld(entry.holds) } : { entry, run: true };
  });
}

function describeHeld(checks: readonly HoldCheck[]): string {
  return checks.map((check) => {
    switch (check.kind) {
      case 'path': return `${check.path} is there`;
      case 'exists': return `${check.resource}/${check.name} exists`;
      case 'absent': return `${check.resource}/${check.name} is gone`;
      case 'replicas': return `${check.resource}/${check.name} has ${check.count} replica(s)`;
    }
  }).join(', ');
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
