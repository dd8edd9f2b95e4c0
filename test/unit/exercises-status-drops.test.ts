import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { isPosixShell, newDropFile, readDroppedStatus, removeDropFolder } from '../../src/vscode/exercises/statusDrops';

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
