// What the user has run in a course: a status per snippet. Plain data, JSON-safe. What counts
// as done, and per-chapter counts, are in src/reader/progress.ts.

export type SnippetStatus = 'running' | 'succeeded' | 'failed' | 'unknown' | 'sent';

export const SNIPPET_STATUSES: readonly SnippetStatus[] = ['running', 'succeeded', 'failed', 'unknown', 'sent'];

export interface SnippetRecord {
  status: SnippetStatus;
  exitCode?: number;
  /** When the status was recorded (epoch milliseconds). */
  at: number;
  /** Stable key of the snippet's chapter (kept from release 0.1; counts come from the course index). */
  chapter?: string;
}

export interface CourseProgress {
  version: 1;
  snippets: Record<string, SnippetRecord>;
}

const DONE: ReadonlySet<SnippetStatus> = new Set(['succeeded', 'sent', 'unknown']);

export function emptyProgress(): CourseProgress {
  return { version: 1, snippets: {} };
}

export function isDone(status: SnippetStatus | undefined): boolean {
  return status !== undefined && DONE.has(status);
}

/** Returns a new progress with the snippet's status recorded (the input is not changed). */
export function recordStatus(
  progress: CourseProgress,
  key: string,
  status: SnippetStatus,
  details: { exitCode?: number; at?: number; chapter?: string } = {},
): CourseProgress {
  const record: SnippetRecord = { status, at: details.at ?? Date.now() };
  if (details.exitCode !== undefined) record.exitCode = details.exitCode;
  const chapter = details.chapter ?? progress.snippets[key]?.chapter;
  if (chapter !== undefined) record.chapter = chapter;
  return { version: 1, snippets: { ...progress.snippets, [key]: record } };
}

/** The JSON-safe value to store. */
export function serializeProgress(progress: CourseProgress): CourseProgress {
  return JSON.parse(JSON.stringify(progress)) as CourseProgress;
}

function parseRecord(value: unknown): SnippetRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw.status !== 'string' || !SNIPPET_STATUSES.includes(raw.status as SnippetStatus)) return undefined;
  // A run cannot survive a reload of the window: a stored `running` is stale.
  if (raw.status === 'running') return undefined;
  if (typeof raw.at !== 'number' || !Number.isFinite(raw.at)) return undefined;
  const record: SnippetRecord = { status: raw.status as SnippetStatus, at: raw.at };
  if (typeof raw.exitCode === 'number' && Number.isInteger(raw.exitCode)) record.exitCode = raw.exitCode;
  if (typeof raw.chapter === 'string') record.chapter = raw.chapter;
  return record;
}

/**
 * Reads stored progress (an object, or its JSON text). Anything malformed gives an empty progress;
 * a malformed entry is dropped and the others kept. Never throws.
 */
export function deserializeProgress(stored: unknown): CourseProgress {
  let value = stored;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return emptyProgress();
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return emptyProgress();
  const raw = value as Record<string, unknown>;
  if (raw.version !== 1 || typeof raw.snippets !== 'object' || raw.snippets === null || Array.isArray(raw.snippets)) {
    return emptyProgress();
  }
  const progress = emptyProgress();
  for (const [key, entry] of Object.entries(raw.snippets as Record<string, unknown>)) {
    const record = parseRecord(entry);
    if (record && key !== '__proto__') progress.snippets[key] = record;
  }
  return progress;
}
