// What one reader view gets from the lab features: step effects under snippets, chapter
// readiness, and the `reveal` request of slide links.
import * as vscode from 'vscode';
import { objectsByChapter, stepsCreating } from '../../lab/courseObjects';
import { parseResourceRef } from '../../lab/resourceRefs';
import { resourceOfKubectlKind } from '../../lab/stepPlan';
import type { ChapterReadinessView, HostMessage, Requests, StepEffectView } from '../../protocol';
import type { OpenCourse } from '../courseLibrary';
import type { ChapterReadiness } from './readinessService';
import type { EffectsChange } from './stepEffectsService';
import type { Lab } from './registerLab';
import { notAClusterObject, revealMessage } from '../../text/messages';

export type RevealAnswer = Requests['reveal']['result'];

/** Forwards effects and readiness to one view; returns what to dispose with it. */
export function attachLab(lab: Lab, course: () => OpenCourse, post: (message: HostMessage) => void): vscode.Disposable {
  const sendReadiness = () => {
    const current = course();
    void lab.readiness.all(current).then((chapters) => {
      if (course().id !== current.id) return;
      post({ type: 'readiness', courseId: current.id, chapters: readinessViews(chapters) });
    });
  };
  const disposables = [
    lab.effects.onDidChangeEffects((change) => {
      const current = course();
      const ref = change.courseId === current.id ? current.index.snippetByStableKey(change.key) : undefined;
      if (ref) post(effectsMessage(current, ref.key, change));
    }),
    lab.readiness.onDidChange(sendReadiness),
    lab.diagnosis.onDidChange((change) => {
      const current = course();
      const ref = change.courseId === current.id ? current.index.snippetByStableKey(change.key) : undefined;
      if (ref) post({ type: 'stepDiagnosis', courseId: current.id, key: ref.key, diagnoses: [...change.diagnoses] });
    }),
  ];
  return vscode.Disposable.from(...disposables, { dispose: () => undefined });
}

/** Everything a freshly loaded view needs: the effects known so far, the readiness of every chapter. */
export function sendLabState(lab: Lab, current: OpenCourse, post: (message: HostMessage) => void): void {
  post({ type: 'chapterObjects', courseId: current.id, chapters: objectsByChapter(current.index.chapters) });
  for (const change of lab.effects.effectsOf(current.id)) {
    const ref = current.index.snippetByStableKey(change.key);
    if (ref) post(effectsMessage(current, ref.key, change));
  }
  for (const change of lab.diagnosis.diagnosesOf(current.id)) {
    const ref = current.index.snippetByStableKey(change.key);
    if (ref) post({ type: 'stepDiagnosis', courseId: current.id, key: ref.key, diagnoses: [...change.diagnoses] });
  }
  void lab.readiness.all(current).then((chapters) => post({ type: 'readiness', courseId: current.id, chapters: readinessViews(chapters) }));
}

/** The chapters that have something to say. */
function readinessViews(chapters: readonly ChapterReadiness[]): ChapterReadinessView[] {
  return chapters
    .filter((c) => c.missing.length || c.notes.length || c.unchecked.length)
    .map((c) => ({ chapter: c.chapter, missing: c.missing.map((m) => ({ ...m })), notes: [...c.notes], unchecked: c.unchecked.map((u) => ({ ...u })) }));
}

function effectsMessage(current: OpenCourse, key: string, change: EffectsChange): HostMessage {
  return { type: 'stepEffects', courseId: current.id, key, effects: change.effects.map(effectView), unchecked: change.unchecked.map((u) => ({ ...u })) };
}

function effectView(e: { resource: string; namespace?: string; change: StepEffectView['change']; health: StepEffectView['health']; text: string; reason?: string }): StepEffectView {
  return { resource: e.resource, namespace: e.namespace, change: e.change, health: e.health, text: e.text, reason: e.reason };
}

/** A slide link was clicked: reveal the object, or say which step creates it. */
export async function revealFromSlide(lab: Lab, current: OpenCourse, resource: string, namespace: string | undefined, chapter: number | undefined): Promise<RevealAnswer> {
  const ref = parseResourceRef(resource);
  const kind = ref && resourceOfKubectlKind(ref.kind);
  if (!ref || !kind) return { outcome: 'missing', message: notAClusterObject(resource) };
  const outcome = await lab.reveal({ kindId: kind.id, namespace, name: ref.name });
  if (outcome === 'revealed') return { outcome };
  if (outcome === 'noCluster') {
    const message = 'There is no cluster to show it in: the Cluster view needs a kubeconfig.';
    void vscode.window.showInformationMessage(message);
    return { outcome, message };
  }
  const step = stepsCreating(current.index.chapters, ref.kind, ref.name, chapter)[0];
  const message = revealMessage(resource, step);
  void vscode.window.showInformationMessage(message);
  return { outcome, message };
}
