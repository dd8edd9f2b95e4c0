// Everything the live cluster view needs, registered in one call.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ClusterState } from '../../cluster/clusterState';
import type { Logger } from '../../logger';
import type { TreeNode } from '../../cluster/treeModel';
import { ClusterTreeProvider } from './clusterTreeProvider';
import { CLUSTER_COMMANDS, registerClusterCommands } from './clusterCommands';
import { RESOURCE_SCHEME, ResourceDocumentProvider } from './resourceDocuments';

export const CLUSTER_VIEW_ID = 'workshop.cluster';
const NO_KUBECONFIG_CONTEXT_KEY = 'workshop.noKubeconfig';
/** The positive twin, for the walkthrough's "Get a cluster" step (an unset key must not complete it). */
const HAS_KUBECONFIG_CONTEXT_KEY = 'workshop.hasKubeconfig';

function setNoKubeconfig(none: boolean): void {
  void vscode.commands.executeCommand('setContext', NO_KUBECONFIG_CONTEXT_KEY, none);
  void vscode.commands.executeCommand('setContext', HAS_KUBECONFIG_CONTEXT_KEY, !none);
}

/** The parts of the Cluster view other features use (lab effects, reveal). */
export interface ClusterView extends vscode.Disposable {
  readonly state: ClusterState;
  readonly tree: ClusterTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
}

/** The caller disposes the returned view (once: it is registered nowhere else). */
export function registerClusterView(log: Logger): ClusterView {
  const disposables: vscode.Disposable[] = [];
  const state = new ClusterState({ log });
  disposables.push({ dispose: () => state.dispose() });

  const tree = new ClusterTreeProvider(state, log);
  disposables.push(tree);
  const view = vscode.window.createTreeView<TreeNode>(CLUSTER_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  disposables.push(
    view,
    view.onDidCollapseElement((e) => tree.collapsed(e.element)),
    view.onDidChangeVisibility((e) => {
      tree.setVisible(e.visible);
      if (e.visible) void state.ensureLoaded();
    }),
  );
  // The view shown (or about to be) reads the kubeconfig and client-node now, not one round trip
  // later when VS Code first asks for its rows.
  if (view.visible) void state.ensureLoaded();

  const documents = new ResourceDocumentProvider(state);
  disposables.push(documents, vscode.workspace.registerTextDocumentContentProvider(RESOURCE_SCHEME, documents));

  const statusBar = vscode.window.createStatusBarItem('workshop.cluster.context', vscode.StatusBarAlignment.Left, 10);
  statusBar.name = 'Kubernetes context';
  statusBar.command = CLUSTER_COMMANDS.selectNamespace;
  disposables.push(statusBar);

  const updateUi = () => {
    setNoKubeconfig(state.phase === 'none' || (state.phase === 'notLoaded' && !state.hasKubeconfig()));
    const info = state.info;
    if (info) {
      statusBar.text = `$(cloud) ${info.context} / ${info.namespace}`;
      statusBar.tooltip = `Kubernetes context ${info.context}, namespace ${info.namespace}\n${info.server ?? ''}\nClick to change the namespace`;
      statusBar.show();
      view.description = info.namespace;
    } else {
      statusBar.hide();
      view.description = undefined;
    }
  };
  const stateListener = state.onDidChange(updateUi);
  disposables.push({ dispose: () => stateListener.dispose() });
  updateUi();

  disposables.push(watchKubeconfigFiles(state, log));
  disposables.push(registerClusterCommands(state, tree, log));

  let disposed = false;
  const all = new vscode.Disposable(() => {
    if (disposed) return;
    disposed = true;
    for (const d of disposables.reverse()) d.dispose();
  });
  return { state, tree, view, dispose: () => void all.dispose() };
}

/** Reloads when a kubeconfig file appears or changes, e.g. after the course's cluster setup. */
function watchKubeconfigFiles(state: ClusterState, log: Logger): vscode.Disposable {
  const files = process.env.KUBECONFIG
    ? process.env.KUBECONFIG.split(path.delimiter).filter(Boolean)
    : [path.join(os.homedir(), '.kube', 'config')];
  const disposables: vscode.Disposable[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      log.info('cluster: kubeconfig changed, reloading');
      // Before the view was ever shown there is nothing to reload, only the welcome view to update.
      if (state.phase === 'notLoaded') setNoKubeconfig(!state.hasKubeconfig());
      else void state.reload();
    }, 500);
  };
  for (const file of files) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
    disposables.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
  }
  disposables.push({ dispose: () => timer && clearTimeout(timer) });
  return vscode.Disposable.from(...disposables);
}
