import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lab, LabSnippet } from '../../src/course/model';
import { planLab } from '../../src/exercises/plan';
import { describeFailure, lastMatch, replay, type ExecResult, type ReplayTerminal } from '../../src/exercises/replay';

const options = { waitTimeoutMs: 200, longWaitMultiplier: 10, nodeAddress: 'localhost' };

function snippet(method: string, data: string, hidden = false): LabSnippet {
  return { method, data, hidden, line: 1 };
}

function lab(...snippets: LabSnippet[]): Lab {
  return { line: 1, snippets };
}

interface Program {
  exitCode?: number;
  output?: string;
  /** Prints `line(n)` every 5 ms until Ctrl-C (exit 130). */
  stream?: (n: number) => string;
  /** Never ends by itself (until abort). */
  hang?: boolean;
}

/** A pretend shell: commands are looked up in `programs`; unknown ones print nothing and exit 0. */
class FakeTerminal implements ReplayTerminal {
  readonly log: string[] = [];
  screen = '';
  private mark = 0;
  private typed = '';
  private running: { timer: NodeJS.Timeout; ended: Promise<void>; end: () => void } | undefined;
  private lastExit: number | undefined = 0;
  private listeners = new Set<() => void>();

  constructor(private readonly programs: Record<string, Program> = {}, private readonly exitCodesKnown = true) {}

  private print(text: string): void {
    this.screen += text;
    for (const listener of [...this.listeners]) listener();
  }

  private launch(command: string): Promise<ExecResult> | undefined {
    const program = this.programs[command] ?? {};
    this.print(`$ ${command}\n${program.output ?? ''}`);
    if (program.stream) {
      let n = 0;
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      const timer = setInterval(() => this.print(program.stream!(++n) + '\n'), 5);
      this.running = { timer, ended, end };
      return undefined;
    }
    this.lastExit = program.exitCode ?? 0;
    return Promise.resolve({ exitCode: this.exitCodesKnown ? this.lastExit : undefined, output: program.output ?? '' });
  }

  async exec(command: string, signal: AbortSignal): Promise<ExecResult> {
    this.log.push(`exec ${command}`);
    this.mark = this.screen.length;
    if (this.programs[command]?.hang) {
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    }
    return (await this.launch(command)) ?? { exitCode: undefined, output: '' };
  }

  start(command: string): void {
    this.log.push(`start ${command}`);
    this.mark = this.screen.length;
    void this.launch(command);
  }

  send(text: string): void {
    this.log.push(`send ${JSON.stringify(text)}`);
    this.mark = this.screen.length;
    for (const char of text) {
      if (char === '\x03' && this.running) {
        clearInterval(this.running.timer);
        this.running.end();
        this.running = undefined;
        this.lastExit = 130;
        this.print('^C\n');
      } else if (char === '\r' || char === '\n') {
        const line = this.typed;
        this.typed = '';
        void this.launch(line);
      } else if (char >= ' ') {
        this.typed += char;
      }
    }
  }

  waitFor(pattern: string | RegExp, timeoutMs: number, signal: AbortSignal): Promise<string> {
    const since = this.mark;
    return new Promise((resolve, reject) => {
      const check = () => {
        const text = this.screen.slice(since);
        const found = typeof pattern === 'string' ? (text.includes(pattern) ? pattern : undefined) : pattern.exec(text)?.[0];
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error('timeout'));
      }, timeoutMs);
      const onAbort = () => {
        cleanup();
        reject(new Error('aborted'));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
        signal.removeEventListener('abort', onAbort);
      };
      this.listeners.add(check);
      signal.addEventListener('abort', onAbort, { once: true });
      check();
    });
  }

  recentOutput(): string {
    return this.screen;
  }

  async waitForCommandEnd(timeoutMs: number): Promise<number | undefined> {
    if (this.running) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)));
      try {
        await Promise.race([this.running.ended, timeout]);
      } finally {
        clearTimeout(timer);
      }
    }
    return this.exitCodesKnown ? this.lastExit : undefined;
  }

  stopAll(): void {
    if (this.running) clearInterval(this.running.timer);
  }
}

const logsLab = lab(snippet('bash', 'kubectl logs deploy/pingpong --follow'), snippet('wait', 'seq=3', true), snippet('keys', '^C', true));

