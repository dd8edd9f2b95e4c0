// Where the prompt hook of each Workshop terminal writes, and its reading: a folder of this
// session's (mode 0700, the status drops' own), a file per terminal, read asynchronously, a few
// bytes at most, and only when it is a regular file.
import { crypto } from '../../onFirstUse';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hookEnvironment, hookShellOf, parseHookReport, zshStartupFiles, type HookReport, type HookShell } from '../../exercises/promptHook';
import { dropFolder } from './statusDrops';

const MAX_REPORT_BYTES = 32;

export interface TerminalHook {
  shell: HookShell;
  statusFile: string;
  env: Record<string, string>;
}

let zdotdir: string | undefined;

/** The ZDOTDIR folder whose startup files run the learner's own, then add the hook (written once). */
function zshFolder(): string {
  const dir = path.join(dropFolder(), 'zdotdir');
  if (zdotdir === dir) return dir;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [name, text] of Object.entries(zshStartupFiles())) fs.writeFileSync(path.join(dir, name), text, { mode: 0o600 });
  zdotdir = dir;
  return dir;
}

/** The hook for a new terminal running `shellPath`, or `undefined` where there is none (fish, Windows...). */
export function newTerminalHook(shellPath: string | undefined): TerminalHook | undefined {
  const shell = hookShellOf(shellPath, process.platform);
  if (!shell) return undefined;
  const statusFile = path.join(dropFolder(), `prompt-${crypto().randomBytes(6).toString('hex')}`);
  const env = hookEnvironment(shell, statusFile, shell === 'zsh' ? zshFolder() : '', process.env.ZDOTDIR);
  return { shell, statusFile, env };
}

/** The hook's last report, or `undefined` (not written yet, not a regular file, cut short). */
export async function readHookReport(file: string): Promise<HookReport | undefined> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
    if (!(await handle.stat()).isFile()) return undefined;
    const buffer = Buffer.alloc(MAX_REPORT_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_REPORT_BYTES, 0);
    return parseHookReport(buffer.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
