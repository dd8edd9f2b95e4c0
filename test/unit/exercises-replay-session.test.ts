// ReplaySession: its reads have no side effects; ends are recorded where the replay looks again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplaySession, type ReplayTerminal } from '../../src/exercises/replaySession';
import { FakeFactory, FakeShell } from './helpers/fakeShell';

/** A terminal whose shell says, as the test sets it, whether a command runs. */
class Toggling extends FakeShell {
  busyNow: boolean | undefined = true;
  override running(): boolean | undefined {
    return this.busyNow;
  }
}

test('ReplaySession: reading what runs in front changes nothing; noteEnds records the end once', () => {
  const main = new Toggling('main');
  const session = new ReplaySession<ReplayTerminal>(main, new FakeFactory());
  session.pushForeground(main, 'program', 'less notes.txt');
  assert.equal(session.foregroundOf(main), 'program');
  main.busyNow = false;
  for (let i = 0; i < 3; i++) {
    assert.equal(session.foregroundOf(main), undefined, 'the shell is back at its prompt');
    assert.equal(session.busy(main), false);
    assert.equal(session.programOf(main), undefined);
  }
  main.busyNow = true;
  assert.equal(session.foregroundOf(main), 'program', 'the reads above dropped nothing');
  main.busyNow = false;
  session.noteEnds();
  main.busyNow = true;
  assert.equal(session.foregroundOf(main), undefined, 'noteEnds dropped what ended');
  assert.equal(session.takeEnded(main), 'less notes.txt');
  assert.equal(session.takeEnded(main), undefined, 'told once');
});

test('ReplaySession: takeEnded and pushForeground note an end themselves', () => {
  const main = new Toggling('main');
  const session = new ReplaySession<ReplayTerminal>(main, new FakeFactory());
  session.pushForeground(main, 'program', 'man ls');
  main.busyNow = false;
  assert.equal(session.takeEnded(main), 'man ls');
  session.pushForeground(main, 'shell', 'bash');
  main.busyNow = undefined;
  session.pushForeground(main, 'program', 'vim x');
  assert.equal(session.foregroundOf(main), 'program');
  assert.equal(session.beneathForeground(main), 'shell', 'a shell that cannot tell ends nothing');
  main.busyNow = false;
  session.pushForeground(main, 'command');
  main.busyNow = true;
  assert.equal(session.beneathForeground(main), undefined, 'what ended before the push is not below it');
});
