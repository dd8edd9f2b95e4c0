// "Start This Chapter": from the course's own steps, the commands that bring a cluster, the
// learner's files and the Workshop shell to where the earlier chapters leave them.
import { commandKind } from '../commandKinds';
import type { CourseStep } from '../courseSteps';
import { commandRole, type HoldCheck } from './commandRole';

export interface StartCommand {
  /** The command as the Workshop terminal receives it, whole. */
  readonly command: string;
  /** Where it comes from: chapter, slide and `<file>:<line>` of its course step. */
  readonly chapterIndex: number;
  readonly slide: number;
  readonly stableKey: string;
  readonly hidden: boolean;
  readonly role: 'change' | 'shell' | 'manual';
  readonly holds: readonly HoldCheck[];
  readonly why: string;
}

export interface StartPlan {
  readonly chapterIndex: number;
  /** What runs (or asks the learner, for `manual`), in course order. */
  readonly commands: readonly StartCommand[];
  /** Commands of earlier chapters left out because they only look, wait or are interactive. */
  readonly leftOut: number;
  /** Directives that cannot run at all (refused or invalid): the plan cannot complete. */
  readonly problems: readonly string[];
  /** The chapters the kept commands come from, in order. */
  readonly fromChapters: readonly number[];
}

/** Commands that end a nested session typed into earlier (`exit`, `logout`). */
const SESSION_END = /^(?:exit|logout)(?:\s+\d+)?\s*$/;
/** Keys that end a nested session (`^D`). */
const SESSION_END_KEYS = /\^D/i;

/**
 * The plan that brings the learner to the start of `chapterIndex`: every step of the chapters
 * before it, hidden directives included, keeping what changes things and leaving out what only
 * looks. Commands typed into a nested session (a pod's shell) are part of that session and are
 * left out with it.
 */
export function planChapterStart(steps: readonly CourseStep[], chapterIndex: number): StartPlan {
  const commands: StartCommand[] = [];
  const problems: string[] = [];
  let leftOut = 0;
  let inSession = false;
  for (const step of steps) {
    if (step.chapterIndex >= chapterIndex) continue;
    const pastes = step.steps.some((planned) => planned.kind === 'paste');
    for (const planned of step.steps) {
      if (planned.kind === 'invalid') {
        problems.push(`${step.stableKey}: ${planned.reason}`);
        continue;
      }
      if (planned.kind === 'send') {
        if (inSession && SESSION_END_KEYS.test(planned.keys)) inSession = false;
        continue;
      }
      if (planned.kind !== 'run') continue;
      for (const command of planned.commands) {
        if (inSession) {
          if (SESSION_END.test(command.trim())) inSession = false;
          leftOut++;
          continue;
        }
        if (commandKind(command) === 'shell') {
          inSession = true;
          leftOut++;
          continue;
        }
        const role = commandRole(command);
        if (role.role === 'look') {
          leftOut++;
          continue;
        }
        const manual = role.role !== 'manual' && pastes && role.role === 'change'
          ? 'it types text copied from an earlier output'
          : undefined;
        commands.push({
          command,
          chapterIndex: step.chapterIndex,
          slide: step.slide,
          stableKey: step.stableKey,
          hidden: planned.hidden,
          role: manual ? 'manual' : role.role,
          holds: role.role === 'change' ? role.holds : [],
          why: manual ?? role.why,
        });
      }
    }
  }
  return { chapterIndex, commands, leftOut, problems, fromChapters: [...new Set(commands.map((c) => c.chapterIndex))] };
}

/**
 * The plan as the learner reads it before anything runs: each command whole, where it is from,
 * and `note(i)` after the plan's command `i` (e.g. why it does not run).
 */
export function describeStartPlan(plan: StartPlan, chapterTitle: (index: number) => string, note: (commandIndex: number) => string | undefined = () => undefined): string[] {
  const lines = [
    `${plan.commands.length} command(s) from ${plan.fromChapters.length} earlier chapter(s); ${plan.leftOut} that only look or wait are left out.`,
  ];
  let chapter = -1;
  for (const [i, entry] of plan.commands.entries()) {
    if (entry.chapterIndex !== chapter) {
      chapter = entry.chapterIndex;
      lines.push(`From "${chapterTitle(chapter)}":`);
    }
    const mark = entry.role === 'manual' ? ` (needs you: ${entry.why})` : entry.hidden ? ' (hidden directive)' : '';
    const noted = note(i);
    lines.push(`  ${entry.command}${mark}${noted ? ` (${noted})` : ''}`);
  }
  for (const problem of plan.problems) lines.push(`Cannot run: ${problem}`);
  return lines;
}

/** Where Next step stands once a chapter was started: the last course step before it (undefined: the course's start). */
export function cursorBeforeChapter(steps: readonly CourseStep[], chapterIndex: number): string | undefined {
  let cursor: string | undefined;
  for (const step of steps) {
    if (step.chapterIndex >= chapterIndex) break;
    cursor = step.stableKey;
  }
  return cursor;
}
