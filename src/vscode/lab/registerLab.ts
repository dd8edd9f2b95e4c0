// The lab features that join the course, the terminal and the Cluster view: step effects,
// the course step behind tree items ("Show in Course"), revealing objects, long lists.
import { registerCommand } from '../commands';
import * as vscode from 'vscode';
import type { ItemNode, TreeNode } from '../../cluster/treeModel';
import type { ClusterView } from '../cluster/registerClusterView';
import { revealObject, type ObjectToReveal, type RevealOutcome } from '../cluster/revealObject';
import type { CourseLibrary } from '../courseLibrary';
import type { ExerciseController } from '../exercises/exerciseController';
import { DiagnosisService } from './diagnosisService';
import { runDiagnosisFix } from './diagnosisFixes';
import { ReadinessService } from './readinessService';
import { StepEffectsService } from './stepEffectsService';
import { diagnosisTooltip, noStepMade, provenanceTooltip } from '../../text/messages';

export const LAB_COMMANDS = {
  showMore: 'workshop.cluster.showMore',
  showInCourse: 'workshop.cluster.showInCourse',
  reveal: 'workshop.cluster.reveal',
} as const;

export interface Lab extends vscode.Disposable {
  readonly effects: StepEffectsService;
  readonly readiness: ReadinessService;
  readonly diagnosis: DiagnosisService;
  /** A diagnosis's fix was clicked (by its stable step key). */
  runFix(courseId: string, key: string, reason: string, index: number): Promise<void>;
  reveal(target: ObjectToReveal): Promise<RevealOutcome>;
  /** "Show in Course" asks the reader for this slide (the reader views, built after the lab, listen). */
  readonly onDidAskForSlide: vscode.Event<number>;
}

function isNode<T extends TreeNode['type']>(arg: unknown, type: T): arg is Extract<TreeNode, { type: T }> {
  return !!arg && typeof arg === 'object' && (arg as TreeNode).type === type;
}

export function registerLab(deps: { library: CourseLibrary; exercises: ExerciseController; cluster: ClusterView; log: vscode.LogOutputChannel }): Lab {
  const { library, exercises, cluster, log } = deps;
  const effects = new StepEffectsService(library, exercises, cluster.state, log);
  const readiness = new ReadinessService(library, cluster.state);
  const askForSlide = new vscode.EventEmitter<number>();
  const diagnosis = new DiagnosisService(library, exercises, effects, cluster.state, log);
  const disposables: vscode.Disposable[] = [effects, readiness, askForSlide, diagnosis];
  exercises.explainStep = (courseId, key) => diagnosis.summaryOf(courseId, key);
  disposables.push({ dispose: () => (exercises.explainStep = undefined) });
  const decorationChange = new vscode.EventEmitter<void>();
  disposables.push(decorationChange, effects.onDidChangeProvenance(() => decorationChange.fire()), diagnosis.onDidChange(() => decorationChange.fire()));

  disposables.push(
    cluster.tree.setDecorator({
      onDidChange: decorationChange.event,
      decorate: (node: ItemNode) => {
        const origin = effects.provenanceOf(node.resource.id, node.summary.namespace, node.summary.name);
        const why = node.summary.health === 'ok' ? undefined : diagnosis.about(node.resource.id, node.summary.namespace, node.summary.name);
        if (!origin && !why) return undefined;
        const tooltip = [origin && provenanceTooltip(origin), why && diagnosisTooltip(why)].filter(Boolean).join('\n\n');
        return { tooltip, inCourse: origin?.courseId === library.current().id };
      },
    }),
  );

  const reveal = (target: ObjectToReveal) => revealObject(cluster.view, cluster.tree, cluster.state, target);

  disposables.push(
    registerCommand(LAB_COMMANDS.showMore, (arg: unknown) => {
      if (isNode(arg, 'more')) cluster.tree.showMore(arg);
    }, log),
    registerCommand(LAB_COMMANDS.showInCourse, (arg: unknown) => {
      if (!isNode(arg, 'item')) {
        void vscode.window.showInformationMessage('Run "Show in Course" from an object in the Cluster view.');
        return;
      }
      const origin = effects.provenanceOf(arg.resource.id, arg.summary.namespace, arg.summary.name);
      if (!origin || origin.courseId !== library.current().id) {
        void vscode.window.showInformationMessage(noStepMade(arg.resource.kind, arg.summary.name));
        return;
      }
      askForSlide.fire(origin.slide);
    }, log),
    registerCommand(LAB_COMMANDS.reveal, async (arg: unknown) => {
      const target = arg as ObjectToReveal | undefined;
      if (!target || typeof target.kindId !== 'string' || typeof target.name !== 'string') return 'missing';
      return reveal(target);
    }, log),
  );

  return {
    effects,
    readiness,
    diagnosis,
    runFix: (courseId, key, reason, index) => runDiagnosisFix({ diagnosis, exercises, library, log }, courseId, key, reason, index),
    reveal,
    onDidAskForSlide: askForSlide.event,
    dispose: () => {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
