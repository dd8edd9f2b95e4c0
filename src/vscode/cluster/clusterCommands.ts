// Commands of the cluster view: context/namespace pickers, refresh/retry, and
// actions on one object (YAML, describe, logs, shell, port-forward, scale,
// restart, delete, copy name).
import { registerCommand, type CommandOptions, type CommandRun } from '../commands';
import type { Logger } from '../../logger';
import * as vscode from 'vscode';
import type { ClusterState } from '../../cluster/clusterState';
import { deleteObject, restartRollout, scaleObject, type ObjectRef } from '../../cluster/actions';
import { redactSecrets } from '../../cluster/errors';
import { KUBECTL_INSTALL_URL, findKubectl, logsArgs, parsePortSpecs, portForwardArgs, shellArgs, terminalCommandLine } from '../../cluster/kubectl';
import { checkNamespace } from '../../cluster/names';
import { shellKindOf } from '../../cluster/shellQuoting';
import { CancelledError } from '../../cluster/abort';
import { requireKind, RESTARTABLE_KIND_IDS, SCALABLE_KIND_IDS } from '../../cluster/resources';
import { requestJson } from '../../cluster/transport';
import { collectionPath } from '../../cluster/resources';
import type { ItemNode, MessageNode, NamespaceNode, TreeNode } from '../../cluster/treeModel';
import type { ClusterTreeProvider } from './clusterTreeProvider';
import { resourceUri } from './resourceDocuments';
import { aboutObject, clusterNotice, clusterProgress, contextDetail, contextItem, listingNamespaces, namespaceTitle, objectName, restarting, valueItem } from '../../text/messages';
import { sendTextChecked } from '../terminalText';

export const CLUSTER_COMMANDS = {
  selectContext: 'workshop.selectContext',
  selectNamespace: 'workshop.selectNamespace',
  refresh: 'workshop.cluster.refresh',
  retry: 'workshop.cluster.retry',
  showYaml: 'workshop.cluster.showYaml',
  describe: 'workshop.cluster.describe',
  logs: 'workshop.cluster.logs',
  shell: 'workshop.cluster.shell',
  portForward: 'workshop.cluster.portForward',
  scale: 'workshop.cluster.scale',
  restartRollout: 'workshop.cluster.restartRollout',
  delete: 'workshop.cluster.delete',
  copyName: 'workshop.cluster.copyName',
} as const;

function isItem(arg: unknown): arg is ItemNode {
  return !!arg && typeof arg === 'object' && (arg as TreeNode).type === 'item';
}

function refOf(node: ItemNode): ObjectRef {
  return { resource: node.resource, name: node.summary.name, namespace: node.summary.namespace };
}

function named(ref: ObjectRef): { kind: string; name: string; namespace?: string } {
  return { kind: ref.resource.kind, name: ref.name, namespace: ref.namespace };
}

function message(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}

const UNTRUSTED_MESSAGE = 'Cluster actions that run kubectl or change the cluster are disabled in Restricted Mode. Trust this workspace to use them.';

/** Actions that only read: allowed in Restricted Mode. */
const READ_ONLY_ACTIONS = new Set<string>([CLUSTER_COMMANDS.showYaml, CLUSTER_COMMANDS.copyName]);

