// A lab (or one snippet of it) -> the ordered steps that replay it.

import type { Lab, LabSnippet } from '../course/model';
import { translateKey, translateKeysText } from './keys';
import { parseTmux, type TmuxAction } from './panes';
import { prepareBash } from './prepare';
import { showInvisible } from '../text/inert';
import { unsafeUrlReason } from '../text/unsafeUrl';
import { describeInvisible, visibleText } from '../text/visibleText';

export interface PlanOptions {
  /** Time limit of each command, `wait` and prompt, in milliseconds. */
  waitTimeoutMs: number;
  /** `longwait` waits this many times longer. */
  longWaitMultiplier: number;
  /** Host that replaces `node1` in `open` URLs. */
  nodeAddress: string;
}

/** The limits the course was written for: the autopilot's 60 s, ten times that for `longwait`. */
export const DEFAULT_PLAN_OPTIONS: PlanOptions = { waitTimeoutMs: 60_000, longWaitMultiplier: 10, nodeAddress: 'localhost' };

interface StepBase {
  /** Index of the snippet in `lab.snippets`, to map the step back to its snippet. */
  snippetIndex: number;
  /** Method as written (`bash`, `hide`, `key`, ...). */
  method: string;
  /** True for directives inside HTML comments. */
  hidden: boolean;
}

export type PlanStep = StepBase &
  (
    | { kind: 'run'; text: string; commands: string[] }
    | { kind: 'send'; keys: string; sequence: string }
    | { kind: 'wait'; text: string; timeoutMs: number; long: boolean }
    | { kind: 'copy'; pattern: RegExp; source: string }
    | { kind: 'paste' }
    | { kind: 'check' }
    | { kind: 'open'; url: string }
    | { kind: 'tmux'; action: TmuxAction; args: string }
    /** A directive that cannot run here (placeholder URLs, tmux commands other than panes). */
    | { kind: 'skip'; reason: string }
    /** `invisible`: refused because it holds characters the reader cannot see (see visibleText.ts). */
    | { kind: 'invalid'; reason: string; invisible?: boolean }
  );

export interface ReplayPlan {
  steps: PlanStep[];
  /** Problems found while building (invalid steps), for the confirmation; replay stops at the first. */
  problems: string[];
  /** Human-readable list of what will happen, one line per step. */
  describe(): string;
  /** The step that follows these in their lab, when they are a part of it ("Next step"). */
  followedBy?: PlanStep;
  /** Nothing runs because the course tried what is not allowed (invisible characters, a lab the reader hides). */
  refused?: boolean;
}

/** Upstream one-line directives keep their data raw; strip only the surrounding spaces where they never matter. */
function firstLine(data: string): string {
  return data.replace(/^\s*\n/, '').replace(/\n\s*$/, '');
}

