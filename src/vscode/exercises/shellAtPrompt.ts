// Whether a terminal's shell is back at its prompt, read from the process table (Linux /proc).
// VS Code sometimes reports the start of a command and never its end (seen under load on 1.100:
// the prompt is back, the decoration shows the command finished, the extension hears nothing).
// A run waiting for that end would wait until its time limit for nothing.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProcessSample {
  /** One-letter state: `S` sleeping, `R` running, ... */
  state: string;
  /** The process's own process group. */
  pgrp: number;
  /** The process group in the foreground of its terminal (-1 without a terminal). */
  tpgid: number;
  /** CPU time used so far, in clock ticks. */
  cpuTicks: number;
}

export type SampleReader = (pid: number) => Promise<ProcessSample | undefined>;

/** Parses `/proc/<pid>/stat`; the command name in parentheses may itself hold spaces and parentheses. */
export function parseProcStat(text: string): ProcessSample | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  // After the name: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
  const fields = text.slice(close + 1).trim().split(/\s+/);
  if (fields.length < 13) return undefined;
  const [pgrp, tpgid, utime, stime] = [fields[2], fields[5], fields[11], fields[12]].map(Number);
  if (![pgrp, tpgid, utime, stime].every(Number.isInteger)) return undefined;
  return { state: fields[0], pgrp, tpgid, cpuTicks: utime + stime };
}

/** Whether this machine's process table can be read this way. */
export function canSampleShells(): boolean {
  return process.platform === 'linux';
}

export async function sampleProcess(pid: number): Promise<ProcessSample | undefined> {
  if (!canSampleShells()) return undefined;
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseProcStat(text);
}

/**
 * A shell at its prompt owns its terminal's foreground, sleeps waiting for a key, and spends no CPU.
 * A command it started owns the foreground itself; a loop of builtins keeps it busy; a loop of
 * commands hands the foreground back only between them, which a few samples in a row do not all hit.
 */
export function idleAtPrompt(previous: ProcessSample | undefined, now: ProcessSample): boolean {
  return previous !== undefined && now.tpgid === now.pgrp && now.state === 'S' && now.cpuTicks === previous.cpuTicks;
}

export interface PromptWatchOptions {
  intervalMs?: number;
  /** Consecutive idle samples needed. */
  samples?: number;
  read?: SampleReader;
}

/**
 * Resolves true once the shell `pid` looked idle at its prompt on `samples` consecutive polls;
 * false when its process cannot be read (another platform, a shell that ended) or `signal` aborts.
 */
export async function whenBackAtPrompt(pid: number, signal: AbortSignal, { intervalMs = 500, samples = 3, read = sampleProcess }: PromptWatchOptions = {}): Promise<boolean> {
  let previous: ProcessSample | undefined;
  let idle = 0;
  while (!signal.aborted) {
    const now = await read(pid);
    if (now === undefined) return false;
    idle = idleAtPrompt(previous, now) ? idle + 1 : 0;
    if (idle >= samples) return true;
    previous = now;
    try {
      await sleep(intervalMs, undefined, { signal });
    } catch {
      return false;
    }
  }
  return false;
}
