// Shared by the cluster tests: polling for a condition, a transport from a kubeconfig file.
import { existsSync } from 'node:fs';
import { loadKubeconfig } from '../../../src/cluster/kubeconfig';
import type { KubeTransport } from '../../../src/cluster/transport';

export async function waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function transportFor(kubeconfigPath: string): Promise<KubeTransport> {
  const loaded = await loadKubeconfig({ env: { KUBECONFIG: kubeconfigPath }, homeDir: '/nonexistent', exists: existsSync });
  if (loaded.kind !== 'loaded') throw new Error(`kubeconfig not loaded: ${loaded.kind}`);
  return loaded.session.transport();
}
