// Names and command lines typed into terminals: Kubernetes name rules, per-shell quoting, refused context names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { requireKind } from '../../src/cluster/resources';
import { checkContextForTerminal, describeArgs, logsArgs, portForwardArgs, shellArgs, terminalCommandLine } from '../../src/cluster/kubectl';
import { checkDnsLabel, checkDnsSubdomain, checkObjectName, checkPathSegment } from '../../src/cluster/names';
import { commandLineFor, quoteArgument, shellKindOf, UnquotableError, type ShellKind } from '../../src/cluster/shellQuoting';
import { formatResourcePath, parseResourcePath } from '../../src/cluster/resourceAddress';

const pod = requireKind('pod');
const clusterRole = requireKind('clusterrole');
const namespace = requireKind('namespace');

/** Strings a hostile kubeconfig or cluster could produce. */
const HOSTILE = [
  'plain',
  'with space',
  "it's",
  'say "hi"',
  '$(touch /tmp/pwned)',
  '`id`',
  'a;b&&c||d|e>f<g',
  '*?[a]{b,c}~',
  '=ls',
  '!!',
  '\\',
  'ends with backslash\\',
  "x\\'; echo pwned; echo \\'",
  '--kubeconfig=/tmp/evil',
  '#comment',
  'ünïcødé ✓',
  '%PATH%',
  "‘curly’ “double”",
  '',
];

test('the shell is recognised from its path', () => {
  assert.equal(shellKindOf('/bin/bash'), 'posix');
  assert.equal(shellKindOf('/usr/bin/zsh'), 'posix');
  assert.equal(shellKindOf('/opt/homebrew/bin/fish'), 'fish');
  assert.equal(shellKindOf('C:\\Program Files\\PowerShell\\7\\pwsh.exe'), 'pwsh');
  assert.equal(shellKindOf('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'), 'pwsh');
  assert.equal(shellKindOf('C:\\Windows\\System32\\cmd.exe'), 'cmd');
  assert.equal(shellKindOf('/usr/bin/nu'), 'unknown');
  assert.equal(shellKindOf(undefined, 'win32'), 'pwsh');
  assert.equal(shellKindOf(undefined, 'linux'), 'posix');
});

for (const shellPath of ['/usr/bin/bash', '/usr/bin/dash']) {
  test(`POSIX quoting survives ${shellPath} unchanged`, () => {
    for (const value of HOSTILE) {
      const line = `printf '%s\\0' ${quoteArgument(value, 'posix')}`;
      const out = execFileSync(shellPath, ['-c', line], { cwd: '/tmp', encoding: 'utf8' });
      assert.equal(out, `${value}\0`, `${shellPath} changed ${JSON.stringify(value)}`);
    }
  });
}

/** fish: inside single quotes only `\\` and `\'` are escapes; returns the word and what follows it. */
function readFishSingleQuoted(text: string): { word: string; rest: string } {
  assert.equal(text[0], "'");
  let word = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '\\' || text[i + 1] === "'")) word += text[++i];
    else if (c === "'") return { word, rest: text.slice(i + 1) };
    else word += c;
  }
  throw new Error('unterminated');
}

/** PowerShell: any of ' ‘ ’ ‚ ‛ ends a single-quoted string unless another one follows (an escaped quote). */
function readPwshSingleQuoted(text: string): { word: string; rest: string } {
  const quote = /['\u2018-\u201b]/;
  assert.ok(quote.test(text[0]));
  let word = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quote.test(c)) {
      if (i + 1 < text.length && quote.test(text[i + 1])) word += text[++i];
      else return { word, rest: text.slice(i + 1) };
    } else word += c;
  }
  throw new Error('unterminated');
}

test('fish quoting: backslash-quote cannot close the string', () => {
  for (const value of HOSTILE) {
    const quoted = quoteArgument(value, 'fish');
    if (quoted === value) continue;
    assert.deepEqual(readFishSingleQuoted(quoted), { word: value, rest: '' }, JSON.stringify(value));
  }
  // The POSIX rule is not enough for fish: `\'` would end the word early there.
  const posixForm = quoteArgument("x\\'; echo pwned; echo \\'", 'posix');
  assert.notEqual(readFishSingleQuoted(posixForm).rest, '');
});

