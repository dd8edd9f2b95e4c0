// Chapter readiness: what chapters need, against what a cluster offers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultStorageClassOf, networkPolicySupport, servedGroupVersions, type ClusterFacts } from '../../src/cluster/clusterFacts';
import { loadCourse } from '../../src/course/load';
import type { LabFileText } from '../../src/lab/labFiles';
import { chapterFiles, chapterNeeds as needsFrom, installersOf, missingFor, parseFlagHelp, scanChapter, valueDeprecation } from '../../src/lab/readiness';
import type { Chapter } from '../../src/course/model';
import { bundledChapters } from './helpers/courseCommands';
import { md, memoryFs, SLIDES } from './helpers/memoryCourse';

const SCOPE = { home: '/home/me', clone: '/home/me/container.training', roots: ['/home/me/container.training'] };
const noFiles = { scope: SCOPE, files: {} as Record<string, string> };
/** The three steps of the glue, with `files` standing for what the reader found (everything else is missing). */
function chapterNeeds(chapter: Chapter, options: { scope: typeof SCOPE; files: Record<string, string> }) {
  const facts = scanChapter(chapter);
  const targets = chapterFiles(facts, options.scope);
  const read = new Map<string, LabFileText>(targets.map((t) => [t.path, t.path in options.files ? { state: 'text', text: options.files[t.path] } : { state: 'missing' }]));
  return needsFrom(facts, targets, read);
}
const chapters = bundledChapters();
const chapter = (title: string) => chapters.find((c) => c.title === title)!;
const idsOf = (items: { id: string }[]) => items.map((i) => i.id);

const FULL: ClusterFacts = {
  servedGroupVersions: new Set(['v1', 'apps/v1', 'batch/v1', 'autoscaling/v1', 'autoscaling/v2', 'networking.k8s.io/v1', 'policy/v1', 'metrics.k8s.io/v1beta1', 'storage.k8s.io/v1', 'rbac.authorization.k8s.io/v1']),
  serverVersion: 'v1.30.4',
  metricsServer: 'yes',
  defaultStorageClass: 'local-path',
  ingressClasses: ['traefik'],
  networkPolicies: 'yes',
};
const BARE: ClusterFacts = { ...FULL, servedGroupVersions: new Set(['v1', 'apps/v1', 'batch/v1', 'autoscaling/v1', 'networking.k8s.io/v1']), metricsServer: 'no', defaultStorageClass: null, ingressClasses: [], networkPolicies: 'no' };

test('bundled chapters: needs inferred from their commands and YAML', () => {
  const metrics = chapterNeeds(chapter('Collecting metrics'), noFiles);
  assert.equal(metrics.metrics, true);
  const sts = chapterNeeds(chapter('Stateful sets'), noFiles);
  assert.equal(sts.storage, true);
  assert.ok(sts.apis.get('apps/v1')?.has('StatefulSet'));
  assert.equal(chapterNeeds(chapter('Exposing HTTP services with Ingress resources'), noFiles).ingress, true);
  assert.equal(chapterNeeds(chapter('Network policies'), noFiles).networkPolicy, true);
  // Files a chapter writes before applying them are not "missing".
  for (const c of chapters) assert.deepEqual(chapterNeeds(c, noFiles).missingFiles, [], c.title);
});

test('bundled chapters on a full cluster need nothing; on a bare one, each says what it lacks and which chapter installs it', () => {
  const installers = installersOf(chapters);
  assert.equal(installers.metricsServer, 'Collecting metrics');
  assert.equal(installers.ingressController, 'Exposing HTTP services with Ingress resources');
  for (const c of chapters) assert.deepEqual(missingFor(chapterNeeds(c, noFiles), FULL, [], installers), [], c.title);
  const metrics = missingFor(chapterNeeds(chapter('Collecting metrics'), noFiles), BARE, [], installers);
  assert.ok(idsOf(metrics).includes('metrics-server'));
  assert.equal(metrics.find((m) => m.id === 'metrics-server')!.chapter, 'Collecting metrics');
  assert.ok(idsOf(missingFor(chapterNeeds(chapter('Stateful sets'), noFiles), BARE, [], installers)).includes('storageclass'));
  assert.ok(idsOf(missingFor(chapterNeeds(chapter('Network policies'), noFiles), BARE, [], installers)).includes('network-policies'));
  assert.ok(idsOf(missingFor(chapterNeeds(chapter('Exposing HTTP services with Ingress resources'), noFiles), BARE, [], installers)).includes('ingress-controller'));
  assert.deepEqual(missingFor(chapterNeeds(chapter('Collecting metrics'), noFiles), undefined, [], installers), [], 'no cluster: nothing is claimed');
});

