// What each kind of step does to the session's terminals (see docs/exercises.md for the rules).

import { lastMatchWithin, RegexTimeoutError } from './boundedRegex';
import { commandKind } from './commandKinds';
import type { PlanStep } from './plan';
import type { LearnersTurn, StepOutcome, TimeoutChoice, TimeoutInfo } from './replay';
import type { ExecResult, ReplaySession, ReplayTerminal, StatusDrop } from './replaySession';
import { makeStatusMarker, readStatus } from './statusMarker';

export class StepFailure extends Error {
  constructor(
    message: string,
    readonly exitCode?: number,
    readonly output?: string,
  ) {
    super(message);
  }
}

export interface StepContext<T extends ReplayTerminal> {
  session: ReplaySession<T>;
  signal: AbortSignal;
  commandTimeoutMs: number;
  startTimeoutMs: number;
  clipboard: string | undefined;
  notes: string[];
  index: number;
  /** How long the learner gets to finish with an editor the lab leaves to them. */
  learnerTimeoutMs: number;
  waitForLearner: boolean;
  hooks: {
    openUrl?(url: string): Promise<boolean>;
    onTimeout?(info: TimeoutInfo): Promise<TimeoutChoice>;
    onLearnersTurn?(turn: LearnersTurn, over: AbortSignal): Promise<void>;
  };
}

export interface StepResult {
  outcome: StepOutcome;
  exitCode?: number;
  output?: string;
  message?: string;
}

const CTRL_C = '\x03';
const CTRL_D = '\x04';
/** How long a stopped command gets to give the prompt back before the next step. */
const STOP_GRACE_MS = 2_000;

