// End-to-end harness: a real VS Code (code-server 4.100.3 = VS Code 1.100, or the newest one
// tested with WORKSHOP_VSCODE=newest) driven by Chromium through playwright-core. Each scenario gets a fresh code-server with its own user-data-dir,
// extensions copy and workspace folder under a temp dir, and a fresh browser.
//
// Used by test/e2e/*.e2e.mjs (run by test/e2e/run.mjs, or one file with `node --test <file>`).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = join(PROJECT_ROOT, 'test-results', ...(process.env.WORKSHOP_VSCODE === 'newest' ? ['newest'] : []));
export const EXTENSION_ID = 'workshop-tools.kubernetes-workshop';
const DEBUG = !!process.env.E2E_DEBUG;
const debug = (...a) => DEBUG && console.error('[e2e]', ...a);

// ---------------------------------------------------------------------------------------------
// Prerequisites: code-server, Chromium, the packaged extension (installed once per run).

let prepared;

/**
 * Makes sure code-server, Chromium and the extension are ready. Returns
 * `{ skip: false, codeServer, chromium, extensionsDir }`, or `{ skip: '<reason>' }` when they
 * cannot be set up here (never on CI, where that is an error).
 * test/e2e/run.mjs does the work once and hands it over through E2E_* environment variables.
 */
export async function prepare({ needExtension = true } = {}) {
  if (prepared) return prepared;
  prepared = (async () => {
    if (process.env.E2E_SKIP_REASON) return { skip: process.env.E2E_SKIP_REASON };
    const { ensureCodeServer, ensureChromium, SetupError, CODE_SERVER_NODE } = await import('../../scripts/setup-code-server.mjs');
    process.env.E2E_CODE_SERVER_NODE ??= CODE_SERVER_NODE;
    let codeServer = process.env.E2E_CODE_SERVER;
    let chromium = process.env.E2E_CHROMIUM;
    try {
      codeServer ??= await ensureCodeServer();
      chromium ??= ensureChromium();
    } catch (e) {
      if (e instanceof SetupError && process.env.CI !== 'true') {
        return { skip: `end-to-end tests skipped: ${e.message}` };
      }
      throw e;
    }
    let extensionsDir = process.env.E2E_EXTENSIONS_DIR;
    if (!extensionsDir && needExtension) {
      let vsix = process.env.E2E_VSIX;
      if (!vsix) {
        const { packageExtension } = await import('../../scripts/package.mjs');
        vsix = await packageExtension();
      }
      extensionsDir = installExtension(codeServer, vsix, mkdtempSync(join(tmpdir(), 'workshop-e2e-ext-')));
      process.on('exit', () => rmSync(extensionsDir, { recursive: true, force: true }));
    }
    return { skip: false, codeServer, chromium, extensionsDir };
  })();
  return prepared;
}

/** Installs a vsix into an extensions folder with code-server's CLI; returns the folder. */
export function installExtension(codeServer, vsix, extensionsDir, userDataDir = join(extensionsDir, '.user')) {
  mkdirSync(extensionsDir, { recursive: true });
  const r = spawnSync(
    codeServerNode(),
    [join(codeServer, 'out', 'node', 'entry.js'), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
    throw new Error(`could not install ${vsix}:\n${r.stdout}\n${r.stderr}`);
  }
  return extensionsDir;
}

/** The Node that runs code-server: this one for VS Code 1.100, a newer one for the newest. */
export function codeServerNode() {
  return process.env.E2E_CODE_SERVER_NODE || process.execPath;
}

// ---------------------------------------------------------------------------------------------
// Processes

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolveP, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolveP(port));
    });
  });
}

const children = new Set();
function killTree(child, signal = 'SIGTERM') {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole process group (detached: true)
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* gone */
    }
  }
}
process.on('exit', () => {
  for (const c of children) killTree(c, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    for (const c of children) killTree(c, 'SIGKILL');
    process.exit(130);
  });
}