test('an upstream-style chapter: old APIs in the files it applies from ~/container.training, mapped to the clone', () => {
  const course = loadCourse(
    path.join(SLIDES, 'k8s/psp.md'),
    memoryFs({
      'k8s/psp.md': md`
        # Pod security policies

        .lab[
        \`\`\`bash
        kubectl apply -f ~/container.training/k8s/psp-restricted.yaml
        kubectl apply -f ~/container.training/k8s/missing.yaml
        kubectl get pods --export
        kubectl rollout undo deployment web --record
        \`\`\`
        ]

        \`\`\`yaml
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: web
        \`\`\`
      `,
    }),
  );
  const files: Record<string, string> = { '/work/clone/k8s/psp-restricted.yaml': 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: restricted\n' };
  const needs = chapterNeeds(course.parts[0].chapters[0], { scope: { ...SCOPE, clone: '/work/clone', roots: ['/work/clone'] }, files });
  assert.deepEqual([...needs.apis.keys()].sort(), ['autoscaling/v2', 'policy/v1beta1']);
  assert.deepEqual(needs.remappedFiles, [{ written: '~/container.training/k8s/psp-restricted.yaml', path: '/work/clone/k8s/psp-restricted.yaml' }]);
  assert.deepEqual(needs.missingFiles, [{ written: '~/container.training/k8s/missing.yaml', path: '/work/clone/k8s/missing.yaml' }]);
  assert.deepEqual(needs.flags.map((f) => `${f.command.join(' ')} ${f.flag}`), ['apply -f', 'get --export', 'rollout undo --record']);

  const missing = missingFor(needs, BARE, [{ flag: '--record', state: 'deprecated', message: '--record will be removed in the future' }], {});
  assert.deepEqual(idsOf(missing), ['api:autoscaling/v2', 'api:policy/v1beta1', 'metrics-server', 'file:~/container.training/k8s/missing.yaml', 'flag:--record']);
  assert.match(missing[0].what, /API autoscaling\/v2 \(HorizontalPodAutoscaler\) is not served by this cluster \(v1\.30\.4\)/);
  assert.match(missing[0].todo, /serves autoscaling\/v1/);
  assert.match(missing[1].todo, /Install what provides policy/);
});

test('kubectl flag reports: --help output and value deprecations', () => {
  assert.deepEqual(parseFlagHelp('--record', 'Flag --record has been deprecated, --record will be removed in the future\nSet a new size'), { flag: '--record', state: 'deprecated', message: '--record will be removed in the future' });
  assert.deepEqual(parseFlagHelp('--export', "Error: unknown flag: --export\nSee 'kubectl get --help' for usage."), { flag: '--export', state: 'unknown', message: '' });
  assert.equal(parseFlagHelp('--replicas=3', 'Set a new size for a deployment'), undefined);
  assert.equal(valueDeprecation('--cascade=false')?.message, 'Use --cascade=orphan instead.');
  assert.equal(valueDeprecation('--cascade=orphan'), undefined);
});

test('cluster facts from API answers', () => {
  const served = servedGroupVersions({ versions: ['v1'] }, { groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] }] });
  assert.deepEqual([...served], ['v1', 'apps/v1']);
  const classes = { items: [{ metadata: { name: 'slow' } }, { metadata: { name: 'fast', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } }] };
  assert.equal(defaultStorageClassOf(classes), 'fast');
  assert.equal(defaultStorageClassOf({ items: [{ metadata: { name: 'slow' } }] }), null);
  assert.equal(networkPolicySupport(['coredns-1', 'kube-flannel-ds-abc']), 'no');
  assert.equal(networkPolicySupport(['calico-node-x', 'coredns-1']), 'yes');
  assert.equal(networkPolicySupport(['coredns-1']), 'unknown');
});
