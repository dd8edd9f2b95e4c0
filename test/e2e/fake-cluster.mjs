// The fake API server as a child process, for the cluster scenarios.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { spawnTracked, PROJECT_ROOT } from './harness.mjs';

export const FAKE_CLI = join(PROJECT_ROOT, 'test', 'fixtures', 'fake-apiserver-cli.ts');

/** Starts the fake API server; returns { url, kubeconfig, send(cmd) -> Promise<answer>, stop() }. */
export async function startFakeApiServer(t, args) {
  const dir = mkdtempSync(join(tmpdir(), 'workshop-e2e-kube-'));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  const child = spawnTracked(process.execPath, ['--import', 'tsx', FAKE_CLI, '--port', '0', '--kubeconfig', kubeconfig, ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  t.after(async () => {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const lines = createInterface({ input: child.stdout });
  const pending = new Map();
  let nextId = 1;
  let ready;
  const readyP = new Promise((r) => (ready = r));
  lines.on('line', (line) => {
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      return;
    }
    if (msg.ready) ready(msg);
    else if (pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    }
  });
  const info = await Promise.race([
    readyP,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`the fake API server did not start:\n${child.output}`)), 30_000)),
  ]);
  const send = (cmd) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`no answer to ${JSON.stringify(cmd)}`)), 10_000);
      pending.set(id, (msg) => {
        clearTimeout(timer);
        msg.ok ? resolve(msg.result) : reject(new Error(msg.error));
      });
      child.stdin.write(`${JSON.stringify({ id, ...cmd })}\n`);
    });
  return { ...info, kubeconfig, send };
}

