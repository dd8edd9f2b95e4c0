// Texts the view shows for statuses, progress and position. Pure, so tests can read them.
import type { ChapterProgress, ChapterStart, ReaderSnapshot, SnippetStatus } from '../../src/protocol';
import { startCounts } from '../../src/text/startCounts';
import type { StatusValue } from './state';

const STATUS_TEXT: Record<SnippetStatus, string> = {
  idle: '',
  running: '… running',
  succeeded: '✓ done',
  failed: '✗ failed',
  unknown: '• sent (status unknown)',
  sent: '• sent',
};

export function statusText(value: StatusValue | undefined): string {
  const status = value?.status ?? 'idle';
  if (status === 'failed' && value?.exitCode !== undefined) return `✗ exit ${value.exitCode}`;
  if (status === 'running' && value?.yourTurn) return '✎ your turn';
  if (status === 'idle' && value?.message) return '⚠ not run';
  return STATUS_TEXT[status];
}

export function statusTitle(value: StatusValue | undefined): string {
  if (value?.message) return value.message;
  return value?.status === 'unknown' ? 'Shell integration is not available in this terminal, so the exit status cannot be known.' : '';
}

/** `data-progress` of a chapter: `<done>/<total>`. */
export function progressAttribute(progress: ChapterProgress | undefined, total: number): string {
  return `${progress?.done ?? 0}/${progress?.total ?? total}`;
}

/** What a finished "Start This Chapter" did: "3 Dec 2026, 16:40: 4 commands ran, 1 was already done". */
export function startedText(started: ChapterStart, locale?: string): string {
  const when = new Date(started.at);
  const date = Number.isNaN(when.getTime()) ? started.at : when.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return `${date}: ${startCounts(started.ran, started.held)}${started.skipped ? `, ${started.skipped} left to you` : ''}`;
}

/** "12 / 80", with the step when the slide is shown in part or step by step. */
export function positionText(reader: ReaderSnapshot, slideCount: number): string {
  const stepInfo = reader.steps > 1 && (reader.stepMode || reader.step < reader.steps) ? ` · step ${reader.step}/${reader.steps}` : '';
  return `${reader.position.slide + 1} / ${slideCount}${stepInfo}`;
}
