// Runs a real interactive shell in a pseudo-terminal (python3's `pty` module: no native npm module),
// for tests that type lines into it as a learner would.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

const PTY_PROGRAM = `
import os, pty, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
while True:
    ready, _, _ = select.select([fd, 0], [], [], 0.05)
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            break
        os.write(fd, data)
os.kill(pid, 9)
`;

export const canRunPty = process.platform !== 'win32' && spawnSync('python3', ['-c', 'import pty']).status === 0;

export function hasProgram(path: string): boolean {
  return spawnSync(path, ['-c', 'exit 0']).status === 0;
}

export class PtyShell {
  private readonly child: ChildProcessWithoutNullStreams;
  output = '';

  constructor(argv: string[], env: Record<string, string>, cwd?: string) {
    this.child = spawn('python3', ['-c', PTY_PROGRAM, ...argv], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', ...env }, cwd });
    this.child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  type(text: string): void {
    this.child.stdin.write(text);
  }

  /** Ends the shell; resolves once it is gone (it may still write its history until then). */
  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
  }
}

/** Polls `read` until it returns something `ok` accepts; rejects with the last value after `timeoutMs`. */
export async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 5_000, describe = ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out ${describe}: last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
