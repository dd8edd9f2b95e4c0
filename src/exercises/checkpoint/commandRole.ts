// What one course command means for "Start This Chapter": does it change the cluster or the
// learner's files or shell (keep it), only look or wait (leave it out), or need the learner
// (an editor, a session, a value to fill in)? And for a change, how to tell it already holds.
import { commandKind, programUse } from '../commandKinds';
import { kubectlInvocations, resourceArgs, writesOf, type KubectlInvocation } from '../../lab/kubectlCommand';
import { simpleCommands, type SimpleCommand } from '../../lab/shellWords';

/** How to tell, before running a change again, that the cluster already holds it. */
export type HoldCheck =
  /** create / run / expose: the object exists (a create that says AlreadyExists counts as done). */
  | { kind: 'exists'; resource: string; name: string; namespace?: string }
  /** scale: the object exists with this many replicas. */
  | { kind: 'replicas'; resource: string; name: string; namespace?: string; count: number }
  /** delete: the object is gone (a delete that says NotFound counts as done). */
  | { kind: 'absent'; resource: string; name: string; namespace?: string }
  /** git clone: the directory is there. */
  | { kind: 'path'; path: string };

export type CommandRole =
  /** Changes the cluster or the learner's files: replayed unless it already holds. */
  | { role: 'change'; holds: HoldCheck[]; why: string }
  /** Changes the shell the next commands run in (`cd`, `export`): always replayed. */
  | { role: 'shell'; why: string }
  /** Only looks or waits: left out. */
  | { role: 'look'; why: string }
  /** Cannot run unattended: the plan says so and offers to skip it or stop there. */
  | { role: 'manual'; why: string };

/** Parts a learner fills in: `3xxxx`, `<ip>`, `A.B.C.D`, `X.X.X.X`. */
const PLACEHOLDER = /\b\d?x{3,}\b|<[A-Za-z][\w -]*>|\bA\.B\.C\.D\b|\bX\.X\.X\.X\b|=\.\.\.(?=\s|$)/;

/** kubectl verbs that only read or wait. */
const LOOK_VERBS = new Set([
  'get', 'describe', 'logs', 'top', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'events', 'wait', 'diff',
  'auth', 'port-forward', 'proxy', 'exec', 'attach', 'cp', 'debug', 'completion', 'plugin', 'options', 'kustomize',
]);
/** kubectl config sub-commands that change what later commands talk to. */
const CONFIG_WRITES = new Set(['set-context', 'use-context', 'set-cluster', 'set-credentials', 'set', 'unset', 'rename-context', 'delete-context']);

const HELM_CHANGES = new Set(['install', 'upgrade', 'uninstall', 'delete', 'rollback']);
const HELM_LOCAL_CHANGES = new Set(['repo', 'dependency', 'dep', 'plugin', 'pull', 'fetch', 'create', 'package']);
/** Programs whose only effect is on files of the learner's. */
const FILE_WRITERS = new Set(['mkdir', 'cp', 'mv', 'rm', 'touch', 'ln', 'chmod', 'tar', 'unzip', 'wget', 'ssh-keygen', 'openssl', 'cfssl', 'cfssljson', 'base64', 'install']);
/** Programs of the shell itself: they change the state later commands run in. */
const SHELL_STATE = new Set(['cd', 'pushd', 'popd', 'export', 'unset', 'source', '.', 'alias', 'complete', 'kubens', 'kubectx', 'kns', 'kctx']);
/** Commands about the shell's background jobs, which the plan never starts (watches and proxies are left out). */
const JOB_CONTROL = new Set(['kill', 'jobs', 'fg', 'bg', 'wait', 'disown']);
const LOOKERS = new Set([
  'echo', 'printf', 'cat', 'less', 'more', 'head', 'tail', 'grep', 'egrep', 'ls', 'pwd', 'curl', 'http', 'httping', 'ping', 'sleep', 'watch', 'true', 'false',
  'wc', 'sort', 'uniq', 'jq', 'yq', 'find', 'tree', 'which', 'type', 'env', 'date', 'hostname', 'whoami', 'id', 'uname', 'dig', 'nslookup', 'host', 'ab', 'hey',
  'stern', 'kubectx', 'nc', 'telnet', 'ps', 'top', 'htop', 'free', 'df', 'du', 'history', 'clear', 'man', 'diff', 'column', 'cut', 'awk', 'tr', 'xargs', 'seq',
]);

