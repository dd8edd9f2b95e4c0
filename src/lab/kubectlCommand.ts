// What a course command does to the cluster: the kubectl invocations in it, the kinds and
// names they write, the files they apply, the flags they use.
import { kubectlKind } from './resourceRefs';
import { simpleCommands } from './shellWords';

export { kubectlKind } from './resourceRefs';

export interface KubectlInvocation {
  /** `create`, `apply`, `rollout`... (after the global flags). */
  readonly verb: string;
  /** Positional words after the verb, flags removed. */
  readonly args: readonly string[];
  /** Flags by long name without dashes (`namespace`, `filename`, `dry-run`); repeated flags keep every value. */
  readonly flags: ReadonlyMap<string, readonly string[]>;
  /** Flags as written (`--record`, `--cascade=false`), for deprecation checks. */
  readonly rawFlags: readonly string[];
  readonly namespace?: string;
  readonly allNamespaces: boolean;
  readonly context?: string;
  /** Body of a heredoc fed to it (`apply -f - <<EOF`). */
  readonly stdin?: string;
}

/** Objects of one kind a command writes. */
export interface WriteTarget {
  /** Kind in lower case as kubectl prints it: `deployment`, `service`, `persistentvolumeclaim`. */
  readonly kind: string;
  /** Undefined when the command does not name them (a selector, a shell variable, a file we did not read). */
  readonly names?: readonly string[];
  readonly action: 'create' | 'change' | 'delete';
}

export interface CommandWrites {
  readonly targets: readonly WriteTarget[];
  /** Files given with `-f` (not `-` nor URLs): their kinds are only known once they are read. */
  readonly files: readonly string[];
  /** YAML given on standard input (heredoc). */
  readonly stdin?: string;
  readonly namespace?: string;
  readonly allNamespaces: boolean;
  readonly context?: string;
}

const SHORT_FLAGS: Record<string, string> = {
  n: 'namespace', l: 'selector', f: 'filename', o: 'output', c: 'container', p: 'patch', L: 'label-columns', k: 'kustomize', A: 'all-namespaces', i: 'stdin', t: 'tty', w: 'watch', R: 'recursive',
};
/** Long flags that take the next word as their value when written without `=`. */
const VALUE_FLAGS = new Set([
  'namespace', 'selector', 'filename', 'output', 'container', 'patch', 'label-columns', 'kustomize', 'context', 'cluster', 'user', 'kubeconfig',
  'image', 'replicas', 'port', 'name', 'type', 'timeout', 'for', 'field-selector', 'sort-by', 'tail', 'since', 'revision', 'target-port',
  'from-literal', 'from-file', 'clusterrole', 'role', 'serviceaccount', 'verb', 'resource', 'rule', 'class', 'min', 'max', 'cpu-percent',
  'requests', 'limits', 'labels', 'restart', 'schedule', 'duration', 'as', 'tcp', 'clusterip', 'env', 'overrides', 'protocol', 'subresource',
]);
const BOOLEAN_SHORT = new Set(['A', 'i', 't', 'w', 'R']);

/** Every kubectl invocation in a (prepared) shell command, including those in `$(...)` and loops. */
export function kubectlInvocations(command: string): KubectlInvocation[] {
  const out: KubectlInvocation[] = [];
  for (const simple of simpleCommands(command)) {
    const words = simple.words;
    const at = words.findIndex((w) => w === 'kubectl' || w.endsWith('/kubectl'));
    // `watch kubectl ...`, `sudo kubectl ...`, `until kubectl ...`: the kubectl part counts.
    if (at < 0 || at > 1) continue;
    const parsed = parseInvocation(words.slice(at + 1), simple.heredoc);
    if (parsed) out.push(parsed);
  }
  return out;
}

function parseInvocation(words: readonly string[], stdin: string | undefined): KubectlInvocation | undefined {
  const flags = new Map<string, string[]>();
  const rawFlags: string[] = [];
  const positional: string[] = [];
  const add = (name: string, value: string) => flags.set(name, [...(flags.get(name) ?? []), value]);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--') break; // the rest is the container's command
    if (word.startsWith('--') && word.length > 2) {
      rawFlags.push(word);
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0) add(name, word.slice(eq + 1));
      else if (VALUE_FLAGS.has(name) && i + 1 < words.length) add(name, words[++i]);
      else add(name, 'true');
    } else if (/^-[A-Za-z]/.test(word)) {
      rawFlags.push(word);
      const letter = word[1];
      const name = SHORT_FLAGS[letter] ?? letter;
      if (word.length > 2 && word[2] === '=') add(name, word.slice(3));
      else if (BOOLEAN_SHORT.has(letter) || !SHORT_FLAGS[letter]) {
        for (const extra of word.slice(1)) add(SHORT_FLAGS[extra] ?? extra, 'true');
      } else if (word.length > 2) add(name, word.slice(2));
      else if (i + 1 < words.length) add(name, words[++i]);
    } else positional.push(word);
  }
  if (positional.length === 0) return undefined;
  const last = (name: string) => flags.get(name)?.at(-1);
  return {
    verb: positional[0],
    args: positional.slice(1),
    flags,
    rawFlags,
    namespace: last('namespace'),
    allNamespaces: last('all-namespaces') === 'true',
    context: last('context'),
    stdin,
  };
}

// ---- kinds ----

