// The cluster tree as plain data: nodes and their children from the watch caches (how each node
// looks is in treePresentation.ts).
import { CLUSTER_KINDS, NAMESPACED_KINDS, requireKind, type ResourceKind } from './resources';
import type { ResourceSummary } from './summary';
import type { CacheStatus } from './watchCache';

interface NodeBase {
  /** Path-like and stable: descendants' ids start with their ancestors' ids plus `/`. */
  readonly id: string;
  readonly parent?: TreeNode;
}

export interface ContextNode extends NodeBase {
  readonly type: 'context';
  readonly context: string;
  readonly namespace: string;
  readonly server?: string;
}
export interface GroupNode extends NodeBase {
  readonly type: 'namespaces' | 'clusterScoped';
}
export interface NamespaceNode extends NodeBase {
  readonly type: 'namespace';
  readonly namespace: string;
  readonly current: boolean;
  readonly summary?: ResourceSummary;
}
export interface KindNode extends NodeBase {
  readonly type: 'kind';
  readonly resource: ResourceKind;
  readonly namespace?: string;
}
/** The last row of a long list: how many items are not shown yet; clicking it shows more. */
export interface MoreNode extends NodeBase {
  readonly type: 'more';
  readonly resource: ResourceKind;
  readonly namespace?: string;
  /** Id of the kind node whose list it extends. */
  readonly listId: string;
  readonly shown: number;
  readonly total: number;
}
export interface ItemNode extends NodeBase {
  readonly type: 'item';
  readonly resource: ResourceKind;
  readonly summary: ResourceSummary;
}
export interface MessageNode extends NodeBase {
  readonly type: 'message';
  readonly severity: 'error' | 'warning' | 'info' | 'loading';
  readonly text: string;
  readonly detail?: string;
  /** The cache a retry restarts. */
  readonly cacheKey?: string;
}

export type TreeNode = ContextNode | GroupNode | NamespaceNode | KindNode | MoreNode | ItemNode | MessageNode;

export interface CacheView {
  readonly key: string;
  readonly status: CacheStatus;
  readonly size: number;
  values(): Iterable<ResourceSummary>;
}

/** Where children come from; undefined when that cache is not subscribed yet. */
export type CacheLookup = (resource: ResourceKind, namespace?: string) => CacheView | undefined;

export interface SessionInfo {
  readonly context: string;
  readonly namespace: string;
  readonly server?: string;
}

export interface TreeOptions {
  /** A long list shows this many rows first, then a "more" row. */
  readonly pageSize?: number;
  /** Rows a list shows now (the user asked for more, or a reveal needed more), by kind node id. */
  readonly shown?: (listId: string) => number | undefined;
}

export const DEFAULT_PAGE_SIZE = 200;
const NAMESPACE_KIND = requireKind('namespace');

export function rootNodes(session: SessionInfo | undefined, loadError?: string): TreeNode[] {
  if (loadError) return [{ type: 'message', id: 'kubeconfig-error', severity: 'error', text: 'Cannot load the kubeconfig', detail: loadError }];
  if (!session) return [];
  return [{ type: 'context', id: `ctx:${session.context}`, context: session.context, namespace: session.namespace, server: session.server }];
}

/** The cache a node's children are read from, which the view subscribes while the node is expanded. */
export function watchTargetOf(node: TreeNode): { resource: ResourceKind; namespace?: string } | undefined {
  switch (node.type) {
    case 'kind':
      return { resource: node.resource, namespace: node.namespace };
    case 'namespaces':
      return { resource: NAMESPACE_KIND };
    default:
      return undefined;
  }
}

export function childNodes(node: TreeNode, caches: CacheLookup, options: TreeOptions = {}): TreeNode[] {
  switch (node.type) {
    case 'context':
      return [
        namespaceNode(node, node.namespace, true),
        { type: 'namespaces', id: `${node.id}/namespaces`, parent: node },
        { type: 'clusterScoped', id: `${node.id}/cluster`, parent: node },
      ];
    case 'namespaces':
      return namespaceChildren(node, caches);
    case 'clusterScoped':
      return CLUSTER_KINDS.map((resource) => ({ type: 'kind', id: `${node.id}/${resource.id}`, parent: node, resource }));
    case 'namespace':
      return NAMESPACED_KINDS.map((resource) => ({ type: 'kind', id: `${node.id}/${resource.id}`, parent: node, resource, namespace: node.namespace }));
    case 'kind':
      return kindChildren(node, caches(node.resource, node.namespace), Math.max(options.shown?.(node.id) ?? 0, options.pageSize ?? DEFAULT_PAGE_SIZE));
    default:
      return [];
  }
}