export function registerClusterCommands(
  state: ClusterState,
  tree: ClusterTreeProvider,
  log: Logger,
): vscode.Disposable {
  const disposables: vscode.Disposable[] = [];
  // Errors are redacted (no credentials in the log or on screen); a cancelled action stays silent.
  const describe = (error: unknown) => (error instanceof CancelledError ? undefined : message(error));
  const register = (id: string, run: CommandRun, trust: CommandOptions['trust'] = 'any') =>
    disposables.push(registerCommand(id, run, log, { describe, trust, trustMessage: UNTRUSTED_MESSAGE }));
  /** Item actions need an item: from the palette they explain where to find it. */
  const registerItem = (id: string, run: (node: ItemNode, context: string) => unknown) =>
    register(
      id,
      async (arg) => {
        if (!isItem(arg)) {
          void vscode.window.showInformationMessage('Run this action from an object in the Cluster view.');
          return;
        }
        await state.ensureLoaded();
        const context = state.session?.currentContext;
        if (!context) return;
        await run(arg, context);
      },
      READ_ONLY_ACTIONS.has(id) ? 'any' : 'required',
    );

  register(CLUSTER_COMMANDS.selectContext, async () => {
    await state.ensureLoaded();
    const session = state.session;
    if (!session) return showNoKubeconfig(state);
    const picked = await vscode.window.showQuickPick(
      session.contexts().map((c) => contextItem(c, session.currentContext)),
      { title: 'Kubernetes context', placeHolder: 'Context for the Cluster view and its actions (your kubeconfig file is not changed)' },
    );
    if (picked) state.useContext(picked.name);
  });

  register(CLUSTER_COMMANDS.selectNamespace, async (arg) => {
    await state.ensureLoaded();
    const session = state.session;
    if (!session) return showNoKubeconfig(state);
    if (arg && typeof arg === 'object' && (arg as TreeNode).type === 'namespace') {
      state.useNamespace((arg as NamespaceNode).namespace);
      return;
    }
    const names = await withProgress(listingNamespaces(session.currentContext ?? ''), (signal) => listNamespaces(state, signal));
    const current = session.currentNamespace;
    const typed = { label: '$(edit) Enter a namespace name…', value: undefined };
    const picked = await vscode.window.showQuickPick<{ label: string; value?: string }>(
      [...names.map((n) => valueItem(n, n === current ? 'current' : undefined)), typed],
      { title: namespaceTitle(session.currentContext ?? ''), placeHolder: names.length ? undefined : 'Listing namespaces is not allowed here; enter one' },
    );
    if (!picked) return;
    const chosen =
      picked.value === undefined
        ? await vscode.window.showInputBox({ prompt: 'Namespace', value: current, validateInput: (value) => checkNamespace(value.trim()) })
        : picked.value;
    if (chosen) state.useNamespace(chosen.trim());
  });

  register(CLUSTER_COMMANDS.refresh, async () => {
    // Re-reads the kubeconfig too, so new contexts and credentials show up.
    await state.reload();
    tree.refreshAll();
  });

  register(CLUSTER_COMMANDS.retry, (arg) => {
    const node = arg as MessageNode | undefined;
    if (node?.type === 'message' && node.id === 'kubeconfig-error') return state.reload();
    tree.retry(node?.type === 'message' ? node.cacheKey : undefined);
  });

  registerItem(CLUSTER_COMMANDS.showYaml, async (node, context) => {
    const document = await vscode.workspace.openTextDocument(resourceUri('yaml', context, refOf(node)));
    await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    await vscode.window.showTextDocument(document, { preview: true });
  });

  registerItem(CLUSTER_COMMANDS.describe, async (node, context) => {
    if (!requireKubectl()) return;
    const document = await vscode.workspace.openTextDocument(resourceUri('describe', context, refOf(node)));
    await vscode.window.showTextDocument(document, { preview: true });
  });

  registerItem(CLUSTER_COMMANDS.logs, async (node, context) => {
    const container = await pickContainer(node, 'Logs of which container?');
    if (container === null) return;
    runInTerminal(`Logs: ${node.summary.name}`, context, logsArgs(context, refOf(node), container));
  });

  registerItem(CLUSTER_COMMANDS.shell, async (node, context) => {
    const container = await pickContainer(node, 'Shell in which container?');
    if (container === null) return;
    runInTerminal(`Shell: ${node.summary.name}`, context, shellArgs(context, refOf(node), container));
  });

  registerItem(CLUSTER_COMMANDS.portForward, async (node, context) => {
    const answer = await vscode.window.showInputBox({
      title: aboutObject('Port-forward ', named(refOf(node))),
      prompt: 'LOCAL:REMOTE port pairs (or one port for both), separated by spaces',
      value: '8080:80',
      validateInput: (value) => {
        const parsed = parsePortSpecs(value);
        return typeof parsed === 'string' ? parsed : undefined;
      },
    });
    if (!answer) return;
    const ports = parsePortSpecs(answer);
    if (typeof ports === 'string') return;
    runInTerminal(`Port-forward: ${node.summary.name}`, context, portForwardArgs(context, refOf(node), ports));
  });

  registerItem(CLUSTER_COMMANDS.scale, async (node) => {
    if (!SCALABLE_KIND_IDS.has(node.resource.id)) return;
    const answer = await vscode.window.showInputBox({
      title: aboutObject('Scale ', named(refOf(node))),
      prompt: 'Number of replicas',
      value: String(node.summary.replicas ?? 1),
      validateInput: (value) => (/^\d+$/.test(value.trim()) ? undefined : 'A whole number, 0 or more'),
    });
    if (answer === undefined) return;
    await withProgress(clusterProgress('Scaling', named(refOf(node))), (signal) => scaleObject(transport(state), refOf(node), Number(answer.trim()), { signal }));
    log.info(`cluster: scaled ${objectName(named(refOf(node)))} to ${answer.trim()}`);
  });

  registerItem(CLUSTER_COMMANDS.restartRollout, async (node) => {
    if (!RESTARTABLE_KIND_IDS.has(node.resource.id)) return;
    await withProgress(clusterProgress('Restarting', named(refOf(node))), (signal) => restartRollout(transport(state), refOf(node), new Date(), { signal }));
    void vscode.window.showInformationMessage(restarting(named(refOf(node))));
  });

  registerItem(CLUSTER_COMMANDS.delete, async (node, context) => {
    const ref = refOf(node);
    const confirm = 'Delete';
    const answer = await vscode.window.showWarningMessage(
      aboutObject('Delete ', named(ref), '?'),
      { modal: true, detail: contextDetail(context) },
      confirm,
    );
    if (answer !== confirm) return;
    await withProgress(clusterProgress('Deleting', named(ref)), (signal) => deleteObject(transport(state), ref, { signal }));
    log.info(`cluster: deleted ${objectName(named(ref))}`);
  });

  registerItem(CLUSTER_COMMANDS.copyName, async (node) => {
    await vscode.env.clipboard.writeText(node.summary.release?.name ?? node.summary.name);
  });

  return vscode.Disposable.from(...disposables);
}

