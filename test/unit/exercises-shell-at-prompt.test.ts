// "Is the shell back at its prompt?" from the process table: parsing, the rule, and a real bash in a
// pseudo-terminal (util-linux `script`) at its prompt, running a command, and busy in a loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { canSampleShells, idleAtPrompt, parseProcStat, whenBackAtPrompt, type ProcessSample } from '../../src/vscode/exercises/shellAtPrompt';

const hasScript = canSampleShells() && spawnSync('script', ['--version']).status === 0 && spawnSync('bash', ['--version']).status === 0;

test('parseProcStat reads state, process groups and CPU time, whatever the command name holds', () => {
  const line = '4242 (my (odd) name) S 1 4242 4242 34816 4242 4194560 900 0 0 0 7 5 0 0 20 0 1 0 123 456 789';
  assert.deepEqual(parseProcStat(line), { state: 'S', pgrp: 4242, tpgid: 4242, cpuTicks: 12 });
  assert.equal(parseProcStat('no parenthesis here'), undefined);
  assert.equal(parseProcStat('1 (x) S 1 2'), undefined, 'too few fields');
  const own = parseProcStat(readFileSync('/proc/self/stat', 'utf8'));
  assert.ok(own && own.pgrp > 0 && own.cpuTicks >= 0, JSON.stringify(own));
});

test('idleAtPrompt: the shell owns the foreground, sleeps, and used no CPU since the last look', () => {
  const idle: ProcessSample = { state: 'S', pgrp: 10, tpgid: 10, cpuTicks: 5 };
  assert.equal(idleAtPrompt(undefined, idle), false, 'one look is not enough');
  assert.equal(idleAtPrompt(idle, idle), true);
  assert.equal(idleAtPrompt(idle, { ...idle, tpgid: 11 }), false, 'a command owns the foreground');
  assert.equal(idleAtPrompt(idle, { ...idle, state: 'R' }), false, 'running');
  assert.equal(idleAtPrompt(idle, { ...idle, cpuTicks: 6 }), false, 'busy with builtins');
});

test('whenBackAtPrompt needs idle looks in a row, and gives up on a process it cannot read or when aborted', async () => {
  const idle: ProcessSample = { state: 'S', pgrp: 10, tpgid: 10, cpuTicks: 5 };
  const busy: ProcessSample = { ...idle, tpgid: 11 };
  const looks = [idle, idle, busy, idle, idle, idle, idle];
  let read = 0;
  const fromList = () => Promise.resolve(looks[Math.min(read++, looks.length - 1)]);
  assert.equal(await whenBackAtPrompt(1, new AbortController().signal, { intervalMs: 1, samples: 3, read: fromList }), true);
  assert.equal(read, 6, 'the foreground command in between started the count again');

  assert.equal(await whenBackAtPrompt(1, new AbortController().signal, { intervalMs: 1, read: () => Promise.resolve(undefined) }), false);
  const aborted = new AbortController();
  setTimeout(() => aborted.abort(), 30);
  assert.equal(await whenBackAtPrompt(1, aborted.signal, { intervalMs: 5, read: () => Promise.resolve(busy) }), false);
});

test('a real bash: back at its prompt, not while a command, a subshell or a loop of builtins runs', { skip: hasScript ? false : 'needs Linux, util-linux script and bash' }, async () => {
  // `exec`: the shell itself is the child of `script`, as a terminal's shell is the process VS Code starts.
  const child = spawn('script', ['-qfec', 'exec bash --norc --noprofile -i', '/dev/null'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', TERM: 'dumb', PS1: '$ ' },
  });
  try {
    let bash: number | undefined;
    for (let i = 0; i < 50 && bash === undefined; i++) {
      await sleep(100);
      const children = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim();
      bash = children ? Number(children.split('\n')[0]) : undefined;
    }
    assert.ok(bash, 'bash started under script');
    const fast = { intervalMs: 100, samples: 3 };
    const within = (ms: number) => whenBackAtPrompt(bash, AbortSignal.timeout(ms), fast);
    assert.equal(await within(3_000), true, 'at its prompt');
    for (const [command, what] of [
      ['sleep 30', 'sleep owns the foreground'],
      ['(sleep 30)', 'a subshell owns the foreground'],
      ['while :; do :; done', 'busy with builtins'],
    ]) {
      child.stdin.write(`${command}\n`);
      await sleep(300);
      assert.equal(await within(1_000), false, what);
      child.stdin.write('\x03');
      assert.equal(await within(3_000), true, `back after Ctrl-C stopped ${command}`);
    }
  } finally {
    child.kill('SIGKILL');
  }
});
