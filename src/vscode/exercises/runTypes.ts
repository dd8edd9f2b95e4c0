// What the exercise controller runs (its target and mode) and the changes it reports.
import type { StepReport } from '../../exercises/replay';
import type { StatusChange } from '../exerciseBridge';
import type { LabRunState } from '../../protocol';

export interface LabRunStateChange {
  courseId: string;
  labKey: string;
  state: LabRunState;
}

/** A snippet's status changed (the shape the reader's bridge declares). */
export type SnippetStatusChange = StatusChange;

/**
 * How a plan runs: `click` is one snippet clicked in the reader (an editor it opens is left to the
 * learner, the watches stay); `step` is a part of a lab (Next step); `all` is a whole lab (Run all,
 * confirmed first, with a summary at the end). `step` and `all` stop the watches earlier labs left.
 */
export type RunMode = 'click' | 'step' | 'all';

/** Where a run's statuses go. */
export interface RunTarget {
  courseId: string;
  chapterKey: string;
  /** The snippet's key (`click`), or the lab's key, for the reader's run state (`step`, `all`). */
  key: string;
  /** The stable key of the plan's snippet at `snippetIndex`. */
  keyOf: (snippetIndex: number) => string;
  /** Why a failed step counts as done all the same (see ReplayOptions.doneDespite). */
  doneDespite?: (report: StepReport) => string | undefined;
  /**
   * A failure ends the run: no "Continue or stop?" question, whatever the continue-after-failure
   * setting says (a chapter start: its plan dialog says that a failure stops it).
   */
  stopOnFailure?: boolean;
}