test('bash then wait then ^C: the command is started, the text awaited, the key sent', async () => {
  const terminal = new FakeTerminal({ 'kubectl logs deploy/pingpong --follow': { stream: (n) => `64 bytes from 127.0.0.1: seq=${n}` } });
  const result = await replay(planLab(logsLab, options), terminal);
  assert.equal(result.ok, true, describeFailure(result));
  assert.deepEqual(terminal.log, ['start kubectl logs deploy/pingpong --follow', 'send "\\u0003"']);
  assert.deepEqual(result.reports.map((r) => r.outcome), ['sent', 'succeeded', 'sent']);
  assert.match(terminal.screen, /seq=3\n[^]*\^C/);
});

test('a wait that never sees its text fails with a clear message', async () => {
  const terminal = new FakeTerminal({ 'kubectl logs deploy/pingpong --follow': { stream: () => 'nothing useful' } });
  const plan = planLab(lab(snippet('bash', 'kubectl logs deploy/pingpong --follow'), snippet('wait', 'seq=99', true), snippet('keys', '^C', true)), {
    ...options,
    waitTimeoutMs: 60,
  });
  const result = await replay(plan, terminal);
  terminal.stopAll();
  assert.equal(result.ok, false);
  assert.equal(result.failure?.index, 1);
  assert.equal(result.failure?.reason, 'timed out after 60 ms waiting for "seq=99"');
  assert.equal(describeFailure(result), 'Step 2 (wait, hidden) failed: timed out after 60 ms waiting for "seq=99"');
  assert.ok(!terminal.log.some((entry) => entry.startsWith('send')), 'stops before the next step');
});

test('copy takes the last match; paste types it; check sees the typed command succeed', async () => {
  const terminal = new FakeTerminal({
    'kubectl get pods': { output: 'pingpong-6ccbc77f68-kmgfn   Running\npingpong-6ccbc77f68-x2b9q   Running\n' },
    'kubectl delete pod pingpong-6ccbc77f68-x2b9q': { output: 'pod deleted\n' },
  });
  const plan = planLab(
    lab(snippet('bash', 'kubectl get pods'), snippet('copy', 'pingpong-[^-]*-.....', true), snippet('keys', 'kubectl delete pod ', true), snippet('paste', '', true), snippet('key', '^J', true), snippet('check', '', true)),
    options,
  );
  const result = await replay(plan, terminal);
  assert.equal(result.ok, true, describeFailure(result));
  assert.equal(result.reports[1].message, 'copied 25 characters', 'the copied text itself is not reported (it may be a secret)');
  assert.match(terminal.screen, /\$ kubectl delete pod pingpong-6ccbc77f68-x2b9q\npod deleted/);
  assert.equal(result.reports[5].outcome, 'succeeded');
});

test('copy uses capture group 1 when there is one', () => {
  assert.equal(lastMatch(/token: (\S+)/gs, 'token: aaa\ntoken: bbb\n'), 'bbb');
  assert.equal(lastMatch(/x+/g, 'x xx xxx'), 'xxx');
  assert.equal(lastMatch(/nomatch/g, 'x'), undefined);
});

test('copy joins a match that wraps over lines, like a copy from the screen', async () => {
  const terminal = new FakeTerminal({ 'kubectl create token admin': { output: 'eyJhbGciOiJS\nUzI1NiJ9.e30\n' } });
  const plan = planLab(lab(snippet('bash', 'kubectl create token admin'), snippet('copy', 'eyJ[A-Za-z0-9.\\n]*'), snippet('paste', '')), options);
  const result = await replay(plan, terminal);
  assert.equal(result.ok, true, describeFailure(result));
  assert.equal(terminal.log[1], 'send "eyJhbGciOiJSUzI1NiJ9.e30"');
});

test('copy without a match fails; paste before copy fails', async () => {
  const noMatch = await replay(planLab(lab(snippet('bash', 'ls'), snippet('copy', 'pod-[a-z]+')), options), new FakeTerminal());
  assert.equal(noMatch.failure?.reason, 'no match for /pod-[a-z]+/ in the terminal output');
  const noCopy = await replay(planLab(lab(snippet('paste', '')), options), new FakeTerminal());
  assert.equal(noCopy.failure?.reason, 'nothing was copied before `paste`');
});

test('check after a typed command that fails stops the replay', async () => {
  const terminal = new FakeTerminal({ 'kubectl get pod nope': { exitCode: 1, output: 'Error from server (NotFound)\n' } });
  const plan = planLab(lab(snippet('keys', 'kubectl get pod nope'), snippet('key', 'Enter'), snippet('check', ''), snippet('bash', 'echo after')), options);
  const result = await replay(plan, terminal);
  assert.equal(result.ok, false);
  assert.equal(result.failure?.index, 2);
  assert.equal(result.failure?.reason, 'the previous command exited with code 1');
  assert.ok(!terminal.log.includes('exec echo after'));
});