function namespaceNode(parent: TreeNode, namespace: string, current: boolean, summary?: ResourceSummary): NamespaceNode {
  return { type: 'namespace', id: `${parent.id}/${current ? 'current' : 'ns'}:${namespace}`, parent, namespace, current, summary };
}

function namespaceChildren(node: GroupNode, caches: CacheLookup): TreeNode[] {
  const cache = caches(NAMESPACE_KIND);
  const context = node.parent as ContextNode;
  const status = statusNodes(node, cache, NAMESPACE_KIND);
  const names = cache ? sortedItems(NAMESPACE_KIND, cache) : [];
  // Learners often may not list namespaces; they can still open their own.
  if (names.length === 0 && cache?.status.phase === 'error') {
    return [...status, namespaceNode(node, context.namespace, false)];
  }
  return [...status, ...names.map((s) => namespaceNode(node, s.name, false, s))];
}

function kindChildren(node: KindNode, cache: CacheView | undefined, shown: number): TreeNode[] {
  const status = statusNodes(node, cache, node.resource);
  if (!cache) return status;
  const items = sortedItems(node.resource, cache);
  if (items.length === 0) {
    return status.length ? status : [{ type: 'message', id: `${node.id}/empty`, parent: node, severity: 'info', text: `No ${node.resource.label}` }];
  }
  // Rows at once, not folders to open: a long list shows its first rows and a "more" row.
  const rows: TreeNode[] = [...status, ...items.slice(0, shown).map((summary) => itemNode(node, node.resource, summary))];
  if (items.length > shown) {
    rows.push({ type: 'more', id: `${node.id}/more`, parent: node, resource: node.resource, namespace: node.namespace, listId: node.id, shown, total: items.length });
  }
  return rows;
}

/** Where an object sits in its kind's list (sorted as shown), for revealing it; -1 when absent. */
export function indexInList(resource: ResourceKind, cache: CacheView, name: string): number {
  return sortedItems(resource, cache).findIndex((s) => displayName(s) === name);
}

function statusNodes(node: TreeNode, cache: CacheView | undefined, resource: ResourceKind): MessageNode[] {
  const status = cache?.status ?? { phase: 'loading' };
  const base = { parent: node, cacheKey: cache?.key };
  switch (status.phase) {
    case 'loading':
      return [{ type: 'message', id: `${node.id}/loading`, ...base, severity: 'loading', text: loadingText(status, resource) }];
    case 'reconnecting':
      return [{ type: 'message', id: `${node.id}/reconnecting`, ...base, severity: 'warning', text: 'Reconnecting… (data may be stale)', detail: status.message }];
    case 'error':
      return [{ type: 'message', id: `${node.id}/error`, ...base, severity: 'error', text: errorTitle(status.reason, resource), detail: status.message }];
    default:
      return [];
  }
}

/** "Loading Pods…", or while the first pages show: "Loading 9,750 more…". */
function loadingText(status: CacheStatus & { phase: 'loading' }, resource: ResourceKind): string {
  if (!status.partial) return `Loading ${resource.label}…`;
  const remaining = status.partial.remaining;
  return remaining === undefined ? `Loading more ${resource.label}…` : `Loading ${remaining.toLocaleString('en-US')} more…`;
}

export function errorTitle(reason: string, resource: ResourceKind): string {
  switch (reason) {
    case 'unreachable':
      return 'Cluster unreachable';
    case 'unauthorized':
      return 'Unauthorized: credentials rejected';
    case 'forbidden':
      return `Forbidden: cannot list ${resource.label}`;
    case 'notFound':
      return `${resource.label}: API not available on this cluster`;
    default:
      return `Cannot list ${resource.label}`;
  }
}

export function displayName(summary: ResourceSummary): string {
  return summary.release?.name ?? summary.name;
}

/** Items sorted by name; Helm release Secrets collapse to their latest revision per release. */
export function sortedItems(resource: ResourceKind, cache: CacheView): ResourceSummary[] {
  let items = [...cache.values()];
  if (resource.derived === 'helm') {
    const latest = new Map<string, ResourceSummary>();
    for (const item of items) {
      const name = displayName(item);
      const seen = latest.get(name);
      if (!seen || (item.release?.revision ?? 0) > (seen.release?.revision ?? 0)) latest.set(name, item);
    }
    items = [...latest.values()];
  }
  return items.sort((a, b) => compareNames(displayName(a), displayName(b)));
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function itemNode(parent: TreeNode, resource: ResourceKind, summary: ResourceSummary): ItemNode {
  return { type: 'item', id: `${parent.id}/${displayName(summary)}`, parent, resource, summary };
}
