// What Run all asks the user: a step that ran out of time, a failed step, a URL to open; and the
// summary at the end of a run.
import * as vscode from 'vscode';
import { programUse } from '../../exercises/commandKinds';
import { describeStep } from '../../exercises/plan';
import { summarizeRun, type LearnersTurn, type ReplayResult, type StepReport, type TimeoutChoice, type TimeoutInfo } from '../../exercises/replay';
import { settings } from '../settings';
import { learnersTurnNotice, learnersTurnProgress, opensUrlQuestion, plainLines, stepFailedQuestion, summaryItem, timeoutQuestion } from '../../text/messages';

/** The last lines of a screen, for a message. */
function tail(screen: string, lines = 6): string {
  return screen.replace(/\s+$/, '').split('\n').slice(-lines).join('\n');
}

export async function askOnTimeout(info: TimeoutInfo): Promise<TimeoutChoice> {
  const choice = await vscode.window.showWarningMessage(
    timeoutQuestion(info.index, Math.round(info.limitMs / 1000), info.waitedFor),
    {
      modal: true,
      detail: `${plainLines(describeStep(info.step))}\n\nTerminal "${plainLines(info.terminalName)}" shows:\n${plainLines(tail(info.screen)) || '(nothing readable)'}\n\nContinue leaves it running and goes on; Interrupt sends Ctrl-C first; Stop ends the run.`,
    },
    'Continue',
    'Interrupt',
    'Stop',
  );
  if (choice === 'Continue') return 'continue';
  if (choice === 'Interrupt') return 'interrupt';
  return 'stop';
}

/** What the learner reads while an editor is theirs: in the run's progress, and as a notification where needed. */
export function describeLearnersTurn(turn: LearnersTurn): string {
  const program = `\`${turn.program.length > 60 ? `${turn.program.slice(0, 57)}...` : turn.program}\``;
  const use = programUse(turn.program);
  const close = { edit: 'save and quit', view: 'quit', connect: 'close' }[use];
  if (turn.leftOpen) return `${program} is still open in the terminal "${turn.terminalName}": ${close} it, and the run goes on.`;
  const what = { edit: 'make the change', view: 'read what it shows', connect: 'use it' }[use];
  return `Your turn: ${what} in the terminal "${turn.terminalName}", then ${close} ${program}; the run goes on when it closes.`;
}

/**
 * The learner's turn. Where the end of the editor is seen and a progress notification already
 * says so, nothing more is shown; otherwise a notification that lasts as long as the turn, with
 * "Done" when the end cannot be seen (no shell integration).
 */
export function tellLearnersTurn(turn: LearnersTurn, over: AbortSignal, progress?: vscode.Progress<{ message?: string }>): Promise<void> {
  const text = describeLearnersTurn(turn);
  progress?.report({ message: learnersTurnProgress(text) });
  if (!turn.endSeen) {
    return new Promise((resolve) => {
      void vscode.window.showInformationMessage(learnersTurnNotice(text), 'Done').then((choice) => {
        if (choice === 'Done') resolve();
      });
    });
  }
  if (!progress) {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: learnersTurnProgress(text) }, () => new Promise<void>((resolve) => over.addEventListener('abort', () => resolve(), { once: true })));
  }
  return new Promise(() => {});
}

export async function askAfterFailure(report: StepReport): Promise<boolean> {
  const choice = await vscode.window.showErrorMessage(
    stepFailedQuestion(report.index, report.message),
    { modal: true, detail: `${plainLines(describeStep(report.step))}\n\nGo on with the next steps anyway (as the autopilot does), or stop here?` },
    'Continue',
    'Stop',
  );
  return choice === 'Continue';
}

/** `open` steps: asked first, unless the settings say always (or never). */
export async function confirmOpen(url: string): Promise<boolean> {
  const policy = settings.openLinks();
  if (policy === 'never') return false;
  if (policy === 'ask') {
    const choice = await vscode.window.showInformationMessage(opensUrlQuestion(url), { modal: true }, 'Open', 'Always Open');
    if (choice === undefined) return false;
    if (choice === 'Always Open') await settings.setOpenLinks('always');
  }
  return vscode.env.openExternal(vscode.Uri.parse(url));
}

/**
 * The end of a run: a notification with the counts; "Show Summary" lists every step with its
 * outcome and duration, and picking one opens its output.
 */
export async function showRunSummary(result: ReplayResult, openOutput: (report: StepReport) => Promise<void>, explain?: (report: StepReport) => string | undefined): Promise<void> {
  const failed = result.reports.filter((report) => report.outcome === 'failed').length;
  const counted = `${result.reports.length} step${result.reports.length === 1 ? '' : 's'}, ${failed} failed`;
  const message = result.cancelled ? `Exercise run cancelled (${counted}).` : failed ? `Exercise done with failures (${counted}).` : `Exercise done (${counted}).`;
  const show = failed ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
  const choice = await show(message, 'Show Summary');
  if (choice !== 'Show Summary') return;
  const lines = summarizeRun(result, describeStep);
  const picked = await vscode.window.showQuickPick(
    result.reports.map((report, i) => ({ ...summaryItem(lines[i], !!report.output, report.outcome === 'failed' ? explain?.(report) : undefined), report })),
    { title: 'Run all: steps', placeHolder: 'Pick a step to see its output' },
  );
  if (picked) await openOutput(picked.report);
}