const TIMED_OUT = Symbol('timed out');

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function formatCommand(command: string): string {
  const oneLine = command.replace(/\n/g, ' ⏎ ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/** Resolves with `work`, or `TIMED_OUT` after `ms`. The work left behind is not awaited. */
function within<X>(work: Promise<X>, ms: number): Promise<X | typeof TIMED_OUT> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(TIMED_OUT), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A step ran out of time: ask what to do; `stop` (or nobody to ask) fails the step. */
async function onTimedOut<T extends ReplayTerminal>(
  ctx: StepContext<T>,
  step: PlanStep,
  terminal: T,
  waitedFor: string,
  limitMs: number,
): Promise<'continue' | 'interrupt'> {
  const reason = `timed out after ${formatDuration(limitMs)} waiting for ${waitedFor}`;
  const choice = ctx.hooks.onTimeout
    ? await ctx.hooks.onTimeout({ index: ctx.index, step, waitedFor, limitMs, terminalName: terminal.name, screen: terminal.screenText() })
    : 'stop';
  if (ctx.signal.aborted) throw new Error('cancelled');
  if (choice === 'stop') throw new StepFailure(reason);
  if (choice === 'interrupt') interrupt(ctx, terminal);
  ctx.notes.push(`Step ${ctx.index + 1}: ${reason}; ${choice === 'interrupt' ? 'interrupted with Ctrl-C' : 'left running'}.`);
  return choice;
}

/** Ctrl-C to a terminal; a watch it stops leaves its pane. */
function interrupt<T extends ReplayTerminal>(ctx: StepContext<T>, terminal: T): void {
  terminal.send(CTRL_C);
  const { panes } = ctx.session;
  const pane = panes.panes.find((candidate) => candidate.watches[0] === terminal);
  if (pane) panes.stopWatch(pane);
  if (ctx.session.foregroundOf(terminal) !== 'shell') ctx.session.popForeground(terminal);
}

/** The shell of the current pane, for a command: never a terminal showing a watch. */
function shellForCommands<T extends ReplayTerminal>(ctx: StepContext<T>): T {
  const { panes, factory } = ctx.session;
  const pane = panes.current;
  if (pane.base === undefined) pane.base = factory.openSplit('shell');
  return pane.base;
}

/**
 * An editor (or pager, or telnet) the lab leaves to the learner: `vim file` followed by a command,
 * not by the keys that would close it. Upstream's autopilot has no learner and would type the next
 * command into the editor; here the run waits for the learner to finish with it, says so, and
 * gives them the terminal.
 */
function leftToLearner(next: PlanStep | undefined): boolean {
  return next === undefined || next.kind === 'run' || next.kind === 'check' || next.kind === 'open' || next.kind === 'skip';
}

/** Resolves once the program in front of the terminal ended; `undefined` when the terminal cannot tell. */
function programEnded<T extends ReplayTerminal>(ctx: StepContext<T>, terminal: T, limitMs: number, signal: AbortSignal): Promise<unknown> | undefined {
  // Inside a nested shell no shell reports the end: its prompt coming back does.
  if (ctx.session.beneathForeground(terminal) === 'shell') return terminal.readable() ? terminal.waitFor(PROMPT_AT_END, limitMs, signal) : undefined;
  return terminal.tracksCommands() ? terminal.waitForCommandEnd(limitMs, signal) : undefined;
}

async function learnersTurn<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T, program: string, leftOpen: boolean): Promise<string> {
  const limitMs = ctx.learnerTimeoutMs;
  const over = new AbortController();
  const onAbort = () => over.abort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  terminal.focus?.();
  try {
    const end = programEnded(ctx, terminal, limitMs, over.signal);
    const turn: LearnersTurn = { index: ctx.index, step, program, terminalName: terminal.name, limitMs, leftOpen, endSeen: end !== undefined };
    const ended = end ? end.then(() => 'closed' as const) : new Promise<never>(() => {});
    const told = ctx.hooks.onLearnersTurn ? ctx.hooks.onLearnersTurn(turn, over.signal).then(() => 'told' as const) : new Promise<never>(() => {});
    const how = await within(Promise.race([ended, told]).catch((): typeof TIMED_OUT => TIMED_OUT), limitMs);
    if (ctx.signal.aborted) throw new Error('cancelled');
    if (how === TIMED_OUT) {
      await onTimedOut(ctx, step, terminal, `you to finish with \`${formatCommand(program)}\``, limitMs);
      ctx.session.popForeground(terminal);
      return `\`${formatCommand(program)}\` was still open after ${formatDuration(limitMs)}`;
    }
    ctx.session.popForeground(terminal);
    return how === 'closed' ? `your turn: \`${formatCommand(program)}\` closed` : `your turn: you said you were done with \`${formatCommand(program)}\``;
  } finally {
    over.abort();
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

/** Waits for what runs in front of the shell to end (a command started before a `wait`, an editor). */
async function settle<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T): Promise<number | undefined> {
  const kind = ctx.session.foregroundOf(terminal);
  if (kind === 'shell' || !ctx.session.busy(terminal)) return undefined;
  if (kind === 'program') {
    // An editor an earlier step left open: the learner's to close, not a command to time out.
    ctx.notes.push(`Step ${ctx.index + 1}: ${await learnersTurn(ctx, step, terminal, ctx.session.programOf(terminal) ?? 'the program', true)}.`);
    return undefined;
  }
  if (ctx.session.beneathForeground(terminal) === 'shell') {
    // A command started in a nested shell: no shell reports its end, the nested prompt does.
    await waitForPrompt(ctx, step, terminal);
    ctx.session.popForeground(terminal);
    return undefined;
  }
  const ended = await within(terminal.waitForCommandEnd(ctx.commandTimeoutMs, ctx.signal).catch((): typeof TIMED_OUT => TIMED_OUT), ctx.commandTimeoutMs);
  if (ended === TIMED_OUT) {
    const choice = await onTimedOut(ctx, step, terminal, 'the previous command to end', ctx.commandTimeoutMs);
    // Ctrl-C has ended it already; a nested shell below it stays.
    if (choice === 'interrupt') {
      await terminal.waitForCommandEnd(STOP_GRACE_MS, ctx.signal).catch(() => undefined);
      return undefined;
    }
  }
  ctx.session.popForeground(terminal);
  return ended === TIMED_OUT ? undefined : ended;
}

/** Types a command (and Enter) and waits until it shows that it started. */
async function startCommand<T extends ReplayTerminal>(ctx: StepContext<T>, terminal: T, command: string): Promise<string | undefined> {
  const started = await terminal.start(command, ctx.startTimeoutMs, ctx.signal);
  return started ? undefined : `\`${formatCommand(command)}\` did not show that it started within ${formatDuration(ctx.startTimeoutMs)}`;
}

/** A prompt at the end of the screen (`$ `, `# `, `> `, `% `), as the autopilot looks for one. */
const PROMPT_AT_END = /[$#>%][ \t]*$/;

/**
 * Waits for a nested shell's prompt: a shell that starts drops what was typed ahead of it, and the
 * next command must reach it, not the program before it.
 */
async function waitForPrompt<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T): Promise<void> {
  if (!terminal.readable()) return;
  try {
    await terminal.waitFor(PROMPT_AT_END, ctx.commandTimeoutMs, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    await onTimedOut(ctx, step, terminal, 'a prompt', ctx.commandTimeoutMs);
  }
}

/** A command in a nested shell or a shell nobody reports on: the status comes from a marker line. */
async function execWithMarker<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T, command: string): Promise<ExecResult> {
  // Where the status will be dropped is settled first: finding out may type a line.
  const drop = terminal.readable() ? undefined : await statusDropOf(ctx, terminal, true);
  await terminal.start(command, ctx.startTimeoutMs, ctx.signal);
  await waitForPrompt(ctx, step, terminal);
  return { exitCode: await readMarkerStatus(ctx, step, terminal, drop), output: terminal.screenText() };
}

/** Only the terminal's own shell drops statuses: a nested one may run on another machine or in a container. */
async function statusDropOf<T extends ReplayTerminal>(ctx: StepContext<T>, terminal: T, mayProbe: boolean): Promise<StatusDrop | undefined> {
  if (ctx.session.foregroundOf(terminal) === 'shell') return undefined;
  return terminal.statusDrop?.(ctx.signal, { mayProbe });
}

async function readMarkerStatus<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T, drop?: StatusDrop): Promise<number | undefined> {
  if (!terminal.readable()) return readDroppedStatus(ctx, step, terminal, drop ?? (await statusDropOf(ctx, terminal, false)));
  const marker = makeStatusMarker();
  terminal.send(`${marker.command}\r`);
  try {
    const line = await terminal.waitFor(marker.pattern, ctx.commandTimeoutMs, ctx.signal);
    return readStatus(marker, line);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    await onTimedOut(ctx, step, terminal, 'the command to end (its status line)', ctx.commandTimeoutMs);
    return undefined;
  }
}

/** Whether a status comes from a marker line here, once a new terminal had its chance to report commands. */
async function usesMarker<T extends ReplayTerminal>(ctx: StepContext<T>, terminal: T): Promise<boolean> {
  await terminal.whenReady?.(ctx.signal);
  return ctx.session.needsMarker(terminal);
}

/** No text to read: the shell writes the status where the replay reads it. */
async function readDroppedStatus<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T, drop: StatusDrop | undefined): Promise<number | undefined> {
  if (!drop) return undefined;
  terminal.send(`${drop.command}\r`);
  try {
    return await drop.read(ctx.commandTimeoutMs, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    await onTimedOut(ctx, step, terminal, 'the command to end (its status)', ctx.commandTimeoutMs);
    return undefined;
  }
}

async function execBounded<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T, command: string): Promise<ExecResult> {
  if (await usesMarker(ctx, terminal)) return execWithMarker(ctx, step, terminal, command);
  const result = await within(terminal.exec(command, ctx.signal), ctx.commandTimeoutMs);
  if (result !== TIMED_OUT) return result;
  ctx.session.pushForeground(terminal, 'command');
  const choice = await onTimedOut(ctx, step, terminal, `\`${formatCommand(command)}\` to end`, ctx.commandTimeoutMs);
  if (choice === 'interrupt') await terminal.waitForCommandEnd(STOP_GRACE_MS, ctx.signal).catch(() => undefined);
  return { exitCode: undefined, output: terminal.screenText() };
}

