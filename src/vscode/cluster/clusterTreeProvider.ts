// The `workshop.cluster` tree: plain-data nodes from the tree model, caches
// subscribed while their node is expanded and visible, and refreshes limited
// to the nodes whose cache changed.
import type { Logger } from '../../logger';
import * as vscode from 'vscode';
import type { ClusterState } from '../../cluster/clusterState';
import { AHEAD_HOLD_MS } from '../../cluster/firstListPacing';
import type { CacheSubscription } from '../../cluster/watchHub';
import { childNodes, DEFAULT_PAGE_SIZE, rootNodes, watchTargetOf, type CacheLookup, type ItemNode, type MoreNode, type TreeNode } from '../../cluster/treeModel';
import { nodesOpenedByThemselves, presentNode } from '../../cluster/treePresentation';

/** Adds what other features know about an object (the course step that made it) to its tree item. */
export interface ItemDecorator {
  /** Extra tooltip text and whether "Show in Course" applies. */
  decorate(node: ItemNode): { tooltip: string; inCourse: boolean } | undefined;
  readonly onDidChange: vscode.Event<void>;
}

const COLLAPSE_GRACE_MS = 30_000;

export class ClusterTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  /** Subscriptions by the id of the expanded node that needs them. */
  private readonly subscriptions = new Map<string, { node: TreeNode; subscription: CacheSubscription }>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private hubListener: { dispose(): void } | undefined;
  private visible = true;
  /** Subscriptions of collapsed nodes, kept for COLLAPSE_GRACE_MS. */
  private readonly lingering = new Map<string, { node: TreeNode; subscription: CacheSubscription; timer: ReturnType<typeof setTimeout> }>();
  /** Rows shown by long lists, by kind node id, beyond the first page. */
  private readonly shown = new Map<string, number>();
  private decorator: ItemDecorator | undefined;
  /** Lists started ahead of the view, holding their pages after the first: their release, by node id. */
  private readonly heldPages = new Map<string, () => void>();
  /** Root queries waiting for the session to load. */
  private rootsAsked = 0;

  constructor(
    private readonly state: ClusterState,
    private readonly log: Logger,
  ) {
    const stateListener = state.onDidChange(() => this.onSessionChanged());
    this.disposables.push({ dispose: () => stateListener.dispose() });
    this.listenToHub();
  }

  readonly lookup: CacheLookup = (resource, namespace) => {
    const hub = this.state.hub;
    if (!hub) return undefined;
    // Lingering lists count too: one started ahead of its row gives the row its count.
    for (const { subscription } of [...this.subscriptions.values(), ...this.lingering.values()]) {
      const cache = subscription.cache;
      if (cache.resource.id === resource.id && (resource.scope === 'cluster' || cache.namespace === namespace)) return cache;
    }
    return undefined;
  };

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const p = presentNode(node, this.lookup);
    const collapsible = {
      none: vscode.TreeItemCollapsibleState.None,
      collapsed: vscode.TreeItemCollapsibleState.Collapsed,
      expanded: vscode.TreeItemCollapsibleState.Expanded,
    }[p.collapsible];
    const item = new vscode.TreeItem(p.label, collapsible);
    item.id = node.id;
    item.description = p.description;
    item.tooltip = p.tooltip;
    item.contextValue = p.contextValue;
    if (p.icon) item.iconPath = new vscode.ThemeIcon(p.icon, p.color ? new vscode.ThemeColor(p.color) : undefined);
    if (p.command) item.command = { command: p.command.id, title: p.command.title, arguments: [...p.command.args] };
    const extra = node.type === 'item' ? this.decorator?.decorate(node) : undefined;
    if (extra) {
      item.tooltip = `${p.tooltip ?? ''}\n\n${extra.tooltip}`;
      if (extra.inCourse) item.contextValue = `${p.contextValue}.course`;
    }
    return item;
  }

  setDecorator(decorator: ItemDecorator): vscode.Disposable {
    this.decorator = decorator;
    return decorator.onDidChange(() => this.changeEmitter.fire(undefined));
  }

  /** The "more" row: the list grows by a page. */
  showMore(node: MoreNode): void {
    if (node.parent) this.showAtLeast(node.parent, node.shown + DEFAULT_PAGE_SIZE);
  }

  /** Makes a long list show at least `rows` rows (so that a reveal finds its item). */
  showAtLeast(list: TreeNode, rows: number): void {
    if ((this.shown.get(list.id) ?? DEFAULT_PAGE_SIZE) >= rows) return;
    this.shown.set(list.id, Math.ceil(rows / DEFAULT_PAGE_SIZE) * DEFAULT_PAGE_SIZE);
    this.changeEmitter.fire(list);
  }

  /** Subscribes the cache a node's children come from (as expanding it does) and waits until it is loaded. */
  async watchAndWait(node: TreeNode, timeoutMs = 10_000): Promise<boolean> {
    const target = watchTargetOf(node);
    const hub = this.state.hub;
    if (!target || !hub) return false;
    if (!this.subscriptions.has(node.id)) this.subscriptions.set(node.id, { node, subscription: hub.subscribe(target.resource, target.namespace) });
    const cache = this.subscriptions.get(node.id)!.subscription.cache;
    const deadline = Date.now() + timeoutMs;
    while (cache.status.phase === 'loading' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return cache.status.phase === 'ready' || cache.status.phase === 'reconnecting';
  }

  /** Children as the view gets them (same ids), without subscribing anything. */
  childrenOf(node: TreeNode): TreeNode[] {
    return childNodes(node, this.lookup, this.treeOptions);
  }

  private readonly treeOptions = { shown: (listId: string) => this.shown.get(listId) };

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      // The first time the view shows anything, client-node is loaded.
      this.rootsAsked++;
      try {
        await this.state.ensureLoaded();
      } finally {
        this.rootsAsked--;
      }
      const roots = rootNodes(this.state.info, this.state.loadError);
      this.listAhead(roots);
      return roots;
    }
    const target = watchTargetOf(node);
    const hub = this.state.hub;
    const kept = this.lingering.get(node.id);
    if (kept && !this.subscriptions.has(node.id)) {
      clearTimeout(kept.timer);
      this.lingering.delete(node.id);
      this.subscriptions.set(node.id, { node, subscription: kept.subscription });
    }
    this.releaseHeldPages((id) => id === node.id);
    if (target && hub && this.visible && !this.subscriptions.has(node.id)) {
      this.subscriptions.set(node.id, { node, subscription: hub.subscribe(target.resource, target.namespace) });
    }
    const children = childNodes(node, this.lookup, this.treeOptions);
    // VS Code knows its rows by object: a list started ahead refreshes the row VS Code was given.
    for (const child of children) {
      const ahead = this.lingering.get(child.id);
      if (ahead) ahead.node = child;
    }
    return children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /**
   * Stops watching what a collapsed node (and everything under it) showed, after a grace
   * period: expanding it again soon (a common gesture) shows the rows at once, without a new list.
   */
  collapsed(node: TreeNode): void {
    const under = (id: string) => id === node.id || id.startsWith(`${node.id}/`);
    for (const [id, entry] of [...this.subscriptions]) {
      if (!under(id)) continue;
      this.subscriptions.delete(id);
      this.linger(id, entry);
    }
    // Mark the node stale so that expanding it again asks for children (and subscribes) again.
    this.changeEmitter.fire(node);
  }

  /** Keeps a subscription no expanded node uses for COLLAPSE_GRACE_MS: `getChildren` takes it back. */
  private linger(id: string, entry: { node: TreeNode; subscription: CacheSubscription }): void {
    this.lingering.get(id)?.subscription.dispose();
    const timer = setTimeout(() => {
      if (this.lingering.get(id)?.timer !== timer) return;
      this.lingering.delete(id);
      entry.subscription.dispose();
      this.log.info(`cluster: watching ${this.state.hub?.keys().length ?? 0} caches`);
    }, COLLAPSE_GRACE_MS);
    this.lingering.set(id, { ...entry, timer });
  }

  /**
   * Starts the lists of the nodes the view will open by itself (the current namespace's pods)
   * while VS Code still asks for their parents, one round trip each. Until the view asks, they
   * linger as a collapsed node's would (a node the learner had collapsed never asks).
   */
  private listAhead(roots: readonly TreeNode[]): void {
    const hub = this.state.hub;
    if (!hub || !this.visible) return;
    for (const node of nodesOpenedByThemselves(roots, this.lookup)) {
      const target = watchTargetOf(node);
      if (!target || this.subscriptions.has(node.id) || this.lingering.has(node.id)) continue;
      const subscription = hub.subscribe(target.resource, target.namespace);
      // Only the first page until the view asks: the next ones would slow its round trips.
      this.heldPages.set(node.id, subscription.cache.holdPagesAfterFirst(AHEAD_HOLD_MS));
      this.linger(node.id, { node, subscription });
    }
  }

  private releaseHeldPages(match: (id: string) => boolean): void {
    for (const [id, release] of [...this.heldPages]) {
      if (!match(id)) continue;
      release();
      this.heldPages.delete(id);
    }
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!visible) this.release(() => true);
    else this.changeEmitter.fire(undefined);
  }

  /** Restarts the caches in error (or one of them). */
  retry(cacheKey?: string): void {
    this.state.hub?.retry(cacheKey);
  }

  refreshAll(): void {
    this.release(() => true);
    this.changeEmitter.fire(undefined);
  }

  dispose(): void {
    this.release(() => true);
    this.hubListener?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private onSessionChanged(): void {
    this.release(() => true);
    this.shown.clear();
    this.listenToHub();
    // A root query waiting for the session answers with it: asking VS Code to query again costs a round trip.
    if (!this.rootsAsked) this.changeEmitter.fire(undefined);
  }

  private listenToHub(): void {
    this.hubListener?.dispose();
    this.hubListener = this.state.hub?.onDidChange((keys) => this.onCachesChanged(keys));
  }

  /** Refreshes only the nodes whose children come from a changed cache (not pages under them: they follow). */
  private onCachesChanged(keys: ReadonlySet<string>): void {
    const nodes: TreeNode[] = [];
    for (const { node, subscription } of [...this.subscriptions.values(), ...this.lingering.values()]) {
      if (!keys.has(subscription.key)) continue;
      const parentHasSameCache = node.parent && this.subscriptions.get(node.parent.id)?.subscription.key === subscription.key;
      if (!parentHasSameCache) nodes.push(node);
    }
    if (nodes.length) this.changeEmitter.fire(nodes);
  }

  private release(match: (id: string) => boolean): boolean {
    this.releaseHeldPages(match);
    let released = false;
    for (const [id, { subscription, timer }] of [...this.lingering]) {
      if (!match(id)) continue;
      clearTimeout(timer);
      subscription.dispose();
      this.lingering.delete(id);
    }
    for (const [id, { subscription }] of [...this.subscriptions]) {
      if (!match(id)) continue;
      subscription.dispose();
      this.subscriptions.delete(id);
      released = true;
    }
    if (released) this.log.info(`cluster: watching ${this.state.hub?.keys().length ?? 0} caches`);
    return released;
  }
}
