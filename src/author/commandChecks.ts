// What is wrong with a `bash` snippet before it ever runs: kubectl flags current kubectl
// deprecates or removed, a mistyped `kubectl` or verb, a line that lost its `\`, an open quote.
import { prepareBash } from '../exercises/prepare';
import { kubectlInvocations, type KubectlInvocation } from '../lab/kubectlCommand';
import { valueDeprecation } from '../lab/readiness';
import { simpleCommands } from '../lab/shellWords';
import type { FindingKind } from './findings';

export interface CommandFinding {
  kind: FindingKind;
  severity: 'error' | 'warning';
  message: string;
  /** 0-based line in the snippet's cleaned text where the command starts. */
  lineOffset: number;
}

const VERBS = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info', 'completion', 'config',
  'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'help',
  'kustomize', 'label', 'logs', 'options', 'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint',
  'top', 'uncordon', 'version', 'wait', 'alpha',
];
/** Programs whose names are close to `kubectl` but are not typos of it. */
const KUBE_TOOLS = new Set(['kubectl', 'kubectx', 'kubens', 'kubeadm', 'kubelet', 'kubecfg', 'kubecolor', 'kubetail', 'kubeseal', 'kubectx', 'kubeval']);

/** Damerau-Levenshtein distance (adjacent swaps count one), enough for typos. */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Flags (and uses) current kubectl removed or deprecates. */
export function flagProblems(invocation: KubectlInvocation, words: readonly string[]): Omit<CommandFinding, 'lineOffset'>[] {
  const out: Omit<CommandFinding, 'lineOffset'>[] = [];
  const verb = invocation.verb;
  const flag = (severity: 'error' | 'warning', message: string) => out.push({ kind: 'flag', severity, message });
  for (const raw of invocation.rawFlags) {
    const name = raw.split('=')[0];
    if (name === '--record') flag('warning', `kubectl ${verb} --record is deprecated and will be removed; the change-cause annotation can be set with kubectl annotate`);
    else if (name === '--export') flag('error', `kubectl ${verb} --export was removed in kubectl 1.18; use kubectl get -o yaml (and drop the status)`);
    else if (name === '--generator') flag('error', `kubectl ${verb} --generator was removed in kubectl 1.21; kubectl run creates pods only, use kubectl create deployment/job/cronjob`);
    else if (verb === 'run' && name === '--replicas') flag('error', 'kubectl run --replicas was removed in kubectl 1.18; use kubectl create deployment --replicas');
    else if (name === '--show-all') flag('error', 'kubectl get --show-all was removed in kubectl 1.14; completed pods are always listed');
    else if (raw === '--dry-run') flag('error', 'a bare --dry-run is refused by current kubectl; use --dry-run=client (or =server)');
    else {
      const report = valueDeprecation(raw);
      if (report) flag('warning', `kubectl ${verb} ${raw} is deprecated. ${report.message}`);
    }
  }
  if (verb === 'rolling-update') flag('error', 'kubectl rolling-update was removed in kubectl 1.18; use a Deployment and kubectl rollout');
  if (verb === 'convert') flag('error', 'kubectl convert was removed from kubectl in 1.20 (it is now the kubectl-convert plugin)');
  if (verb === 'exec' && !words.includes('--') && invocation.args.length > 1) {
    flag('error', 'kubectl exec POD COMMAND was removed; write kubectl exec POD -- COMMAND');
  }
  return out;
}

/** A mistyped `kubectl` (`kubeclt`) or kubectl verb (`kubectl gte`). */
function typoProblems(words: readonly string[]): Omit<CommandFinding, 'lineOffset'>[] {
  const program = words[0] === 'sudo' || words[0] === 'watch' ? words[1] : words[0];
  if (program === undefined) return [];
  if (!KUBE_TOOLS.has(program) && program.length >= 5 && typoDistance(program, 'kubectl') <= 2 && /^k/.test(program)) {
    return [{ kind: 'parse', severity: 'error', message: `${program}: command not found (did you mean kubectl?)` }];
  }
  return [];
}

function verbTypo(invocation: KubectlInvocation): Omit<CommandFinding, 'lineOffset'>[] {
  const verb = invocation.verb;
  if (VERBS.includes(verb) || verb.includes('$') || verb === 'rolling-update' || verb === 'convert') return [];
  const near = VERBS.find((known) => typoDistance(verb, known) <= (known.length > 5 ? 2 : 1));
  return near ? [{ kind: 'parse', severity: 'error', message: `kubectl ${verb}: unknown command (did you mean kubectl ${near}?)` }] : [];
}

/** The quote left open at the end of a command (heredoc bodies and comments skipped). */
function openQuote(command: string): string | undefined {
  let quote: string | undefined;
  const lines = command.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (quote === "'") {
        if (c === "'") quote = undefined;
      } else if (c === '\\') j++;
      else if (quote === '"') {
        if (c === '"') quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '#' && (j === 0 || /\s/.test(line[j - 1]))) break;
    }
    const heredoc = quote === undefined ? /<<-?\s*['"]?(\w+)['"]?/.exec(line) : null;
    if (heredoc) {
      while (i + 1 < lines.length && lines[i + 1].trim() !== heredoc[1]) i++;
      i++;
    }
  }
  return quote;
}

/** The commands of a `bash` snippet with the 0-based line of the cleaned text each starts on. */
export function commandLines(data: string): { command: string; lineOffset: number }[] {
  const prepared = prepareBash(data);
  let offset = 0;
  return prepared.commands.map((command) => {
    const at = prepared.text.indexOf(command, offset);
    if (at >= 0) offset = at + command.length;
    return { command, lineOffset: at >= 0 ? prepared.text.slice(0, at).split('\n').length - 1 : 0 };
  });
}

/** Findings of one `bash`/`hide` snippet's data. */
export function commandFindings(data: string): CommandFinding[] {
  const out: CommandFinding[] = [];
  for (const { command, lineOffset } of commandLines(data)) {
    const add = (found: Omit<CommandFinding, 'lineOffset'>[]) => out.push(...found.map((f) => ({ ...f, lineOffset })));
    if (/^\s*--?[A-Za-z]/.test(command)) {
      add([{ kind: 'parse', severity: 'error', message: `this line starts with a flag (${command.trim().split(/\s+/)[0]}): the line before it probably lost its trailing \\` }]);
    }
    const quote = openQuote(command);
    if (quote) add([{ kind: 'parse', severity: 'error', message: `unclosed ${quote === '"' ? 'double' : 'single'} quote: the shell waits for more input` }]);
    const simples = simpleCommands(command);
    for (const simple of simples) add(typoProblems(simple.words));
    for (const invocation of kubectlInvocations(command)) {
      const words = simples.find((s) => s.words.includes(invocation.verb) && invocation.rawFlags.every((f) => s.words.includes(f)))?.words ?? [];
      add([...flagProblems(invocation, words), ...verbTypo(invocation)]);
    }
  }
  return out;
}