/** Spawns a process in its own group, remembered so that it is killed even on failure. */
export function spawnTracked(cmd, args, options = {}) {
  const child = spawn(cmd, args, { ...options, detached: true, stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.output = '';
  const collect = (d) => {
    child.output += d.toString();
    if (child.output.length > 1_000_000) child.output = child.output.slice(-500_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.once('exit', () => children.delete(child));
  child.stop = async (timeoutMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    killTree(child, 'SIGTERM');
    const t = await Promise.race([exited.then(() => 'exited'), sleep(timeoutMs).then(() => 'timeout')]);
    if (t === 'timeout') {
      killTree(child, 'SIGKILL');
      await Promise.race([exited, sleep(2000)]);
    }
  };
  return child;
}

/** Waits until `fn` returns a truthy value (polling), or throws after `timeout` ms. */
export async function waitFor(fn, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout}ms waiting for ${message}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await sleep(interval);
  }
}

// ---------------------------------------------------------------------------------------------
// Workbench

/** Settings every scenario starts from; a scenario's own settings are merged over them. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'terminal.integrated.shellIntegration.enabled': true,
  'terminal.integrated.gpuAcceleration': 'off',
  'terminal.integrated.defaultProfile.linux': 'bash',
  'terminal.integrated.enablePersistentSessions': false,
  'terminal.integrated.showExitAlert': false,
  'files.simpleDialog.enable': true,
  'window.dialogStyle': 'custom',
};

function safeName(s) {
  return s.replace(/[^a-z0-9._-]+/gi, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'scenario';
}

/**
 * Starts code-server on a fresh user-data-dir and workspace, opens it in Chromium, and returns
 * a Workbench. Everything is stopped and removed when the test ends (t.after), after a final
 * screenshot in test-results/<name>.png.
 *
 * options:
 *   name       scenario name (screenshots)
 *   settings   user settings merged over BASE_SETTINGS
 *   files      { 'relative/path': 'content' } written into the workspace folder
 *   tmpFiles   the same, written into the scenario's temp folder (outside the workspace)
 *              (files, tmpFiles, settings and each content may be functions of { tmp, workspace, userData })
 *   trust      false (default) starts with --disable-workspace-trust unless settings enable it
 *   env        extra environment for code-server (and so the extension host and terminals)
 *   extension  false to start without the extension
 */
export async function openWorkbench(t, options = {}) {
  const env0 = await prepare({ needExtension: options.extension !== false });
  if (env0.skip) throw new Error(env0.skip);
  const name = safeName(options.name ?? t.name);
  const tmp = mkdtempSync(join(tmpdir(), `workshop-e2e-${name.slice(0, 20)}-`));
  const workspace = join(tmp, 'workspace');
  const userData = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  const where = { tmp, workspace, userData };
  const write = (base, files) => {
    for (const [rel, content] of Object.entries(files ?? {})) {
      const p = join(base, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, typeof content === 'function' ? content(where) : content);
    }
  };
  write(workspace, typeof options.files === 'function' ? options.files(where) : options.files);
  write(tmp, typeof options.tmpFiles === 'function' ? options.tmpFiles(where) : options.tmpFiles);
  const settings = { ...BASE_SETTINGS, ...(typeof options.settings === 'function' ? options.settings(where) : options.settings ?? {}) };
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  if (options.extension !== false && env0.extensionsDir) {
    cpSync(env0.extensionsDir, extensionsDir, { recursive: true, filter: (src) => !src.includes(`${join(env0.extensionsDir, '.user')}`) });
  } else {
    mkdirSync(extensionsDir, { recursive: true });
  }

  const env = typeof options.env === 'function' ? options.env(where) : options.env ?? {};
  const wb = new Workbench({
    name,
    tmp,
    workspace,
    userData,
    extensionsDir,
    codeServer: env0.codeServer,
    chromium: env0.chromium,
    withExtension: options.extension !== false,
    // Scripts run in every document of the browser context, the workbench's first included.
    initScripts: options.initScripts ?? [],
  });
  t.after(async () => {
    await wb.close(t);
  });
  await wb.start({ trust: settings['security.workspace.trust.enabled'] === true, env });
  return wb;
}

function findFiles(dir, wanted) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => (entry.isDirectory() ? findFiles(join(dir, entry.name), wanted) : wanted(entry.name) ? [join(dir, entry.name)] : []));
}

