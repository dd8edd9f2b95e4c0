// Activation does only what it needs (docs/bench.md, "Activation"): the production bundle,
// required and activated in a fresh process against the stand-in `vscode`, loads none of the
// Node built-ins and none of the parts that wait for first use; those parts ship beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.join(__dirname, '..', '..');
/** Built-ins the bundle uses only once a feature runs (src/onFirstUse.ts). */
const LATER = ['http', 'https', 'tls', 'net', 'child_process', 'crypto', 'worker_threads', 'vm', 'timers/promises', 'dgram'];

const CHILD = `
const stub = require(${JSON.stringify(path.join(ROOT, 'bench', 'vscode-stub.cjs'))});
stub.install();
const context = stub.makeContext(${JSON.stringify(ROOT)});
const before = new Set(process.moduleLoadList);
const required = new Set(Object.keys(require.cache));
const api = require(process.argv[1]).activate(context);
const loaded = process.moduleLoadList.filter((m) => !before.has(m));
const files = Object.keys(require.cache).filter((f) => !required.has(f));
require('node:http'); // positive control: how a built-in shows in the list once loaded
const control = process.moduleLoadList.filter((m) => !before.has(m) && !loaded.includes(m));
process.stdout.write(JSON.stringify({ loaded, files, control, api: typeof api?.onDidDrawReader, errors: stub.calls.errors }));
process.exit(0);
`;

const KUBECONFIG_CHILD = `
const { KubeConfig } = require(process.argv[1]);
const kc = new KubeConfig();
kc.loadFromString(['apiVersion: v1', 'clusters:', '- name: c', '  cluster: {server: "https://127.0.0.1:6443"}', 'contexts:', '- name: x', '  context: {cluster: c, user: u}',
  'current-context: x', 'users:', '- name: u', '  user: {token: t0ken}', ''].join('\\n'));
const options = { headers: {} };
kc.applyToHTTPSOptions(options).then(() => {
  process.stdout.write(JSON.stringify({ server: kc.getCurrentCluster().server, authorization: options.headers.Authorization }));
});
`;

test('the production bundle activates without loading what waits for first use', async () => {
  // The production build and the package check's list, as `npm run bench` and `npm run package` use them.
  const { buildProduction } = (await import(pathToFileURL(path.join(ROOT, 'bench', 'build.mjs')).href)) as { buildProduction: (dir?: string) => { dir: string } };
  const { lazyFilesOf } = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'package.mjs')).href)) as { lazyFilesOf: (bundle: string) => string[] };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'activation-bundle-'));
  try {
    buildProduction(dir);
    const bundle = path.join(dir, 'dist', 'extension.js');
    const r = spawnSync(process.execPath, ['-e', CHILD, bundle], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { loaded: string[]; files: string[]; control: string[]; api: string; errors: string[] };
    assert.deepEqual(result.errors, []);
    assert.equal(result.api, 'function', 'activate() returned the API');
    assert.ok(result.control.includes('NativeModule http'), result.control.join(' '));
    const early = LATER.filter((name) => result.loaded.includes(`NativeModule ${name}`));
    assert.deepEqual(early, [], `built-ins loaded at activation: ${early.join(', ')}`);
    // Only the bundle itself: no file of dist/ that waits for first use (js-yaml, snippets, renderer, client-node).
    assert.deepEqual(result.files.map((f) => path.relative(dir, f)), [path.join('dist', 'extension.js')]);
    // Those files are in dist/, where the bundle requires them from.
    const lazy = lazyFilesOf(bundle).map((f) => path.basename(f));
    for (const name of ['yaml.js', 'snippets.js', 'render.js', 'client-node.js']) assert.ok(lazy.includes(name), `${name} among ${lazy.join(', ')}`);
    for (const name of lazy) assert.ok(fs.existsSync(path.join(dir, 'dist', name)), `dist/${name} exists`);
    // One copy of the vscode module in the bundle, not one per importing file.
    assert.equal(fs.readFileSync(bundle, 'utf8').split('require("vscode")').length - 1, 1);
    // client-node's file goes without whatwg-url (scripts/shims/whatwg-url.cjs) and its KubeConfig works.
    const clientNode = path.join(dir, 'dist', 'client-node.js');
    assert.doesNotMatch(fs.readFileSync(clientNode, 'utf8'), /xn--|punycode/i, 'no tr46 (IDNA) code in dist/client-node.js');
    const kube = spawnSync(process.execPath, ['-e', KUBECONFIG_CHILD, clientNode], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(kube.status, 0, kube.stderr);
    assert.deepEqual(JSON.parse(kube.stdout), { server: 'https://127.0.0.1:6443', authorization: 'Bearer t0ken' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
