// Credentials never reach messages: kubeconfig syntax errors give a position only, and redaction covers every credential field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { redactSecrets } from '../../src/cluster/errors';
import { applyCredentials } from '../../src/cluster/credentials';

const dir = mkdtempSync(join(tmpdir(), 'cluster-secrets-'));
const load = (files: string[]) => loadKubeconfig({ env: { KUBECONFIG: files.join(delimiter) }, homeDir: '/nonexistent', exists: existsSync });

test('a kubeconfig syntax error names file, line and column, and quotes nothing from the file', async () => {
  const file = join(dir, 'broken.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'users:',
      '- name: u',
      '  user:',
      '    auth-provider:',
      '      config:',
      '        access_token: ya29.SUPERSECRET',
      '        refresh-token: REFRESHSECRET',
      '    exec:',
      '      env:',
      '      - name: AWS_SECRET_ACCESS_KEY',
      '        value: ENVSECRET',
      '   bad: indentation',
      '    token: TOKENSECRET',
      '',
    ].join('\n'),
  );
  const result = await load([file]);
  assert.equal(result.kind, 'error');
  if (result.kind !== 'error') return;
  assert.match(result.message, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line \\d+, column \\d+: `));
  for (const secret of ['SUPERSECRET', 'REFRESHSECRET', 'ENVSECRET', 'TOKENSECRET', 'AWS_SECRET', 'indentation\n']) {
    assert.equal(result.message.includes(secret), false, `message leaks ${secret}: ${result.message}`);
  }
  assert.equal(result.message.includes('\n'), false, 'no snippet of the file');
});

test('reasons that quote the file are reduced to their words', async () => {
  const file = join(dir, 'tag.yaml');
  writeFileSync(file, 'users:\n- name: u\n  user:\n    token: !<tag:TAGSECRET> x\n');
  const result = await load([file]);
  assert.equal(result.kind, 'error');
  if (result.kind === 'error') assert.equal(result.message.includes('TAGSECRET'), false, result.message);
});

test('an empty kubeconfig file in the list is skipped like kubectl does', async () => {
  const empty = join(dir, 'empty.yaml');
  writeFileSync(empty, '# nothing yet\n');
  const good = join(dir, 'good.yaml');
  writeFileSync(
    good,
    'clusters: [{ name: c, cluster: { server: "https://c.example" } }]\nusers: [{ name: u, user: {} }]\ncontexts: [{ name: c, context: { cluster: c, user: u } }]\ncurrent-context: c\n',
  );
  const result = await load([empty, good]);
  assert.equal(result.kind, 'loaded');
});

test('redaction covers every credential field of a kubeconfig and of credential plugin output', () => {
  const leaks: [string, string][] = [
    ['token: abc123', 'abc123'],
    ['"access_token":"ya29.a0AfH6SMB"', 'ya29'],
    ['access-token: at-1', 'at-1'],
    ['id-token: idt', 'idt'],
    ['refresh-token: "with spaces inside"', 'spaces'],
    ['client-secret: cs-1', 'cs-1'],
    ['client-key-data: LS0tLS1CRUdJTiBSU0E=', 'LS0t'],
    ['client-key: /home/u/key.pem', 'key.pem'],
    ['password: hunter2, username: bob', 'hunter2'],
    ['- name: AWS_SECRET_ACCESS_KEY\n  value: envsecret', 'envsecret'],
    ['cmd-args: get-token --secret=x', 'get-token'],
    ['aws eks get-token --token abc', 'abc'],
    ['Authorization: Bearer abcdefgh', 'abcdefgh'],
    ['-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----', 'MHcCAQEE'],
    ['-----BEGIN PRIVATE KEY-----\nMIIEvQ truncated', 'MIIEvQ'],
    ['plugin output: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', 'eyJhbGci'],
    [`data ${'QUJD'.repeat(40)}`, 'QUJDQUJD'],
  ];
  for (const [text, secret] of leaks) assert.equal(redactSecrets(text).includes(secret), false, `${JSON.stringify(text)} -> ${redactSecrets(text)}`);
  // Useful text stays.
  assert.equal(redactSecrets('metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain'), 'metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain');
  assert.equal(redactSecrets(`image sha256:${'0'.repeat(64)}`), `image sha256:${'0'.repeat(64)}`);
  assert.equal(redactSecrets('pods "web" is forbidden'), 'pods "web" is forbidden');
});

test('redaction stays fast on long hostile messages', () => {
  const started = Date.now();
  redactSecrets('a-'.repeat(50_000));
  redactSecrets(`token: "${'x'.repeat(50_000)}`);
  assert.ok(Date.now() - started < 500, `${Date.now() - started} ms`);
});

test('a failing credential plugin reports its error with secrets removed', async () => {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:1', skipTLSVerify: false }],
    users: [
      {
        name: 'u',
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: '/bin/sh',
          args: ['-c', 'echo "refresh failed, token: PLUGINSECRET" >&2; exit 1'],
        },
      },
    ],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  await assert.rejects(applyCredentials(kc, {}), (error: Error) => {
    assert.match(error.message, /^Cannot get credentials for the cluster: refresh failed, token: <redacted>/);
    return true;
  });
});
