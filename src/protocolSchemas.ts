// Runtime checks of the messages of src/protocol.ts. Each side checks what it receives:
// the extension every webview message, the webview every host message. A message that
// does not pass is logged and dropped by the receiver, never acted on.
import type { HostMessage, ReaderAction, RequestMethod, WebviewMessage } from './protocol';

export type Check = (value: unknown) => boolean;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const str: Check = (v) => typeof v === 'string';
export const int: Check = (v) => Number.isInteger(v);
export const bool: Check = (v) => typeof v === 'boolean';
export const optional = (check: Check): Check => (v) => v === undefined || check(v);
export const oneOf = (...values: readonly unknown[]): Check => (v) => values.includes(v);
export const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
export const recordOf = (check: Check): Check => (v) => isObject(v) && Object.values(v).every(check);

/** One check per field of T: the compiler insists that none is forgotten. */
export type Fields<T> = { [K in keyof T]-?: Check };

export function object<T>(fields: Fields<T>): Check {
  const entries = Object.entries<Check>(fields);
  return (v) => isObject(v) && entries.every(([name, check]) => check(v[name]));
}

type Body<M, K> = Omit<Extract<M, { type: K }>, 'type'>;
/** A check for every `type` of a message union. */
type Table<M extends { type: string }> = { [K in M['type']]: Check };

function bodyOf<M extends { type: string }, K extends M['type']>(fields: Fields<Body<M, K>>): Check {
  return object<Body<M, K>>(fields);
}

const position = object({ slide: int, step: int });
const status = oneOf('idle', 'running', 'succeeded', 'failed', 'unknown', 'sent');
const problem = object({ file: str, line: int, message: str, severity: oneOf('error', 'warning') });
const chapter = object({ index: int, title: str, anchor: str, file: str, firstSlide: int, slideCount: int, snippetCount: int });
const part = object({ title: str, chapters: arrayOf(chapter) });
const effect = object({
  resource: str, namespace: optional(str), change: oneOf('created', 'changed', 'deleted'),
  health: oneOf('ready', 'progressing', 'failed', 'deleted'), text: str, reason: optional(str),
});
const diagnosis = object({
  reason: str, cause: str, evidence: arrayOf(object({ object: str, text: str })), next: str,
  fixes: arrayOf(object({ label: str, command: str })), teach: arrayOf(object({ slide: int, title: str })),
});
const unchecked = arrayOf(object({ file: str, reason: str }));
const chapterReadiness = object({ chapter: int, missing: arrayOf(object({ id: str, what: str, todo: str, chapter: optional(str) })), notes: arrayOf(str), unchecked });

const ACTIONS: { [K in ReaderAction['kind']]: Check } = {
  next: () => true,
  previous: () => true,
  nextChapter: () => true,
  previousChapter: () => true,
  goto: object<{ slide: unknown; step?: unknown }>({ slide: int, step: optional(int) }),
  setStepMode: object<{ on: unknown }>({ on: bool }),
  setHideExtraDetails: object<{ hide: unknown }>({ hide: bool }),
};
const action: Check = (v) => isObject(v) && typeof v.kind === 'string' && Object.hasOwn(ACTIONS, v.kind) && ACTIONS[v.kind as ReaderAction['kind']](v);

const REQUEST_PARAMS: { [M in RequestMethod]: Check } = {
  search: object({ courseId: str, query: str }),
  copy: object({ courseId: str, key: optional(str), text: optional(str) }),
  reveal: object({ courseId: str, resource: str, namespace: optional(str), chapter: optional(int) }),
};

