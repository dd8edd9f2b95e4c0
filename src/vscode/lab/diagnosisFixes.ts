// Runs a diagnosis's safe fix, only on a click and exactly as the reader showed it: read-only
// commands (describe, logs --previous...) are typed into a terminal the learner sees; "delete
// and run the step again" (offered only for an object this course created) runs kubectl
// without a shell, then runs the step again as its own Run button does.
import { childProcess } from '../../onFirstUse';
import * as vscode from 'vscode';
import { findKubectl } from '../../cluster/kubectl';
import { fixArgs } from '../../lab/diagnosis/fixLine';
import { commandFailed } from '../../text/messages';
import type { CourseLibrary } from '../courseLibrary';
import type { ExerciseController } from '../exercises/exerciseController';
import { sendTextChecked } from '../terminalText';
import type { DiagnosisService } from './diagnosisService';

const TERMINAL_NAME = 'Workshop: diagnosis';
const DELETE_TIMEOUT_MS = 60_000;

let terminal: vscode.Terminal | undefined;

export async function runDiagnosisFix(
  deps: { diagnosis: DiagnosisService; exercises: ExerciseController; library: CourseLibrary; log: vscode.LogOutputChannel },
  courseId: string,
  key: string,
  reason: string,
  index: number,
): Promise<void> {
  const found = deps.diagnosis.fix(courseId, key, reason, index);
  if (!found) {
    deps.log.warn(`Diagnosis: no fix ${index} of ${reason} for ${key} (the diagnosis changed since)`);
    return;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage('Fixes run commands, which Restricted Mode does not allow. Trust this workspace to run them.');
    return;
  }
  const kubectl = findKubectl();
  if (!kubectl) {
    void vscode.window.showErrorMessage('kubectl was not found on PATH: this fix needs it.');
    return;
  }
  deps.log.info(`Diagnosis: ${found.line}`);
  if (found.fix.then === 'terminal') {
    if (!terminal || terminal.exitStatus !== undefined) terminal = vscode.window.createTerminal({ name: TERMINAL_NAME });
    terminal.show();
    sendTextChecked(terminal, found.line, true);
    return;
  }
  const args = fixArgs(found.fix, found.namespace) ?? [];
  const failure = await new Promise<string | undefined>((resolve) =>
    childProcess().execFile(kubectl, args, { timeout: DELETE_TIMEOUT_MS }, (error, _stdout, stderr) => resolve(error ? stderr.trim() || error.message : undefined)),
  );
  if (failure) {
    deps.log.warn(`Diagnosis: ${found.line}: ${failure}`);
    void vscode.window.showWarningMessage(commandFailed(`${found.line}: ${failure}`));
    return;
  }
  const course = deps.library.current();
  const ref = course.id === courseId ? course.index.snippetByStableKey(key) : undefined;
  if (ref) await deps.exercises.runSnippet(course.id, key, ref.snippet, course.index.chapterKey(ref.chapterIndex));
}
