import { test } from 'node:test';
import assert from 'node:assert/strict';
import { positionText, progressAttribute, startedText, statusText, statusTitle } from '../../media/src/labels';
import { diagramNote, diagramTheme, mermaidConfig } from '../../media/src/diagramConfig';
import { intentOf } from '../../media/src/navKeys';
import { initialMode, isCurrentSlide, type CourseInfo, type SlideInfo } from '../../media/src/state';
import type { ReaderSnapshot } from '../../src/protocol';

const press = (key: string, more: Partial<Parameters<typeof intentOf>[0]> = {}) =>
  intentOf({ key, altKey: false, ctrlKey: false, metaKey: false, inTextField: false, ...more });

test('navigation keys: arrows and pages move, t and / switch; modifiers and text fields keep their keys', () => {
  assert.deepEqual(['ArrowRight', 'PageDown', 'ArrowLeft', 'PageUp', 't', '/', 'x', 'constructor'].map((k) => press(k)), [
    'next', 'next', 'previous', 'previous', 'toc', 'search', undefined, undefined,
  ]);
  assert.equal(press('ArrowRight', { altKey: true }), undefined);
  assert.equal(press('ArrowRight', { ctrlKey: true }), undefined);
  assert.equal(press('t', { inTextField: true }), undefined);
});

const snapshot: ReaderSnapshot = {
  courseId: 'c', position: { slide: 4, step: 2 }, stepMode: true, hideExtraDetails: false,
  chapter: 1, step: 2, steps: 3, canPrevious: true, canNext: true,
};

test('labels: position with steps, statuses, data-progress', () => {
  assert.equal(positionText(snapshot, 80), '5 / 80 · step 2/3');
  const at = '2026-12-03T16:40:00.000Z';
  const date = new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  assert.equal(startedText({ at, ran: 4, held: 1, skipped: 0 }, 'en-GB'), `${date}: 4 commands ran, 1 was already done`);
  assert.equal(startedText({ at, ran: 1, held: 0, skipped: 2 }, 'en-GB'), `${date}: 1 command ran, 0 were already done, 2 left to you`);
  assert.equal(startedText({ at: 'yesterday', ran: 0, held: 3, skipped: 0 }), 'yesterday: 0 commands ran, 3 were already done');
  assert.equal(positionText({ ...snapshot, stepMode: false, position: { slide: 4, step: 0 }, step: 3 }, 80), '5 / 80');
  assert.equal(positionText({ ...snapshot, stepMode: true, step: 3 }, 80), '5 / 80 · step 3/3');
  assert.equal(statusText({ status: 'failed', exitCode: 3 }), '✗ exit 3');
  assert.equal(statusText({ status: 'succeeded' }), '✓ done');
  assert.equal(statusText({ status: 'running', yourTurn: true, message: 'Your turn: ...' }), '✎ your turn');
  assert.equal(statusText({ status: 'idle', message: 'Not run: this command holds invisible characters' }), '⚠ not run');
  assert.equal(statusText({ status: 'idle' }), '');
  assert.equal(statusTitle({ status: 'running', yourTurn: true, message: 'Your turn: save and quit' }), 'Your turn: save and quit');
  assert.equal(statusText(undefined), '');
  assert.match(statusTitle({ status: 'unknown' }), /shell integration/i);
  assert.equal(progressAttribute({ done: 1, total: 2 }, 5), '1/2');
  assert.equal(progressAttribute(undefined, 5), '0/5');
});

test('a view opens where it was before a reload, else on the slide once reading has started', () => {
  const course = { courseId: 'c', resumed: false } as CourseInfo;
  assert.equal(initialMode(course, undefined), 'toc');
  assert.equal(initialMode({ ...course, resumed: true }, undefined), 'slide');
  assert.equal(initialMode({ ...course, resumed: true }, { courseId: 'c', mode: 'toc' }), 'toc');
  assert.equal(initialMode(course, { courseId: 'other', mode: 'slide' }), 'toc');
});

test('only the slide the state points at is drawn', () => {
  const slide = { courseId: 'c', index: 4, step: 2 } as SlideInfo;
  assert.equal(isCurrentSlide(slide, snapshot), true);
  assert.equal(isCurrentSlide({ ...slide, step: 3 }, snapshot), false);
  assert.equal(isCurrentSlide({ ...slide, index: 5 }, snapshot), false);
  assert.equal(isCurrentSlide(slide, undefined), false);
});

test('diagrams: theme follows VS Code, a diagram cannot change what reaches CSS, failures give one short line', () => {
  assert.equal(diagramTheme(['vscode-dark']), 'dark');
  assert.equal(diagramTheme(['surface-view', 'vscode-high-contrast']), 'dark');
  assert.equal(diagramTheme(['vscode-light']), 'default');
  assert.equal(diagramTheme(['vscode-high-contrast-light']), 'default');
  const config = mermaidConfig('dark');
  assert.equal(config.securityLevel, 'strict');
  assert.equal(config.startOnLoad, false);
  assert.equal(config.theme, 'dark');
  for (const key of ['securityLevel', 'themeCSS', 'themeVariables', 'fontFamily', 'htmlLabels']) assert.ok(config.secure?.includes(key), key);
  assert.equal(
    diagramNote(new Error("Parse error on line 2:\n...LR  A --> [unclosed\n----------------------^\nExpecting 'SQE', got 'EOF'")),
    "Mermaid diagram not drawn: Parse error on line 2: Expecting 'SQE', got 'EOF'",
  );
  assert.equal(
    diagramNote(new Error("Parse error on line 2:\n...A --> [x\n---^\nExpecting 'AMP', 'COLON', 'PIPE', 'TESTSTR', 'DOWN', got 'SQS'")),
    "Mermaid diagram not drawn: Parse error on line 2: unexpected 'SQS'",
  );
  assert.equal(diagramNote(new Error('No diagram type detected matching given configuration for text: hello')), 'Mermaid diagram not drawn: No diagram type detected matching given configuration for text: hello');
  const long = diagramNote(new Error('x'.repeat(500)));
  assert.ok(long.length < 220 && long.endsWith('…'), long);
  assert.equal(diagramNote(undefined), 'Mermaid diagram not drawn.');
  assert.equal(diagramNote('the diagram script did not load'), 'Mermaid diagram not drawn: the diagram script did not load');
});
