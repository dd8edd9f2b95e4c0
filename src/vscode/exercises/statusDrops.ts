// Exit statuses from a shell whose output the extension cannot read (no shell integration): the
// replay types `echo $? > <file>` after a command and reads the file. Files live in a folder of
// this machine made for the session (mode 0700); the shell must be a POSIX one running here,
// which the first use in each terminal checks by asking the shell to create a file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { withTimeLimit } from '../../async/timeLimit';
import { crypto, sleep } from '../../onFirstUse';
import type { StatusDrop } from '../../exercises/replaySession';

const POLL_MS = 100;
/** How long a shell gets to show that it writes files on this machine. */
const PROBE_MS = 5_000;

let folder: string | undefined;

/** This session's folder for files its terminals' shells write (created at first use). */
export function dropFolder(): string {
  folder ??= fs.mkdtempSync(path.join(os.tmpdir(), 'kube-workshop-'));
  return folder;
}

/** Shells where `$?` is the last status and `>` writes a file. */
export function isPosixShell(shellPath: string | undefined): boolean {
  return /^(?:bash|zsh|sh|dash|ksh|mksh|ash)$/.test(path.basename(shellPath ?? '').replace(/\.exe$/i, '').toLowerCase());
}

/** A new file to drop a status in, and its name quoted for the shell (`undefined` if it cannot be quoted simply). */
export function newDropFile(): { file: string; quoted: string } | undefined {
  const file = path.join(dropFolder(), `status-${crypto().randomBytes(6).toString('hex')}`);
  return /^[\w./ -]+$/.test(file) ? { file, quoted: `'${file}'` } : undefined;
}

/**
 * The line that makes the shell write the last status to `drop`. The leading space keeps it out of
 * the shell's history where lines starting with one are left out (bash's `HISTCONTROL=ignorespace`,
 * the default on Debian and Ubuntu; zsh's `HIST_IGNORE_SPACE`).
 */
export function statusLine(drop: { quoted: string }): string {
  return ` echo $? > ${drop.quoted}`;
}

/** The line that asks the shell to show it writes files here. */
export function probeLine(drop: { quoted: string }): string {
  return ` echo ready > ${drop.quoted}`;
}

/** The text of `file` once the shell wrote a whole line in it (the file is removed then); rejects after `timeoutMs`. */
export async function readDroppedLine(file: string, timeoutMs: number, signal: AbortSignal): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await fs.promises.readFile(file, 'utf8').catch(() => '');
    if (text.endsWith('\n')) {
      await fs.promises.rm(file, { force: true });
      return text.trim();
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await sleep(POLL_MS, { signal }).catch(() => {
      throw new Error('cancelled');
    });
  }
}

/** The status `echo $?` wrote in `file`. */
export async function readDroppedStatus(file: string, timeoutMs: number, signal: AbortSignal): Promise<number> {
  const line = await readDroppedLine(file, timeoutMs, signal);
  const status = Number(line);
  if (!/^\d+$/.test(line) || !Number.isInteger(status)) throw new Error(`not an exit status: ${JSON.stringify(line.slice(0, 40))}`);
  return status;
}

/** A new status file, the line that fills it and its reading. */
export function newStatusDrop(): StatusDrop | undefined {
  const drop = newDropFile();
  if (!drop) return undefined;
  return { command: statusLine(drop), read: (timeoutMs, signal) => readDroppedStatus(drop.file, timeoutMs, signal) };
}

/** Asks a shell (by typing a line with `type`) to write a file: it appears only if the shell runs on this machine, not through ssh. */
export async function shellWritesDrops(type: (line: string) => void): Promise<boolean> {
  const probe = newDropFile();
  if (!probe) return false;
  type(probeLine(probe));
  return readDroppedLine(probe.file, PROBE_MS, new AbortController().signal).then(
    (line) => line === 'ready',
    () => false,
  );
}

/** One terminal's status drops: whether its shell writes files here is asked once, where a probe line may be typed. */
export class TerminalDrops {
  private works: Promise<boolean> | undefined;

  constructor(
    private readonly type: (line: string) => void,
    private readonly found: (written: boolean) => void,
  ) {}

  /** A new drop, or `undefined` when the shell writes none here (or was not asked yet and may not be now). */
  async next(signal: AbortSignal, mayProbe: boolean): Promise<StatusDrop | undefined> {
    if (!this.works && !mayProbe) return undefined;
    this.works ??= shellWritesDrops(this.type).then((written) => {
      this.found(written);
      return written;
    });
    return (await withTimeLimit(this.works, { signal })) ? newStatusDrop() : undefined;
  }
}

/** Removes the session's folder (when the extension stops). */
export function removeDropFolder(): void {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
  folder = undefined;
}