async function runCommands<T extends ReplayTerminal>(ctx: StepContext<T>, step: Extract<PlanStep, { kind: 'run' }>, next: PlanStep | undefined): Promise<StepResult> {
  const { session } = ctx;
  const outputs: string[] = [];
  const messages: string[] = [];
  let outcome: StepOutcome = 'succeeded';
  const last = step.commands.length - 1;
  session.releaseEndedWatches();
  for (let i = 0; i <= last; i++) {
    const command = step.commands[i];
    const kind = commandKind(command);
    if (kind === 'watch') {
      // A watch gets a terminal of its own (a tmux-made pane that is free can take it).
      const pane = session.panes.current;
      const free = pane.base !== undefined && pane.base !== session.panes.main && pane.watches.length === 0 && !session.busy(pane.base);
      const terminal = free ? pane.base! : session.factory.openSplit(`watch: ${formatCommand(command)}`);
      session.panes.addWatch(terminal);
      session.pushForeground(terminal, 'watch');
      const late = await startCommand(ctx, terminal, command);
      if (late) messages.push(late);
      outcome = 'sent';
      continue;
    }
    const terminal = shellForCommands(ctx);
    if (session.foregroundOf(terminal) !== 'shell') await settle(ctx, step, terminal);
    const startsOnly = kind !== 'command' || (i === last && next?.kind === 'wait');
    if (startsOnly) {
      const late = await startCommand(ctx, terminal, command);
      if (late) messages.push(late);
      // Keys and waits after it go to what it started; a nested shell gets the next commands.
      session.pushForeground(terminal, kind, command);
      if (kind === 'program' && (i < last || (ctx.waitForLearner && leftToLearner(next)))) {
        messages.push(await learnersTurn(ctx, step, terminal, command, false));
        continue;
      }
      if (kind === 'shell' && next?.kind !== 'wait') await waitForPrompt(ctx, step, terminal);
      outcome = 'sent';
      continue;
    }
    const result = await execBounded(ctx, step, terminal, command);
    outputs.push(result.output);
    if (result.exitCode === undefined) {
      if (outcome === 'succeeded') outcome = 'unknown';
    } else if (result.exitCode !== 0) {
      throw new StepFailure(`\`${formatCommand(command)}\` exited with code ${result.exitCode}`, result.exitCode, outputs.join(''));
    }
  }
  const output = outputs.join('') || undefined;
  if (outcome === 'unknown') messages.push('exit status unknown (nothing in this terminal reports it)');
  return { outcome, output, exitCode: outcome === 'succeeded' ? 0 : undefined, message: messages.join('; ') || undefined };
}

