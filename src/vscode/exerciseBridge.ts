// What the reader needs from the exercise runner: a narrow interface, so the
// reader does not depend on how terminals are driven.
import type * as vscode from 'vscode';
import type { Lab, LabSnippet } from '../course/model';
import type { CourseProgress, SnippetStatus } from '../exercises/progress';
import type { LabRunState } from '../protocol';

export interface StatusChange {
  courseId: string;
  /** Stable snippet key (`<file>:<line>`). */
  key: string;
  /** `idle`: a click that ran nothing (refused), with why in `message`. */
  status: SnippetStatus | 'idle';
  exitCode?: number;
  message?: string;
  /** Running, and waiting for the learner to finish with an editor. */
  yourTurn?: boolean;
}

export interface ExerciseBridge {
  readonly onDidChangeStatus: vscode.Event<StatusChange>;
  /** A Run all started or ended; `labKey` is the one given to `runLab`. */
  readonly onDidChangeLabRunState: vscode.Event<{ courseId: string; labKey: string; state: LabRunState }>;
  /** Every snippet of the course is idle again. */
  readonly onDidResetProgress: vscode.Event<{ courseId: string }>;
  runSnippet(courseId: string, key: string, snippet: LabSnippet, chapterKey: string): Promise<void>;
  sendKeys(courseId: string, key: string, snippet: LabSnippet, chapterKey: string): void;
  runLab(courseId: string, labKey: string, lab: Lab, snippetKeys: string[], chapterKey: string): Promise<void>;
  progress(courseId: string): CourseProgress;
  resetProgress(courseId: string): Promise<void> | void;
  showOutput(courseId: string, key: string): void;
}
