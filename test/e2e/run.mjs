// `npm run test:e2e`: end-to-end tests in a real VS Code (code-server 4.100.3 = VS Code 1.100)
// driven by Chromium through playwright-core; `npm run test:e2e:newest` runs them on the newest
// code-server we test (scripts/setup-code-server.mjs, CODE_SERVER_TARGETS).
//
//   node test/e2e/run.mjs [--vscode=newest] [filter...]   run test/e2e/*.e2e.mjs (whose names contain a filter)
//
// Environment:
//   CI=true          missing prerequisites are an error (elsewhere the suite is skipped)
//   E2E_VSIX=<file>  use this package instead of building one
//   E2E_DEBUG=1      log code-server and browser console; E2E_KEEP=1 keeps temp folders
//   E2E_HEADED=1     show the browser (needs a display)
//
// Screenshots and code-server logs of each scenario land in test-results/.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const ci = process.env.CI === 'true';
const started = Date.now();
const log = (...a) => console.log('[e2e]', ...a);
const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TOTAL_TIMEOUT_MS || 20 * 60_000);

const vscodeArg = process.argv.find((a) => a.startsWith('--vscode='));
if (vscodeArg) process.env.WORKSHOP_VSCODE = vscodeArg.slice('--vscode='.length);
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--vscode='));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.mjs'))
  .filter((f) => !filters.length || filters.some((x) => f.includes(x)))
  .sort()
  .map((f) => join('test', 'e2e', f));
if (!files.length) {
  console.error(`[e2e] no scenario matches ${filters.join(' ')}`);
  process.exit(1);
}

// 1. code-server and Chromium (installed on first use; skipped with a reason when impossible).
const { ensureCodeServer, ensureChromium, SetupError, CODE_SERVER_NODE, TARGET } = await import('../../scripts/setup-code-server.mjs');
process.env.E2E_CODE_SERVER_NODE = CODE_SERVER_NODE;
let codeServer;
let chromium;
try {
  codeServer = await ensureCodeServer();
  chromium = ensureChromium();
} catch (e) {
  if (e instanceof SetupError && !ci) {
    console.log(`[e2e] SKIPPED: the end-to-end tests need code-server and Chromium, which cannot be set up here:\n  ${e.message.replace(/\n/g, '\n  ')}`);
    console.log('[e2e] (on CI, CI=true, this is an error; see docs/e2e.md)');
    console.log(`0 passed, 0 failed, ${files.length} skipped`);
    process.exit(0);
  }
  console.error(`[e2e] cannot set up the end-to-end environment: ${e.message}`);
  process.exit(1);
}

// 2. The extension, packaged as users get it, installed once into a template extensions folder
//    that each scenario copies.
const { packageExtension } = await import('../../scripts/package.mjs');
const { installExtension } = await import('./harness.mjs');
let vsix = process.env.E2E_VSIX;
const packDir = mkdtempSync(join(tmpdir(), 'workshop-e2e-vsix-'));
process.on('exit', () => rmSync(packDir, { recursive: true, force: true }));
try {
  // A package of our own (not dist/), so that a concurrent `npm start` or run cannot swap it.
  vsix ??= await packageExtension({ out: join(packDir, 'kubernetes-workshop.vsix') });
} catch (e) {
  console.error(`[e2e] packaging failed: ${e.message}`);
  process.exit(1);
}
const extensionsDir = mkdtempSync(join(tmpdir(), 'workshop-e2e-ext-'));
const cleanup = () => rmSync(extensionsDir, { recursive: true, force: true });
process.on('exit', cleanup);
try {
  installExtension(codeServer, vsix, extensionsDir);
} catch (e) {
  console.error(`[e2e] ${e.message}`);
  process.exit(1);
}
log(`ready in ${((Date.now() - started) / 1000).toFixed(1)}s: VS Code ${TARGET.vscode} (code-server ${codeServer} on Node ${TARGET.node ?? process.versions.node}), chromium ${chromium}, ${vsix}`);

// 3. The scenarios, one at a time (each starts its own code-server and browser).
const resultsDir = join(root, 'test-results', ...(process.env.WORKSHOP_VSCODE === 'newest' ? ['newest'] : []));
mkdirSync(resultsDir, { recursive: true });
const tapFile = join(extensionsDir, '.results.tap');
const child = spawn(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...files],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, E2E_CODE_SERVER: codeServer, E2E_CHROMIUM: chromium, E2E_EXTENSIONS_DIR: extensionsDir, E2E_VSIX: vsix },
    detached: true,
  },
);
const killChild = (sig) => {
  try {
    process.kill(-child.pid, sig);
  } catch {
    /* gone */
  }
};
const timer = setTimeout(() => {
  console.error(`[e2e] the suite took longer than ${TOTAL_TIMEOUT_MS / 1000}s: stopping it`);
  killChild('SIGTERM');
  setTimeout(() => killChild('SIGKILL'), 5000).unref();
}, TOTAL_TIMEOUT_MS);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    killChild(sig);
    setTimeout(() => process.exit(130), 3000).unref();
  });
}
const code = await new Promise((r) => child.on('exit', (c, s) => r(c ?? (s ? 1 : 0))));
clearTimeout(timer);

let summary = '';
try {
  const tap = readFileSync(tapFile, 'utf8');
  if (code !== 0) printExtensionLogsOfFailures(tap);
  const count = (k) => Number(tap.match(new RegExp(`^# ${k} (\\d+)$`, 'm'))?.[1] ?? 0);
  if (count('todo')) console.log(`[e2e] ${count('todo')} todo: known gaps, listed above, not failures`);
  summary = `${count('pass')} passed, ${count('fail') + count('cancelled')} failed, ${count('skipped')} skipped`;
} catch {
  summary = code === 0 ? 'passed' : 'failed';
}
console.log(`\n[e2e] screenshots and logs: ${resultsDir.slice(root.length + 1)}/ (${((Date.now() - started) / 1000).toFixed(0)}s in all)`);
console.log(summary);
process.exit(code);

/**
 * A failure on a machine we cannot log in to (CI) is read from its output alone: print the end of
 * the extension's own log for each scenario that failed (the harness keeps it in test-results/).
 */
function printExtensionLogsOfFailures(tap) {
  const failedFiles = new Set([...tap.matchAll(/^\s*location: '([^':]+\.e2e\.mjs):\d+:\d+'$/gm)].map((m) => basename(m[1], '.e2e.mjs')));
  for (const scenario of failedFiles) {
    const file = join(resultsDir, `${scenario}.workshop.log`);
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    console.log(`\n[e2e] the last ${Math.min(lines.length, 40)} lines of the extension's log in ${scenario}:`);
    for (const line of lines.slice(-40)) console.log(`  ${line}`);
  }
}
