// The reader's stored state, per course, and how data of earlier releases is read.
// Plain data: the typed store (src/vscode/store.ts) keeps it in VS Code's global state.
import type { Position } from '../protocol';

export const READER_STORE_VERSION = 2;

export interface StoredCourseReading {
  position: Position;
  stepMode?: boolean;
  /** Set once the user toggles extra-details in the reader; until then the setting decides. */
  hideExtraDetails?: boolean;
}

export interface StoredReader {
  version: typeof READER_STORE_VERSION;
  courses: Record<string, StoredCourseReading>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readPosition(value: unknown): Position | undefined {
  if (!isRecord(value)) return undefined;
  const { slide, step } = value;
  if (typeof slide !== 'number' || !Number.isInteger(slide) || slide < 0) return undefined;
  return { slide, step: typeof step === 'number' && Number.isInteger(step) && step > 0 ? step : 0 };
}

function readCourse(value: unknown): StoredCourseReading | undefined {
  if (!isRecord(value)) return undefined;
  const position = readPosition(value.position);
  if (!position) return undefined;
  const reading: StoredCourseReading = { position };
  if (typeof value.stepMode === 'boolean') reading.stepMode = value.stepMode;
  if (typeof value.hideExtraDetails === 'boolean') reading.hideExtraDetails = value.hideExtraDetails;
  return reading;
}

/**
 * Reads the stored reader state. `legacyPositions` is what releases before version 2 kept
 * under `workshop.positions` (course id to `{ slide, step }`): read when the new value has
 * no entry for a course, so nobody loses their place. Malformed entries are dropped; never throws.
 */
export function readStoredReader(stored: unknown, legacyPositions?: unknown): StoredReader {
  const result: StoredReader = { version: READER_STORE_VERSION, courses: {} };
  if (isRecord(legacyPositions)) {
    for (const [courseId, value] of Object.entries(legacyPositions)) {
      const position = readPosition(value);
      if (position && courseId !== '__proto__') result.courses[courseId] = { position };
    }
  }
  if (isRecord(stored) && stored.version === READER_STORE_VERSION && isRecord(stored.courses)) {
    for (const [courseId, value] of Object.entries(stored.courses)) {
      const reading = readCourse(value);
      if (reading && courseId !== '__proto__') result.courses[courseId] = reading;
    }
  }
  return result;
}

export function withCourseReading(store: StoredReader, courseId: string, reading: StoredCourseReading): StoredReader {
  return { version: READER_STORE_VERSION, courses: { ...store.courses, [courseId]: reading } };
}
