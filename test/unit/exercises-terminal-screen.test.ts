// TerminalScreen (src/vscode/exercises, no `vscode` import): the screen and a command's output, as
// read from shell integration's execution streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TerminalScreen } from '../../src/vscode/exercises/terminalScreen';

/** An execution whose stream yields `chunks`, then fails with `error` if given. */
function execution(chunks: string[], error?: Error) {
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    read: async function* () {
      reads++;
      for (const chunk of chunks) yield await Promise.resolve(chunk);
      if (error) throw error;
    },
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

test('TerminalScreen: an execution is read once, onto the screen and into the output, without escapes', async () => {
  const screen = new TerminalScreen();
  const run = execution(['\x1b[32mpod/web\x1b[0m created\r\n', 'done\r\n']);
  screen.typed('kubectl apply -f web.yaml');
  screen.read(run, () => assert.fail('no error'));
  screen.read(run, () => assert.fail('no error'));
  await settle();
  assert.equal(run.reads, 1, 'read once');
  assert.equal(screen.outputText(), 'pod/web created\ndone\n');
  assert.match(screen.text(), /pod\/web created/);
  assert.equal(await screen.waitFor(/done/, 100, new AbortController().signal), 'done');
  screen.clearOutput();
  assert.equal(screen.outputText(), '');
});

test('TerminalScreen: the output keeps its first 100,000 characters; a stream that fails is reported', async () => {
  const screen = new TerminalScreen();
  const errors: unknown[] = [];
  screen.read(execution(['x'.repeat(99_999), 'yz', 'more'], new Error('stream closed')), (error) => errors.push(error));
  await settle();
  await settle();
  assert.equal(screen.outputText(), `${'x'.repeat(99_999)}yz`, 'the chunk that crosses the limit is kept, later ones are not');
  assert.deepEqual(errors.map(String), ['Error: stream closed']);
});

test('TerminalScreen: drained waits for the rest of an output still arriving, and no longer than its limit', async () => {
  const screen = new TerminalScreen();
  let release = () => {};
  const late = new Promise<void>((resolve) => (release = resolve));
  const run = {
    read: async function* () {
      yield 'Error from server ';
      await late;
      yield '(AlreadyExists): configmaps "settings" already exists\n';
    },
  };
  screen.read(run, () => assert.fail('no error'));
  await settle();
  assert.equal(screen.outputText(), 'Error from server ', 'the start of the output is in');
  setTimeout(release, 20);
  await screen.drained(run, 2_000);
  assert.match(screen.outputText(), /AlreadyExists/, 'drained waited for the end of the output');

  const endless = {
    read: async function* () {
      yield 'watching';
      await new Promise(() => {});
    },
  };
  screen.read(endless, () => assert.fail('no error'));
  const before = Date.now();
  await screen.drained(endless, 50);
  assert.ok(Date.now() - before < 2_000, 'a stream that never ends is waited for only up to the limit');
  await settle();
  const quietFrom = Date.now();
  await screen.drained(endless, 60_000, 20);
  assert.ok(Date.now() - quietFrom < 30_000, 'a stream that stays quiet is taken as read, long before the limit');
  assert.match(screen.outputText(), /watching$/);
});