/** `KIND NAME...` or `KIND/NAME ...` or `KIND1,KIND2` as kubectl reads its resource arguments. */
export function resourceArgs(args: readonly string[]): { kind: string; names: string[] }[] {
  const out: { kind: string; names: string[] }[] = [];
  const first = args[0];
  if (first === undefined) return out;
  if (first.includes('/')) {
    for (const arg of args) {
      const slash = arg.indexOf('/');
      const kind = slash > 0 ? kubectlKind(arg.slice(0, slash)) : undefined;
      if (!kind) continue;
      const entry = out.find((e) => e.kind === kind) ?? (out[out.length] = { kind, names: [] });
      entry.names.push(arg.slice(slash + 1));
    }
    return out;
  }
  for (const kindWord of first.split(',')) {
    const kind = kubectlKind(kindWord);
    // `label pod NAME key=value`, `set image deployment NAME c=image`: words with `=` are not names.
    if (kind) out.push({ kind, names: args.slice(1).filter((name) => !name.includes('=') && !name.endsWith('-')) });
  }
  return out;
}

const CREATE_KINDS = new Map<string, string>(Object.entries({
  deployment: 'deployment', deploy: 'deployment', service: 'service', svc: 'service', configmap: 'configmap', cm: 'configmap', secret: 'secret',
  namespace: 'namespace', ns: 'namespace', serviceaccount: 'serviceaccount', sa: 'serviceaccount', role: 'role', rolebinding: 'rolebinding',
  clusterrole: 'clusterrole', clusterrolebinding: 'clusterrolebinding', job: 'job', cronjob: 'cronjob', cj: 'cronjob', ingress: 'ingress', ing: 'ingress',
  quota: 'resourcequota', resourcequota: 'resourcequota', poddisruptionbudget: 'poddisruptionbudget', pdb: 'poddisruptionbudget',
}));
/** `create service clusterip NAME`, `create secret generic NAME`: a type word comes before the name. */
const CREATE_SUBTYPES = new Set(['service', 'svc', 'secret']);
const CHANGE_VERBS = new Set(['scale', 'label', 'annotate', 'patch', 'edit', 'autoscale', 'taint', 'cordon', 'uncordon', 'drain']);

/** What one invocation writes; empty when it only reads (or is a dry run). */
export function writesOf(invocation: KubectlInvocation): CommandWrites {
  const base = { namespace: invocation.namespace, allNamespaces: invocation.allNamespaces, context: invocation.context };
  const none: CommandWrites = { ...base, targets: [], files: [] };
  const dryRun = invocation.flags.get('dry-run')?.at(-1);
  if (dryRun && dryRun !== 'none' && dryRun !== 'false') return none;
  const { verb, args } = invocation;
  const fileArgs = invocation.flags.get('filename') ?? [];
  const files = fileArgs.filter((f) => f !== '-' && !/^https?:\/\//.test(f));
  const stdin = fileArgs.includes('-') ? invocation.stdin : undefined;
  const named = (action: WriteTarget['action'], list = resourceArgs(args)): CommandWrites => ({
    ...base,
    targets: list.map(({ kind, names }) => ({ kind, names: names.length && !invocation.flags.has('selector') && !names.some(isVariable) ? names : undefined, action })),
    files,
    stdin,
  });
  switch (verb) {
    case 'apply':
    case 'replace':
    case 'create': {
      if (fileArgs.length || invocation.flags.has('kustomize')) return { ...base, targets: [], files, stdin };
      if (verb !== 'create') return none;
      const kind = CREATE_KINDS.get(args[0] ?? '');
      if (!kind) return none;
      const name = CREATE_SUBTYPES.has(args[0]) ? args[2] : args[1];
      return { ...base, targets: [{ kind, names: name && !isVariable(name) ? [name] : undefined, action: 'create' }], files: [] };
    }
    case 'run':
      return { ...base, targets: [{ kind: 'pod', names: args[0] && !isVariable(args[0]) ? [args[0]] : undefined, action: 'create' }], files: [] };
    case 'expose': {
      const source = resourceArgs(args)[0];
      const name = invocation.flags.get('name')?.at(-1) ?? source?.names[0];
      return { ...base, targets: [{ kind: 'service', names: name && !isVariable(name) ? [name] : undefined, action: 'create' }], files: [] };
    }
    case 'delete':
      if (fileArgs.length) return { ...base, targets: [], files, stdin };
      return named('delete');
    case 'set':
      return named('change', resourceArgs(args.slice(1)));
    case 'rollout':
      return ['restart', 'undo', 'pause', 'resume'].includes(args[0] ?? '') ? named('change', resourceArgs(args.slice(1))) : none;
    default:
      if (CHANGE_VERBS.has(verb)) return verb === 'autoscale' ? autoscaled(invocation, base) : named('change');
      return none;
  }
}

function autoscaled(invocation: KubectlInvocation, base: Pick<CommandWrites, 'namespace' | 'allNamespaces' | 'context'>): CommandWrites {
  const source = resourceArgs(invocation.args)[0];
  const name = invocation.flags.get('name')?.at(-1) ?? source?.names[0];
  return { ...base, targets: [{ kind: 'horizontalpodautoscaler', names: name ? [name] : undefined, action: 'create' }], files: [] };
}

function isVariable(word: string): boolean {
  return word.includes('$');
}
