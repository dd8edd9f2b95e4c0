// Glue of the diagnosis: when a step fails, or what it made turns unhealthy, gather the
// evidence (its output and exit status, then the cluster's, see diagnosisEvidence.ts), let
// src/lab/diagnosis say why, and keep the answer for the reader, the Run all summary and the
// Cluster view's tooltips.
import * as vscode from 'vscode';
import type { ClusterState } from '../../cluster/clusterState';
import { stepsCreating } from '../../lab/courseObjects';
import { diagnose } from '../../lab/diagnosis/diagnose';
import { fixLine } from '../../lab/diagnosis/fixLine';
import { teachingSlides, type SearchableSlide } from '../../lab/diagnosis/teach';
import type { Diagnosis } from '../../lab/diagnosis/types';
import { resourceOfKubectlKind } from '../../lab/stepPlan';
import type { DiagnosisView } from '../../protocol';
import type { CourseLibrary, OpenCourse } from '../courseLibrary';
import type { ExerciseController } from '../exercises/exerciseController';
import { gatherClusterEvidence } from './diagnosisEvidence';
import type { EffectsChange, StepEffectsService } from './stepEffectsService';

export interface DiagnosisChange {
  readonly courseId: string;
  /** Stable snippet key. */
  readonly key: string;
  readonly diagnoses: readonly DiagnosisView[];
}

interface Stored extends DiagnosisChange {
  readonly found: readonly Diagnosis[];
  readonly namespace: string | undefined;
  /** The objects it explains: the step's unhealthy objects and those of its evidence. */
  readonly objects: readonly string[];
}

const MAX_KEPT = 50;

type StepEnd = { exitCode?: number; output?: string };
type Unhealthy = { resource: string; reason?: string };

