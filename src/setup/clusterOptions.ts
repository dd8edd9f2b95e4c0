// "Get a cluster": the ways to a cluster this machine offers, from the tools on the PATH and the
// kubeconfig's contexts. Pure: the caller finds the tools and reads the contexts.

export type LocalTool = 'kind' | 'k3d' | 'minikube' | 'docker';
export const LOCAL_TOOLS: readonly LocalTool[] = ['kind', 'k3d', 'minikube', 'docker'];

/** Name given to the clusters we offer to create, so the learner recognises them later. */
export const WORKSHOP_CLUSTER_NAME = 'workshop';

export type ClusterOption =
  | { readonly kind: 'useContext'; readonly label: string; readonly detail: string; readonly context: string }
  | { readonly kind: 'create'; readonly label: string; readonly detail: string; readonly tool: LocalTool; readonly command: string }
  | { readonly kind: 'install'; readonly label: string; readonly detail: string; readonly url: string }
  | { readonly kind: 'labVm'; readonly label: string; readonly detail: string };

export interface ClusterSituation {
  /** Tools found on the PATH. */
  readonly tools: ReadonlySet<LocalTool>;
  /** Contexts of the kubeconfig, current one first or flagged. */
  readonly contexts: readonly { readonly name: string; readonly server?: string }[];
  readonly currentContext?: string;
}

/** Contexts the tools write, recognised by name. */
export function contextOrigin(name: string): string | undefined {
  if (name === 'docker-desktop') return 'Docker Desktop';
  if (name.startsWith('kind-')) return 'kind';
  if (name.startsWith('k3d-')) return 'k3d';
  if (name === 'minikube') return 'minikube';
  return undefined;
}

const CREATE: Readonly<Record<Exclude<LocalTool, 'docker'>, { command: string; detail: string }>> = {
  kind: { command: `kind create cluster --name ${WORKSHOP_CLUSTER_NAME}`, detail: 'Kubernetes in Docker containers: one node, about a minute.' },
  k3d: { command: `k3d cluster create ${WORKSHOP_CLUSTER_NAME}`, detail: 'k3s in Docker: ships Traefik, local-path storage and metrics-server.' },
  minikube: { command: `minikube start --profile ${WORKSHOP_CLUSTER_NAME}`, detail: 'A local VM or container; add-ons with `minikube addons enable`.' },
};

const INSTALL_KIND_URL = 'https://kind.sigs.k8s.io/docs/user/quick-start/';

export function clusterOptions(situation: ClusterSituation): ClusterOption[] {
  const options: ClusterOption[] = [];
  const contexts = [...situation.contexts].sort((a, b) => Number(b.name === situation.currentContext) - Number(a.name === situation.currentContext));
  for (const context of contexts) {
    const origin = contextOrigin(context.name);
    const current = context.name === situation.currentContext ? 'current context' : undefined;
    options.push({
      kind: 'useContext',
      label: `Use context ${context.name}`,
      detail: [current, origin, context.server].filter(Boolean).join(' · '),
      context: context.name,
    });
  }
  for (const tool of ['kind', 'k3d', 'minikube'] as const) {
    if (!situation.tools.has(tool)) continue;
    const { command, detail } = CREATE[tool];
    options.push({ kind: 'create', label: `Create a cluster with ${tool}: ${command}`, detail, tool, command });
  }
  const canCreate = options.some((o) => o.kind === 'create');
  if (!canCreate) {
    options.push({
      kind: 'install',
      label: situation.tools.has('docker') ? 'Install kind (Docker is here: kind runs Kubernetes in it)' : 'Install Docker and kind, k3d or minikube',
      detail: 'Then come back to this step.',
      url: INSTALL_KIND_URL,
    });
  }
  options.push({
    kind: 'labVm',
    label: 'Use the lab VM of a class (Remote-SSH)',
    detail: 'Connect VS Code to node1 with Remote-SSH and install this extension there: its kubectl and kubeconfig are ready.',
  });
  return options;
}