test('PowerShell quoting: typographic quotes are doubled like ASCII ones; double quotes are refused', () => {
  for (const value of HOSTILE) {
    if (/["\u201c-\u201e]/.test(value) || value === '') {
      assert.throws(() => quoteArgument(value, 'pwsh'), UnquotableError, JSON.stringify(value));
      continue;
    }
    const quoted = quoteArgument(value, 'pwsh');
    if (quoted === value) continue;
    const read = readPwshSingleQuoted(quoted);
    assert.equal(read.rest, '', JSON.stringify(value));
    assert.equal(read.word.length, value.length);
  }
  assert.equal(quoteArgument('a’b', 'pwsh'), "'a’’b'");
  // Words PowerShell would read as its own parameters are quoted: `--` and options with dots or colons.
  assert.equal(quoteArgument('--', 'pwsh'), "'--'");
  assert.equal(quoteArgument('--context=kind.local', 'pwsh'), "'--context=kind.local'");
  assert.equal(quoteArgument('--tail=200', 'pwsh'), '--tail=200');
  assert.equal(quoteArgument('-n', 'pwsh'), '-n');
  assert.equal(commandLineFor('kubectl', ['get', 'x y'], 'pwsh'), "kubectl get 'x y'");
  assert.equal(commandLineFor('C:\\k 8s\\kubectl.exe', ['get'], 'pwsh'), "& 'C:\\k 8s\\kubectl.exe' get");
});

test('cmd quoting: double quotes, % and ! are refused, trailing backslashes doubled', () => {
  for (const value of ['say "hi"', '%PATH%', '!x!']) assert.throws(() => quoteArgument(value, 'cmd'), UnquotableError);
  assert.equal(quoteArgument('a & calc', 'cmd'), '"a & calc"');
  assert.equal(quoteArgument('dir\\', 'cmd'), '"dir\\\\"');
  assert.equal(quoteArgument('--tail=200', 'cmd'), '--tail=200');
});

test('control characters are refused for every shell, and unknown shells take plain words only', () => {
  const shells: ShellKind[] = ['posix', 'fish', 'pwsh', 'cmd', 'unknown'];
  for (const shell of shells) {
    for (const value of ['a\u0015b', 'a\nb', 'a\rb', 'a\u001b[2Jb', 'a\u007fb', 'a\u009bb', 'a\u202eb']) {
      assert.throws(() => quoteArgument(value, shell), UnquotableError, `${shell} ${JSON.stringify(value)}`);
    }
  }
  assert.equal(quoteArgument('pods/web-1', 'unknown'), 'pods/web-1');
  assert.throws(() => quoteArgument('a b', 'unknown'), UnquotableError);
});

test('a context name with a control character or a quote of the shell is refused before anything is typed', () => {
  const ref = { resource: pod, name: 'web', namespace: 'default' };
  // Ctrl-U erases what readline has so far, then the rest of the line runs as a command.
  const ctrlU = 'x\u0015touch /tmp/pwned #';
  for (const shell of ['posix', 'fish', 'pwsh', 'cmd'] as ShellKind[]) {
    assert.match(checkContextForTerminal(ctrlU, shell) ?? '', /control characters or quotes/);
    assert.throws(() => terminalCommandLine(ctrlU, logsArgs(ctrlU, ref), shell), /rename-context/);
  }
  assert.ok(checkContextForTerminal("prod\\'; rm -rf ~; echo \\'", 'fish'));
  assert.ok(checkContextForTerminal('prod’; calc; ’', 'pwsh'));
  assert.ok(checkContextForTerminal('prod" & calc & "', 'cmd'));
  assert.ok(checkContextForTerminal('prod`id`', 'posix'));
  // Ordinary context names (kind, EKS, GKE, with spaces) still work.
  assert.equal(checkContextForTerminal('arn:aws:eks:eu-west-1:123456789012:cluster/lab', 'posix'), undefined);
  assert.equal(terminalCommandLine('gke_proj_zone_c1', shellArgs('gke_proj_zone_c1', ref), 'pwsh'), "kubectl '--context=gke_proj_zone_c1' -n default exec -it pods/web '--' sh");
  assert.equal(terminalCommandLine('my lab', logsArgs('my lab', ref), 'fish'), "kubectl '--context=my lab' -n default logs -f --tail=200 pods/web");
});

test('object, namespace and container names follow Kubernetes rules before they reach a command line', () => {
  assert.equal(checkDnsLabel('web-1'), undefined);
  assert.ok(checkDnsLabel('Web'));
  assert.ok(checkDnsLabel('-web'));
  assert.ok(checkDnsLabel('a'.repeat(64)));
  assert.equal(checkDnsSubdomain('web.v1-2'), undefined);
  assert.ok(checkDnsSubdomain('web..x'));
  assert.equal(checkPathSegment('system:controller:x'), undefined);
  assert.ok(checkPathSegment('..'));
  assert.ok(checkPathSegment('a/b'));
  assert.equal(checkObjectName(clusterRole, 'system:aggregate-to-admin'), undefined);
  assert.ok(checkObjectName(namespace, 'kube.system'));
  const bad = { resource: pod, name: 'web; touch /tmp/pwned', namespace: 'default' };
  assert.throws(() => logsArgs('c', bad), /not a valid Pod name/);
  assert.throws(() => shellArgs('c', { resource: pod, name: 'web', namespace: 'a b' }), /not a valid namespace/);
  assert.throws(() => logsArgs('c', { resource: pod, name: 'web', namespace: 'default' }, '$(id)'), /not a valid container name/);
  assert.throws(() => portForwardArgs('c', { resource: pod, name: '--address=0.0.0.0', namespace: 'default' }, ['80']), /not a valid/);
});

test('describe passes the name after `--`, and refuses names that are options', () => {
  assert.deepEqual(describeArgs('-ctx', { resource: pod, name: 'web', namespace: 'default' }), [
    '--context=-ctx',
    '-n',
    'default',
    'describe',
    'pods',
    '--',
    'web',
  ]);
  assert.throws(() => describeArgs('c', { resource: pod, name: '--kubeconfig=/tmp/evil', namespace: 'default' }), /not a valid/);
});

test('workshop-k8s: describe addresses are validated', () => {
  const ref = { resource: pod, name: 'web-1', namespace: 'shop' };
  const path = formatResourcePath('describe', 'my ctx', ref);
  assert.deepEqual(parseResourcePath(path), { mode: 'describe', context: 'my ctx', ref });
  assert.match(parseResourcePath('/describe/c/pod/default/--raw=%2Fetc%2Fpasswd.txt') as string, /not a valid Pod name/);
  assert.match(parseResourcePath('/describe/c/pod/-n/web.txt') as string, /not a valid namespace/);
  assert.match(parseResourcePath('/describe/c%0A/pod/default/web.txt') as string, /control characters/);
  assert.match(parseResourcePath('/describe/c/pod/default/%E0%A4%A.txt') as string, /Not a Kubernetes object address/);
  assert.match(parseResourcePath('/describe/c/pod/default/web/extra.txt') as string, /Not a Kubernetes object address/);
  assert.match(parseResourcePath('/run/c/pod/default/web.txt') as string, /Not a Kubernetes object address/);
});