/** The role of one command of a `bash` step, as prepareBash cut it. */
export function commandRole(command: string): CommandRole {
  const kind = commandKind(command);
  if (kind === 'watch') return { role: 'look', why: 'a watch: it only shows' };
  if (kind === 'shell') return { role: 'look', why: 'an interactive session' };
  if (kind === 'program') {
    return programUse(command) === 'edit'
      ? { role: 'manual', why: 'an editor the learner fills in' }
      : { role: 'look', why: 'a program the learner reads or uses' };
  }
  const invocations = kubectlInvocations(command);
  const roles = simpleCommands(command).map((simple) => simpleRole(simple, invocations));
  const changes = roles.filter((r): r is CommandRole & { role: 'change' } => r.role === 'change');
  const manual = roles.find((r) => r.role === 'manual');
  if (manual) return manual;
  if (changes.length) {
    if (PLACEHOLDER.test(command)) return { role: 'manual', why: 'it holds a value for the learner to fill in' };
    return { role: 'change', holds: changes.flatMap((c) => c.holds), why: changes.map((c) => c.why).join('; ') };
  }
  const shell = roles.find((r) => r.role === 'shell');
  if (shell) return PLACEHOLDER.test(command) ? { role: 'manual', why: 'it holds a value for the learner to fill in' } : shell;
  return roles.find((r) => r.role === 'look') ?? { role: 'look', why: 'nothing to run' };
}

