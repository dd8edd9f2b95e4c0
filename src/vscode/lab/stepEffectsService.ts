// Glue between the exercises and the cluster: when a bash step runs, follow what it does to the
// current context (through the Cluster view's watch caches), tell the reader, mark a step whose
// objects fail as failed, and remember which step made which object (for the tree).
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ClusterState } from '../../cluster/clusterState';
import { StepEffectWatch } from '../../lab/effectWatch';
import type { StepEffect } from '../../lab/stepEffects';
import { filesToRead, locateLabFile, notCheckedText, outcomeOf } from '../../lab/labFiles';
import { planStep, stepFiles } from '../../lab/stepPlan';
import type { CourseLibrary, OpenCourse } from '../courseLibrary';
import type { ExerciseController } from '../exercises/exerciseController';
import { DisposableBase } from '../disposableBase';
import { createLabFileReader, readLabFiles } from './labFileReader';
import { labFileScope } from './labFileScope';

export interface EffectsChange {
  readonly courseId: string;
  /** Stable snippet key (`<file>:<line>`). */
  readonly key: string;
  readonly effects: readonly StepEffect[];
  /** Files the step applies that were not read, as written, with why (`outside the course: not checked`). */
  readonly unchecked: readonly { file: string; reason: string }[];
}

/** The course step that last created or changed an object. */
export interface Provenance {
  readonly courseId: string;
  readonly key: string;
  readonly slide: number;
  readonly chapter: string;
  readonly slideTitle: string;
  readonly command: string;
}

const MAX_FOLLOWED = 8;

type StepEnd = { status: string; exitCode: number | undefined };

export class StepEffectsService extends DisposableBase {
  private readonly emitter = new vscode.EventEmitter<EffectsChange>();
  readonly onDidChangeEffects = this.emitter.event;
  private readonly provenanceEmitter = new vscode.EventEmitter<void>();
  /** Fired when objects got a (new) course step; the tree shows it. */
  readonly onDidChangeProvenance = this.provenanceEmitter.event;
  private readonly watches = new Map<string, { watch: StepEffectWatch; commandOk: boolean | undefined; reported: boolean }>();
  private readonly latest = new Map<string, EffectsChange>();
  private readonly provenance = new Map<string, Provenance>();
  /** Steps whose files are being read; the end of the command, if it came meanwhile. */
  private readonly starting = new Map<string, { end?: StepEnd }>();
  /** Counts `stopAll`: a step whose files were still being read then is not followed. */
  private generation = 0;
  private readonly readFile = createLabFileReader();

  constructor(
    private readonly library: CourseLibrary,
    private readonly exercises: ExerciseController,
    private readonly cluster: ClusterState,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.own(
      this.emitter,
      this.provenanceEmitter,
      exercises.onDidChangeStatus((e) => this.onStatus(e.courseId, e.key, e.status, e.exitCode)),
      exercises.onDidResetProgress(({ courseId }) => this.forget(courseId)),
      library.onDidChange(() => this.stopAll()),
    );
    const stateListener = cluster.onDidChange(() => this.stopAll());
    this.onDispose(() => stateListener.dispose());
    // Last owned, first run: the watches stop before the listeners go.
    this.onDispose(() => this.stopAll());
  }

  /** The last known effects of each step of a course (for a reader that opens later). */
  effectsOf(courseId: string): EffectsChange[] {
    return [...this.latest.values()].filter((e) => e.courseId === courseId);
  }

  provenanceOf(kindId: string, namespace: string | undefined, name: string): Provenance | undefined {
    return this.provenance.get(objectKey(kindId, namespace, name));
  }

  private onStatus(courseId: string, key: string, status: string, exitCode: number | undefined): void {
    const id = `${courseId}\u0000${key}`;
    if (status === 'running') {
      void this.start(courseId, key, id);
      return;
    }
    const starting = this.starting.get(id);
    if (starting) starting.end ??= { status, exitCode };
    else this.ended(id, status, exitCode);
  }

  private ended(id: string, status: string, exitCode: number | undefined): void {
    const followed = this.watches.get(id);
    if (!followed || followed.commandOk !== undefined) return;
    followed.commandOk = status === 'succeeded' || (status === 'unknown' && exitCode === undefined);
    followed.watch.commandEnded();
    // Objects may have failed before the command was reported as ended.
    this.markIfFailed(id);
  }

