// Desktop smoke tests, run inside VS Code's extension host by @vscode/test-electron
// (test/desktop/run.mjs). A tiny runner of our own: no mocha in the project.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'workshop-tools.kubernetes-workshop';
const manifest = require(path.resolve(__dirname, '..', '..', '..', 'package.json'));
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms}ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

test('the extension is installed and activates', async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded`);
  await withTimeout(Promise.resolve(ext.activate()), 30_000, 'activation');
  assert.equal(ext.isActive, true);
});

test('every contributed command is registered', async () => {
  const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
  assert.ok(contributed.includes('workshop.insertSnippet'), 'workshop.insertSnippet is contributed');
  const registered = new Set(await vscode.commands.getCommands(true));
  const missing = contributed.filter((c) => !registered.has(c));
  assert.deepEqual(missing, [], `commands without a handler: ${missing.join(', ')}`);
});

test('the course view opens and draws the bundled course', async () => {
  const api = vscode.extensions.getExtension(EXTENSION_ID).exports;
  assert.ok(api && api.onDidDrawReader, 'the extension offers onDidDrawReader');
  let subscription;
  const drawn = new Promise((resolve) => (subscription = api.onDidDrawReader(resolve)));
  const containers = manifest.contributes?.viewsContainers?.activitybar ?? [];
  const container = containers.find((c) => /workshop/i.test(c.id)) ?? containers[0];
  assert.ok(container, 'a view container is contributed in the activity bar');
  await withTimeout(Promise.resolve(vscode.commands.executeCommand(`workbench.view.extension.${container.id}`)), 15_000, 'show the container');
  await withTimeout(Promise.resolve(vscode.commands.executeCommand('workshop.slides.focus')), 15_000, 'focus workshop.slides');
  const shown = await withTimeout(drawn, 30_000, 'the course view to draw its course').finally(() => subscription.dispose());
  assert.equal(shown.surface, 'view');
  assert.match(shown.courseId, /kube\.yml$/, 'the bundled course');
  // The table of contents lists every chapter of the course, as the inspect command reads it.
  const cli = require('node:child_process').execFileSync(process.execPath, [path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js'), 'inspect', shown.courseId, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const expected = JSON.parse(cli).parts.reduce((n, part) => n + part.chapters.length, 0);
  assert.equal(shown.chapters, expected);
});

test('Insert Kubernetes Snippet puts a Deployment into a YAML document', async () => {
  const editor = await withTimeout(Promise.resolve(vscode.commands.executeCommand('workshop.insertSnippet', 'deployment')), 15_000, 'insertSnippet');
  assert.ok(editor, 'the command returns the editor');
  const doc = vscode.window.activeTextEditor.document;
  assert.equal(doc.languageId, 'yaml');
  assert.match(doc.getText(), /kind: Deployment/);
});

/** Entry point called by VS Code's test runner: resolves when every test passed. */
async function run() {
  let passed = 0;
  const failures = [];
  for (const t of tests) {
    const started = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`  ✔ ${t.name} (${Date.now() - started}ms)`);
    } catch (e) {
      failures.push(t.name);
      console.log(`  ✖ ${t.name}\n    ${String(e && e.stack ? e.stack : e).replace(/\n/g, '\n    ')}`);
    }
  }
  console.log(`${passed} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} desktop test(s) failed: ${failures.join('; ')}`);
}

module.exports = { run };