async function sendKeys<T extends ReplayTerminal>(ctx: StepContext<T>, sequence: string): Promise<StepResult> {
  const { session } = ctx;
  const { panes } = session;
  session.releaseEndedWatches();
  const terminal = panes.target();
  if (terminal === undefined) return { outcome: 'skipped', message: 'no terminal to send the keys to' };
  const pane = panes.current;
  const isWatch = pane.watches[0] === terminal;
  // Only a program the replay started (a nested shell, a watch, an editor) gets ^D: a shell that
  // reports a command still running may be wrong (bash reports no end for some), and at a shell
  // prompt ^D would end the shell. Upstream uses it there to close a tmux pane.
  if (sequence === CTRL_D && !isWatch && session.foregroundOf(terminal) === undefined) {
    const closed = panes.closeCurrent();
    if (closed === false) return { outcome: 'skipped', message: "Ctrl-D not sent: nothing runs in front of the Workshop terminal's shell, which it would close" };
    if (closed.close !== undefined) session.factory.close(closed.close);
    return { outcome: 'sent', message: closed.close !== undefined ? 'closed the pane' : 'left the pane (the Workshop terminal stays open)' };
  }
  const ended = isWatch ? undefined : session.takeEnded(terminal);
  if (ended !== undefined && session.foregroundOf(terminal) === undefined && commandKind(ended) === 'program') {
    // A pager that quit by itself (the output fit the screen): its `q` would land at the prompt.
    return { outcome: 'skipped', message: `keys not sent: \`${formatCommand(ended)}\` had already ended` };
  }
  if (sequence === CTRL_C && !isWatch && session.foregroundOf(terminal) === undefined && terminal.running() !== true) {
    // At a shell prompt Ctrl-C only clears the line (upstream sends it to a pane closed since).
    return { outcome: 'skipped', message: 'Ctrl-C not sent: nothing runs in front of the shell' };
  }
  if (sequence.includes(CTRL_C) && (isWatch || session.foregroundOf(terminal) !== 'shell')) {
    const hadForeground = !isWatch && session.foregroundOf(terminal) !== undefined;
    interrupt(ctx, terminal);
    // The next step types at this prompt: let the stopped command give it back first.
    if (hadForeground) await terminal.waitForCommandEnd(STOP_GRACE_MS, ctx.signal).catch(() => undefined);
    if (sequence === CTRL_C) return { outcome: 'sent' };
    terminal.send(sequence.replace(CTRL_C, ''));
    return { outcome: 'sent' };
  }
  terminal.send(sequence);
  if (sequence === CTRL_D && session.foregroundOf(terminal) === 'shell') {
    session.popForeground(terminal);
    await terminal.waitForCommandEnd(STOP_GRACE_MS, ctx.signal).catch(() => undefined);
  }
  return { outcome: 'sent' };
}