  private async start(courseId: string, key: string, id: string): Promise<void> {
    this.watches.get(id)?.watch.dispose();
    this.watches.delete(id);
    const course = this.library.current();
    const ref = course.id === courseId ? course.index.snippetByStableKey(key) : undefined;
    const namespace = this.cluster.info?.namespace;
    if (!ref || ref.snippet.method !== 'bash' || !this.cluster.hub || !namespace) return;
    const pending = { end: undefined as StepEnd | undefined };
    const generation = this.generation;
    this.starting.set(id, pending);
    const { texts, unchecked } = await this.readStepFiles(course, key, stepFiles(ref.snippet.data));
    const superseded = this.starting.get(id) !== pending;
    if (!superseded) this.starting.delete(id);
    const hub = this.cluster.hub;
    // Ran again while its files were read: the later run follows it.
    if (superseded || generation !== this.generation || !hub || this.library.current().id !== courseId) return;
    this.watches.get(id)?.watch.dispose();
    const targets = planStep(ref.snippet.data, { namespace, readFile: (file) => texts.get(file) });
    if (targets.length === 0) return;
    const chapter = course.index.chapters[ref.chapterIndex]?.title ?? '';
    const command = ref.snippet.data.trim().split('\n')[0] ?? '';
    const watch = new StepEffectWatch(hub, targets, {
      onChange: (effects, settled) => this.report(id, { courseId, key, effects, unchecked }, settled, { courseId, key, slide: ref.slide.index, chapter, slideTitle: ref.slide.title, command }),
    });
    this.watches.set(id, { watch, commandOk: undefined, reported: false });
    while (this.watches.size > MAX_FOLLOWED) {
      const [oldest, entry] = this.watches.entries().next().value!;
      entry.watch.dispose();
      this.watches.delete(oldest);
    }
    // The files not read are said at once, before the cluster has anything to tell.
    if (unchecked.length) {
      const change = { courseId, key, effects: [], unchecked };
      this.latest.set(id, change);
      this.emitter.fire(change);
    }
    watch.start();
    this.log.info(`Lab: following ${targets.map((t) => `${t.resource.id}${t.names ? `/${t.names.join(',')}` : ''}`).join(' ')} for ${key}`);
    if (pending.end) this.ended(id, pending.end.status, pending.end.exitCode);
  }

  /** The texts of the files a step applies, by the path as written, and those not read (logged too). */
  private async readStepFiles(course: OpenCourse, key: string, written: readonly string[]): Promise<{ texts: Map<string, string>; unchecked: { file: string; reason: string }[] }> {
    const texts = new Map<string, string>();
    const unchecked: { file: string; reason: string }[] = [];
    // In Restricted Mode the course does not get to read files.
    if (!written.length || !vscode.workspace.isTrusted) return { texts, unchecked };
    const scope = labFileScope(course, os.homedir());
    const targets = written.flatMap((file) => locateLabFile(file, scope) ?? []);
    const read = await readLabFiles(this.readFile, filesToRead(targets), scope.roots);
    for (const target of targets) {
      const outcome = outcomeOf(target, read);
      if (outcome?.state === 'text') texts.set(target.written, outcome.text);
      else if (outcome?.state === 'refused') {
        unchecked.push({ file: target.written, reason: notCheckedText(outcome.reason) });
        this.log.info(`Lab: ${JSON.stringify(target.written)} (step ${key}): ${notCheckedText(outcome.reason)}`);
      }
    }
    return { texts, unchecked };
  }

  private report(id: string, change: EffectsChange, settled: boolean, origin: Provenance): void {
    this.latest.set(id, change);
    let marked = false;
    for (const e of change.effects) {
      if (e.change === 'deleted') continue;
      const objKey = objectKey(e.kindId, e.namespace, e.name);
      if (this.provenance.get(objKey)?.key !== origin.key) marked = true;
      this.provenance.set(objKey, origin);
    }
    if (marked) this.provenanceEmitter.fire();
    this.emitter.fire(change);
    this.markIfFailed(id);
    if (settled) this.watches.delete(id);
  }

  /** The command worked but what it made does not: that is what the learner needs to know. */
  private markIfFailed(id: string): void {
    const followed = this.watches.get(id);
    const change = this.latest.get(id);
    const failed = change?.effects.find((e) => e.health === 'failed');
    if (!followed || !change || !failed || !followed.commandOk || followed.reported) return;
    followed.reported = true;
    const ref = this.library.current().index.snippetByStableKey(change.key);
    const chapterKey = ref ? this.library.current().index.chapterKey(ref.chapterIndex) : '';
    this.exercises.markFailed(change.courseId, change.key, chapterKey, `${failed.resource}: ${failed.reason ?? failed.text}`);
  }

  private forget(courseId: string): void {
    for (const [id, change] of [...this.latest]) if (change.courseId === courseId) this.latest.delete(id);
  }

  private stopAll(): void {
    this.generation++;
    this.starting.clear();
    for (const { watch } of this.watches.values()) watch.dispose();
    this.watches.clear();
  }

}

function objectKey(kindId: string, namespace: string | undefined, name: string): string {
  return `${kindId}/${namespace ?? ''}/${name}`;
}
