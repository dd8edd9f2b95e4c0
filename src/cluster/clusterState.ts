// The extension's view of "which cluster": the loaded kubeconfig, the chosen
// context and namespace, and the watch caches for that context.
import { findKubeconfig, loadKubeconfig, type KubeconfigEnvironment, type KubeconfigLoadResult, type KubeSession } from './kubeconfig';
import { WatchHub } from './watchHub';
import type { WatchOptions } from './watchCache';
import type { SessionInfo } from './treeModel';

export type ClusterPhase = 'notLoaded' | 'none' | 'error' | 'loaded';

export class ClusterState {
  private result: KubeconfigLoadResult | undefined;
  private currentHub: WatchHub | undefined;
  private loading: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly watchOptions: WatchOptions = {},
    private readonly environment?: KubeconfigEnvironment,
  ) {}

  /** Cheap check (no client-node) whether any kubeconfig exists, for the welcome view. */
  hasKubeconfig(): boolean {
    return findKubeconfig(this.environment) !== undefined;
  }

  get phase(): ClusterPhase {
    return this.result?.kind ?? 'notLoaded';
  }

  get session(): KubeSession | undefined {
    return this.result?.kind === 'loaded' ? this.result.session : undefined;
  }

  get loadError(): string | undefined {
    return this.result?.kind === 'error' ? this.result.message : undefined;
  }

  get hub(): WatchHub | undefined {
    return this.currentHub;
  }

  get info(): SessionInfo | undefined {
    const s = this.session;
    return s ? { context: s.currentContext, namespace: s.currentNamespace, server: s.server } : undefined;
  }

  /** Loads the kubeconfig once; later calls wait for the same load. */
  ensureLoaded(): Promise<void> {
    this.loading ??= this.reload();
    return this.loading;
  }

  /** Reads the kubeconfig again, keeping the chosen context and namespace when they still exist. */
  async reload(): Promise<void> {
    const previous = this.session;
    const chosenContext = previous?.currentContext;
    const chosenNamespace = previous?.currentNamespace;
    const result = await loadKubeconfig(this.environment);
    if (result.kind === 'loaded' && chosenContext && result.session.contexts().some((c) => c.name === chosenContext)) {
      result.session.useContext(chosenContext);
      if (chosenNamespace) result.session.useNamespace(chosenNamespace);
    }
    this.result = result;
    this.loading = Promise.resolve();
    this.restartHub();
  }

  useContext(name: string): void {
    const s = this.session;
    if (!s) return;
    s.useContext(name);
    this.restartHub();
  }

  useNamespace(namespace: string): void {
    this.session?.useNamespace(namespace);
    this.fire();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.currentHub?.dispose();
    this.currentHub = undefined;
    this.listeners.clear();
  }

  /** A new context means a new server and credentials: every cache starts over. */
  private restartHub(): void {
    this.currentHub?.dispose();
    this.currentHub = undefined;
    const s = this.session;
    if (s) {
      try {
        this.currentHub = new WatchHub(s.transport(), this.watchOptions);
      } catch (error) {
        this.result = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    }
    this.fire();
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
