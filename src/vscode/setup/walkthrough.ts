// The "Get started with the Kubernetes workshop" walkthrough: its steps complete on context
// keys set here when the real thing happens (package.json, contributes.walkthroughs).
import type { Logger } from '../../logger';
import { registerCommand } from '../commands';
import * as vscode from 'vscode';
import type { CourseLibrary } from '../courseLibrary';
import type { ExerciseController } from '../exercises/exerciseController';

export const WALKTHROUGH_ID = 'workshop-tools.kubernetes-workshop#gettingStarted';
const OPEN_WALKTHROUGH_COMMAND = 'workshop.openWalkthrough';
/** A course other than the first one shown was opened (a clone picked or found). */
const COURSE_OPENED_KEY = 'workshop.courseOpened';
/** A command of an exercise ran to its end in the Workshop terminal. */
const FIRST_COMMAND_RUN_KEY = 'workshop.firstCommandRun';

export function registerWalkthrough(library: CourseLibrary, exercises: ExerciseController, log: Logger): vscode.Disposable {
  const setKey = (key: string) => void vscode.commands.executeCommand('setContext', key, true);
  return vscode.Disposable.from(
    registerCommand(OPEN_WALKTHROUGH_COMMAND, () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false), log),
    library.onDidChange(() => setKey(COURSE_OPENED_KEY)),
    exercises.onDidChangeStatus((change) => {
      if (change.status === 'succeeded' || change.status === 'failed' || change.status === 'unknown') setKey(FIRST_COMMAND_RUN_KEY);
    }),
  );
}
