// Shows one object in the Cluster view: opens the view, expands its namespace and kind (loading
// them first), extends a long list far enough, then selects it.
import * as vscode from 'vscode';
import type { ClusterState } from '../../cluster/clusterState';
import { kindById } from '../../cluster/resources';
import { childNodes, indexInList, rootNodes, type TreeNode } from '../../cluster/treeModel';
import type { ClusterTreeProvider } from './clusterTreeProvider';

export interface ObjectToReveal {
  readonly kindId: string;
  readonly namespace?: string;
  readonly name: string;
}

export type RevealOutcome = 'revealed' | 'missing' | 'noCluster';

export async function revealObject(
  view: vscode.TreeView<TreeNode>,
  tree: ClusterTreeProvider,
  state: ClusterState,
  target: ObjectToReveal,
): Promise<RevealOutcome> {
  await vscode.commands.executeCommand('workshop.cluster.focus');
  await state.ensureLoaded();
  const info = state.info;
  const resource = kindById(target.kindId);
  if (!info || !state.hub || !resource) return 'noCluster';
  const [context] = rootNodes(info);
  if (!context) return 'noCluster';
  // Children the model gives without caches: the current namespace, Namespaces, Cluster.
  const [current, namespaces, clusterScoped] = childNodes(context, () => undefined);
  let parent: TreeNode | undefined;
  if (resource.scope === 'cluster') parent = clusterScoped;
  else if ((target.namespace ?? info.namespace) === info.namespace) parent = current;
  else if (namespaces && (await tree.watchAndWait(namespaces))) {
    parent = tree.childrenOf(namespaces).find((n) => n.type === 'namespace' && n.namespace === target.namespace);
  }
  const kindNode = parent && tree.childrenOf(parent).find((n) => n.type === 'kind' && n.resource.id === resource.id);
  if (!kindNode || !(await tree.watchAndWait(kindNode))) return 'missing';
  const cache = tree.lookup(resource, target.namespace ?? info.namespace);
  const index = cache ? indexInList(resource, cache, target.name) : -1;
  if (index < 0) return 'missing';
  tree.showAtLeast(kindNode, index + 1);
  const item = tree.childrenOf(kindNode).find((n) => n.type === 'item' && n.id === `${kindNode.id}/${target.name}`);
  if (!item) return 'missing';
  await view.reveal(item, { select: true, focus: true, expand: true });
  return 'revealed';
}
