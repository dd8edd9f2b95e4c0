// Loose readers of API objects: a missing or mistyped field reads as undefined.
import type { ApiObject } from './types';

export function field(value: unknown, ...path: string[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export function text(value: unknown, ...path: string[]): string | undefined {
  const v = field(value, ...path);
  return typeof v === 'string' ? v : undefined;
}

export function num(value: unknown, ...path: string[]): number | undefined {
  const v = field(value, ...path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function list(value: unknown, ...path: string[]): ApiObject[] {
  const v = field(value, ...path);
  return Array.isArray(v) ? v.filter((x): x is ApiObject => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
}

export function nameOf(o: ApiObject): string {
  return text(o, 'metadata', 'name') ?? '?';
}

/** Events about `kind/name`, newest last. */
export function eventsAbout(events: readonly ApiObject[], kind: string, name: string): ApiObject[] {
  return events
    .filter((e) => text(e, 'involvedObject', 'kind') === kind && text(e, 'involvedObject', 'name') === name)
    .sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
}

function eventTime(e: ApiObject): string {
  return text(e, 'lastTimestamp') ?? text(e, 'eventTime') ?? text(e, 'metadata', 'creationTimestamp') ?? '';
}

/** The newest event with one of these reasons (and of this type when given). */
export function lastEvent(events: readonly ApiObject[], reasons: readonly string[], match?: RegExp): ApiObject | undefined {
  return events.filter((e) => reasons.includes(text(e, 'reason') ?? '') && (!match || match.test(text(e, 'message') ?? ''))).at(-1);
}

/** Container statuses of a pod (init containers first). */
export function containerStatuses(pod: ApiObject): ApiObject[] {
  return [...list(pod, 'status', 'initContainerStatuses'), ...list(pod, 'status', 'containerStatuses')];
}

const MAX_TEXT = 300;
export function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_TEXT ? `${one.slice(0, MAX_TEXT - 1)}…` : one;
}
