import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isPosixShell, newDropFile, readDroppedStatus, removeDropFolder, statusLine } from '../../src/vscode/exercises/statusDrops';

const hasScript = process.platform !== 'win32' && spawnSync('script', ['--version']).status === 0 && spawnSync('bash', ['--version']).status === 0;

test('status drops: the status is read once the shell wrote its line, then the file is gone', async () => {
  const drop = newDropFile();
  assert.ok(drop);
  assert.equal(drop.quoted, `'${drop.file}'`);
  assert.equal((fs.statSync(drop.file.replace(/\/[^/]+$/, '')).mode & 0o777).toString(8), '700', 'a folder of its own, for this user only');
  setTimeout(() => fs.writeFileSync(drop.file, ''), 20); // created, not written yet
  setTimeout(() => fs.writeFileSync(drop.file, '3\n'), 150);
  assert.equal(await readDroppedStatus(drop.file, 2_000, new AbortController().signal), 3);
  assert.equal(fs.existsSync(drop.file), false);

  const never = newDropFile()!;
  await assert.rejects(readDroppedStatus(never.file, 150, new AbortController().signal), /timed out after 150 ms/);
  const garbage = newDropFile()!;
  fs.writeFileSync(garbage.file, 'ready\n');
  await assert.rejects(readDroppedStatus(garbage.file, 150, new AbortController().signal), /not an exit status/);
  const cancelled = new AbortController();
  setTimeout(() => cancelled.abort(), 50);
  await assert.rejects(readDroppedStatus(newDropFile()!.file, 5_000, cancelled.signal), /cancelled/);
  removeDropFolder();
});

test('status drops are for POSIX shells only', () => {
  for (const shell of ['/bin/bash', '/usr/bin/zsh', '/bin/sh', 'dash', '/bin/ash']) assert.equal(isPosixShell(shell), true, shell);
  for (const shell of ['pwsh', 'C:\\Windows\\System32\\cmd.exe', '/usr/bin/fish', '/usr/bin/ssh', undefined]) assert.equal(isPosixShell(shell), false, String(shell));
});

test('a real interactive bash writes the status, and its history keeps the command, not the status line', { skip: hasScript ? false : 'needs util-linux script and bash' }, async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'drops-home-'));
  const history = path.join(home, 'history');
  const child = spawn('script', ['-qfec', 'exec bash --norc --noprofile -i', '/dev/null'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'dumb', PS1: '$ ', HISTFILE: history, HISTCONTROL: 'ignorespace' },
  });
  try {
    const drop = newDropFile()!;
    child.stdin.write(`bash -c 'exit 4'\n${statusLine(drop)}\nhistory -a\n`);
    assert.equal(await readDroppedStatus(drop.file, 10_000, new AbortController().signal), 4);
    let saved = '';
    for (let i = 0; i < 50 && !saved.includes('exit 4'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      saved = fs.existsSync(history) ? fs.readFileSync(history, 'utf8') : '';
    }
    assert.match(saved, /bash -c 'exit 4'/);
    assert.doesNotMatch(saved, /echo \$\?/);
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
    removeDropFolder();
  }
});
