// How to fix each problem Check My Setup can find: a sentence plus one thing to do.
import type { CheckFix } from './checks';

export type FixKind =
  | 'kubectlMissing'
  | 'noKubeconfig'
  | 'badKubeconfig'
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'skew'
  | 'noNodes'
  | 'nodeNotReady'
  | 'dnsMissing'
  | 'dnsNotReady'
  | 'noStorageClass'
  | 'noDefaultStorageClass'
  | 'metricsMissing'
  | 'metricsUnavailable'
  | 'ingressMissing'
  | 'shellIntegration'
  | 'untrusted';

const KUBECTL_DOCS = 'https://kubernetes.io/docs/tasks/tools/';
const LOCAL_PATH_PROVISIONER = 'https://raw.githubusercontent.com/rancher/local-path-provisioner/master/deploy/local-path-storage.yaml';
const METRICS_SERVER = 'https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml';

/** `arg` is the object the fix is about (a node, a class, a version), where there is one. */
export function fixFor(kind: FixKind, arg = ''): CheckFix {
  switch (kind) {
    case 'kubectlMissing':
      return { text: 'Install kubectl (a package of your OS, or the binary from the Kubernetes site), then reload the window.', url: KUBECTL_DOCS };
    case 'noKubeconfig':
      return { text: 'Create a cluster (kind, k3d, minikube, Docker Desktop) or copy the lab VM\'s kubeconfig to ~/.kube/config: the walkthrough shows each way.', vscodeCommand: 'workshop.openWalkthrough' };
    case 'badKubeconfig':
      return { text: 'Fix or replace the kubeconfig file (KUBECONFIG or ~/.kube/config); `kubectl config view` shows what kubectl reads.', shell: 'kubectl config view' };
    case 'unreachable':
      return { text: 'Start the cluster (for example `minikube start`, `k3d cluster start`, or Docker Desktop), or pick a context that answers.', vscodeCommand: 'workshop.selectContext' };
    case 'unauthorized':
      return { text: 'The credentials of this context were refused (expired token or certificate): get a fresh kubeconfig from the cluster\'s tool, or pick another context.', vscodeCommand: 'workshop.selectContext' };
    case 'forbidden':
      return { text: 'Your user may not read this. On a shared cluster ask its owner; the exercises need more rights than a namespace-only account.', shell: 'kubectl auth can-i --list' };
    case 'skew':
      return { text: `Install a kubectl ${arg} (the server's minor version) and put it first on the PATH.`, url: KUBECTL_DOCS };
    case 'noNodes':
      return { text: 'Add a node, or recreate the cluster with its tool.', shell: 'kubectl get nodes' };
    case 'nodeNotReady':
      return { text: `See why the node is not ready (conditions and events at the end).`, shell: `kubectl describe node ${arg}` };
    case 'dnsMissing':
      return { text: 'Deploy CoreDNS the way your cluster\'s tool does (kubeadm and kind deploy it; minikube: `minikube addons enable coredns`).', shell: 'kubectl -n kube-system get deployments' };
    case 'dnsNotReady':
      return { text: 'See why the DNS pods do not start.', shell: `kubectl -n kube-system describe deployment ${arg}` };
    case 'noStorageClass':
      return { text: 'Install a dynamic provisioner, for example local-path-provisioner (k3s and kind ship one; minikube: `minikube addons enable storage-provisioner`).', shell: `kubectl apply -f ${LOCAL_PATH_PROVISIONER}` };
    case 'noDefaultStorageClass':
      return {
        text: `Mark one class as the default.`,
        shell: `kubectl patch storageclass ${arg} -p '{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}'`,
      };
    case 'metricsMissing':
      return { text: 'Install metrics-server (minikube: `minikube addons enable metrics-server`; on kind add `--kubelet-insecure-tls` to its arguments).', shell: `kubectl apply -f ${METRICS_SERVER}` };
    case 'metricsUnavailable':
      return { text: 'metrics-server runs but does not answer: its log says why (often the kubelet certificates: `--kubelet-insecure-tls`).', shell: 'kubectl -n kube-system logs deployment/metrics-server' };
    case 'ingressMissing':
      return { text: 'Install an ingress controller (the workshop\'s ingress chapter installs Traefik; k3s ships it; minikube: `minikube addons enable ingress`).', shell: 'kubectl get ingressclasses' };
    case 'shellIntegration':
      return {
        text: 'Use bash, zsh, fish or PowerShell in the Workshop terminal and keep the setting terminal.integrated.shellIntegration.enabled on; then open a new Workshop terminal.',
        vscodeCommand: 'workbench.action.openSettings',
        vscodeArgs: ['terminal.integrated.shellIntegration.enabled'],
      };
    case 'untrusted':
      return { text: 'Trust the workspace to run exercises in a terminal.', vscodeCommand: 'workbench.trust.manage' };
  }
}