/** URLs with a part the learner fills in (`http://node1:3xxxx/`, `<ip>`, `A.B.C.D`): nothing to open. */
export function isPlaceholderUrl(url: string): boolean {
  return /x{3,}|y{3,}|<[^>]*>|\bA\.B\.C\.D\b|\bX\.X\.X\.X\b|@@|\.\.\./i.test(url.replace(/^[a-z]+:\/\//i, ''));
}

/** Replaces the host `node1` of a URL (upstream replaces it with the first lab node's address). */
export function mapNodeAddress(url: string, nodeAddress: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)node1(?=[:/?#]|$)/i, `$1${nodeAddress}`);
}

/**
 * Builds the step for one snippet; `undefined` for code that is only shown (`yaml`, no method...).
 * A directive that holds a character the reader cannot see is refused (see visibleText.ts).
 */
export function stepForSnippet(snippet: LabSnippet, snippetIndex: number, options: PlanOptions): PlanStep | undefined {
  const step = buildStep(snippet, snippetIndex, options);
  const invisible = step && describeInvisible(snippet.data, snippet.dataLine ?? snippet.line);
  if (!step || !invisible) return step;
  return { snippetIndex, method: snippet.method, hidden: step.hidden, kind: 'invalid', reason: `this command ${invisible}`, invisible: true };
}

function buildStep(snippet: LabSnippet, snippetIndex: number, options: PlanOptions): PlanStep | undefined {
  const base: StepBase = { snippetIndex, method: snippet.method, hidden: snippet.hidden };
  const data = snippet.data;
  switch (snippet.method) {
    case 'bash':
    case 'hide': {
      const prepared = prepareBash(data);
      if (prepared.commands.length === 0) return { ...base, kind: 'invalid', reason: 'empty command' };
      return { ...base, kind: 'run', text: prepared.text, commands: prepared.commands, hidden: snippet.hidden || snippet.method === 'hide' };
    }
    case 'key': {
      const name = data.trim();
      const key = translateKey(name);
      return key.ok
        ? { ...base, kind: 'send', keys: name, sequence: key.sequence }
        : { ...base, kind: 'invalid', reason: `${key.error} (use \`keys\` to type text)` };
    }
    case 'keys': {
      const text = firstLine(data);
      const keys = translateKeysText(text);
      return keys.ok ? { ...base, kind: 'send', keys: text, sequence: keys.sequence } : { ...base, kind: 'invalid', reason: keys.error };
    }
    case 'wait':
    case 'longwait': {
      const text = data.trim();
      if (!text) return { ...base, kind: 'invalid', reason: `${snippet.method} without text` };
      const long = snippet.method === 'longwait';
      return { ...base, kind: 'wait', text, long, timeoutMs: long ? options.waitTimeoutMs * options.longWaitMultiplier : options.waitTimeoutMs };
    }
    case 'copy': {
      const source = data.trim();
      try {
        // Upstream matches with Python's re.DOTALL.
        return { ...base, kind: 'copy', source, pattern: new RegExp(source, 'gs') };
      } catch (error) {
        return { ...base, kind: 'invalid', reason: `bad regular expression /${source}/: ${(error as Error).message}` };
      }
    }
    case 'paste':
      return { ...base, kind: 'paste' };
    case 'check':
      return { ...base, kind: 'check' };
    case 'open': {
      const url = data.trim();
      if (!/^https?:\/\//i.test(url)) return { ...base, kind: 'invalid', reason: `not an http(s) URL: ${showInvisible(url)}` };
      const unsafe = unsafeUrlReason(url);
      if (unsafe) return { ...base, kind: 'invalid', reason: `${showInvisible(url)}: ${unsafe}` };
      if (isPlaceholderUrl(url)) return { ...base, kind: 'skip', reason: `${url} is a placeholder for the learner to fill in` };
      return { ...base, kind: 'open', url: mapNodeAddress(url, options.nodeAddress) };
    }
    case 'tmux': {
      const action = parseTmux(data);
      if (action.kind === 'ignore' || action.kind === 'unsupported') return { ...base, kind: 'skip', reason: action.reason };
      return { ...base, kind: 'tmux', action, args: data.trim() };
    }
    default:
      return undefined;
  }
}

/** Course text in a description: invisible characters shown, on one line, cut at 120 characters unless `whole`. */
function quoteText(text: string, whole: boolean): string {
  const oneLine = visibleText(text).replace(/\n/g, ' ⏎ ');
  return whole || oneLine.length <= 120 ? oneLine : `${oneLine.slice(0, 117)}...`;
}

function describeTmux(action: TmuxAction): string {
  if (action.kind === 'split') return 'open a new terminal beside the others and type there';
  if (action.kind === 'select') return `type in pane ${action.index}`;
  return 'go back to the previous pane';
}

/** One line about a step; `whole` keeps its text uncut (the Run all and Next step confirmations). */
export function describeStep(step: PlanStep, whole = false): string {
  const hidden = step.hidden ? ' [hidden]' : '';
  const quote = (text: string) => quoteText(text, whole);
  switch (step.kind) {
    case 'run':
      return `Run${hidden}: ${quote(step.text)}`;
    case 'send':
      return `Send keys${hidden}: ${quote(step.keys)}`;
    case 'wait':
      return `Wait${hidden} up to ${Math.round(step.timeoutMs / 1000)} s for "${quote(step.text)}"`;
    case 'copy':
      return `Copy${hidden} the last match of /${quote(step.source)}/`;
    case 'paste':
      return `Paste${hidden} the copied text`;
    case 'check':
      return `Check${hidden} the exit status`;
    case 'open':
      return `Open${hidden} ${quote(step.url)}`;
    case 'tmux':
      return `Panes${hidden}: ${describeTmux(step.action)}`;
    case 'skip':
      return `Skip${hidden}: ${quote(step.reason)}`;
    case 'invalid':
      return `Cannot run${hidden} (${step.method}): ${quote(step.reason)}`;
  }
}

function problemOf(step: PlanStep & { kind: 'invalid' }): string {
  return `${step.method} at snippet ${step.snippetIndex + 1}: ${visibleText(step.reason)}`;
}

export function makePlan(steps: PlanStep[], followedBy?: PlanStep): ReplayPlan {
  const problems = steps.flatMap((step) => (step.kind === 'invalid' ? [problemOf(step)] : []));
  return {
    steps,
    problems,
    followedBy,
    describe: () => steps.map((step, i) => `${i + 1}. ${describeStep(step, true)}`).join('\n'),
  };
}

/** A plan that runs nothing, and why; `refused` when the course tried what is not allowed. */
function emptyPlan(problems: string[], refused = false): ReplayPlan {
  const plan = makePlan([]);
  plan.problems.push(...problems);
  if (refused) plan.refused = true;
  return plan;
}

/**
 * "Run all": every replay directive of the lab in order, hidden ones included. A lab the reader
 * does not show, or with a directive holding invisible characters, runs nothing at all.
 */
export function planLab(lab: Lab, options: PlanOptions = DEFAULT_PLAN_OPTIONS): ReplayPlan {
  if (lab.hiddenBy) return emptyPlan([`this exercise is ${lab.hiddenBy}: it runs only where the reader shows it`], true);
  const steps: PlanStep[] = [];
  lab.snippets.forEach((snippet, index) => {
    const step = stepForSnippet(snippet, index, options);
    if (step) steps.push(step);
  });
  const invisible = steps.filter((step): step is PlanStep & { kind: 'invalid' } => step.kind === 'invalid' && step.invisible === true);
  return invisible.length ? emptyPlan(invisible.map(problemOf), true) : makePlan(steps);
}

/**
 * A click on one snippet: that snippet alone, never the hidden directives around it.
 * A hidden snippet (or code that does not replay) gives an empty plan with a problem.
 */
export function planSnippet(snippet: LabSnippet, options: PlanOptions = DEFAULT_PLAN_OPTIONS, snippetIndex = 0): ReplayPlan {
  if (snippet.hidden) return emptyPlan(['hidden directives run only with "Run all"']);
  const step = stepForSnippet(snippet, snippetIndex, options);
  if (!step) return emptyPlan([`\`${snippet.method || 'plain'}\` blocks are shown, not run`]);
  return step.kind === 'invalid' && step.invisible ? emptyPlan([problemOf(step)], true) : makePlan([step]);
}
