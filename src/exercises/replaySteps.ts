// What each kind of step does to the session's terminals (see docs/exercises.md for the rules).

import { lastMatchWithin, RegexTimeoutError } from './boundedRegex';
import { commandKind } from './commandKinds';
import type { PlanStep } from './plan';
import type { StepOutcome } from './replay';
import type { ReplayTerminal } from './replaySession';
import { leftToLearner, learnersTurn } from './replayLearnersTurn';
import { check, execBounded, settle, startCommand, waitForPrompt } from './replayStepStatus';
import { CTRL_C, CTRL_D, formatCommand, interrupt, onTimedOut, STOP_GRACE_MS, StepFailure, type StepContext, type StepResult } from './replayTimeouts';

export { StepFailure, type StepContext, type StepResult } from './replayTimeouts';

/** The shell of the current pane, for a command: never a terminal showing a watch. */
function shellForCommands<T extends ReplayTerminal>(ctx: StepContext<T>): T {
  const { panes, factory } = ctx.session;
  return panes.shell(() => factory.openSplit('shell'));
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
      const terminal = free ? pane.base : session.factory.openSplit(`watch: ${formatCommand(command)}`);
      session.panes.addWatch(terminal);
      session.pushForeground(terminal, 'watch');
      const late = await startCommand(ctx, terminal, command);
      if (late) messages.push(late);
      outcome = 'sent';
      continue;
    }
    const terminal = shellForCommands(ctx);
    session.noteEnds(terminal);
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
export async function runStep<T extends ReplayTerminal>(ctx: StepContext<T>, step: PlanStep, next: PlanStep | undefined): Promise<StepResult> {
  const { panes, factory } = ctx.session;
  // What ended by itself since the replay last looked (a pager that quit, a command typed ahead).
  ctx.session.noteEnds();
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
