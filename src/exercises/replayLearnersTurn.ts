// The learner's turn: an editor (or pager, or telnet) a lab leaves open is theirs to finish; the
// run waits for it to close, or for them to say they are done, within its own time limit.

import type { PlanStep } from './plan';
import type { LearnersTurn } from './replay';
import type { ReplayTerminal } from './replaySession';
import { formatCommand, formatDuration, onTimedOut, PROMPT_AT_END, TIMED_OUT, within, type StepContext } from './replayTimeouts';

/**
 * An editor (or pager, or telnet) the lab leaves to the learner: `vim file` followed by a command,
 * not by the keys that would close it. Upstream's autopilot has no learner and would type the next
 * command into the editor; here the run waits for the learner to finish with it, says so, and
 * gives them the terminal.
 */
export function leftToLearner(next: PlanStep | undefined): boolean {
  return next === undefined || next.kind === 'run' || next.kind === 'check' || next.kind === 'open' || next.kind === 'skip';
}

/** Resolves once the program in front of the terminal ended; `undefined` when the terminal cannot tell. */
export function programEnded<T extends ReplayTerminal>(ctx: StepContext<T>, terminal: T, limitMs: number, signal: AbortSignal): Promise<unknown> | undefined {
  // Inside a nested shell no shell reports the end: its prompt coming back does.
  if (ctx.session.beneathForeground(terminal) === 'shell') return terminal.readable() ? terminal.waitFor(PROMPT_AT_END, limitMs, signal) : undefined;
  return terminal.tracksCommands() ? terminal.waitForCommandEnd(limitMs, signal) : undefined;
}

export async function learnersTurn<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, terminal: T, program: string, leftOpen: boolean): Promise<string> {
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
