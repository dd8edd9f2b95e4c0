// "Reset This Chapter": what the chapter's steps made in the cluster, removed; what they changed,
// put back where the course says what it was before. Objects of earlier chapters are never
// removed, and nothing outside the namespaces the course uses is touched.
import type { CourseStep } from '../courseSteps';
import { kubectlInvocations, resourceArgs, writesOf, type KubectlInvocation } from '../../lab/kubectlCommand';
import { kubectlKind } from '../../lab/resourceRefs';
import { manifestObjects } from '../../lab/manifests';
import { simpleCommands } from '../../lab/shellWords';

/** What the step effects recorded for a step: objects it created, changed or deleted. */
export interface RecordedChange {
  /** Kind as kubectl prints it, lower case (`deployment`). */
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly change: 'created' | 'changed' | 'deleted';
}

export interface ResetAction {
  readonly command: string;
  readonly why: string;
  /** The course step whose doing it undoes. */
  readonly stableKey: string;
}

export interface ResetPlan {
  readonly chapterIndex: number;
  readonly actions: readonly ResetAction[];
  /** What the chapter did that this reset does not undo, one line each. */
  readonly notUndone: readonly string[];
}

export interface ResetOptions {
  /** The namespace of the current context. */
  readonly namespace: string;
  /** Changes recorded for a course step, by its stable key. */
  readonly recorded?: (stableKey: string) => readonly RecordedChange[] | undefined;
}

const CLUSTER_SCOPED = new Set(['namespace', 'node', 'clusterrole', 'clusterrolebinding', 'persistentvolume', 'storageclass', 'customresourcedefinition']);
/** Objects that belong to another one (a Deployment's ReplicaSets and Pods): removing the owner removes them. */
const OWNED_KINDS = new Set(['replicaset', 'endpoints', 'endpointslice', 'event', 'controllerrevision']);

interface ObjectState {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  createdIn?: number;
  createdBy?: string;
  replicas?: number;
  readonly images: Map<string, string>;
  readonly labels: Map<string, string>;
  readonly annotations: Map<string, string>;
}

/** The object state that matters for a reset, as the course leaves it after each step. */
class CourseModel {
  readonly objects = new Map<string, ObjectState>();
  readonly namespaces: Set<string>;
  readonly helmReleases = new Map<string, { chapter: number; namespace?: string; stableKey: string }>();

  constructor(readonly defaultNamespace: string) {
    this.namespaces = new Set([defaultNamespace]);
  }

  key(kind: string, name: string, namespace: string | undefined): string {
    return CLUSTER_SCOPED.has(kind) ? `${kind}/${name}` : `${kind}/${namespace ?? this.defaultNamespace}/${name}`;
  }

  object(kind: string, name: string, namespace: string | undefined): ObjectState {
    const key = this.key(kind, name, namespace);
    let state = this.objects.get(key);
    if (!state) {
      const ns = CLUSTER_SCOPED.has(kind) ? undefined : (namespace ?? this.defaultNamespace);
      state = { kind, name, namespace: ns, images: new Map(), labels: new Map(), annotations: new Map() };
      this.objects.set(key, state);
    }
    return state;
  }
}

function clone(state: ObjectState): ObjectState {
  return { ...state, images: new Map(state.images), labels: new Map(state.labels), annotations: new Map(state.annotations) };
}

