import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { IN_CLUSTER_TOKEN_PATH, findKubeconfig, loadKubeconfig } from '../../src/cluster/kubeconfig';
import { redactSecrets } from '../../src/cluster/errors';

function kubeconfig(context: string, server: string, namespace?: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${context}`,
    '  cluster:',
    `    server: ${server}`,
    'users:',
    `- name: ${context}`,
    '  user:',
    '    token: s3cr3t-token',
    'contexts:',
    `- name: ${context}`,
    '  context:',
    `    cluster: ${context}`,
    `    user: ${context}`,
    ...(namespace ? [`    namespace: ${namespace}`] : []),
    `current-context: ${context}`,
    '',
  ].join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'cluster-kubeconfig-'));
const first = join(dir, 'first.yaml');
const second = join(dir, 'second.yaml');
writeFileSync(first, kubeconfig('one', 'https://one.example:6443', 'shop'));
writeFileSync(second, kubeconfig('two', 'https://two.example:6443'));
const home = join(dir, 'home');

test('no kubeconfig anywhere is reported as none, not as an error', async () => {
  const result = await loadKubeconfig({ env: {}, homeDir: home, exists: existsSync });
  assert.equal(result.kind, 'none');
  assert.equal(findKubeconfig({ env: { KUBECONFIG: join(dir, 'missing.yaml') }, homeDir: home, exists: existsSync }), undefined);
});

test('KUBECONFIG path list: files are merged, the first current-context wins, missing files are skipped', async () => {
  const env = { KUBECONFIG: [join(dir, 'missing.yaml'), first, second].join(delimiter) };
  const result = await loadKubeconfig({ env, homeDir: home, exists: existsSync });
  assert.equal(result.kind, 'loaded');
  if (result.kind !== 'loaded') return;
  const s = result.session;
  assert.deepEqual(s.contexts().map((c) => `${c.name} ${c.server}`), ['one https://one.example:6443', 'two https://two.example:6443']);
  assert.equal(s.currentContext, 'one');
  assert.equal(s.currentNamespace, 'shop');
});

test('switching context and namespace stays in memory and leaves the file alone', async () => {
  const before = readFileSync(first, 'utf8');
  const result = await loadKubeconfig({ env: { KUBECONFIG: [first, second].join(delimiter) }, homeDir: home, exists: existsSync });
  assert.equal(result.kind, 'loaded');
  if (result.kind !== 'loaded') return;
  const s = result.session;
  s.useContext('two');
  assert.equal(s.currentContext, 'two');
  assert.equal(s.currentNamespace, 'default');
  assert.equal(s.server, 'https://two.example:6443');
  s.useNamespace('kube-system');
  assert.equal(s.currentNamespace, 'kube-system');
  s.useContext('one');
  assert.equal(s.currentNamespace, 'shop');
  assert.throws(() => s.useContext('nope'), /No context named "nope"/);
  assert.equal(readFileSync(first, 'utf8'), before);
});

test('~/.kube/config is used without KUBECONFIG; in-cluster is detected from the service account token', () => {
  const homeConfig = join(home, '.kube', 'config');
  assert.deepEqual(findKubeconfig({ env: {}, homeDir: home, exists: (f) => f === homeConfig }), { kind: 'files', files: [homeConfig] });
  assert.deepEqual(
    findKubeconfig({ env: { KUBERNETES_SERVICE_HOST: '10.0.0.1' }, homeDir: home, exists: (f) => f === IN_CLUSTER_TOKEN_PATH }),
    { kind: 'inCluster' },
  );
});

test('an unreadable kubeconfig is an error whose text does not leak the token', async () => {
  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, 'users: [ {name: x, user: {token: s3cr3t-token}\n');
  const result = await loadKubeconfig({ env: { KUBECONFIG: broken }, homeDir: home, exists: existsSync });
  assert.equal(result.kind, 'error');
  if (result.kind === 'error') assert.doesNotMatch(result.message, /s3cr3t-token/);
});

test('redaction removes bearer tokens, Authorization headers and token fields', () => {
  const text = redactSecrets('GET failed: {"Authorization":"Bearer abcdef123456"} token: xyz789abc password=hunter2 Basic dXNlcjpwYXNz');
  for (const secret of ['abcdef123456', 'xyz789abc', 'hunter2', 'dXNlcjpwYXNz']) assert.doesNotMatch(text, new RegExp(secret));
});