export class Workbench {
  constructor(fields) {
    Object.assign(this, fields);
    this.shots = 0;
  }

  async start({ trust, env }) {
    this.port = await freePort();
    const args = [
      join(this.codeServer, 'out', 'node', 'entry.js'),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${this.port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      ...(trust ? [] : ['--disable-workspace-trust']),
      '--extensions-dir', this.extensionsDir,
      '--user-data-dir', this.userData,
      this.workspace,
    ];
    // HOME inside the temp dir keeps bash history, kube cache and the like out of the real one.
    const home = join(this.tmp, 'home');
    mkdirSync(home, { recursive: true });
    this.server = spawnTracked(codeServerNode(), args, {
      cwd: this.workspace,
      env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local/share'), XDG_CONFIG_HOME: join(home, '.config'), ...env },
    });
    this.server.once('exit', (code, sig) => debug(`code-server exited ${code ?? sig}`));
    await waitFor(() => /HTTP server listening on/.test(this.server.output) || this.server.exitCode !== null, {
      timeout: 30_000,
      message: 'code-server to listen',
    });
    if (this.server.exitCode !== null) throw new Error(`code-server exited (${this.server.exitCode}):\n${this.server.output.slice(-3000)}`);
    this.url = `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`;
    debug(`code-server: ${this.url}`);

    const { chromium } = await import('playwright-core');
    this.browser = await chromium.launch({
      executablePath: this.chromium,
      headless: !process.env.E2E_HEADED,
      timeout: 30_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    this.context = await this.browser.newContext({ viewport: { width: 1400, height: 900 } });
    for (const script of this.initScripts ?? []) await this.context.addInitScript(script);
    this.page = await this.context.newPage();
    this.page.setDefaultTimeout(15_000);
    this.consoleErrors = [];
    this.page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
      debug(`console.${m.type()}: ${m.text()}`);
    });
    await this.page.goto(this.url, { timeout: 30_000 });
    await this.waitForWorkbench();
    if (this.withExtension) await this.waitForExtension();
  }

  /** Waits until the extension's contributions are there (its activity-bar item shows). */
  async waitForExtension({ timeout = 30_000 } = {}) {
    await this.workshopActivityItem().waitFor({ state: 'visible', timeout }).catch(() => {
      throw new Error(`the Workshop activity-bar item did not show within ${timeout}ms: is the extension installed and its view container titled "Workshop"?`);
    });
  }

  workshopActivityItem() {
    return this.page.locator('.activitybar .action-item a.action-label[aria-label*="Workshop"]').first();
  }

  /** Waits until the workbench (and its extension host) is up. */
  async waitForWorkbench() {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    await this.page.locator('.activitybar').waitFor({ timeout: 30_000 });
    // The status bar shows up once the workbench has restored its parts.
    await this.page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 30_000 });
  }

  /** Saves a screenshot under test-results/<scenario>-<n>-<label>.png and returns its path. */
  async screenshot(label = 'shot') {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, `${this.name}-${String(++this.shots).padStart(2, '0')}-${safeName(label)}.png`);
    try {
      await this.page.screenshot({ path, timeout: 10_000 });
    } catch (e) {
      debug(`screenshot failed: ${e.message}`);
    }
    return path;
  }

  async close() {
    // A scenario may close a window early; the clean-up closes it again.
    if (this.closed) return;
    this.closed = true;
    if (this.page) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      await this.page.screenshot({ path: join(RESULTS_DIR, `${this.name}.png`), timeout: 10_000 }).catch(() => {});
    }
    if (this.server) writeFileSync(join(RESULTS_DIR, `${this.name}.code-server.log`), this.server.output);
    this.keepExtensionLog();
    await this.browser?.close().catch(() => {});
    await this.server?.stop();
    if (!process.env.E2E_KEEP) rmSync(this.tmp, { recursive: true, force: true, maxRetries: 3 });
    else console.error(`[e2e] kept ${this.tmp}`);
  }

  /** Copies the extension's own log (its output channel) to test-results/<name>.workshop.log. */
  keepExtensionLog() {
    const found = findFiles(join(this.userData, 'logs'), (name) => name === 'Kubernetes Workshop.log');
    const target = join(RESULTS_DIR, `${this.name}.workshop.log`);
    rmSync(target, { force: true });
    if (found.length) writeFileSync(target, found.map((file) => readFileSync(file, 'utf8')).join('\n'));
  }

  // --- Commands -------------------------------------------------------------------------------

  /**
   * Opens the command palette (F1), types `label`, waits for a matching entry and runs it.
   * Retries (reopening the palette) until `timeout`: commands contributed by extensions are
   * listed only once the extension host has registered them.
   */
  async runCommand(label, { exact = true, timeout = 20_000 } = {}) {
    const page = this.page;
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', {
      has: page.locator('.label-name', exact ? { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*(…|\\.\\.\\.)?\\s*$`, 'i') } : { hasText: label }),
    }).first();
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.dismissQuickInput();
      await page.keyboard.press('F1');
      // A focus change at that moment (a view taking focus) can close the palette: try again.
      if (!(await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) {
        if (Date.now() >= deadline) throw new Error(`the command palette (F1) did not open for "${label}" within ${timeout}ms`);
        continue;
      }
      await input.fill(`>${label}`);
      try {
        await row.waitFor({ state: 'visible', timeout: Math.max(500, Math.min(3_000, deadline - Date.now())) });
        break;
      } catch {
        if (Date.now() >= deadline) throw new Error(`command "${label}" is not in the command palette (waited ${timeout}ms)`);
      }
    }
    await row.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  }

  /** Closes an open quick input, if any. */
  async dismissQuickInput() {
    const widget = this.page.locator('.quick-input-widget');
    if (await widget.isVisible().catch(() => false)) {
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => {});
    }
  }

  /** Picks the quick-pick entry whose label matches `label` (string or RegExp). */
  async pickQuickPick(label, { timeout = 10_000 } = {}) {
    const page = this.page;
    const widget = page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible', timeout });
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', {
      has: page.locator('.label-name', { hasText: label }),
    }).first();
    await row.waitFor({ state: 'visible', timeout });
    await row.click();
  }

  /** Reloads the window ("Developer: Reload Window") and waits for the workbench again. */
  async reloadWindow() {
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (f) => f === this.page.mainFrame(), timeout: 20_000 });
    await this.runCommand('Developer: Reload Window');
    await navigated;
    await this.page.waitForLoadState('domcontentloaded');
    await this.waitForWorkbench();
    if (this.withExtension) await this.waitForExtension();
  }

  // --- Dialogs --------------------------------------------------------------------------------

  /** The visible modal dialog (custom dialog style), or null within `timeout`. */
  async dialog({ timeout = 10_000 } = {}) {
    const box = this.page.locator('.monaco-dialog-box');
    await box.waitFor({ state: 'visible', timeout });
    return box;
  }

  /** Clicks the button of the modal dialog whose label matches `label`. */
  async clickDialogButton(label, { timeout = 10_000 } = {}) {
    const box = await this.dialog({ timeout });
    const button = box.locator('.dialog-buttons .monaco-button', { hasText: label }).first();
    await button.click();
    await box.waitFor({ state: 'hidden', timeout: 5_000 });
  }

  /**
   * Answers a modal dialog left open (by a subtest that failed) with Stop, Cancel or Escape, so that
   * the next subtest of the scenario is not blocked by it.
   */
  async dismissDialog() {
    const box = this.page.locator('.monaco-dialog-box');
    if (!(await box.isVisible().catch(() => false))) return;
    const stop = box.locator('.dialog-buttons .monaco-button', { hasText: /^(Stop|Cancel)$/ }).first();
    if (await stop.isVisible().catch(() => false)) await stop.click().catch(() => {});
    else await this.page.keyboard.press('Escape').catch(() => {});
    await box.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  }

  // --- Views ----------------------------------------------------------------------------------

  /**
   * Opens the Workshop container from the activity bar unless it is shown already. Clicking an
   * already open container closes it, and after a reload the workbench may still be restoring
   * it: so check what the side bar shows, click only when it is not the Workshop, and re-check.
   */
  async openWorkshopContainer({ timeout = 20_000 } = {}) {
    const item = this.workshopActivityItem();
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    const title = this.page.locator('.part.sidebar .composite.title .title-label', { hasText: /workshop/i });
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await title.isVisible().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`the Workshop container did not open within ${timeout}ms`);
      await item.click();
      await title.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => {});
    }
  }

  /**
   * Shows the Cluster view (in its own container in the panel, beside the Terminal) and returns
   * its pane. `maximize` gives the panel the editor's height too, so long trees stay rendered.
   */
  async openClusterView({ maximize = false } = {}) {
    await this.runCommand('Focus on Cluster View', { exact: false });
    const pane = this.page.locator('.part.panel .pane', { has: this.page.locator('.monaco-list, .welcome-view') }).first();
    await pane.waitFor({ state: 'visible', timeout: 15_000 });
    if (maximize) await this.togglePanelMaximized();
    return pane;
  }

  /** "View: Toggle Maximized Panel": the panel takes the editor's height too, or gives it back. */
  async togglePanelMaximized() {
    await this.runCommand('View: Toggle Maximized Panel');
  }

  /**
   * Results of the Setup Check view (shown by "Workshop: Check My Setup") once `count` rows are
   * there: `{ [title]: 'OK' | 'Warning' | 'Problem' | 'Skipped' }`, read from each row's aria-label.
   */
  async setupCheckResults({ count = 9, timeout = 30_000, maximize = false } = {}) {
    const rows = this.page.locator('.part.panel .pane', { has: this.page.locator('.pane-header', { hasText: /setup check/i }) }).locator('.monaco-list-row[aria-level="1"]');
    // Lists render only the rows in sight: with fixes expanded, a maximized panel shows them all.
    // The results come all at once, so the first row means the check (and its focus change) is over.
    if (maximize) {
      await rows.first().waitFor({ state: 'visible', timeout });
      await this.togglePanelMaximized();
    }
    return waitFor(
      async () => {
        const labels = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
        if (labels.length < count) return null;
        return Object.fromEntries(labels.map((l) => /^(.*?): (OK|Warning|Problem|Skipped)\./.exec(l)).filter(Boolean).map((m) => [m[1], m[2]]));
      },
      { timeout, interval: 250, message: `${count} rows in the Setup Check view` },
    ).finally(() => maximize && this.togglePanelMaximized());
  }

  /** Whether the walkthrough step (its id in package.json) shows as done. */
  async walkthroughStepDone(stepId) {
    const step = this.page.locator(`button.getting-started-step[data-step-id$="${stepId}"]`).first();
    return (await step.getAttribute('aria-checked', { timeout: 5_000 }).catch(() => null)) === 'true';
  }

  /** The pane (header + body) of a view, by its title as shown. */
  paneByTitle(title) {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: title }) }).first();
  }

  /**
   * Finds the webview frame showing the Workshop course (view `workshop.slides`): the inner
   * `#active-frame` of an outer `iframe.webview` that contains `selector` (#toc or #slide).
   */
  async webviewFrame({ selector = '#toc, #slide', timeout = 30_000 } = {}) {
    return waitFor(
      async () => {
        for (const frame of this.page.frames()) {
          const el = await frame.frameElement().catch(() => null);
          if (!el) continue;
          const id = await el.getAttribute('id').catch(() => null);
          if (id !== 'active-frame') continue;
          if (await frame.locator(selector).count().catch(() => 0)) return frame;
        }
        return null;
      },
      { timeout, interval: 250, message: `the Workshop webview (${selector})` },
    );
  }

  /** Opens the Workshop container and returns the course webview frame. */
  async openCourse(options) {
    await this.openWorkshopContainer();
    return this.webviewFrame(options);
  }

  // --- Editor & terminal ----------------------------------------------------------------------

  /** Text of the active editor (as rendered by Monaco: visible lines). */
  async editorText() {
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await lines.first().waitFor({ state: 'visible', timeout: 10_000 });
    return (await lines.first().innerText()).replace(/\u00a0/g, ' ');
  }

  /** Language of the active editor, as the status bar shows it (e.g. "YAML"). */
  async editorLanguage() {
    return (await this.page.locator('#status\\.editor\\.mode').innerText().catch(() => '')).trim();
  }

  /** Visible text of the active terminal (DOM renderer: gpuAcceleration is off). */
  async terminalText() {
    const rows = this.page.locator('.terminal-wrapper.active .xterm-rows, .terminal .xterm-rows');
    if (!(await rows.count())) return '';
    const all = await rows.allInnerTexts();
    return all.join('\n').replace(/\u00a0/g, ' ');
  }

  /** Names of the terminals shown in the panel's tabs (or the single terminal's title). */
  async terminalNames() {
    // One terminal: the panel's toolbar shows it as `.single-terminal-tab`; more: a tab list.
    const texts = await this.page
      .locator('.single-terminal-tab, .terminal-tabs-entry .monaco-icon-label, .terminal-tabs-entry')
      .allTextContents()
      .catch(() => []);
    return [...new Set(texts.map((t) => t.trim()).filter(Boolean))];
  }

  async waitForTerminalText(pattern, { timeout = 15_000 } = {}) {
    const re = typeof pattern === 'string' ? new RegExp(escapeRegExp(pattern)) : pattern;
    return waitFor(async () => re.test(await this.terminalText()), { timeout, message: `terminal text ${re}` });
  }

  /** Expands the pane of a view (by title) if it is collapsed; returns the pane. */
  async expandPane(title) {
    const pane = this.paneByTitle(title);
    await pane.waitFor({ state: 'visible', timeout: 15_000 });
    const header = pane.locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return pane;
  }

  /** Labels (the `.label-name` text) of the rows of a tree view shown in `pane`. */
  async treeLabels(pane) {
    return pane.locator('.monaco-list-row').evaluateAll((rows) =>
      rows.map((r) => (r.querySelector('.label-name')?.textContent ?? r.getAttribute('aria-label') ?? '').trim()),
    );
  }

  /** The row of a tree whose label matches `label` (string: exact; RegExp). */
  treeRow(pane, label) {
    const re = typeof label === 'string' ? new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) : label;
    return pane.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: re }) }).first();
  }

  /** Expands a collapsed tree row (by label) and returns it. */
  async expandTreeRow(pane, label, { timeout = 15_000 } = {}) {
    const row = this.treeRow(pane, label);
    await row.waitFor({ state: 'visible', timeout });
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
    await waitFor(async () => (await row.getAttribute('aria-expanded')) !== 'false', { timeout: 5_000, message: `tree row ${label} to expand` });
    return row;
  }
}

export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until a file exists (side effects of terminal commands). */
export async function waitForFile(path, { timeout = 15_000 } = {}) {
  return waitFor(() => existsSync(path), { timeout, message: `file ${path}` });
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The skip option for a scenario: false when the e2e environment is ready, else a reason.
 * Use: `const skip = await skipReason(); test('...', { skip, timeout }, async (t) => ...)`.
 */
export async function skipReason(options) {
  const p = await prepare(options);
  return p.skip || false;
}