/** `invocations`: the command's kubectl invocations not yet matched, in order (one per kubectl simple command). */
function simpleRole(simple: SimpleCommand, invocations: KubectlInvocation[]): CommandRole {
  const kubectlAt = simple.words.findIndex((w) => w === 'kubectl' || w.endsWith('/kubectl'));
  const words = simple.words[0] === 'sudo' ? simple.words.slice(1) : simple.words;
  const program = (words[0] ?? '').replace(/^.*\//, '');
  if (simple.redirects.some((target) => target !== '/dev/null')) return { role: 'change', holds: [], why: `writes ${simple.redirects.join(', ')}` };
  if (kubectlAt === 0 || kubectlAt === 1) {
    const invocation = invocations.shift();
    if (program === 'watch') return { role: 'look', why: 'a watch: it only shows' };
    return invocation ? kubectlRole(invocation) : { role: 'look', why: 'kubectl alone' };
  }
  if (program === 'helm') {
    const verb = words.find((w, i) => i > 0 && !w.startsWith('-')) ?? '';
    if (HELM_CHANGES.has(verb)) return { role: 'change', holds: [], why: `helm ${verb}` };
    if (HELM_LOCAL_CHANGES.has(verb)) return { role: 'change', holds: [], why: `helm ${verb} (local files)` };
    return { role: 'look', why: `helm ${verb || 'alone'}` };
  }
  if (program === 'git') {
    const verb = words[1] ?? '';
    if (verb === 'clone') {
      const positional = words.slice(2).filter((w) => !w.startsWith('-'));
      const target = positional[1] ?? (positional[0] ?? '').replace(/\/+$/, '').replace(/^.*[/:]/, '').replace(/\.git$/, '');
      return { role: 'change', holds: target ? [{ kind: 'path', path: target }] : [], why: 'git clone' };
    }
    if (['log', 'show', 'diff', 'status', 'blame', 'branch', 'remote'].includes(verb)) return { role: 'look', why: `git ${verb}` };
    return { role: 'change', holds: [], why: `git ${verb}` };
  }
  if (program === 'docker' || program === 'docker-compose') {
    const verb = words.find((w, i) => i > 0 && !w.startsWith('-')) ?? '';
    if (['build', 'push', 'tag', 'pull', 'compose', 'up', 'create', 'rm', 'rmi', 'run', 'network', 'volume', 'login'].includes(verb)) return { role: 'change', holds: [], why: `${program} ${verb}` };
    return { role: 'look', why: `${program} ${verb}` };
  }
  if (program === 'sed' && words.some((w) => /^-\w*i/.test(w) || w.startsWith('--in-place'))) return { role: 'change', holds: [], why: 'sed -i edits a file' };
  if (program === 'tee') return { role: 'change', holds: [], why: 'tee writes a file' };
  if (JOB_CONTROL.has(program)) return { role: 'look', why: `${program}: background jobs the plan does not start` };
  if (program.startsWith('-')) return { role: 'look', why: 'a line of flags, not a command' };
  if (SHELL_STATE.has(program)) return { role: 'shell', why: `${program} changes the shell later commands run in` };
  if (FILE_WRITERS.has(program)) return { role: 'change', holds: [], why: `${program} changes the learner's files` };
  if (LOOKERS.has(program) || program === '') return { role: 'look', why: `${program || 'nothing'} only looks` };
  // A word we do not know: the plan keeps it, so nothing a later chapter needs is lost.
  return { role: 'change', holds: [], why: `${program}: its effect is not known, so it is kept` };
}

function kubectlRole(invocation: KubectlInvocation): CommandRole {
  const { verb, args } = invocation;
  if (verb === 'config') {
    return CONFIG_WRITES.has(args[0] ?? '') ? { role: 'shell', why: `kubectl config ${args[0]} changes what later commands talk to` } : { role: 'look', why: `kubectl config ${args[0] ?? ''}`.trim() };
  }
  if (verb === 'edit') return { role: 'manual', why: 'kubectl edit: an editor the learner fills in' };
  if (LOOK_VERBS.has(verb)) return { role: 'look', why: `kubectl ${verb} only looks` };
  if (verb === 'rollout' && !['restart', 'undo', 'pause', 'resume'].includes(args[0] ?? '')) return { role: 'look', why: `kubectl rollout ${args[0] ?? ''} only looks`.trim() };
  const writes = writesOf(invocation);
  if (!writes.targets.length && !writes.files.length && writes.stdin === undefined && !invocation.flags.has('kustomize')) {
    if (invocation.flags.get('dry-run')) return { role: 'look', why: 'a dry run' };
    return { role: 'change', holds: [], why: `kubectl ${verb}` };
  }
  return { role: 'change', holds: holdChecks(invocation, writes.targets), why: `kubectl ${verb}` };
}

function holdChecks(invocation: KubectlInvocation, targets: ReturnType<typeof writesOf>['targets']): HoldCheck[] {
  const namespace = invocation.namespace;
  const named = targets.flatMap((t) => (t.names ?? []).map((name) => ({ resource: t.kind, name, namespace, action: t.action })));
  if (invocation.verb === 'scale') {
    const count = Number(invocation.flags.get('replicas')?.at(-1));
    if (!Number.isInteger(count) || invocation.flags.has('current-replicas')) return [];
    return resourceArgs(invocation.args).flatMap(({ kind, names }) => names.map((name) => ({ kind: 'replicas' as const, resource: kind, name, namespace, count })));
  }
  if (invocation.verb === 'create' || invocation.verb === 'run' || invocation.verb === 'expose') {
    return named.filter((t) => t.action === 'create').map(({ resource, name }) => ({ kind: 'exists', resource, name, namespace }));
  }
  if (invocation.verb === 'delete') return named.map(({ resource, name }) => ({ kind: 'absent', resource, name, namespace }));
  return [];
}
