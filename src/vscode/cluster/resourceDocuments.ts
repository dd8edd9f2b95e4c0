// Read-only documents for one object: `workshop-k8s:/yaml/...` (from the API)
// and `workshop-k8s:/describe/...` (from `kubectl describe`).
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import type { ClusterState } from '../../cluster/clusterState';
import { getObject, toDisplayYaml, type ObjectRef } from '../../cluster/actions';
import { describeArgs, findKubectl } from '../../cluster/kubectl';
import { redactSecrets } from '../../cluster/errors';
import { kindById } from '../../cluster/resources';

export const RESOURCE_SCHEME = 'workshop-k8s';

export type DocumentMode = 'yaml' | 'describe';

export function resourceUri(mode: DocumentMode, context: string, ref: ObjectRef): vscode.Uri {
  const parts = [mode, context, ref.resource.id, ref.namespace ?? '_', ref.name].map(encodeURIComponent);
  const extension = mode === 'yaml' ? '.yaml' : '.txt';
  return vscode.Uri.from({ scheme: RESOURCE_SCHEME, path: `/${parts.join('/')}${extension}` });
}

function parseUri(uri: vscode.Uri): { mode: DocumentMode; context: string; ref: ObjectRef } | undefined {
  const [mode, context, kindId, namespace, name] = uri.path
    .replace(/^\//, '')
    .replace(/\.(yaml|txt)$/, '')
    .split('/')
    .map(decodeURIComponent);
  const resource = kindId ? kindById(kindId) : undefined;
  if ((mode !== 'yaml' && mode !== 'describe') || !context || !resource || !name) return undefined;
  return { mode, context, ref: { resource, name, namespace: namespace === '_' ? undefined : namespace } };
}

export class ResourceDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly state: ClusterState) {}

  /** Reads the object again (the document is a snapshot). */
  reload(uri: vscode.Uri): void {
    this.changeEmitter.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const parsed = parseUri(uri);
    if (!parsed) return `# Not a Kubernetes object address: ${uri.toString()}\n`;
    const { mode, context, ref } = parsed;
    try {
      if (mode === 'describe') return await describe(context, ref);
      await this.state.ensureLoaded();
      const session = this.state.session;
      if (!session) return '# No kubeconfig is loaded.\n';
      if (session.currentContext !== context) return `# This object belongs to context "${context}"; switch back to it to read it.\n`;
      return toDisplayYaml(await getObject(session.transport(), ref), ref.resource);
    } catch (error) {
      return `# Cannot read ${ref.resource.kind} ${ref.name}: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`;
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

function describe(context: string, ref: ObjectRef): Promise<string> {
  const kubectl = findKubectl();
  if (!kubectl) return Promise.resolve('kubectl was not found on PATH; install it to describe objects: https://kubernetes.io/docs/tasks/tools/\n');
  return new Promise((resolve) => {
    execFile(kubectl, describeArgs(context, ref), { maxBuffer: 16 * 1024 * 1024, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve(error && !stdout ? `kubectl describe failed:\n${redactSecrets(stderr || error.message)}\n` : stdout);
    });
  });
}
