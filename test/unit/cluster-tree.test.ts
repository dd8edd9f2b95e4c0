import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, type ResourceSummary } from '../../src/cluster/summary';
import { requireKind, type ResourceKind } from '../../src/cluster/resources';
import { indexInList, childNodes, rootNodes, watchTargetOf, type CacheLookup, type CacheView, type TreeNode } from '../../src/cluster/treeModel';
import { nodesOpenedByThemselves, presentNode } from '../../src/cluster/treePresentation';
import type { CacheStatus } from '../../src/cluster/watchCache';
import { makePod } from '../fixtures/fake-apiserver';

function view(resource: ResourceKind, namespace: string | undefined, items: ResourceSummary[], status: CacheStatus = { phase: 'ready' }): CacheView {
  return { key: `${resource.id}@${namespace ?? ''}`, status, size: items.length, values: () => items.values() };
}

function lookup(views: Record<string, CacheView>): CacheLookup {
  return (resource, namespace) => views[`${resource.id}@${resource.scope === 'namespaced' ? namespace : ''}`];
}

const session = { context: 'kind-workshop', namespace: 'shop', server: 'https://127.0.0.1:6443' };

function find(nodes: TreeNode[], predicate: (n: TreeNode) => boolean): TreeNode {
  const found = nodes.find(predicate);
  assert.ok(found, 'node not found');
  return found;
}

test('no session gives no roots (the welcome view shows); a load error gives one error item', () => {
  assert.deepEqual(rootNodes(undefined), []);
  const [error] = rootNodes(undefined, 'bad yaml');
  assert.equal(error?.type, 'message');
  assert.equal(presentNode(error, lookup({})).contextValue, 'workshop.message.error');
});

test('context root -> current namespace, Namespaces, Cluster; namespaces list the kinds; getParent chain', () => {
  const caches = lookup({});
  const [root] = rootNodes(session);
  assert.ok(root);
  const children = childNodes(root, caches);
  assert.deepEqual(children.map((c) => c.type), ['namespace', 'namespaces', 'clusterScoped']);
  const current = children[0];
  assert.equal(presentNode(current, caches).label, 'shop');
  assert.equal(presentNode(current, caches).collapsible, 'expanded');
  const kinds = childNodes(current, caches);
  const labels = kinds.map((k) => presentNode(k, caches).label);
  for (const label of ['Pods', 'Deployments', 'Services', 'Events', 'Helm Releases']) assert.ok(labels.includes(label), label);
  const clusterKinds = childNodes(children[2], caches).map((k) => presentNode(k, caches).label);
  for (const label of ['Nodes', 'Namespaces', 'CustomResourceDefinitions']) assert.ok(clusterKinds.includes(label), label);
  const pods = find(kinds, (k) => k.type === 'kind' && k.resource.id === 'pod');
  assert.equal(presentNode(pods, caches).collapsible, 'expanded', 'pods of the current namespace open by default');
  const services = find(kinds, (k) => k.type === 'kind' && k.resource.id === 'service');
  assert.equal(presentNode(services, caches).collapsible, 'collapsed');
  assert.equal(pods.parent, current);
  assert.equal(current.parent, root);
  assert.deepEqual(watchTargetOf(pods), { resource: requireKind('pod'), namespace: 'shop' });
  for (const kind of kinds) assert.ok(kind.id.startsWith(`${current.id}/`));
});

test('the view opens the pods of the current namespace by itself: their list can start before it asks', () => {
  const opened = nodesOpenedByThemselves(rootNodes(session), lookup({}));
  assert.deepEqual(opened.map((n) => n.id), ['ctx:kind-workshop/current:shop/pod']);
  assert.deepEqual(watchTargetOf(opened[0]), { resource: requireKind('pod'), namespace: 'shop' });
  assert.deepEqual(nodesOpenedByThemselves(rootNodes(undefined, 'bad yaml'), lookup({})), []);
  assert.deepEqual(nodesOpenedByThemselves(rootNodes(undefined), lookup({})), []);
});