test('a non-zero exit status stops the replay at that command', async () => {
  const terminal = new FakeTerminal({ 'kubectl apply -f broken.yaml': { exitCode: 2, output: 'error: invalid\n' } });
  const plan = planLab(lab(snippet('bash', 'kubectl get nodes\nkubectl apply -f broken.yaml\nkubectl get pods'), snippet('bash', 'echo never')), options);
  const seen: string[] = [];
  const result = await replay(plan, terminal, { onStepStart: (i) => seen.push(`start ${i}`), onStepEnd: (r) => seen.push(`end ${r.index} ${r.outcome}`) });
  assert.equal(result.ok, false);
  assert.deepEqual(terminal.log, ['exec kubectl get nodes', 'exec kubectl apply -f broken.yaml']);
  assert.equal(result.failure?.reason, '`kubectl apply -f broken.yaml` exited with code 2');
  assert.equal(result.reports[0].exitCode, 2);
  assert.equal(result.reports[0].output, 'error: invalid\n');
  assert.deepEqual(seen, ['start 0', 'end 0 failed']);
});

test('cancellation stops a running command and runs nothing after it', async () => {
  const terminal = new FakeTerminal({ 'sleep 1000': { hang: true } });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  const result = await replay(planLab(lab(snippet('bash', 'sleep 1000'), snippet('bash', 'echo next')), options), terminal, { signal: controller.signal });
  assert.equal(result.ok, false);
  assert.equal(result.cancelled, true);
  assert.equal(describeFailure(result), 'Cancelled.');
  assert.deepEqual(terminal.log, ['exec sleep 1000']);
});

test('an unknown exit status continues, with a note', async () => {
  const terminal = new FakeTerminal({ 'false': { exitCode: 1 } }, false);
  const result = await replay(planLab(lab(snippet('bash', 'false'), snippet('bash', 'echo next'), snippet('check', '')), options), terminal);
  assert.equal(result.ok, true);
  assert.deepEqual(result.reports.map((r) => r.outcome), ['unknown', 'unknown', 'unknown']);
  assert.match(result.notes[0], /^Step 1: exit status unknown/);
  assert.deepEqual(terminal.log, ['exec false', 'exec echo next']);
});

test('invalid steps fail when reached; open uses the given opener', async () => {
  const opened: string[] = [];
  const result = await replay(planLab(lab(snippet('open', 'http://node1:8000/'), snippet('key', 'NoSuchKey')), options), new FakeTerminal(), {
    openUrl: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
  });
  assert.deepEqual(opened, ['http://localhost:8000/']);
  assert.match(result.failure?.reason ?? '', /unknown key name "NoSuchKey"/);
});

test('tmux panes: the watched command is interrupted before typing, Ctrl-D is not sent', async () => {
  // The "Resilience" lab of upstream kubectl-run.md.
  const terminal = new FakeTerminal({
    'watch kubectl get pods': { stream: (n) => `Every 2.0s: kubectl get pods\npingpong-6ccbc77f68-kmgfn  Running  ${n}` },
  });
  const plan = planLab(
    lab(
      snippet('bash', 'watch kubectl get pods'),
      snippet('wait', 'Every 2.0s', true),
      snippet('tmux', 'split-pane -v', true),
      snippet('tmux', 'select-pane -t 0', true),
      snippet('copy', 'pingpong-[^-]*-.....', true),
      snippet('tmux', 'last-pane', true),
      snippet('keys', 'kubectl delete pod ', true),
      snippet('paste', '', true),
      snippet('key', '^J', true),
      snippet('check', '', true),
      snippet('key', '^D', true),
      snippet('key', '^C', true),
    ),
    options,
  );
  const result = await replay(plan, terminal);
  terminal.stopAll();
  assert.equal(result.ok, true, describeFailure(result));
  assert.deepEqual(terminal.log, [
    'start watch kubectl get pods',
    'send "\\u0003"',
    'send "kubectl delete pod "',
    'send "pingpong-6ccbc77f68-kmgfn"',
    'send "\\n"',
    'send "\\u0003"',
  ]);
  assert.equal(result.reports[10].outcome, 'skipped');
  assert.match(result.notes.join('\n'), /Interrupted the previous command/);
});
