// Runs exercises in the Workshop terminal: one snippet on click, a whole lab with "Run all"; keeps progress.
import * as vscode from 'vscode';
import type { Lab, LabSnippet } from '../../course/model';
import { describeStep, planLab, planSnippet, type ReplayPlan } from '../../exercises/plan';
import { type CourseProgress, type SnippetStatus } from '../../exercises/progress';
import { ProgressBook } from '../../exercises/progressBook';
import { delay } from '../../async/timeLimit';
import { DisposableBase } from '../disposableBase';
import { describeFailure, replay, type ReplayResult, type StepReport } from '../../exercises/replay';
import { settings } from '../settings';
import type { WorkshopStore } from '../store';
import { askAfterFailure, askOnTimeout, confirmOpen, describeLearnersTurn, showRunSummary, tellLearnersTurn } from './runPrompts';
import type { LabRunStateChange, RunMode, RunTarget, SnippetStatusChange } from './runTypes';
import { WorkshopTerminals } from './workshopTerminals';
import { nothingToRun, plainLines, runRefused, sendRefused, stepProgress } from '../../text/messages';

const SLOW_SHELL_GRACE_MS = 7_000;
/** Exit status of a command stopped with Ctrl-C (128 + SIGINT). */
const INTERRUPTED_EXIT_CODE = 130;

export class ExerciseController extends DisposableBase {
  private readonly statusEmitter = this.own(new vscode.EventEmitter<SnippetStatusChange>());
  private readonly resetEmitter = this.own(new vscode.EventEmitter<{ courseId: string }>());
  private readonly labStateEmitter = this.own(new vscode.EventEmitter<LabRunStateChange>());
  /** State of the last Run all of a lab, for the reader's `data-run-state`. */
  readonly onDidChangeLabRunState: vscode.Event<LabRunStateChange> = this.labStateEmitter.event;
  readonly onDidChangeStatus: vscode.Event<SnippetStatusChange> = this.statusEmitter.event;
  /** Fired after {@link resetProgress}: every snippet of the course is idle again. */
  readonly onDidResetProgress: vscode.Event<{ courseId: string }> = this.resetEmitter.event;

  private readonly terminals: WorkshopTerminals;
  private readonly book: ProgressBook;
  /** Why a step failed, in one line, for the Run all summary (the diagnosis, when the lab features run). */
  explainStep: ((courseId: string, key: string) => string | undefined) | undefined;
  private labRun: AbortController | undefined;
  private readonly snippetRuns = new Set<AbortController>();

  constructor(
    store: WorkshopStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.book = new ProgressBook(store);
    this.terminals = this.own(new WorkshopTerminals(log));
    // Last owned, first run: the runs stop before the terminals and emitters go.
    this.onDispose(() => {
      this.labRun?.abort();
      for (const run of this.snippetRuns) run.abort();
    });
    store.syncProgress();
  }

  // ---- the ways in: each makes a plan, then run() ----

  async runSnippet(courseId: string, key: string, snippet: LabSnippet, chapterKey: string): Promise<void> {
    const plan = planSnippet(snippet, settings.planOptions());
    await this.run({ courseId, chapterKey, key, keyOf: () => key }, plan, 'click');
  }

  async runLab(courseId: string, labKey: string, lab: Lab, snippetKeys: string[], chapterKey: string): Promise<void> {
    if (!this.checkTrusted() || !this.checkIdle()) return;
    const plan = planLab(lab, settings.planOptions());
    if (plan.steps.length === 0) {
      if (plan.refused) this.refuse(labKey, plan);
      else void vscode.window.showInformationMessage('This exercise has nothing to run.');
      return;
    }
    const problems = plan.problems.length ? `\n\nProblems (the run stops there):\n${plainLines(plan.problems.join('\n'))}` : '';
    const choice = await vscode.window.showWarningMessage(
      `Run all ${plan.steps.length} steps of this exercise in the terminal?`,
      { modal: true, detail: `${plainLines(plan.describe())}${problems}` },
      'Run All',
    );
    if (choice !== 'Run All' || this.isDisposed) return;
    const keyOf = (snippetIndex: number) => snippetKeys[snippetIndex] ?? `${labKey}:${snippetIndex}`;
    await this.run({ courseId, chapterKey, key: labKey, keyOf }, plan, 'all');
  }

  /**
   * The one entry that runs a plan in the Workshop terminal, refused while a lab runs (and in
   * Restricted Mode). Resolves with the replay's result, `undefined` when nothing ran.
   */
  async run(target: RunTarget, plan: ReplayPlan, mode: RunMode): Promise<ReplayResult | undefined> {
    if (!this.checkTrusted() || !this.checkIdle()) return undefined;
    // Run all checked its plan before asking to run it.
    if (mode !== 'all' && !this.checkPlan(plan, target.key)) {
      if (mode === 'click') this.notRun(target.courseId, target.key, plan);
      return undefined;
    }
    if (mode === 'click') return this.runClick(target, plan);
    const result = await this.runLabPlan(target, plan);
    if (mode === 'all') {
      for (const note of result.notes) this.log.info(`Run all ${target.key}: ${note}`);
      this.log.info(`Run all ${target.key}: ${result.cancelled ? 'cancelled' : result.ok ? 'done' : describeFailure(result)}`);
      void showRunSummary(
        result,
        (report) => this.showOutput(target.courseId, target.keyOf(report.step.snippetIndex)),
        (report) => this.explainStep?.(target.courseId, target.keyOf(report.step.snippetIndex)),
      );
    }
    return result;
  }

