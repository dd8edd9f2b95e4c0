// The replay's tmux terminal counts the prompts' statuses to know whether a command still runs.
// Driven here without tmux: the pane's status file and log are written by the test, in the
// orders a real pane can produce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TmuxTerminal, type TmuxServer } from '../../src/author/tmuxTerminal';

function pane(t: { after(fn: () => void): void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-terminal-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const statusFile = path.join(dir, 'status');
  const logFile = path.join(dir, 'pane.log');
  fs.writeFileSync(statusFile, '0\n'); // the first prompt
  fs.writeFileSync(logFile, '$ ');
  const sent: string[] = [];
  const server = { tmux: (...args: string[]) => (sent.push(Buffer.from(args.slice(4).join(''), 'hex').toString('utf8')), '') } as unknown as TmuxServer;
  const terminal = new TmuxTerminal(server, 'main', '%1', statusFile, logFile);
  return {
    terminal,
    sent,
    prints: (text: string) => fs.appendFileSync(logFile, text),
    prompt: (status: number) => fs.appendFileSync(statusFile, `${status}\n`),
  };
}

const signal = new AbortController().signal;

test('a command typed before the previous prompt came back still runs until its own status', async (t) => {
  const { terminal, sent, prints, prompt } = pane(t);
  await terminal.whenReady(signal);
  // `kubectl get pods` then a wait on its output: the wait matches before the prompt is back.
  const started = terminal.start('kubectl get pods', 1000, signal);
  prints('kubectl get pods\r\nweb-1   0/1\r\n');
  assert.equal(await started, true);
  assert.equal(await terminal.waitFor('web-1', 1000, signal), 'web-1');
  // The watch is typed; only then does the status of `get pods` arrive.
  const watching = terminal.start('kubectl get pods --watch', 1000, signal);
  prints('kubectl get pods --watch\r\n');
  assert.equal(await watching, true);
  prompt(0);
  assert.equal(terminal.running(), true, 'the late status belongs to get pods: the watch runs');
  // Keys sent to the watch (Enter included) start no command of their own.
  terminal.send('\r');
  assert.equal(terminal.running(), true);
  prompt(130);
  assert.equal(terminal.running(), false, 'the watch ended with its own status');
  assert.equal(await terminal.waitForCommandEnd(1000, signal), 130);
  assert.deepEqual(sent, ['kubectl get pods\r', 'kubectl get pods --watch\r', '\r']);
});

test('a command typed at the prompt ends with the next status', async (t) => {
  const { terminal, prompt, prints } = pane(t);
  await terminal.whenReady(signal);
  const result = terminal.exec('false', signal);
  prints('false\r\n');
  prompt(1);
  assert.deepEqual(await result, { exitCode: 1, output: 'false\n' });
  assert.equal(terminal.running(), false);
  // Enter typed at the prompt (a `keys` step): a command of its own, ended by the next status.
  terminal.send('ls\r');
  assert.equal(terminal.running(), true);
  prompt(0);
  assert.equal(terminal.running(), false);
});
