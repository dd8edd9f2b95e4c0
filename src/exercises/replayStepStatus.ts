// A step's status: how the end and exit status of a command are awaited in each kind of terminal
// (shell integration, a nested shell's marker line, a status file) and what an earlier step left running.

import type { PlanStep } from './plan';
import type { ExecResult, ReplayTerminal, StatusDrop } from './replaySession';
import { makeStatusMarker, readStatus } from './statusMarker';
import { learnersTurn } from './replayLearnersTurn';
import { formatCommand, formatDuration, onTimedOut, PROMPT_AT_END, STOP_GRACE_MS, StepFailure, TIMED_OUT, within, type StepContext, type StepResult } from './replayTimeouts';

/** Waits for what runs in front of the shell to end (a command started before a `wait`, an editor). */
export async function settle<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T): Promise<number | undefined> {
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
export async function startCommand<T extends ReplayTerminal>(ctx: StepContext<T>, terminal: T, command: string): Promise<string | undefined> {
  const started = await terminal.start(command, ctx.startTimeoutMs, ctx.signal);
  return started ? undefined : `\`${formatCommand(command)}\` did not show that it started within ${formatDuration(ctx.startTimeoutMs)}`;
}

/**
 * Waits for a nested shell's prompt: a shell that starts drops what was typed ahead of it, and the
 * next command must reach it, not the program before it.
 */
export async function waitForPrompt<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T): Promise<void> {
  if (!terminal.readable()) return;
  try {
    await terminal.waitFor(PROMPT_AT_END, ctx.commandTimeoutMs, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    await onTimedOut(ctx, step, terminal, 'a prompt', ctx.commandTimeoutMs);
  }
}

/** A command in a nested shell or a shell nobody reports on: the status comes from a marker line. */
export async function execWithMarker<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T, command: string): Promise<ExecResult> {
  // Where the status will be dropped is settled first: finding out may type a line.
  const drop = terminal.readable() ? undefined : await statusDropOf(ctx, terminal, true);
  await terminal.start(command, ctx.startTimeoutMs, ctx.signal);
  await waitForPrompt(ctx, step, terminal);
  return { exitCode: await readMarkerStatus(ctx, step, terminal, drop), output: terminal.screenText() };
}

/** Only the terminal's own shell drops statuses: a nested one may run on another machine or in a container. */
export async function statusDropOf<T extends ReplayTerminal>(ctx: StepContext<T>, terminal: T, mayProbe: boolean): Promise<StatusDrop | undefined> {
  if (ctx.session.foregroundOf(terminal) === 'shell') return undefined;
  return terminal.statusDrop?.(ctx.signal, { mayProbe });
}

export async function readMarkerStatus<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T, drop?: StatusDrop): Promise<number | undefined> {
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
export async function usesMarker<T extends ReplayTerminal>(ctx: StepContext<T>, terminal: T): Promise<boolean> {
  await terminal.whenReady?.(ctx.signal);
  return ctx.session.needsMarker(terminal);
}

/** No text to read: the shell writes the status where the replay reads it. */
export async function readDroppedStatus<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T, drop: StatusDrop | undefined): Promise<number | undefined> {
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

export async function execBounded<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T, command: string): Promise<ExecResult> {
  if (await usesMarker(ctx, terminal)) return execWithMarker(ctx, step, terminal, command);
  const result = await within(terminal.exec(command, ctx.signal), ctx.commandTimeoutMs);
  if (result !== TIMED_OUT) return result;
  ctx.session.pushForeground(terminal, 'command');
  const choice = await onTimedOut(ctx, step, terminal, `\`${formatCommand(command)}\` to end`, ctx.commandTimeoutMs);
  if (choice === 'interrupt') await terminal.waitForCommandEnd(STOP_GRACE_MS, ctx.signal).catch(() => undefined);
  return { exitCode: undefined, output: terminal.screenText() };
}
export async function check<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep): Promise<StepResult> {
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