/** `nginx:1.25` and `registry/app@sha256:...` -> `nginx`, `app`: the container name kubectl create gives. */
function containerNameOf(image: string): string {
  return image.replace(/[@:][^/]*$/, '').replace(/^.*\//, '');
}

/** Applies one kubectl invocation of chapter `chapter` to the model. */
function applyInvocation(model: CourseModel, invocation: KubectlInvocation, chapter: number, stableKey: string): void {
  const namespace = invocation.namespace;
  if (namespace) model.namespaces.add(namespace);
  const writes = writesOf(invocation);
  const created = (kind: string, name: string, ns = namespace) => {
    const state = model.object(kind, name, ns);
    if (state.createdIn === undefined) {
      state.createdIn = chapter;
      state.createdBy = stableKey;
    }
    if (kind === 'namespace') model.namespaces.add(name);
    return state;
  };
  if (writes.stdin !== undefined && invocation.verb !== 'delete') {
    for (const object of manifestObjects(writes.stdin)) {
      const kind = kubectlKind(object.kind);
      if (kind && object.name) created(kind, object.name, object.namespace ?? namespace);
    }
  }
  for (const target of writes.targets) {
    for (const name of target.names ?? []) {
      if (target.action === 'create') {
        const state = created(target.kind, name);
        const image = invocation.flags.get('image')?.at(-1);
        if (image) state.images.set(target.kind === 'pod' ? name : containerNameOf(image), image);
        const replicas = Number(invocation.flags.get('replicas')?.at(-1) ?? (target.kind === 'deployment' ? 1 : NaN));
        if (Number.isInteger(replicas)) state.replicas = replicas;
      } else if (target.action === 'delete') {
        model.objects.delete(model.key(target.kind, name, namespace));
      }
    }
  }
  const verb = invocation.verb;
  if (verb === 'scale') {
    const count = Number(invocation.flags.get('replicas')?.at(-1));
    for (const { kind, names } of resourceArgs(invocation.args)) for (const name of names) if (Number.isInteger(count)) model.object(kind, name, namespace).replicas = count;
  } else if (verb === 'set' && invocation.args[0] === 'image') {
    const refs = resourceArgs(invocation.args.slice(1));
    const pairs = invocation.args.filter((arg) => /^[^=/]+=.+/.test(arg)).map((arg) => arg.split('=', 2) as [string, string]);
    for (const { kind, names } of refs) for (const name of names) for (const [container, image] of pairs) model.object(kind, name, namespace).images.set(container, image);
  } else if (verb === 'label' || verb === 'annotate') {
    const pairs = invocation.args.filter((arg) => /^[\w./-]+(=.*|-)$/.test(arg) && !arg.startsWith('-'));
    for (const { kind, names } of resourceArgs(invocation.args)) {
      for (const name of names) {
        const map = verb === 'label' ? model.object(kind, name, namespace).labels : model.object(kind, name, namespace).annotations;
        for (const pair of pairs) {
          if (pair.endsWith('-') && !pair.includes('=')) map.delete(pair.slice(0, -1));
          else map.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
        }
      }
    }
  }
}

/** The helm release a command installs (`helm install NAME CHART`, `helm upgrade --install NAME CHART`). */
function helmRelease(words: readonly string[]): { name: string; namespace?: string } | undefined {
  const verb = words[1];
  const installs = verb === 'install' || (verb === 'upgrade' && words.some((w) => w === '--install' || w === '-i'));
  if (words[0] !== 'helm' || !installs) return undefined;
  const positional: string[] = [];
  let namespace: string | undefined;
  for (let i = 2; i < words.length; i++) {
    const word = words[i];
    if (word === '--namespace' || word === '-n') namespace = words[++i];
    else if (word.startsWith('--namespace=')) namespace = word.slice('--namespace='.length);
    else if (/^--(?:set|values|version|repo|set-string|set-file|timeout|description)$|^-f$/.test(word)) i++;
    else if (!word.startsWith('-')) positional.push(word);
  }
  return positional[0] && !positional[0].includes('$') ? { name: positional[0], namespace } : undefined;
}

function namespaceFlag(state: { kind: string; namespace?: string }): string {
  return CLUSTER_SCOPED.has(state.kind) || !state.namespace ? '' : ` -n ${state.namespace}`;
}

/** The reset of `chapterIndex`: undo, in reverse order, what its steps made and changed. */
export function planChapterReset(steps: readonly CourseStep[], chapterIndex: number, options: ResetOptions): ResetPlan {
  const model = new CourseModel(options.namespace);
  let before: Map<string, ObjectState> | undefined;
  const notUndone: string[] = [];
  const recordedCreates: { change: RecordedChange; stableKey: string }[] = [];
  for (const step of steps) {
    if (step.chapterIndex > chapterIndex) break;
    if (step.chapterIndex === chapterIndex && !before) before = new Map([...model.objects].map(([key, state]) => [key, clone(state)]));
    const inChapter = step.chapterIndex === chapterIndex;
    for (const planned of step.steps) {
      if (planned.kind !== 'run') continue;
      for (const command of planned.commands) {
        for (const simple of simpleCommands(command)) {
          const release = helmRelease(simple.words);
          if (release && !model.helmReleases.has(release.name)) model.helmReleases.set(release.name, { chapter: step.chapterIndex, namespace: release.namespace, stableKey: step.stableKey });
        }
        for (const invocation of kubectlInvocations(command)) {
          if (invocation.context || invocation.allNamespaces) continue;
          const writes = writesOf(invocation);
          if (inChapter && (writes.files.length || invocation.flags.has('kustomize')) && invocation.verb !== 'delete' && !options.recorded?.(step.stableKey)) {
            notUndone.push(`${command.split('\n', 1)[0]}: what it made was not recorded (run the step in the reader to record it)`);
          }
          if (inChapter && invocation.verb === 'delete') {
            for (const target of writes.targets) for (const name of target.names ?? []) {
              if (model.objects.has(model.key(target.kind, name, invocation.namespace))) notUndone.push(`${target.kind}/${name} was deleted by this chapter: a reset does not bring it back`);
            }
          }
          if (inChapter && (invocation.verb === 'patch' || invocation.verb === 'edit' || invocation.verb === 'replace' || (invocation.verb === 'rollout' && invocation.args[0] === 'undo'))) {
            notUndone.push(`${command.split('\n', 1)[0]}: the earlier state is not known`);
          }
          applyInvocation(model, invocation, step.chapterIndex, step.stableKey);
        }
      }
      if (inChapter) for (const change of options.recorded?.(step.stableKey) ?? []) if (change.change === 'created') recordedCreates.push({ change, stableKey: step.stableKey });
    }
  }
  const earlier = before ?? new Map<string, ObjectState>();
  const actions: ResetAction[] = [];
  const removed = new Set<string>();
  const remove = (state: { kind: string; name: string; namespace?: string }, stableKey: string, why: string) => {
    const key = model.key(state.kind, state.name, state.namespace);
    if (removed.has(key) || earlier.has(key) || OWNED_KINDS.has(state.kind)) return;
    if (!CLUSTER_SCOPED.has(state.kind) && !model.namespaces.has(state.namespace ?? options.namespace)) return;
    removed.add(key);
    actions.push({ command: `kubectl delete ${state.kind} ${state.name}${namespaceFlag(state)} --ignore-not-found`, why, stableKey });
  };
  for (const { change, stableKey } of recordedCreates) remove({ ...change, namespace: CLUSTER_SCOPED.has(change.kind) ? undefined : (change.namespace ?? options.namespace) }, stableKey, 'recorded when the step ran');
  for (const state of [...model.objects.values()].reverse()) {
    if (state.createdIn === chapterIndex) remove(state, state.createdBy!, 'made by this chapter');
  }
  for (const [key, old] of earlier) {
    const now = model.objects.get(key);
    if (!now) continue;
    const ns = namespaceFlag(old);
    const where = `${old.kind}/${old.name}`;
    if (now.replicas !== old.replicas) {
      if (old.replicas !== undefined) actions.push({ command: `kubectl scale ${where}${ns} --replicas=${old.replicas}`, why: `back to ${old.replicas} replica(s)`, stableKey: old.createdBy ?? '' });
      else notUndone.push(`${where}: its earlier replica count is not known`);
    }
    for (const [container, image] of now.images) {
      const was = old.images.get(container);
      if (was === image) continue;
      if (was) actions.push({ command: `kubectl set image ${where}${ns} ${container}=${was}`, why: `back to image ${was}`, stableKey: old.createdBy ?? '' });
      else notUndone.push(`${where}: the earlier image of ${container} is not known`);
    }
    for (const [verb, oldMap, newMap] of [['label', old.labels, now.labels], ['annotate', old.annotations, now.annotations]] as const) {
      const undo: string[] = [];
      for (const [k, v] of newMap) if (oldMap.get(k) !== v) undo.push(oldMap.has(k) ? `${k}=${oldMap.get(k)}` : `${k}-`);
      for (const [k, v] of oldMap) if (!newMap.has(k)) undo.push(`${k}=${v}`);
      if (undo.length) actions.push({ command: `kubectl ${verb} ${where}${ns} ${undo.join(' ')} --overwrite`, why: `${verb === 'label' ? 'labels' : 'annotations'} as before`, stableKey: old.createdBy ?? '' });
    }
  }
  for (const [name, release] of model.helmReleases) {
    if (release.chapter !== chapterIndex) continue;
    const ns = release.namespace ?? options.namespace;
    if (!model.namespaces.has(ns) && release.namespace === undefined) continue;
    actions.unshift({ command: `helm uninstall ${name} --namespace ${ns}`, why: 'a Helm release made by this chapter', stableKey: release.stableKey });
  }
  // Namespaces last: what is in them goes first, with its own message.
  actions.sort((a, b) => Number(/^kubectl delete namespace /.test(a.command)) - Number(/^kubectl delete namespace /.test(b.command)));
  return { chapterIndex, actions, notUndone: [...new Set(notUndone)] };
}
