// The prompt hook in real bash and zsh, in a pseudo-terminal: alone, and chained with VS Code's own
// shell integration scripts (started the way VS Code injects them), with the learner's rc files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hookEnvironment, hookShellOf, parseHookReport, zshStartupFiles, type HookReport } from '../../src/exercises/promptHook';
import { canRunPty, hasProgram, PtyShell, until } from './helpers/ptyShell';

const BASH = '/usr/bin/bash';
const ZSH = '/usr/bin/zsh';

/** VS Code's shell integration scripts, from the VS Code the end-to-end tests use. */
function vscodeScripts(): string | undefined {
  const root = path.resolve('.vscode-test');
  const found = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => name.startsWith('code-server-')).sort() : [];
  for (const name of found) {
    const dir = path.join(root, name, 'lib/vscode/out/vs/workbench/contrib/terminal/common/scripts');
    if (fs.existsSync(path.join(dir, 'shellIntegration-bash.sh'))) return dir;
  }
  return undefined;
}

interface Setup {
  home: string;
  statusFile: string;
  zdotdir: string;
  env: Record<string, string>;
  argv: string[];
}

function setUp(shell: 'bash' | 'zsh', withVscode: string | undefined): Setup {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hook-test-'));
  const statusFile = path.join(home, 'status');
  const zdotdir = path.join(home, 'workshop-zdotdir');
  fs.mkdirSync(zdotdir);
  for (const [name, text] of Object.entries(zshStartupFiles())) fs.writeFileSync(path.join(zdotdir, name), text);
  // The learner's own rc: it must still run, and may append its own prompt code.
  fs.writeFileSync(path.join(home, '.bashrc'), 'touch "$HOME/bashrc-ran"\nlearner_fn() { return 5; }\nPS1="learner\\$ "\nPROMPT_COMMAND="${PROMPT_COMMAND:+$PROMPT_COMMAND; }echo -n"\n');
  fs.writeFileSync(path.join(home, '.zshrc'), 'touch "$HOME/zshrc-ran"\nlearner_fn() { return 5; }\nPS1="learner%# "\n');
  const env: Record<string, string> = { HOME: home, ...hookEnvironment(shell, statusFile, zdotdir, undefined) };
  let argv = shell === 'bash' ? [BASH] : [ZSH, '-i'];
  if (withVscode && shell === 'bash') {
    argv = [BASH, '--init-file', path.join(withVscode, 'shellIntegration-bash.sh')];
    Object.assign(env, { VSCODE_INJECTION: '1' });
  } else if (withVscode) {
    // As VS Code does: its own ZDOTDIR, and the one it found as USER_ZDOTDIR.
    const vscodeDir = path.join(home, 'vscode-zsh');
    fs.mkdirSync(vscodeDir);
    const copies = { '.zshrc': 'rc', '.zprofile': 'profile', '.zshenv': 'env', '.zlogin': 'login' };
    for (const [dest, part] of Object.entries(copies)) fs.copyFileSync(path.join(withVscode, `shellIntegration-${part}.zsh`), path.join(vscodeDir, dest));
    Object.assign(env, { VSCODE_INJECTION: '1', USER_ZDOTDIR: env.ZDOTDIR, ZDOTDIR: vscodeDir });
  }
  return { home, statusFile, zdotdir, env, argv };
}

function report(file: string): HookReport | undefined {
  try {
    return parseHookReport(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function nextReport(setup: Setup, shell: PtyShell, line: string, after: number): Promise<HookReport> {
  shell.type(`${line}\r`);
  return until(() => report(setup.statusFile), (r) => r !== undefined && r.seq > after, 5_000, `for the prompt after ${JSON.stringify(line)}`) as Promise<HookReport>;
}

async function exercise(shellName: 'bash' | 'zsh', withVscode: string | undefined): Promise<void> {
  const setup = setUp(shellName, withVscode);
  const shell = new PtyShell(setup.argv, setup.env, setup.home);
  try {
    const first = await until(() => report(setup.statusFile), (r) => r !== undefined, 5_000, 'for the first prompt');
    assert.deepEqual(first, { seq: 1, status: 0 });
    assert.ok(fs.existsSync(path.join(setup.home, `${shellName}rc-ran`)), "the learner's own rc ran");
    let last = await nextReport(setup, shell, 'false', 1);
    assert.deepEqual(last, { seq: 2, status: 1 }, 'a failing command');
    last = await nextReport(setup, shell, '(exit 3)', last.seq);
    assert.deepEqual(last, { seq: 3, status: 3 }, 'a subshell');
    last = await nextReport(setup, shell, 'for i in 1 2; do\r  echo "line $i"\rdone; (exit 4)', last.seq);
    assert.deepEqual(last, { seq: 4, status: 4 }, 'a multi-line command: one prompt, after its last line');
    // A prompt drawn again (Ctrl-C at the prompt, as VS Code's executeCommand may send; an empty line) is no command's end.
    shell.type('\x03');
    shell.type('\r');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(report(setup.statusFile), { seq: 4, status: 4 }, 'Ctrl-C and an empty line at the prompt do not count');
    last = await nextReport(setup, shell, 'learner_fn', last.seq);
    assert.deepEqual(last, { seq: 5, status: 5 }, "a function of the learner's rc");
    // A shell started inside writes nothing to the terminal's file; its exit is a command that ends.
    shell.type(`${shellName}\r`);
    await until(() => shell.output.split('learner').length, (n) => n >= 7, 5_000, 'for the nested prompt');
    shell.type('false\r');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(report(setup.statusFile), { seq: 5, status: 5 }, 'the nested shell does not report');
    last = await nextReport(setup, shell, 'exit 6', last.seq);
    assert.deepEqual(last, { seq: 6, status: 6 });
    if (withVscode) assert.ok(shell.output.includes('\x1b]633;D;6\x07'), "VS Code's own end report is still written");
  } finally {
    await shell.close();
    fs.rmSync(setup.home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

const skipBash = !canRunPty || !hasProgram(BASH) ? 'needs python3 and bash' : false;
const skipZsh = !canRunPty || !hasProgram(ZSH) ? 'needs python3 and zsh' : false;
const scripts = vscodeScripts();

test('prompt hook: which shells take it', () => {
  assert.equal(hookShellOf('/usr/bin/bash', 'linux'), 'bash');
  assert.equal(hookShellOf('/bin/zsh', 'darwin'), 'zsh');
  assert.equal(hookShellOf('/usr/bin/fish', 'linux'), undefined);
  assert.equal(hookShellOf('C:\\Program Files\\Git\\bin\\bash.exe', 'win32'), undefined);
  assert.equal(hookShellOf(undefined, 'linux'), undefined);
});

test('prompt hook: reports are read whole or not at all', () => {
  assert.deepEqual(parseHookReport('12 130\n'), { seq: 12, status: 130 });
  assert.equal(parseHookReport('12 1'), undefined, 'cut short');
  assert.equal(parseHookReport(''), undefined);
  assert.equal(parseHookReport('ready\n'), undefined);
});

test('prompt hook in bash: sequence and status of each command', { skip: skipBash }, () => exercise('bash', undefined));
test('prompt hook in zsh: sequence and status of each command', { skip: skipZsh }, () => exercise('zsh', undefined));
test("prompt hook in bash chained with VS Code's shell integration", { skip: skipBash || (scripts ? false : 'no VS Code scripts in .vscode-test') }, () => exercise('bash', scripts));
test("prompt hook in zsh chained with VS Code's shell integration", { skip: skipZsh || (scripts ? false : 'no VS Code scripts in .vscode-test') }, () => exercise('zsh', scripts));