async function waitForText<T extends ReplayTerminal>(ctx: StepContext<T>, step: Extract<PlanStep, { kind: 'wait' }>): Promise<StepResult> {
  const terminal = ctx.session.panes.target() ?? ctx.session.panes.main;
  try {
    await terminal.waitFor(step.text, step.timeoutMs, ctx.signal);
    return { outcome: 'succeeded' };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const choice = await onTimedOut(ctx, step, terminal, `"${step.text}"`, step.timeoutMs);
    return { outcome: 'skipped', message: `"${step.text}" did not show; ${choice === 'interrupt' ? 'interrupted' : 'went on'}` };
  }
}

async function check<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep): Promise<StepResult> {
  const terminal = ctx.session.panes.target() ?? ctx.session.panes.main;
  let exitCode: number | undefined;
  if (ctx.session.foregroundOf(terminal) === 'command' && ctx.session.beneathForeground(terminal) === 'shell') await settle(ctx, step, terminal);
  if (await usesMarker(ctx, terminal)) {
    exitCode = await readMarkerStatus(ctx, step, terminal);
  } else {
    const ended = await within(terminal.waitForCommandEnd(ctx.commandTimeoutMs, ctx.signal).catch((): typeof TIMED_OUT => TIMED_OUT), ctx.commandTimeoutMs);
    if (ended === TIMED_OUT) await onTimedOut(ctx, step, terminal, 'the previous command to end', ctx.commandTimeoutMs);
    else exitCode = ended;
    if (ctx.session.foregroundOf(terminal) !== 'shell') ctx.session.popForeground(terminal);
  }
  if (exitCode === undefined) return { outcome: 'unknown', message: 'exit status unknown' };
  if (exitCode !== 0) throw new StepFailure(`the previous command exited with code ${exitCode}`, exitCode);
  return { outcome: 'succeeded', exitCode: 0 };
}

export async function runStep<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, next: PlanStep | undefined): Promise<StepResult> {
  const { panes, factory } = ctx.session;
  switch (step.kind) {
    case 'run':
      return runCommands(ctx, step, next);
    case 'send':
      return sendKeys(ctx, step.sequence);
    case 'wait':
      return waitForText(ctx, step);
    case 'copy': {
      const terminal = panes.target() ?? panes.main;
      let found: string | undefined;
      try {
        found = lastMatch(step.pattern, terminal.screenText());
      } catch (error) {
        if (error instanceof RegexTimeoutError) throw new StepFailure(error.message);
        throw error;
      }
      if (found === undefined) throw new StepFailure(`no match for /${step.source}/ on the screen of "${terminal.name}"`);
      // Like a copy from the screen: a match that wrapped over lines comes back on one line.
      ctx.clipboard = found.replace(/\r?\n/g, '');
      // The text may be a token or a password: the report (which is logged) gives its length only.
      return { outcome: 'succeeded', message: `copied ${ctx.clipboard.length} characters` };
    }
    case 'paste':
      if (ctx.clipboard === undefined) throw new StepFailure('nothing was copied before `paste`');
      return sendKeys(ctx, ctx.clipboard);
    case 'check':
      return check(ctx, step);
    case 'open': {
      if (!ctx.hooks.openUrl) return { outcome: 'skipped', message: `not opened: ${step.url}` };
      const opened = await ctx.hooks.openUrl(step.url);
      return opened ? { outcome: 'succeeded' } : { outcome: 'skipped', message: `not opened: ${step.url}` };
    }
    case 'tmux':
      if (step.action.kind === 'split') panes.split(() => factory.openSplit('pane'));
      else if (step.action.kind === 'last') panes.last();
      else if (step.action.kind === 'select' && !panes.select(step.action.index)) {
        return { outcome: 'skipped', message: `there is no pane ${step.action.index}` };
      }
      return { outcome: 'succeeded', message: `now typing in pane ${panes.currentNumber}` };
    case 'skip':
      return { outcome: 'skipped', message: step.reason };
    case 'invalid':
      throw new StepFailure(step.reason);
  }
}

/** The last match of a global regex in `text`: group 1 when the pattern has one, else the whole match. Time-limited: the pattern is course input. */
export function lastMatch(pattern: RegExp, text: string): string | undefined {
  return lastMatchWithin(pattern, text);
}
