// The machine side of Check My Setup: kubectl through execFile, the cluster through the
// kubeconfig and transport the Cluster view uses. No VS Code here; the terminal check comes
// from the caller.
import { childProcess } from '../onFirstUse';
import { defaultEnvironment, loadKubeconfig, type KubeconfigEnvironment, type KubeSession } from '../cluster/kubeconfig';
import { findKubectl } from '../cluster/kubectl';
import { requestJson } from '../cluster/transport';
import type { ContextProbe, KubectlProbe, SetupProbe, ShellIntegrationProbe } from './checks';

/** Each API request of the check gives up after this long: a check must never hang. */
export const PROBE_TIMEOUT_MS = 8_000;

export interface NodeProbeOptions {
  readonly environment?: KubeconfigEnvironment;
  /** PATH and the like for finding and running kubectl. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly shellIntegration: () => Promise<ShellIntegrationProbe>;
  readonly timeoutMs?: number;
}

export function createNodeProbe(options: NodeProbeOptions): SetupProbe {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  let session: Promise<KubeSession | { problem: string; noKubeconfig: boolean }> | undefined;
  const loadSession = () =>
    (session ??= loadKubeconfig(options.environment ?? defaultEnvironment()).then((loaded) => {
      if (loaded.kind === 'loaded') return loaded.session;
      if (loaded.kind === 'none') return { problem: `No kubeconfig (looked for ${loaded.searched}).`, noKubeconfig: true };
      return { problem: loaded.message, noKubeconfig: false };
    }));

  return {
    kubectl: () => kubectlVersion(env, timeoutMs),
    async context(): Promise<ContextProbe> {
      const loaded = await loadSession();
      if ('problem' in loaded) return loaded;
      return { name: loaded.currentContext, server: loaded.server };
    },
    async getJson(path: string): Promise<unknown> {
      const loaded = await loadSession();
      if ('problem' in loaded) throw Object.assign(new Error(loaded.problem), { reason: 'other' });
      return requestJson(loaded.transport(), { path }, path, { timeoutMs });
    },
    shellIntegration: options.shellIntegration,
  };
}

function kubectlVersion(env: Readonly<Record<string, string | undefined>>, timeoutMs: number): Promise<KubectlProbe> {
  const kubectl = findKubectl(env);
  if (!kubectl) return Promise.resolve({ found: false });
  return new Promise((resolve) => {
    childProcess().execFile(kubectl, ['version', '--client', '-o', 'json'], { timeout: timeoutMs, env: { ...env }, windowsHide: true }, (error, stdout) => {
      try {
        resolve({ found: true, version: JSON.parse(stdout) as unknown });
      } catch {
        resolve({ found: true, version: undefined, problem: error ? error.message.split('\n')[0] : 'unreadable output' });
      }
    });
  });
}
