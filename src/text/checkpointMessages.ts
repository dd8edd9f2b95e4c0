// What "Start This Chapter" and "Reset This Chapter" say: every course or cluster text in them
// goes through the inert helper (src/text/inert.ts), like the messages of messages.ts.
import { inert, notice, plainText } from './inert';
import { plainLines } from './messages';
import { startCounts } from './startCounts';

export function firstChapterNotice(title: string): string {
  return notice`"${title}" is the first chapter: it starts from the cluster you have, so there is nothing to run before it.`;
}

export function startQuestion(title: string, toRun: number, held: number, manual: number): string {
  const parts = [`${toRun} command${toRun === 1 ? '' : 's'} to run in the Workshop terminal`];
  if (held) parts.push(`${held} already done`);
  if (manual) parts.push(`${manual} that need${manual === 1 ? 's' : ''} you`);
  return plainText`Start "${title}"? The chapters before it leave ${parts.join(', ')}.`;
}

/** The plan as the modal shows it: each line inert, whole. */
export function planDetail(lines: readonly string[], footer: string): string {
  return `${plainLines(lines.join('\n'))}\n\n${inert(footer, 'plain')}`;
}

export function startProgress(done: number, total: number, command: string): string {
  return `${done + 1}/${total}: ${inert(command.split('\n', 1)[0], 'progress', 120)}`;
}

export function startStopped(command: string, where: string, reason: string): string {
  return notice`Start This Chapter stopped at ${command.split('\n', 1)[0]} (${where}): ${reason}. What ran before it stays done; start the chapter again once it is fixed.`;
}

export function startDone(title: string, ran: number, held: number, skipped: number): string {
  return notice`"${title}" is ready: ${startCounts(ran, held)}, ${skipped} left to you. Next step goes on from its first exercise.`;
}

export function startCancelled(ran: number): string {
  return notice`Start This Chapter was cancelled after ${ran} command${ran === 1 ? '' : 's'}; what ran stays done.`;
}

export function resetQuestion(title: string, actions: number): string {
  return plainText`Reset "${title}"? ${actions} command${actions === 1 ? '' : 's'} will undo what its exercises did in the cluster; what earlier chapters made is left alone.`;
}

export function nothingToReset(title: string, notUndone: number): string {
  return notice`Nothing to reset in "${title}"${notUndone ? ` (${notUndone} change${notUndone === 1 ? '' : 's'} cannot be undone: see the log)` : ''}.`;
}

export function resetDone(title: string, ran: number, failed: number): string {
  return notice`"${title}" was reset: ${ran} command${ran === 1 ? '' : 's'} ran${failed ? `, ${failed} failed (see the terminal)` : ''}.`;
}