export class DiagnosisService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<DiagnosisChange>();
  readonly onDidChange = this.emitter.event;
  private readonly stored = new Map<string, Stored>();
  /** Per step: what the diagnosis is made from (the command's end, the unhealthy objects), and a counter that drops stale answers. */
  private readonly inputs = new Map<string, { step: StepEnd; unhealthy: Unhealthy[]; signature: string; run: number }>();
  private slides: { courseId: string; list: SearchableSlide[] } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly library: CourseLibrary,
    private readonly exercises: ExerciseController,
    private readonly effects: StepEffectsService,
    private readonly cluster: ClusterState,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.emitter,
      exercises.onDidChangeStatus((e) => {
        if (e.status === 'running') this.clear(e.courseId, e.key);
        // A step marked failed for its objects (no exit status) keeps the command's own end.
        else if (e.status === 'failed' && (e.exitCode !== undefined || !this.inputs.has(`${e.courseId}\u0000${e.key}`))) void this.update(e.courseId, e.key, { step: { exitCode: e.exitCode, output: exercises.outputOf(e.courseId, e.key) } });
        else if (e.status === 'succeeded') void this.update(e.courseId, e.key, { step: { exitCode: 0 } });
      }),
      effects.onDidChangeEffects((change) => void this.fromEffects(change)),
      exercises.onDidResetProgress(({ courseId }) => {
        for (const [id, s] of [...this.stored]) if (s.courseId === courseId) this.clear(s.courseId, s.key, id);
      }),
    );
  }

  diagnosesOf(courseId: string): DiagnosisChange[] {
    return [...this.stored.values()].filter((s) => s.courseId === courseId);
  }

  /** The diagnosis that explains `kind/name` (for the tree's tooltip). */
  about(kindId: string, namespace: string | undefined, name: string): Diagnosis | undefined {
    const kind = kindId === 'pvc' ? 'persistentvolumeclaim' : kindId;
    for (const s of [...this.stored.values()].reverse()) {
      if (s.namespace !== namespace || !s.objects.includes(`${kind}/${name}`)) continue;
      return s.found.find((d) => d.evidence.some((e) => e.object === `${kind}/${name}`)) ?? s.found[0];
    }
    return undefined;
  }

  /** One line per failed step of a Run all: `ImagePullBackOff: ...`. */
  summaryOf(courseId: string, key: string): string | undefined {
    const d = this.stored.get(`${courseId}\u0000${key}`)?.found[0];
    return d && `${d.reason}: ${d.cause}`;
  }

  /** The diagnosis's fix and its command line, as the reader showed it. */
  fix(courseId: string, key: string, reason: string, index: number): { fix: Diagnosis['fixes'][number]; line: string; namespace?: string } | undefined {
    const s = this.stored.get(`${courseId}\u0000${key}`);
    const fix = s?.found.find((d) => d.reason === reason)?.fixes[index];
    const line = fix && fixLine(fix, s?.namespace);
    return fix && line ? { fix, line, namespace: s?.namespace } : undefined;
  }

  private async fromEffects(change: EffectsChange): Promise<void> {
    const unhealthy = change.effects.filter((e) => e.health === 'failed' || (e.health === 'progressing' && e.reason));
    await this.update(change.courseId, change.key, { unhealthy: unhealthy.map((e) => ({ resource: e.resource, reason: e.reason })) });
  }

  private async update(courseId: string, key: string, change: { step?: StepEnd; unhealthy?: Unhealthy[] }): Promise<void> {
    const id = `${courseId}\u0000${key}`;
    const previous = this.inputs.get(id);
    const step = change.step ?? previous?.step ?? {};
    const unhealthy = change.unhealthy ?? previous?.unhealthy ?? [];
    const signature = JSON.stringify([step.exitCode, unhealthy]);
    if (previous?.signature === signature) return;
    const run = (previous?.run ?? 0) + 1;
    this.inputs.set(id, { step, unhealthy, signature, run });
    const course = this.library.current();
    const ref = course.id === courseId ? course.index.snippetByStableKey(key) : undefined;
    if (!ref) return;
    const namespace = this.cluster.info?.namespace;
    const session = this.cluster.session;
    const resources = unhealthy.map((u) => u.resource);
    let cluster = { pods: [], claims: [], events: [], logs: {} } as Awaited<ReturnType<typeof gatherClusterEvidence>>;
    if (resources.length && session && namespace) {
      try {
        cluster = await gatherClusterEvidence(session.transport(), namespace, resources);
      } catch (error) {
        this.log.info(`Diagnosis: could not read the evidence of ${key}: ${String(error)}`);
      }
    }
    if (this.inputs.get(id)?.run !== run) return;
    const found = diagnose({
      command: ref.snippet.data.trim().split('\n')[0] ?? '',
      exitCode: step.exitCode,
      output: step.output?.slice(-8000),
      namespace,
      unhealthy,
      ...cluster,
      createdByCourse: (resource, ns) => this.createdByCourse(courseId, resource, ns),
      stepCreating: (resource) => this.stepCreating(course, resource),
    });
    if (!found.length && !this.stored.has(id)) return;
    const objects = [...resources, ...found.flatMap((d) => d.evidence.map((e) => e.object))];
    const stored: Stored = { courseId, key, found, namespace, objects, diagnoses: found.map((d) => this.view(course, d, namespace)) };
    this.stored.delete(id);
    this.stored.set(id, stored);
    while (this.stored.size > MAX_KEPT) this.stored.delete(this.stored.keys().next().value!);
    this.log.info(`Diagnosis of ${key}: ${found.map((d) => d.reason).join(', ') || 'none'}`);
    this.emitter.fire(stored);
  }

  private view(course: OpenCourse, d: Diagnosis, namespace: string | undefined): DiagnosisView {
    return {
      reason: d.reason,
      cause: d.cause,
      evidence: d.evidence.map((e) => ({ ...e })),
      next: d.next,
      fixes: d.fixes.flatMap((f) => {
        const command = fixLine(f, namespace);
        return command ? [{ label: f.label, command }] : [];
      }),
      teach: teachingSlides(this.slidesOf(course), d.terms),
    };
  }

  private slidesOf(course: OpenCourse): SearchableSlide[] {
    if (this.slides?.courseId !== course.id) {
      const list = course.index.slides.filter(Boolean).map((s) => ({ index: s.index, title: s.title, text: s.increments.join('\n') }));
      this.slides = { courseId: course.id, list };
    }
    return this.slides.list;
  }

  private createdByCourse(courseId: string, resource: string, namespace: string | undefined): boolean {
    const [kind = '', name = ''] = resource.split('/');
    const kindId = resourceOfKubectlKind(kind)?.id;
    return !!kindId && this.effects.provenanceOf(kindId, namespace, name)?.courseId === courseId;
  }

  private stepCreating(course: OpenCourse, resource: string): string | undefined {
    const [kind = '', name = ''] = resource.split('/');
    const step = stepsCreating(course.index.chapters, kind, name)[0];
    return step && `\`${step.command}\` on the slide “${step.slideTitle}” (${step.chapter})`;
  }

  private clear(courseId: string, key: string, id = `${courseId}\u0000${key}`): void {
    this.inputs.delete(id);
    if (this.stored.delete(id)) this.emitter.fire({ courseId, key, diagnoses: [] });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