  /** "Send": `key`/`keys` snippets send their keys; a `bash` snippet is typed without pressing Enter. */
  sendKeys(courseId: string, key: string, snippet: LabSnippet, chapterKey: string): void {
    if (!this.checkTrusted() || !this.checkIdle()) return;
    if (snippet.hidden) {
      void vscode.window.showInformationMessage('Hidden directives run only with "Run all".');
      return;
    }
    const plan = planSnippet(snippet, settings.planOptions());
    if (!this.checkPlan(plan, key)) return this.notRun(courseId, key, plan);
    const step = plan.steps[0];
    if (step.kind !== 'send' && !(step.kind === 'run' && snippet.method === 'bash')) {
      void vscode.window.showInformationMessage(sendRefused(snippet.method));
      return;
    }
    // A `bash` block is typed as Copy gives it, without Enter.
    this.terminals.sessionFor(chapterKey).panes.main.send(step.kind === 'send' ? step.sequence : step.text);
    this.log.info(`Sent ${key} (${snippet.method}).`);
    this.setStatus(courseId, key, chapterKey, { status: 'sent' });
  }

  /** A step whose command succeeded but whose objects failed in the cluster (see StepEffectsService). */
  markFailed(courseId: string, key: string, chapterKey: string, message: string): void {
    this.setStatus(courseId, key, chapterKey, { status: 'failed', message });
    this.log.warn(`${key}: failed in the cluster - ${message}`);
  }

  // ---- progress and outputs (kept by the ProgressBook) ----

  progress(courseId: string): CourseProgress {
    return this.book.progress(courseId);
  }

  async resetProgress(courseId: string): Promise<void> {
    await this.book.reset(courseId);
    this.resetEmitter.fire({ courseId });
  }

  /** The output of the last run of a step, this session (for its diagnosis). */
  outputOf(courseId: string, key: string): string | undefined {
    return this.book.output(courseId, key);
  }