type W = WebviewMessage;
const WEBVIEW: Table<W> = {
  ready: bodyOf<W, 'ready'>({ view: optional(object({ courseId: str, mode: oneOf('toc', 'slide') })) }),
  action: bodyOf<W, 'action'>({ courseId: str, action }),
  run: bodyOf<W, 'run'>({ courseId: str, key: str }),
  send: bodyOf<W, 'send'>({ courseId: str, key: str }),
  runAll: bodyOf<W, 'runAll'>({ courseId: str, lab: str }),
  openYaml: bodyOf<W, 'openYaml'>({ text: str }),
  openLink: bodyOf<W, 'openLink'>({ kind: oneOf('external', 'file'), target: str, fragment: optional(str) }),
  showOutput: bodyOf<W, 'showOutput'>({ courseId: str, key: str }),
  diagnosisFix: bodyOf<W, 'diagnosisFix'>({ courseId: str, key: str, reason: str, fix: int }),
  openCourse: () => true,
  openBeside: () => true,
  nextStep: bodyOf<W, 'nextStep'>({ courseId: str }),
  chapterCheckpoint: bodyOf<W, 'chapterCheckpoint'>({ courseId: str, chapter: int, action: oneOf('start', 'reset') }),
  openProblem: bodyOf<W, 'openProblem'>({ file: str, line: int }),
  dropped: bodyOf<W, 'dropped'>({ error: str }),
  drawn: bodyOf<W, 'drawn'>({ courseId: str, chapters: int }),
  drawnError: bodyOf<W, 'drawnError'>({ title: str }),
  reload: () => true,
  request: (v) =>
    isObject(v) && int(v.id) && typeof v.method === 'string' && Object.hasOwn(REQUEST_PARAMS, v.method) && REQUEST_PARAMS[v.method as RequestMethod](v.params),
};

type H = HostMessage;
const HOST: Table<H> = {
  course: bodyOf<H, 'course'>({
    courseId: str, title: str, source: str, bundled: bool, parts: arrayOf(part), slideCount: int,
    problems: arrayOf(problem), anchors: recordOf(int), trusted: bool, resumed: bool,
  }),
  state: bodyOf<H, 'state'>({
    state: object({
      courseId: str, position, stepMode: bool, hideExtraDetails: bool, chapter: int, step: int, steps: int, canPrevious: bool, canNext: bool,
    }),
  }),
  slide: bodyOf<H, 'slide'>({
    courseId: str, index: int, chapter: int, html: str, step: int, steps: int, classes: arrayOf(str), title: str, file: str, line: int,
  }),
  status: bodyOf<H, 'status'>({ courseId: str, key: str, status, exitCode: optional(int), message: optional(str), yourTurn: optional(bool) }),
  labState: bodyOf<H, 'labState'>({ courseId: str, lab: str, state: oneOf('running', 'done', 'failed', 'cancelled') }),
  progress: bodyOf<H, 'progress'>({
    courseId: str,
    statuses: recordOf(object({ status, exitCode: optional(int) })),
    chapters: arrayOf(object({ done: int, total: int, started: optional(object({ at: str, ran: int, held: int, skipped: int })) })),
  }),
  trust: bodyOf<H, 'trust'>({ trusted: bool }),
  command: bodyOf<H, 'command'>({ command: oneOf('toc', 'search', 'slide') }),
  stepEffects: bodyOf<H, 'stepEffects'>({ courseId: str, key: str, effects: arrayOf(effect), unchecked }),
  readiness: bodyOf<H, 'readiness'>({ courseId: str, chapters: arrayOf(chapterReadiness) }),
  chapterObjects: bodyOf<H, 'chapterObjects'>({ courseId: str, chapters: arrayOf(recordOf(str)) }),
  stepDiagnosis: bodyOf<H, 'stepDiagnosis'>({ courseId: str, key: str, diagnoses: arrayOf(diagnosis) }),
  reply: (v) => isObject(v) && int(v.id) && (v.ok === true || (v.ok === false && str(v.error))),
  error: bodyOf<H, 'error'>({ title: str, message: str, problems: arrayOf(problem) }),
};

export type Checked<M> = { ok: true; message: M } | { ok: false; error: string };

function check<M extends { type: string }>(table: Table<M>, value: unknown): Checked<M> {
  if (!isObject(value) || typeof value.type !== 'string') return { ok: false, error: 'a message without a type' };
  if (!Object.hasOwn(table, value.type)) return { ok: false, error: `an unknown message type "${value.type.slice(0, 40)}"` };
  if (!table[value.type as M['type']](value)) return { ok: false, error: `a malformed "${value.type}" message` };
  return { ok: true, message: value as M };
}

export const checkWebviewMessage = (value: unknown): Checked<WebviewMessage> => check(WEBVIEW, value);
export const checkHostMessage = (value: unknown): Checked<HostMessage> => check(HOST, value);
