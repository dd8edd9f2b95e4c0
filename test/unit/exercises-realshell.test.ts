// The replay engine against a real bash in a pseudo-terminal (util-linux `script`), not a fake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Lab, LabSnippet } from '../../src/course/model';
import { planLab } from '../../src/exercises/plan';
import { describeFailure, replay, type ExecResult, type ReplayTerminal } from '../../src/exercises/replay';
import { ReplaySession } from '../../src/exercises/replaySession';
import { findInOutput, ScreenBuffer } from '../../src/exercises/screenBuffer';

const hasScript = process.platform !== 'win32' && spawnSync('script', ['--version']).status === 0 && spawnSync('bash', ['--version']).status === 0;

/** bash in a pty; PROMPT_COMMAND prints a marker with the exit status, standing in for shell integration. */
class PtyBash implements ReplayTerminal {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly screen = new ScreenBuffer();
  private statuses: number[] = [];
  private seen = 0;
  private raw = '';

  constructor() {
    this.child = spawn('script', ['-qfec', 'bash --norc --noprofile -i', '/dev/null'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', TERM: 'dumb', PS1: '$ ', PROMPT_COMMAND: 'printf "\\n__DONE__%s__\\n" $?' },
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.raw += chunk;
      // Scan everything: a marker can be split across two chunks.
      this.statuses = [...this.raw.matchAll(/__DONE__(\d+)__/g)].map((match) => Number(match[1]));
      this.screen.append(chunk);
    });
  }

  /** Resolves at the first prompt marker after the `after`-th one, with its status. */
  private statusAfter(after: number, timeoutMs: number, signal?: AbortSignal): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error('timeout')), timeoutMs);
      const onAbort = () => done(new Error('aborted'));
      const off = this.screen.onAppend(() => check());
      const check = () => {
        if (this.statuses.length > after) done(undefined, this.statuses[after]);
      };
      const done = (error?: Error, status?: number) => {
        clearTimeout(timer);
        off();
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(status!);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      check();
    });
  }

  async ready(): Promise<void> {
    await this.statusAfter(0, 5_000);
  }

  readonly name = 'bash';
  /** Markers seen when the last command was typed at the prompt. */
  private typedAt = 1;

  tracksCommands(): boolean {
    return true;
  }
  readable(): boolean {
    return true;
  }
  running(): boolean | undefined {
    return undefined;
  }

  async exec(command: string, signal: AbortSignal): Promise<ExecResult> {
    this.screen.mark();
    this.screen.appendTyped(command);
    const before = this.raw.length;
    this.typedAt = this.statuses.length;
    this.child.stdin.write(command + '\n');
    const exitCode = await this.statusAfter(this.typedAt, 10_000, signal);
    return { exitCode, output: this.raw.slice(before) };
  }

  start(command: string): Promise<boolean> {
    this.screen.mark();
    this.screen.appendTyped(command);
    this.typedAt = this.statuses.length;
    this.child.stdin.write(command + '\n');
    return Promise.resolve(true);
  }

  send(text: string): void {
    if (text.endsWith('\r') || text.endsWith('\n')) this.typedAt = this.statuses.length;
    this.child.stdin.write(text);
  }

  waitFor(pattern: string | RegExp, timeoutMs: number, signal: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error('timeout')), timeoutMs);
      const onAbort = () => done(new Error('aborted'));
      const off = this.screen.onAppend(() => check());
      const check = () => {
        const found = findInOutput(this.screen.visibleSinceMark(50), pattern);
        if (found !== undefined) done(undefined, found);
      };
      const done = (error?: Error, found?: string) => {
        clearTimeout(timer);
        off();
        signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(found!);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      check();
    });
  }

  screenText(): string {
    return this.screen.recent(50);
  }

  waitForCommandEnd(timeoutMs: number, signal: AbortSignal): Promise<number | undefined> {
    return this.statusAfter(this.typedAt, timeoutMs, signal);
  }

  close(): void {
    this.child.stdin.end('exit\n');
    this.child.kill();
  }
}

function snippet(method: string, data: string, hidden = false): LabSnippet {
  return { method, data, hidden, line: 1 };
}

test('a lab replayed in a real bash: start + wait + ^C, copy/paste, check, failing command', { skip: !hasScript && 'needs bash and util-linux script' }, async () => {
  const shell = new PtyBash();
  try {
    await shell.ready();
    const lab: Lab = {
      line: 1,
      snippets: [
        snippet('bash', 'cd "$(mktemp -d)"\n  echo `hello` > greeting.txt'),
        // One process that prints, then runs until Ctrl-C, like `kubectl logs --follow`.
        snippet('bash', "sh -c 'for i in 1 2 3; do echo seq=$i; sleep 0.05; done; exec sleep 30'"),
        snippet('wait', 'seq=3', true),
        snippet('keys', '^C', true),
        snippet('bash', 'echo "token=$(cat greeting.txt)-42"'),
        snippet('copy', 'token=([a-z]+-\\d+)', true),
        snippet('keys', 'test hello-42 = ', true),
        snippet('paste', '', true),
        snippet('key', 'Enter', true),
        snippet('check', '', true),
        snippet('bash', 'sleep 0.2 & echo started'),
        // A nested shell: the status of what runs in it comes from a marker line.
        snippet('bash', 'sh'),
        snippet('bash', 'true'),
        snippet('key', '^D', true),
        snippet('bash', 'test -f missing.txt'),
        snippet('bash', 'echo never'),
      ],
    };
    const session = new ReplaySession(shell, { openSplit: () => assert.fail('no split'), close: () => assert.fail('no close') });
    const result = await replay(planLab(lab, { waitTimeoutMs: 5_000, longWaitMultiplier: 10, nodeAddress: 'localhost' }), session, { commandTimeoutMs: 5_000 });
    assert.equal(result.ok, false);
    assert.equal(describeFailure(result), 'Step 15 (bash) failed: `test -f missing.txt` exited with code 1');
    assert.deepEqual(
      result.reports.map((r) => r.outcome),
      ['succeeded', 'sent', 'succeeded', 'sent', 'succeeded', 'succeeded', 'sent', 'sent', 'sent', 'succeeded', 'succeeded', 'sent', 'succeeded', 'sent', 'failed'],
    );
    assert.equal(result.reports[5].message, 'copied 8 characters', 'the copied text itself is not reported (it may be a secret)');
    assert.doesNotMatch(shell.screenText(), /never/);
  } finally {
    shell.close();
  }
});

test('a failing command in a nested shell in a real bash fails by its marker status', { skip: !hasScript && 'needs bash and util-linux script' }, async () => {
  const shell = new PtyBash();
  try {
    await shell.ready();
    const lab: Lab = { line: 1, snippets: [snippet('bash', 'sh'), snippet('bash', 'false'), snippet('bash', 'echo never')] };
    const session = new ReplaySession(shell, { openSplit: () => assert.fail('no split'), close: () => assert.fail('no close') });
    const result = await replay(planLab(lab, { waitTimeoutMs: 5_000, longWaitMultiplier: 10, nodeAddress: 'localhost' }), session, { commandTimeoutMs: 5_000 });
    assert.equal(describeFailure(result), 'Step 2 (bash) failed: `false` exited with code 1', shell.screenText());
  } finally {
    shell.close();
  }
});
