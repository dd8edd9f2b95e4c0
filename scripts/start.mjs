// `npm start [folder]`: try the extension in a real VS Code in the browser.
// Builds and packages the extension, installs code-server (first run only), installs the
// package into .vscode-test/user/extensions, and serves `folder` (default: the bundled course,
// content/) on http://127.0.0.1:$PORT (8080, or a free port when that one is taken).
// Stays in the foreground; Ctrl-C stops it.
//
// Options: --no-build  reuse dist/kubernetes-workshop.vsix as it is
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ensureCodeServer, codeServerEntry, SetupError, VSCODE_TEST_DIR, PROJECT_ROOT, CODE_SERVER_NODE, TARGET_NAME } from './setup-code-server.mjs';
import { packageExtension, DEFAULT_VSIX } from './package.mjs';

const log = (...args) => console.log('[start]', ...args);
const args = process.argv.slice(2);
const folderArg = args.find((a) => !a.startsWith('--'));
const folder = resolve(folderArg ?? join(PROJECT_ROOT, 'content'));
const host = '127.0.0.1';

function portFree(port) {
  return new Promise((r) => {
    const srv = createServer();
    srv.once('error', () => r(false));
    srv.listen(port, host, () => srv.close(() => r(true)));
  });
}

function anyFreePort() {
  return new Promise((r, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => r(port));
    });
  });
}

function runCodeServer(root, extraArgs, { inherit = false } = {}) {
  return new Promise((r) => {
    const child = spawn(CODE_SERVER_NODE, [codeServerEntry(root), ...extraArgs], { stdio: inherit ? 'inherit' : 'pipe' });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('exit', (code) => r({ code, out }));
  });
}

try {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`not a folder: ${folder}`);

  const vsix = args.includes('--no-build') && existsSync(DEFAULT_VSIX) ? DEFAULT_VSIX : await packageExtension();
  const root = await ensureCodeServer();

  // Each VS Code keeps its own profile: a newer one migrates what it reads.
  const userDir = join(VSCODE_TEST_DIR, TARGET_NAME === 'engines' ? 'user' : `user-${TARGET_NAME}`);
  const extensionsDir = join(userDir, 'extensions');
  const userDataDir = join(userDir, 'data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settings)) {
    // Only the npm registry and 127.0.0.1 are expected to be reachable: no gallery queries.
    const defaults = {
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'workbench.enableExperiments': false,
      'git.openRepositoryInParentFolders': 'never',
    };
    writeFileSync(settings, JSON.stringify(defaults, null, 2) + '\n');
  }
  log(`installing ${vsix} into ${extensionsDir}`);
  const installed = await runCodeServer(root, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force']);
  if (installed.code !== 0) throw new Error(`installing the extension failed:\n${installed.out}`);

  const wanted = Number(process.env.PORT || 8080);
  let port = wanted;
  if (!(await portFree(wanted))) {
    port = await anyFreePort();
    log(`port ${wanted} is taken, using ${port}`);
  }

  const child = spawn(
    CODE_SERVER_NODE,
    [
      codeServerEntry(root),
      '--auth', 'none',
      '--bind-addr', `${host}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--extensions-dir', extensionsDir,
      '--user-data-dir', userDataDir,
      folder,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = `http://${host}:${port}/?folder=${encodeURIComponent(folder)}`;
  let announced = false;
  const forward = (stream) => (d) => {
    stream.write(d);
    if (!announced && /HTTP server listening on/.test(d.toString())) {
      announced = true;
      console.log(`\n[start] Kubernetes Workshop is ready. Open this in a browser:\n\n    ${url}\n\n[start] (the Workshop icon is in the activity bar on the left; Ctrl-C here stops the server)\n`);
    }
  };
  child.stdout.on('data', forward(process.stdout));
  child.stderr.on('data', forward(process.stderr));
  let stopping = false;
  const stop = (sig) => {
    if (stopping) return;
    stopping = true;
    log('stopping code-server');
    child.kill(sig === 'SIGINT' ? 'SIGTERM' : sig);
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  child.on('exit', (code, sig) => {
    if (!stopping) console.error(`[start] code-server exited (${code ?? sig})`);
    process.exit(stopping ? 0 : code ?? 1);
  });
} catch (e) {
  console.error(`[start] ${e instanceof SetupError ? 'cannot install code-server' : 'error'}: ${e.message}`);
  process.exit(1);
}
