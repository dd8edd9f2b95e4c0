// How each node of the cluster tree looks: label, description, tooltip, icon id, colour id,
// context value and the command a click runs.
import type { ResourceKind } from './resources';
import type { Health } from './summary';
import { childNodes, DEFAULT_PAGE_SIZE, displayName, sortedItems, watchTargetOf, type CacheLookup, type CacheView, type ItemNode, type MessageNode, type TreeNode } from './treeModel';

export interface NodePresentation {
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  /** Codicon id, e.g. `circle-filled`. */
  readonly icon?: string;
  /** Theme colour id, e.g. `charts.green`. */
  readonly color?: string;
  readonly contextValue: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly command?: { readonly id: string; readonly title: string; readonly args: readonly unknown[] };
}

const HEALTH_ICONS: Record<Health, { icon: string; color?: string }> = {
  ok: { icon: 'pass-filled', color: 'charts.green' },
  progressing: { icon: 'circle-filled', color: 'charts.yellow' },
  warning: { icon: 'warning', color: 'list.warningForeground' },
  error: { icon: 'error', color: 'testing.iconFailed' },
  terminating: { icon: 'circle-slash', color: 'disabledForeground' },
  neutral: { icon: '' },
};

export function presentNode(node: TreeNode, caches: CacheLookup): NodePresentation {
  switch (node.type) {
    case 'context':
      return {
        label: node.context,
        description: node.server,
        tooltip: `Context ${node.context}\nServer: ${node.server ?? 'unknown'}\nNamespace: ${node.namespace}`,
        icon: 'cloud',
        contextValue: 'workshop.context',
        collapsible: 'expanded',
      };
    case 'namespaces':
      return { label: 'Namespaces', icon: 'symbol-namespace', contextValue: 'workshop.group.namespaces', collapsible: 'collapsed' };
    case 'clusterScoped':
      return { label: 'Cluster', icon: 'server-environment', contextValue: 'workshop.group.cluster', collapsible: 'collapsed' };
    case 'namespace':
      return {
        label: node.namespace,
        description: node.current ? 'current namespace' : node.summary?.health === 'terminating' ? 'Terminating' : undefined,
        icon: node.current ? 'star-full' : 'symbol-namespace',
        contextValue: `workshop.namespace${node.current ? '.current' : ''}`,
        collapsible: node.current ? 'expanded' : 'collapsed',
      };
    case 'kind': {
      const cache = caches(node.resource, node.namespace);
      return {
        label: node.resource.label,
        description: cache ? countText(node.resource, cache) : undefined,
        icon: node.resource.icon,
        contextValue: `workshop.kind.${node.resource.id}`,
        // The course is about watching pods: show those of the current namespace right away.
        collapsible: node.resource.id === 'pod' && node.parent?.type === 'namespace' && node.parent.current ? 'expanded' : 'collapsed',
      };
    }
    case 'more': {
      const hidden = node.total - node.shown;
      return {
        label: `Show ${Math.min(hidden, DEFAULT_PAGE_SIZE).toLocaleString('en-US')} more…`,
        description: `${hidden.toLocaleString('en-US')} of ${node.total.toLocaleString('en-US')} not shown`,
        icon: 'ellipsis',
        contextValue: 'workshop.more',
        collapsible: 'none',
        command: { id: 'workshop.cluster.showMore', title: 'Show More', args: [node] },
      };
    }
    case 'item':
      return presentItem(node);
    case 'message':
      return presentMessage(node);
  }
}

function kindCount(resource: ResourceKind, cache: CacheView): number {
  return resource.derived === 'helm' ? sortedItems(resource, cache).length : cache.size;
}

/** The count beside a kind: none while loading; "250 of 10,000" (or "250…") while the first pages show. */
function countText(resource: ResourceKind, cache: CacheView): string | undefined {
  const status = cache.status;
  if (status.phase !== 'loading') return String(kindCount(resource, cache));
  if (!status.partial) return undefined;
  const count = kindCount(resource, cache);
  const remaining = resource.derived === 'helm' ? undefined : status.partial.remaining;
  return remaining === undefined ? `${count.toLocaleString('en-US')}…` : `${count.toLocaleString('en-US')} of ${(count + remaining).toLocaleString('en-US')}`;
}

function presentItem(node: ItemNode): NodePresentation {
  const s = node.summary;
  const health = HEALTH_ICONS[s.health];
  const lines = [
    `${node.resource.kind} ${displayName(s)}`,
    ...(s.namespace ? [`Namespace: ${s.namespace}`] : []),
    ...(s.status ? [`Status: ${s.status}`] : []),
    ...(s.details ?? []).filter(([, value]) => value).map(([key, value]) => `${key}: ${value}`),
    ...(s.ownerRef ? [`Owner: ${s.ownerRef}`] : []),
    ...(s.creationTimestamp ? [`Created: ${s.creationTimestamp}`] : []),
  ];
  const isHelm = node.resource.derived === 'helm';
  return {
    label: displayName(s),
    description: s.status || undefined,
    tooltip: lines.join('\n'),
    icon: health.icon || node.resource.icon,
    color: health.color,
    contextValue: isHelm ? `workshop.helmRelease.${s.state}` : `workshop.resource.${node.resource.id}.${s.state}`,
    collapsible: 'none',
    command: isHelm ? undefined : { id: 'workshop.cluster.showYaml', title: 'Show YAML', args: [node] },
  };
}

function presentMessage(node: MessageNode): NodePresentation {
  const icons = {
    error: { icon: 'error', color: 'testing.iconFailed' },
    warning: { icon: 'warning', color: 'list.warningForeground' },
    info: { icon: 'info', color: undefined },
    loading: { icon: 'loading~spin', color: undefined },
  } as const;
  const retryable = (node.severity === 'error' || node.severity === 'warning') && node.cacheKey !== undefined;
  return {
    label: node.text,
    description: node.detail,
    tooltip: node.detail ? `${node.text}\n${node.detail}` : node.text,
    icon: icons[node.severity].icon,
    color: icons[node.severity].color,
    contextValue: retryable ? `workshop.message.${node.severity}.retryable` : `workshop.message.${node.severity}`,
    collapsible: 'none',
    command: retryable ? { id: 'workshop.cluster.retry', title: 'Retry', args: [node] } : undefined,
  };
}

/**
 * The nodes under `roots` whose children come from a cache and that the view opens by itself
 * (the pods of the current namespace): their lists can start before the view asks for them.
 */
export function nodesOpenedByThemselves(roots: readonly TreeNode[], caches: CacheLookup): TreeNode[] {
  const found: TreeNode[] = [];
  const visit = (node: TreeNode) => {
    if (presentNode(node, caches).collapsible !== 'expanded') return;
    if (watchTargetOf(node)) found.push(node);
    else for (const child of childNodes(node, caches)) visit(child);
  };
  for (const root of roots) visit(root);
  return found;
}