function transport(state: ClusterState) {
  const session = state.session;
  if (!session) throw new Error('No kubeconfig is loaded');
  return session.transport();
}

/** Runs a request the user waits for under a cancellable notification; cancelling rejects with `CancelledError`. */
function withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress<T>({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    const abort = new AbortController();
    const listener = token.onCancellationRequested(() => abort.abort());
    return work(abort.signal).finally(() => {
      listener.dispose();
    });
  });
}

async function listNamespaces(state: ClusterState, signal: AbortSignal): Promise<string[]> {
  const session = state.session;
  if (!session) return [];
  try {
    const list = await requestJson<{ items?: { metadata?: { name?: string } }[] }>(
      session.transport(),
      { path: collectionPath(requireKind('namespace')), signal },
      'namespaces',
    );
    return (list.items ?? []).map((i) => i.metadata?.name ?? '').filter((name) => name && !checkNamespace(name)).sort();
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    return [];
  }
}

/** The container to use: undefined when there is only one, null when the user cancelled. */
async function pickContainer(node: ItemNode, title: string): Promise<string | undefined | null> {
  const containers = node.summary.containers ?? [];
  if (containers.length <= 1) return undefined;
  const picked = await vscode.window.showQuickPick(containers.map((name) => valueItem(name)), { title });
  return picked?.value ?? null;
}

function requireKubectl(): boolean {
  if (findKubectl()) return true;
  const install = 'How to install kubectl';
  void vscode.window
    .showErrorMessage('kubectl was not found on PATH. This action runs kubectl in a terminal; install it, then restart VS Code.', install)
    .then((choice) => {
      if (choice === install) void vscode.env.openExternal(vscode.Uri.parse(KUBECTL_INSTALL_URL));
    });
  return false;
}

/**
 * Runs kubectl in a shell terminal named after the action, so learners see the command.
 * The terminal runs the default shell explicitly, so the quoting is that shell's.
 */
function runInTerminal(name: string, context: string, args: string[]): void {
  if (!requireKubectl()) return;
  const shellPath = vscode.env.shell || undefined;
  const line = terminalCommandLine(context, args, shellKindOf(shellPath));
  const terminal = vscode.window.createTerminal({ name, shellPath });
  terminal.show();
  sendTextChecked(terminal, line, true);
}

function showNoKubeconfig(state: ClusterState): void {
  const text = state.loadError ?? 'No kubeconfig was found (KUBECONFIG or ~/.kube/config).';
  void vscode.window.showWarningMessage(clusterNotice(text));
}
