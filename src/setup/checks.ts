// Check My Setup: each thing the workshop's exercises rely on, checked in order, each result
// with how to fix it. Pure: everything it asks of the machine goes through a SetupProbe.
import { defaultStorageClassOf, itemNames } from '../cluster/clusterFacts';
import { ADDON_PATHS, clusterDns, itemsOf, metricsApi, nodeReadiness, parseVersion, SUPPORTED_KUBECTL_SKEW, versionSkew, type MinorVersion } from './clusterAddons';
import { fixFor } from './fixes';

export type CheckId = 'kubectl' | 'context' | 'versionSkew' | 'nodes' | 'dns' | 'storageClass' | 'metrics' | 'ingress' | 'shellIntegration';
export type CheckStatus = 'ok' | 'warning' | 'error' | 'skipped';

/** How to fix a problem: words, and one of a shell command to copy, a page or a VS Code command. */
export interface CheckFix {
  readonly text: string;
  readonly shell?: string;
  readonly url?: string;
  readonly vscodeCommand?: string;
  readonly vscodeArgs?: readonly unknown[];
}

export interface CheckResult {
  readonly id: CheckId;
  readonly title: string;
  readonly status: CheckStatus;
  readonly summary: string;
  readonly fix?: CheckFix;
}

/** An answer the API server refused, classified like the cluster view does. */
export interface ProbeFailure {
  readonly reason: 'unreachable' | 'unauthorized' | 'forbidden' | 'notFound' | 'gone' | 'other';
  readonly message: string;
}

export type KubectlProbe = { readonly found: false } | { readonly found: true; readonly version: unknown; readonly problem?: string };
export type ContextProbe = { readonly name: string; readonly server?: string } | { readonly problem: string; readonly noKubeconfig: boolean };
export type ShellIntegrationProbe = 'active' | 'inactive' | 'untrusted';

export interface SetupProbe {
  /** `kubectl version --client -o json`, or that kubectl is not on the PATH. */
  kubectl(): Promise<KubectlProbe>;
  /** The kubeconfig's current context, or why there is none. */
  context(): Promise<ContextProbe>;
  /** GET on the current context's API server; rejects with a ProbeFailure. */
  getJson(path: string): Promise<unknown>;
  /** Whether the Workshop terminal's shell reports its commands to VS Code. */
  shellIntegration(): Promise<ShellIntegrationProbe>;
}

export const CHECK_TITLES: Readonly<Record<CheckId, string>> = {
  kubectl: 'kubectl installed',
  context: 'Cluster reachable',
  versionSkew: 'kubectl and server versions',
  nodes: 'Nodes ready',
  dns: 'Cluster DNS (CoreDNS)',
  storageClass: 'Default StorageClass',
  metrics: 'Metrics API (metrics-server)',
  ingress: 'Ingress controller',
  shellIntegration: 'Shell integration in the Workshop terminal',
};

export const CHECK_ORDER: readonly CheckId[] = ['kubectl', 'context', 'versionSkew', 'nodes', 'dns', 'storageClass', 'metrics', 'ingress', 'shellIntegration'];

function result(id: CheckId, status: CheckStatus, summary: string, fix?: CheckFix): CheckResult {
  return { id, title: CHECK_TITLES[id], status, summary, ...(fix ? { fix } : {}) };
}