  async showOutput(courseId: string, key: string): Promise<void> {
    const output = this.book.output(courseId, key);
    if (output === undefined) {
      void vscode.window.showInformationMessage(
        'No output recorded for this snippet in this session. Output is read through shell integration and kept until VS Code closes.',
      );
      return;
    }
    const document = await vscode.workspace.openTextDocument({ content: output || '(no output)', language: 'log' });
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  /** For Check My Setup: whether the Workshop terminal (opened if needed) reports its commands. */
  async shellIntegrationStatus(): Promise<'active' | 'inactive' | 'untrusted'> {
    if (!vscode.workspace.isTrusted) return 'untrusted';
    const workshop = this.terminals.terminalFor('Setup');
    if (await workshop.shellIntegration()) return 'active';
    // A shell that starts slowly (a busy machine, a long rc file) may still turn it on.
    for (const deadline = Date.now() + SLOW_SHELL_GRACE_MS; Date.now() < deadline; ) {
      await delay(250);
      if (workshop.terminal.shellIntegration) return 'active';
    }
    return 'inactive';
  }

  // ---- running ----

  /** A snippet clicked in the reader: its one step, its status shown on the snippet. */
  private async runClick(target: RunTarget, plan: ReplayPlan): Promise<ReplayResult> {
    const { courseId, key, chapterKey } = target;
    // A click leaves the watches the learner started running: only Run all and Next step tidy up.
    const session = this.terminals.sessionFor(chapterKey);
    this.setStatus(courseId, key, chapterKey, { status: 'running' });
    this.log.info(`Run ${key}: ${describeStep(plan.steps[0])}`);
    const controller = new AbortController();
    this.snippetRuns.add(controller);
    let result: ReplayResult;
    try {
      result = await replay(plan, session, {
        signal: controller.signal,
        openUrl: confirmOpen,
        commandTimeoutMs: settings.planOptions().waitTimeoutMs,
        onTimeout: askOnTimeout,
        // A click on `vim file` opens it and is done; the next command waits for it to close.
        waitForLearner: false,
        onLearnersTurn: (turn, over) => tellLearnersTurn(turn, over),
      });
    } finally {
      this.snippetRuns.delete(controller);
    }
    const report = result.reports[0];
    if (report?.outcome === 'failed' && report.exitCode === INTERRUPTED_EXIT_CODE) {
      // The lab told the reader to stop it with Ctrl-C: that is how such a command ends.
      this.recordReport(courseId, key, chapterKey, { ...report, outcome: 'sent', message: 'stopped with Ctrl-C' });
    } else if (report) {
      // A failed click is shown by the snippet's status (with its message), not by a pop-up:
      // labs sometimes show a command failing on purpose.
      this.recordReport(courseId, key, chapterKey, report);
    }
    return result;
  }

  /** Replays a lab's plan with a cancellable progress notification; tells the reader the lab's run state. */
  private async runLabPlan(target: RunTarget, plan: ReplayPlan): Promise<ReplayResult> {
    const { courseId, key: labKey, keyOf, chapterKey } = target;
    const session = this.terminals.sessionFor(chapterKey);
    session.enterLab(labKey, plan.steps[0]?.kind === 'run');
    this.terminals.tidy(session);
    const controller = new AbortController();
    this.labRun = controller;
    this.labStateEmitter.fire({ courseId, labKey, state: 'running' });
    this.log.info(`Run all ${labKey}: ${plan.steps.length} steps.`);
    let result: ReplayResult | undefined;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Running exercise', cancellable: true },
        async (progress, token) => {
          const cancel = token.onCancellationRequested(() => controller.abort());
          try {
            return await replay(plan, session, {
              signal: controller.signal,
              openUrl: confirmOpen,
              commandTimeoutMs: settings.planOptions().waitTimeoutMs,
              continueAfterFailure: !target.stopOnFailure && settings.continueAfterFailure(),
              onTimeout: askOnTimeout,
              onFailure: target.stopOnFailure ? undefined : askAfterFailure,
              doneDespite: target.doneDespite,
              onLearnersTurn: (turn, over) => {
                this.setStatus(courseId, keyOf(turn.step.snippetIndex), chapterKey, { status: 'running', message: describeLearnersTurn(turn), yourTurn: true });
                return tellLearnersTurn(turn, over, progress);
              },
              onStepStart: (index, step) => {
                progress.report({ message: stepProgress(index, plan.steps.length, describeStep(step)), increment: index === 0 ? 0 : 100 / plan.steps.length });
                this.setStatus(courseId, keyOf(step.snippetIndex), chapterKey, { status: 'running' });
              },
              onStepEnd: (report) => this.recordReport(courseId, keyOf(report.step.snippetIndex), chapterKey, report),
            });
          } finally {
            cancel.dispose();
          }
        },
      );
      return result;
    } finally {
      if (this.labRun === controller) this.labRun = undefined;
      const state = !result || result.cancelled ? 'cancelled' : result.ok ? 'done' : 'failed';
      this.labStateEmitter.fire({ courseId, labKey, state });
    }
  }

  // ---- checks and reports ----

  private checkTrusted(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window
      .showWarningMessage(
        'Exercises run commands in a terminal, which Restricted Mode does not allow. Trust this workspace to run them.',
        'Manage Workspace Trust',
      )
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    return false;
  }

  private checkIdle(): boolean {
    if (!this.labRun) return true;
    void vscode.window.showInformationMessage('An exercise is running ("Run all"): wait for it or cancel it first.');
    return false;
  }

  /** False (and says why) when the plan runs nothing, or holds a step refused for invisible characters. */
  private checkPlan(plan: ReplayPlan, where: string): boolean {
    const invisible = plan.steps.some((step) => step.kind === 'invalid' && step.invisible);
    if (plan.steps.length > 0 && !invisible) return true;
    if (invisible || plan.refused) this.refuse(where, plan);
    else void vscode.window.showInformationMessage(nothingToRun(plan.problems));
    return false;
  }

  /** The reader marked the snippet running on the click: it is idle again, with why it did not run (progress is left alone). */
  private notRun(courseId: string, key: string, plan: ReplayPlan): void {
    this.statusEmitter.fire({ courseId, key, status: 'idle', message: `Not run: ${plan.problems.join('; ')}` });
  }

  /** A refused command or exercise: a warning with where and why, and the same in the log. */
  private refuse(where: string, plan: ReplayPlan): void {
    this.log.warn(`Refused to run ${where}: ${plan.problems.join('; ')}. Nothing was typed into the terminal.`);
    void vscode.window.showWarningMessage(runRefused(where, plan.problems));
  }

  private recordReport(courseId: string, key: string, chapterKey: string, report: StepReport): void {
    if (report.output !== undefined) this.book.recordOutput(courseId, key, report.output);
    if (report.outcome === 'skipped') {
      // Nothing ran: keep whatever status the snippet had.
      return;
    }
    this.setStatus(courseId, key, chapterKey, { status: report.outcome, exitCode: report.exitCode, message: report.message });
    const exit = report.exitCode !== undefined ? ` (exit ${report.exitCode})` : '';
    const line = `${key}: ${report.outcome}${exit}${report.message ? ` - ${report.message}` : ''}`;
    if (report.outcome === 'failed') this.log.warn(line);
    else this.log.info(line);
  }

  private setStatus(courseId: string, key: string, chapterKey: string, change: Omit<SnippetStatusChange, 'courseId' | 'key' | 'status'> & { status: SnippetStatus }): void {
    if (this.isDisposed) return;
    this.book.record(courseId, key, change.status, { exitCode: change.exitCode, chapter: chapterKey }).catch((error: unknown) => this.log.error(`Could not save exercise progress: ${String(error)}`));
    this.statusEmitter.fire({ courseId, key, ...change });
  }
}
