// Read-only documents for one object: `workshop-k8s:/yaml/...` (from the API)
// and `workshop-k8s:/describe/...` (from `kubectl describe`).
import * as vscode from 'vscode';
import { childProcess } from '../../onFirstUse';
import type { ClusterState } from '../../cluster/clusterState';
import { getObject, toDisplayYaml, type ObjectRef } from '../../cluster/actions';
import { describeArgs, findKubectl } from '../../cluster/kubectl';
import { redactSecrets } from '../../cluster/errors';
import { printable } from '../../cluster/names';
import { formatResourcePath, parseResourcePath, type DocumentMode } from '../../cluster/resourceAddress';

export const RESOURCE_SCHEME = 'workshop-k8s';

export function resourceUri(mode: DocumentMode, context: string, ref: ObjectRef): vscode.Uri {
  return vscode.Uri.from({ scheme: RESOURCE_SCHEME, path: formatResourcePath(mode, context, ref) });
}

export class ResourceDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly state: ClusterState,
    private readonly isTrusted: () => boolean = () => vscode.workspace.isTrusted,
  ) {}

  /** Reads the object again (the document is a snapshot). */
  reload(uri: vscode.Uri): void {
    this.changeEmitter.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<string> {
    const parsed = parseResourcePath(uri.path);
    if (typeof parsed === 'string') return `# ${parsed}.\n`;
    const { mode, context, ref } = parsed;
    const abort = new AbortController();
    const listener = token?.onCancellationRequested(() => abort.abort());
    try {
      await this.state.ensureLoaded();
      const session = this.state.session;
      if (!session) return '# No kubeconfig is loaded.\n';
      if (session.currentContext !== context) return `# This object belongs to context "${printable(context)}"; switch back to it to read it.\n`;
      if (mode === 'describe') {
        if (!this.isTrusted()) return '# Describe runs kubectl, which is disabled in Restricted Mode. Trust this workspace to use it.\n';
        return await describe(context, ref, abort.signal);
      }
      return toDisplayYaml(await getObject(session.transport(), ref, { signal: abort.signal }), ref.resource);
    } catch (error) {
      return `# Cannot read ${ref.resource.kind} ${ref.name}: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`;
    } finally {
      listener?.dispose();
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** `kubectl describe` without a shell: arguments go to kubectl as they are, after `--`. */
function describe(context: string, ref: ObjectRef, signal: AbortSignal): Promise<string> {
  const kubectl = findKubectl();
  if (!kubectl) return Promise.resolve('kubectl was not found on PATH; install it to describe objects: https://kubernetes.io/docs/tasks/tools/\n');
  const args = describeArgs(context, ref);
  return new Promise((resolve) => {
    childProcess().execFile(kubectl, args, { maxBuffer: 16 * 1024 * 1024, timeout: DESCRIBE_TIMEOUT_MS, signal }, (error, stdout, stderr) => {
      if (signal.aborted) resolve('# Cancelled.\n');
      else if (error && (error as { killed?: boolean }).killed && !stdout) resolve(`kubectl describe did not finish within ${DESCRIBE_TIMEOUT_MS / 1000} s\n`);
      else resolve(error && !stdout ? `kubectl describe failed:\n${redactSecrets(stderr || error.message)}\n` : stdout);
    });
  });
}

const DESCRIBE_TIMEOUT_MS = 30_000;
