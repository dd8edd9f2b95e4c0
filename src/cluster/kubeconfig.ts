// Finds and loads the user's kubeconfig through client-node (loaded lazily:
// it is large and only needed once the cluster tree is shown).
//
// Switching context or namespace changes only this in-memory copy: the
// extension must not surprise a learner whose terminal `kubectl` follows the
// file. Terminal actions pass `--context` and `-n` explicitly instead.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Context, KubeConfig } from '@kubernetes/client-node';
import { createTransport, type KubeTransport } from './transport';
import { redactSecrets } from './errors';
import { limitCredentialPlugins } from './credentials';
import { yaml } from '../onFirstUse';

export const IN_CLUSTER_TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export type KubeconfigSource = { kind: 'files'; files: string[] } | { kind: 'inCluster' };

export interface KubeconfigEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  exists(file: string): boolean;
}

export function defaultEnvironment(): KubeconfigEnvironment {
  return { env: process.env, homeDir: os.homedir(), exists: (file) => fs.existsSync(file) };
}

/** Where the kubeconfig comes from, following kubectl's rules; undefined = no kubeconfig at all. */
export function findKubeconfig(environment: KubeconfigEnvironment = defaultEnvironment()): KubeconfigSource | undefined {
  const list = environment.env.KUBECONFIG;
  if (list) {
    // kubectl ignores files of the list that do not exist.
    const files = list.split(path.delimiter).filter((file) => file && environment.exists(file));
    return files.length ? { kind: 'files', files } : undefined;
  }
  const home = path.join(environment.homeDir, '.kube', 'config');
  if (environment.exists(home)) return { kind: 'files', files: [home] };
  if (environment.env.KUBERNETES_SERVICE_HOST && environment.exists(IN_CLUSTER_TOKEN_PATH)) return { kind: 'inCluster' };
  return undefined;
}

export interface ContextInfo {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  readonly namespace?: string;
  readonly server?: string;
}

export type KubeconfigLoadResult =
  | { readonly kind: 'none'; readonly searched: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'loaded'; readonly session: KubeSession };

export async function loadKubeconfig(environment: KubeconfigEnvironment = defaultEnvironment()): Promise<KubeconfigLoadResult> {
  const source = findKubeconfig(environment);
  if (!source) {
    const searched = environment.env.KUBECONFIG ? `KUBECONFIG=${environment.env.KUBECONFIG}` : path.join(environment.homeDir, '.kube', 'config');
    return { kind: 'none', searched };
  }
  try {
    const k8s = await import('@kubernetes/client-node');
    const kc = new k8s.KubeConfig();
    if (source.kind === 'inCluster') kc.loadFromCluster();
    else mergeFiles(kc, source.files, k8s.KubeConfig);
    if (kc.getContexts().length === 0) return { kind: 'error', message: 'The kubeconfig defines no context' };
    return { kind: 'loaded', session: new KubeSession(kc, source) };
  } catch (error) {
    return { kind: 'error', message: `Cannot read the kubeconfig: ${redactSecrets(error instanceof Error ? error.message : String(error))}` };
  }
}

/** Merges files like kubectl: the first file defining a name (or current-context) wins. */
function mergeFiles(kc: KubeConfig, files: string[], KubeConfigClass: new () => KubeConfig): void {
  const clusters = new Map<string, KubeConfig['clusters'][number]>();
  const users = new Map<string, KubeConfig['users'][number]>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  for (const file of files) {
    const part = new KubeConfigClass();
    const text = fs.readFileSync(file, 'utf8');
    // An empty file, or one holding only comments, is an empty kubeconfig for kubectl too.
    if (!isMapping(parseKubeconfigText(file, text))) continue;
    part.loadFromString(text, { onInvalidEntry: 'filter' });
    part.makePathsAbsolute(path.dirname(file));
    for (const c of part.clusters ?? []) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of part.users ?? []) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of part.contexts ?? []) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!currentContext && part.currentContext) currentContext = part.currentContext;
  }
  kc.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext: currentContext || ([...contexts.keys()][0] ?? ''),
  });
}

/**
 * Parses a kubeconfig's YAML. A syntax error names the file, line and column only:
 * js-yaml's own message quotes the lines around the error, which may be a token.
 */
export function parseKubeconfigText(file: string, text: string): unknown {
  const { load, YAMLException } = yaml();
  try {
    return load(text);
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const where = error.mark ? `, line ${error.mark.line + 1}, column ${error.mark.column + 1}` : '';
    // Reasons can quote the file too (`unknown tag !<…>`, `unidentified alias "…"`): keep only their words.
    const reason = (error.reason || 'invalid YAML').replace(/"[^"]*"|'[^']*'|<[^>]*>|![^\s]*/g, '…').slice(0, 120);
    throw new KubeconfigSyntaxError(`${file}${where}: ${reason}`);
  }
}

export class KubeconfigSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigSyntaxError';
  }
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The loaded kubeconfig plus the extension's own choice of context and namespace. */
export class KubeSession {
  private readonly namespaceOverrides = new Map<string, string>();

  constructor(
    private readonly kc: KubeConfig,
    readonly source: KubeconfigSource,
  ) {
    limitCredentialPlugins(kc);
  }

  contexts(): ContextInfo[] {
    return this.kc.getContexts().map((c) => ({
      name: c.name,
      cluster: c.cluster,
      user: c.user,
      namespace: c.namespace,
      server: this.kc.getCluster(c.cluster)?.server,
    }));
  }

  get currentContext(): string {
    return this.kc.getCurrentContext();
  }

  get currentNamespace(): string {
    return this.namespaceOverrides.get(this.currentContext) ?? this.kc.getContextObject(this.currentContext)?.namespace ?? 'default';
  }

  get server(): string | undefined {
    return this.kc.getCurrentCluster()?.server;
  }

  useContext(name: string): void {
    if (!this.kc.getContextObject(name)) throw new Error(`No context named "${name}" in the kubeconfig`);
    this.kc.setCurrentContext(name);
  }

  useNamespace(namespace: string): void {
    this.namespaceOverrides.set(this.currentContext, namespace);
  }

  /** HTTP to the current context's API server. */
  transport(): KubeTransport {
    return createTransport(this.forRequests());
  }

  /**
   * client-node refuses plain `http:` servers unless TLS verification is
   * skipped (which is meaningless without TLS); local proxies such as
   * `kubectl proxy` use http, so give them that flag on a private copy.
   */
  private forRequests(): KubeConfig {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster?.server.startsWith('http:') || cluster.skipTLSVerify) return this.kc;
    const copy = Object.create(Object.getPrototypeOf(this.kc) as object) as KubeConfig;
    Object.assign(copy, this.kc);
    copy.clusters = this.kc.clusters.map((c) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c));
    return copy;
  }
}
