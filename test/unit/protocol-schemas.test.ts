import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHostMessage, checkWebviewMessage } from '../../src/protocolSchemas';

test('well-formed webview messages pass, as they are', () => {
  for (const message of [
    { type: 'ready' },
    { type: 'ready', view: { courseId: 'c', mode: 'slide' } },
    { type: 'action', courseId: 'c', action: { kind: 'next' } },
    { type: 'action', courseId: 'c', action: { kind: 'goto', slide: 4 } },
    { type: 'action', courseId: 'c', action: { kind: 'setStepMode', on: true } },
    { type: 'run', courseId: 'c', key: '1:0:0' },
    { type: 'openLink', kind: 'file', target: '/x', fragment: 'L3' },
    { type: 'openCourse' },
    { type: 'drawn', courseId: 'c', chapters: 3 },
    { type: 'drawnError', title: 'The course kube.yml has no slides' },
    { type: 'reload' },
    { type: 'request', id: 3, method: 'search', params: { courseId: 'c', query: 'pods' } },
    { type: 'request', id: 4, method: 'copy', params: { courseId: 'c', text: 'ls' } },
  ]) {
    assert.deepEqual(checkWebviewMessage(message), { ok: true, message }, JSON.stringify(message));
  }
});

test('unknown and malformed webview messages are refused with a reason', () => {
  const cases: Array<[unknown, string]> = [
    [null, 'a message without a type'],
    ['run', 'a message without a type'],
    [{ type: 'format-disk' }, 'an unknown message type "format-disk"'],
    [{ type: 'toString' }, 'an unknown message type "toString"'],
    [{ type: 'run', courseId: 'c' }, 'a malformed "run" message'],
    [{ type: 'run', courseId: 'c', key: 7 }, 'a malformed "run" message'],
    [{ type: 'action', courseId: 'c', action: { kind: 'jump' } }, 'a malformed "action" message'],
    [{ type: 'action', courseId: 'c', action: { kind: 'goto', slide: '4' } }, 'a malformed "action" message'],
    [{ type: 'openLink', kind: 'javascript', target: 'x' }, 'a malformed "openLink" message'],
    [{ type: 'drawn', courseId: 'c' }, 'a malformed "drawn" message'],
    [{ type: 'drawnError' }, 'a malformed "drawnError" message'],
    [{ type: 'request', id: 1, method: 'eval', params: {} }, 'a malformed "request" message'],
    [{ type: 'request', id: 'one', method: 'search', params: { courseId: 'c', query: 'x' } }, 'a malformed "request" message'],
    [{ type: 'request', id: 1, method: 'search', params: { courseId: 'c' } }, 'a malformed "request" message'],
  ];
  for (const [message, error] of cases) assert.deepEqual(checkWebviewMessage(message), { ok: false, error }, JSON.stringify(message));
});

test('host messages are checked too, replies included', () => {
  assert.equal(checkHostMessage({ type: 'trust', trusted: true }).ok, true);
  assert.equal(checkHostMessage({ type: 'reply', id: 1, ok: true, value: [] }).ok, true);
  assert.equal(checkHostMessage({ type: 'reply', id: 1, ok: false, error: 'no' }).ok, true);
  assert.equal(checkHostMessage({ type: 'reply', id: 1, ok: false }).ok, false);
  assert.equal(checkHostMessage({ type: 'progress', courseId: 'c', statuses: { '1:0:0': { status: 'done' } }, chapters: [] }).ok, false);
  assert.equal(checkHostMessage({ type: 'progress', courseId: 'c', statuses: { '1:0:0': { status: 'sent' } }, chapters: [{ done: 1, total: 2 }] }).ok, true);
  assert.equal(checkHostMessage({ type: 'command', command: 'rm' }).ok, false);
  const started = { at: '2026-12-03T16:40:00.000Z', ran: 4, held: 1, skipped: 0 };
  assert.equal(checkHostMessage({ type: 'progress', courseId: 'c', statuses: {}, chapters: [{ done: 0, total: 2 }, { done: 0, total: 1, started }] }).ok, true);
  assert.equal(checkHostMessage({ type: 'progress', courseId: 'c', statuses: {}, chapters: [{ done: 0, total: 1, started: { ...started, ran: '4' } }] }).ok, false);
  assert.equal(checkHostMessage({ type: 'progress', courseId: 'c', statuses: {}, chapters: [{ done: 0, total: 1, started: { at: started.at } }] }).ok, false);
});

test('lab messages: step effects, readiness and the reveal request are checked', () => {
  const effect = { resource: 'deployment/web', namespace: 'default', change: 'created', health: 'ready', text: '2/2 ready' };
  assert.equal(checkHostMessage({ type: 'stepEffects', courseId: 'c', key: '1:0:0', effects: [effect], unchecked: [{ file: '/dev/zero', reason: 'outside the course: not checked' }] }).ok, true);
  assert.equal(checkHostMessage({ type: 'stepEffects', courseId: 'c', key: '1:0:0', effects: [{ ...effect, health: 'great' }], unchecked: [] }).ok, false);
  assert.equal(checkHostMessage({ type: 'stepEffects', courseId: 'c', key: '1:0:0', effects: [effect] }).ok, false, 'unchecked is always there');
  assert.equal(checkHostMessage({ type: 'readiness', courseId: 'c', chapters: [{ chapter: 2, missing: [{ id: 'metrics-server', what: 'metrics-server', todo: 'Install it.' }], notes: [], unchecked: [{ file: '/dev/zero', reason: 'outside the course: not checked' }] }] }).ok, true);
  assert.equal(checkHostMessage({ type: 'readiness', courseId: 'c', chapters: [{ chapter: '2', missing: [], notes: [], unchecked: [] }] }).ok, false);
  assert.equal(checkHostMessage({ type: 'readiness', courseId: 'c', chapters: [{ chapter: 2, missing: [], notes: [], unchecked: [{ file: 3, reason: 'x' }] }] }).ok, false);
  assert.equal(checkWebviewMessage({ type: 'request', id: 5, method: 'reveal', params: { courseId: 'c', resource: 'deploy/web', chapter: 1 } }).ok, true);
  assert.equal(checkWebviewMessage({ type: 'request', id: 5, method: 'reveal', params: { courseId: 'c' } }).ok, false);
  assert.equal(checkHostMessage({ type: 'chapterObjects', courseId: 'c', chapters: [{ web: 'deployment/web' }, {}] }).ok, true);
  assert.equal(checkHostMessage({ type: 'chapterObjects', courseId: 'c', chapters: [{ web: 3 }] }).ok, false);
});