export function asProbeFailure(error: unknown): ProbeFailure {
  const e = error as Partial<ProbeFailure> | null;
  if (e && typeof e.reason === 'string' && typeof e.message === 'string') return { reason: e.reason, message: e.message };
  return { reason: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** Runs every check; a check whose prerequisite failed is `skipped`, never left out. */
export async function runSetupChecks(probe: SetupProbe): Promise<CheckResult[]> {
  const [kubectl, shell] = await Promise.all([checkKubectl(probe), checkShellIntegration(probe)]);
  const cluster = await checkContext(probe);
  const results: CheckResult[] = [kubectl.result, cluster.result];
  if (!cluster.serverVersion) {
    const why = 'Needs a reachable cluster.';
    for (const id of ['versionSkew', 'nodes', 'dns', 'storageClass', 'metrics', 'ingress'] as const) results.push(result(id, 'skipped', why));
  } else {
    results.push(checkSkew(kubectl.clientVersion, cluster.serverVersion));
    results.push(...(await Promise.all([checkNodes(probe), checkDns(probe), checkStorage(probe), checkMetrics(probe), checkIngress(probe)])));
  }
  results.push(shell);
  return results;
}

async function checkKubectl(probe: SetupProbe): Promise<{ result: CheckResult; clientVersion?: MinorVersion }> {
  const found = await probe.kubectl();
  if (!found.found) return { result: result('kubectl', 'error', 'kubectl is not on the PATH: the exercises and the terminal actions need it.', fixFor('kubectlMissing')) };
  const clientVersion = parseVersion((found.version as { clientVersion?: unknown } | null)?.clientVersion);
  if (!clientVersion) return { result: result('kubectl', 'warning', `kubectl is there but did not tell its version${found.problem ? `: ${found.problem}` : '.'}`, fixFor('kubectlMissing')) };
  return { result: result('kubectl', 'ok', `kubectl ${clientVersion.text}`), clientVersion };
}

async function checkContext(probe: SetupProbe): Promise<{ result: CheckResult; serverVersion?: MinorVersion }> {
  const context = await probe.context();
  if ('problem' in context) {
    return { result: result('context', 'error', context.problem, fixFor(context.noKubeconfig ? 'noKubeconfig' : 'badKubeconfig')) };
  }
  try {
    const serverVersion = parseVersion(await probe.getJson(ADDON_PATHS.version));
    if (!serverVersion) return { result: result('context', 'warning', `Context "${context.name}" answers, but not with a Kubernetes version.`, fixFor('unreachable')) };
    return { result: result('context', 'ok', `Context "${context.name}" answers: Kubernetes ${serverVersion.text}`), serverVersion };
  } catch (error) {
    const failure = asProbeFailure(error);
    const fix = failure.reason === 'unauthorized' ? fixFor('unauthorized') : fixFor('unreachable');
    return { result: result('context', 'error', `Context "${context.name}"${context.server ? ` (${context.server})` : ''} does not answer: ${failure.message}`, fix) };
  }
}

function checkSkew(client: MinorVersion | undefined, server: MinorVersion): CheckResult {
  if (!client) return result('versionSkew', 'skipped', 'Needs kubectl.');
  const skew = versionSkew(client, server);
  const both = `kubectl ${client.text}, server ${server.text}`;
  if (skew.supported) return result('versionSkew', 'ok', `${both}: within the supported skew.`);
  const direction = skew.minors > 0 ? 'newer' : 'older';
  return result(
    'versionSkew',
    'warning',
    `${both}: kubectl is ${Math.abs(skew.minors)} minor versions ${direction}; kubectl supports ${SUPPORTED_KUBECTL_SKEW} either way.`,
    fixFor('skew', `${server.major}.${server.minor}`),
  );
}

/** The answer to a list; an empty list when the API does not serve it (an older or trimmed cluster). */
async function list(probe: SetupProbe, path: string): Promise<unknown> {
  try {
    return await probe.getJson(path);
  } catch (error) {
    if (asProbeFailure(error).reason === 'notFound') return { items: [] };
    throw error;
  }
}

async function guarded(id: CheckId, body: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await body();
  } catch (error) {
    const failure = asProbeFailure(error);
    const fix = failure.reason === 'forbidden' ? fixFor('forbidden') : undefined;
    return result(id, 'warning', `Cannot tell: ${failure.message}`, fix);
  }
}

function checkNodes(probe: SetupProbe): Promise<CheckResult> {
  return guarded('nodes', async () => {
    const nodes = nodeReadiness(itemsOf(await list(probe, ADDON_PATHS.nodes)));
    if (nodes.total === 0) return result('nodes', 'error', 'The cluster has no nodes: nothing can run.', fixFor('noNodes'));
    if (nodes.notReady.length) {
      const first = nodes.notReady[0];
      const names = nodes.notReady.map((n) => `${n.name} (${n.reason})`).join(', ');
      return result('nodes', 'error', `${nodes.notReady.length} of ${nodes.total} not ready: ${names}`, fixFor('nodeNotReady', first?.name));
    }
    return result('nodes', 'ok', `${nodes.total} ready: ${nodes.ready.join(', ')}`);
  });
}

function checkDns(probe: SetupProbe): Promise<CheckResult> {
  return guarded('dns', async () => {
    const dns = clusterDns(itemsOf(await list(probe, ADDON_PATHS.kubeSystemDeployments)));
    if (!dns.deployment) return result('dns', 'error', 'No CoreDNS (or kube-dns) deployment in kube-system: services cannot be reached by name.', fixFor('dnsMissing'));
    if (dns.readyReplicas < 1) return result('dns', 'error', `${dns.deployment}: 0 of ${dns.replicas} replicas ready.`, fixFor('dnsNotReady', dns.deployment));
    return result('dns', 'ok', `${dns.deployment}: ${dns.readyReplicas} of ${dns.replicas} ready`);
  });
}

function checkStorage(probe: SetupProbe): Promise<CheckResult> {
  return guarded('storageClass', async () => {
    const answer = await list(probe, ADDON_PATHS.storageClasses);
    const defaultClass = defaultStorageClassOf(answer);
    const names = itemNames(answer);
    if (defaultClass) return result('storageClass', 'ok', `${defaultClass} (default)`);
    if (names.length) {
      return result('storageClass', 'warning', `No default among ${names.join(', ')}: claims without a class stay Pending.`, fixFor('noDefaultStorageClass', names[0]));
    }
    return result('storageClass', 'warning', 'No StorageClass: PersistentVolumeClaims stay Pending (the stateful chapters need one).', fixFor('noStorageClass'));
  });
}

function checkMetrics(probe: SetupProbe): Promise<CheckResult> {
  return guarded('metrics', async () => {
    const metrics = metricsApi(itemsOf(await list(probe, ADDON_PATHS.apiServices)));
    if (!metrics.registered) return result('metrics', 'warning', 'No metrics-server: `kubectl top` and the autoscaling chapters will not work.', fixFor('metricsMissing'));
    if (!metrics.available) return result('metrics', 'error', `The metrics API is registered but not available: ${metrics.problem ?? ''}`, fixFor('metricsUnavailable'));
    return result('metrics', 'ok', `Available${metrics.service ? ` (${metrics.service})` : ''}`);
  });
}

function checkIngress(probe: SetupProbe): Promise<CheckResult> {
  return guarded('ingress', async () => {
    const names = itemNames(await list(probe, ADDON_PATHS.ingressClasses));
    if (!names.length) return result('ingress', 'warning', 'No IngressClass: Ingress resources will not be served until a controller is installed.', fixFor('ingressMissing'));
    return result('ingress', 'ok', `IngressClass ${names.join(', ')}`);
  });
}

async function checkShellIntegration(probe: SetupProbe): Promise<CheckResult> {
  switch (await probe.shellIntegration()) {
    case 'active':
      return result('shellIntegration', 'ok', 'Active: each exercise step reports when it ends and how.');
    case 'untrusted':
      return result('shellIntegration', 'skipped', 'Restricted Mode: the Workshop terminal is not opened until you trust the workspace.', fixFor('untrusted'));
    default:
      return result('shellIntegration', 'warning', 'Inactive: waits cannot read the terminal, and exit statuses are known only from a local POSIX shell.', fixFor('shellIntegration'));
  }
}

/** The worst status, for a one-line verdict. */
export function overallStatus(results: readonly CheckResult[]): CheckStatus {
  if (results.some((r) => r.status === 'error')) return 'error';
  if (results.some((r) => r.status === 'warning')) return 'warning';
  return results.every((r) => r.status === 'skipped') ? 'skipped' : 'ok';
}
