// Credentials for a request come from client-node, which may run an exec
// credential plugin (aws, gke-gcloud-auth-plugin, kubelogin...). A plugin that
// hangs (waiting for a browser login, a dead network) must not hang the view:
// it is killed after a time limit and the request fails with a clear message.
import type { spawn, SpawnOptions } from 'node:child_process';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, toKubeApiError } from './errors';
import { abortable, CancelledError } from './abort';
import { childProcess } from '../onFirstUse';

export const CREDENTIAL_PLUGIN_TIMEOUT_MS = 30_000;

type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ReturnType<typeof spawn>;

/** Gives every exec plugin started for `kc` a time limit after which it is killed. */
export function limitCredentialPlugins(kc: KubeConfig, timeoutMs = CREDENTIAL_PLUGIN_TIMEOUT_MS): void {
  // client-node keeps its authenticators private; `execFn` is the spawn it uses for exec plugins.
  const authenticators = (kc as unknown as { authenticators?: unknown[] }).authenticators ?? [];
  const limited: Spawn = (command, args, options) => childProcess().spawn(command, args ?? [], { ...options, timeout: timeoutMs, killSignal: 'SIGKILL' });
  for (const authenticator of authenticators) {
    if (authenticator && typeof authenticator === 'object' && 'execFn' in authenticator) {
      (authenticator as { execFn: Spawn }).execFn = limited;
    }
  }
}

/** Adds the current user's credentials to `options`, within a time limit and cancellable. */
export async function applyCredentials(
  kc: KubeConfig,
  options: object,
  signal?: AbortSignal,
  timeoutMs = CREDENTIAL_PLUGIN_TIMEOUT_MS,
): Promise<void> {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new KubeApiError('unreachable', `The credential plugin did not answer within ${Math.round(timeoutMs / 1000)} s`)),
    timeoutMs,
  );
  try {
    await abortable(signal ? AbortSignal.any([deadline.signal, signal]) : deadline.signal, () => kc.applyToHTTPSOptions(options));
  } catch (error) {
    if (error instanceof KubeApiError || error instanceof CancelledError) throw error;
    const classified = toKubeApiError(error);
    throw new KubeApiError(classified.reason, `Cannot get credentials for the cluster: ${classified.message || 'the credential plugin failed'}`);
  } finally {
    clearTimeout(timer);
  }
}
