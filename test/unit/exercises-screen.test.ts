import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findInOutput, ScreenBuffer, stripAnsi } from '../../src/exercises/screenBuffer';

test('escape sequences and shell integration marks are removed', () => {
  const raw = '\x1b]633;C\x07\x1b[1;32mpod/web\x1b[0m created\r\n\x1b]0;title\x1b\\done\r\n';
  assert.equal(stripAnsi(raw), 'pod/web created\ndone\n');
});

test('output since the mark; the buffer keeps only the end', () => {
  const screen = new ScreenBuffer(20);
  screen.append('old output\n');
  screen.mark();
  screen.append('seq=1\nseq=2\n');
  assert.equal(screen.sinceMark(), 'seq=1\nseq=2\n');
  screen.append('0123456789');
  assert.equal(screen.recent().length, 20);
  assert.ok(screen.sinceMark().endsWith('0123456789'));
});

test('listeners hear every append until they unsubscribe', () => {
  const screen = new ScreenBuffer();
  let calls = 0;
  const off = screen.onAppend(() => calls++);
  screen.append('a');
  off();
  screen.append('b');
  assert.equal(calls, 1);
});

test('findInOutput: plain text or the first regex match', () => {
  assert.equal(findInOutput('NAME READY\nweb 1/1', '1/1'), '1/1');
  assert.equal(findInOutput('seq=12 seq=13', /seq=\d+/g), 'seq=12');
  assert.equal(findInOutput('x', 'y'), undefined);
});