test('items: sorted, coloured by health, compound context values, click shows YAML', () => {
  const pod = requireKind('pod');
  const items = [
    summarize('pod', makePod('b-crash', 'shop', { waitingReason: 'CrashLoopBackOff', restarts: 3 })),
    summarize('pod', makePod('a-ok', 'shop')),
    summarize('pod', makePod('c-pending', 'shop', { phase: 'Pending' })),
  ];
  const caches = lookup({ 'pod@shop': view(pod, 'shop', items) });
  const kindNode: TreeNode = { type: 'kind', id: 'x/pod', resource: pod, namespace: 'shop' };
  const children = childNodes(kindNode, caches);
  const shown = children.map((c) => presentNode(c, caches));
  assert.deepEqual(shown.map((p) => p.label), ['a-ok', 'b-crash', 'c-pending']);
  assert.deepEqual(shown.map((p) => p.color), ['charts.green', 'testing.iconFailed', 'charts.yellow']);
  assert.deepEqual(shown.map((p) => p.contextValue), [
    'workshop.resource.pod.running',
    'workshop.resource.pod.crashloopbackoff',
    'workshop.resource.pod.containercreating',
  ]);
  assert.equal(shown[0].command?.id, 'workshop.cluster.showYaml');
  assert.match(shown[1].tooltip ?? '', /Restarts: 3/);
  const detailed = summarize('pod', {
    ...(makePod('web-1', 'shop', { containers: ['app', 'sidecar'], ownerName: 'web-abc', waitingReason: 'CrashLoopBackOff', restarts: 1 })),
    metadata: { name: 'web-1', namespace: 'shop', creationTimestamp: '2024-01-01T00:00:00Z', ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc', controller: true }] },
  });
  const tooltip = presentNode({ type: 'item', id: 'x/pod/web-1', resource: pod, summary: detailed }, caches).tooltip;
  assert.equal(
    tooltip,
    [
      'Pod web-1',
      'Namespace: shop',
      'Status: CrashLoopBackOff 0/2, 1 restart',
      'Phase: Running',
      'Ready: 0/2',
      'Restarts: 1',
      'Reasons: CrashLoopBackOff',
      'Node: fake-node',
      'IP: 10.244.0.10',
      'Owner: ReplicaSet/web-abc',
      'Created: 2024-01-01T00:00:00Z',
    ].join('\n'),
  );
  assert.equal(presentNode(kindNode, caches).description, '3');
});

test('loading, error with reason and retry, reconnecting keeps the items', () => {
  const pod = requireKind('pod');
  const kindNode: TreeNode = { type: 'kind', id: 'x/pod', resource: pod, namespace: 'shop' };
  const loading = childNodes(kindNode, lookup({}));
  assert.equal(loading.length, 1);
  assert.equal(presentNode(loading[0], lookup({})).icon, 'loading~spin');

  const forbidden = lookup({
    'pod@shop': view(pod, 'shop', [], { phase: 'error', reason: 'forbidden', message: 'pods is forbidden: User "x" cannot list', willRetry: false }),
  });
  const [error] = childNodes(kindNode, forbidden);
  const p = presentNode(error, forbidden);
  assert.equal(p.label, 'Forbidden: cannot list Pods');
  assert.equal(p.description, 'pods is forbidden: User "x" cannot list');
  assert.equal(p.contextValue, 'workshop.message.error.retryable');
  assert.equal(p.command?.id, 'workshop.cluster.retry');

  const stale = lookup({
    'pod@shop': view(pod, 'shop', [summarize('pod', makePod('a', 'shop'))], { phase: 'reconnecting', reason: 'unreachable', message: 'ECONNREFUSED' }),
  });
  const staleChildren = childNodes(kindNode, stale);
  assert.deepEqual(staleChildren.map((c) => c.type), ['message', 'item']);
});

test('an empty kind says so', () => {
  const svc = requireKind('service');
  const caches = lookup({ 'service@shop': view(svc, 'shop', []) });
  const [only] = childNodes({ type: 'kind', id: 'x/svc', resource: svc, namespace: 'shop' }, caches);
  assert.equal(presentNode(only, caches).label, 'No Services');
});

test('thousands of items: the first rows at once, then a "more" row; more rows when asked; any item can be located', () => {
  const pod = requireKind('pod');
  const items: ResourceSummary[] = [];
  for (let i = 0; i < 1234; i++) items.push(summarize('pod', makePod(`pod-${String(i).padStart(5, '0')}`, 'shop')));
  const caches = lookup({ 'pod@shop': view(pod, 'shop', items.reverse()) });
  const kindNode: TreeNode = { type: 'kind', id: 'x/pod', resource: pod, namespace: 'shop' };
  const rows = childNodes(kindNode, caches, { pageSize: 500 });
  assert.equal(rows.length, 501);
  assert.deepEqual([rows[0], rows[499]].map((r) => presentNode(r, caches).label), ['pod-00000', 'pod-00499']);
  const more = rows[500];
  assert.equal(more.type, 'more');
  assert.equal(more.parent, kindNode);
  assert.deepEqual([presentNode(more, caches).label, presentNode(more, caches).description], ['Show 200 more…', '734 of 1,234 not shown']);
  assert.equal(presentNode(more, caches).command?.id, 'workshop.cluster.showMore');
  // Items keep their id whatever the number of rows shown, so a reveal finds them.
  const all = childNodes(kindNode, caches, { pageSize: 500, shown: (id) => (id === 'x/pod' ? 1500 : undefined) });
  assert.equal(all.length, 1234);
  assert.equal(all[1000].id, 'x/pod/pod-01000');
  assert.equal(all[1000].parent, kindNode);
  assert.equal(indexInList(pod, caches(pod, 'shop')!, 'pod-01000'), 1000);
  assert.equal(indexInList(pod, caches(pod, 'shop')!, 'nope'), -1);
  assert.equal(watchTargetOf(more), undefined);
});

test('helm releases show the latest revision of each release', () => {
  const helm = requireKind('helmrelease');
  const secret = (name: string, version: number, status: string) =>
    summarize('helmrelease', {
      metadata: { name: `sh.helm.release.v1.${name}.v${version}`, namespace: 'shop', labels: { owner: 'helm', name, version: String(version), status } },
    });
  const caches = lookup({ 'helmrelease@shop': view(helm, 'shop', [secret('redis', 1, 'superseded'), secret('redis', 2, 'deployed'), secret('api', 1, 'failed')]) });
  const kindNode: TreeNode = { type: 'kind', id: 'x/helm', resource: helm, namespace: 'shop' };
  const shown = childNodes(kindNode, caches).map((c) => presentNode(c, caches));
  assert.deepEqual(shown.map((s) => `${s.label} ${s.description} ${s.contextValue}`), [
    'api rev 1 failed workshop.helmRelease.failed',
    'redis rev 2 deployed workshop.helmRelease.deployed',
  ]);
  assert.equal(presentNode(kindNode, caches).description, '2');
});

test('namespaces come from the namespace cache; when listing them is forbidden the current one is still offered', () => {
  const nsKind = requireKind('namespace');
  const [root] = rootNodes(session);
  const group = childNodes(root, lookup({}))[1];
  assert.deepEqual(watchTargetOf(group), { resource: nsKind });
  const listed = lookup({ 'namespace@': view(nsKind, undefined, ['default', 'shop'].map((n) => summarize('namespace', { metadata: { name: n } }))) });
  assert.deepEqual(childNodes(group, listed).map((n) => presentNode(n, listed).label), ['default', 'shop']);
  const forbidden = lookup({ 'namespace@': view(nsKind, undefined, [], { phase: 'error', reason: 'forbidden', message: 'no', willRetry: false }) });
  assert.deepEqual(childNodes(group, forbidden).map((n) => n.type), ['message', 'namespace']);
});
