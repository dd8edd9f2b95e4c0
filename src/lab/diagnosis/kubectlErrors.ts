// kubectl's own errors, read from the step's output: the API refused the request, or kubectl
// could not reach it. Only a step that failed is read, and only its error lines.
import { ALL_KINDS } from '../../cluster/resources';
import { clip } from './read';
import type { Diagnosis, StepEvidence } from './types';

/** `deployments.apps` (as the API names it in messages) -> `deployment`, as kubectl prints kinds. */
function kindOf(plural: string): string {
  const [name = '', ...group] = plural.split('.');
  const found = ALL_KINDS.find((k) => k.plural === name && k.group === group.join('.'));
  return found ? found.kind.toLowerCase() : name.replace(/s$/, '');
}

interface Rule {
  readonly test: RegExp;
  readonly diagnose: (match: RegExpExecArray, line: string, evidence: StepEvidence) => Diagnosis;
}

const RULES: readonly Rule[] = [
  {
    test: /(?:\(AlreadyExists\).*?|failed to create \w+: )([\w.-]+) "([^"]+)" already exists/,
    diagnose: ([, plural = '', name = ''], line, evidence) => {
      const resource = `${kindOf(plural)}/${name}`;
      const ours = evidence.createdByCourse(resource, evidence.namespace);
      return {
        reason: 'AlreadyExists',
        cause: `${resource} is already there, most likely from an earlier run of this step, so kubectl create refused to make it again.`,
        evidence: [{ object: resource, text: clip(line) }],
        next: ours
          ? 'Go on with the next step if it is the same object, or delete it and run the step again.'
          : 'Go on with the next step if it is the one you want; this course did not create it in this session, so it is not offered for deletion.',
        fixes: ours ? [{ label: `Delete ${resource} and run the step again`, args: ['delete', resource, '--wait=true'], then: 'rerun' }] : [],
        terms: ['AlreadyExists', 'already exists', 'kubectl apply', kindOf(plural)],
      };
    },
  },
  {
    test: /\(NotFound\).*?([\w.-]+) "([^"]+)" not found/,
    diagnose: ([, plural = '', name = ''], line, evidence) => {
      const resource = `${kindOf(plural)}/${name}`;
      const step = evidence.stepCreating(resource);
      return {
        reason: 'NotFound',
        cause: `${resource} does not exist in namespace ${evidence.namespace ?? 'default'}${step ? ': the step that creates it was probably skipped' : ''}.`,
        evidence: [{ object: resource, text: clip(line) }],
        next: step ? `Run the step that creates it first: ${step}.` : 'Check the name and the namespace (kubectl get shows what is there).',
        fixes: [],
        terms: ['NotFound', 'not found', kindOf(plural)],
      };
    },
  },
  {
    test: /exceeded quota: ([\w.-]+)/,
    diagnose: ([, quota = ''], line) => ({
      reason: 'QuotaExceeded',
      cause: `The ResourceQuota "${quota}" of the namespace does not leave room for what the step asked.`,
      evidence: [{ object: `resourcequota/${quota}`, text: clip(line) }],
      next: 'Lower the requests or limits of the object, delete something else in the namespace, or raise the quota.',
      fixes: [{ label: `Describe resourcequota/${quota}`, args: ['describe', `resourcequota/${quota}`], then: 'terminal' }],
      terms: ['ResourceQuota', 'exceeded quota', 'quota'],
    }),
  },
  {
    test: /(maximum|minimum) (cpu|memory) usage per (Container|Pod)|LimitRange|must specify limits/,
    diagnose: (_m, line) => ({
      reason: 'LimitRange',
      cause: 'A LimitRange of the namespace refuses the requests or limits of a container.',
      evidence: [{ object: 'kubectl', text: clip(line) }],
      next: 'Set requests and limits between the minimum and maximum that kubectl describe limitrange shows.',
      fixes: [{ label: 'Describe the LimitRanges', args: ['describe', 'limitrange'], then: 'terminal' }],
      terms: ['LimitRange', 'limits', 'requests'],
    }),
  },
  {
    test: /admission webhook "([^"]+)" denied the request|violates PodSecurity "([^"]+)/,
    diagnose: ([, webhook, level], line) => ({
      reason: 'AdmissionDenied',
      cause: webhook ? `The admission webhook "${webhook}" refused the object.` : `The namespace enforces the Pod Security level "${level}", which the pod does not meet.`,
      evidence: [{ object: 'kubectl', text: clip(line) }],
      next: 'Read what the policy asks for in the message, and change the object to comply.',
      fixes: [],
      terms: ['admission', 'PodSecurity', 'policy'],
    }),
  },
  {
    test: /\(Forbidden\).*?User "([^"]+)" cannot (\w+) resource "([^"]+)"/,
    diagnose: ([, user = '', verb = '', resource = ''], line) => ({
      reason: 'Forbidden',
      cause: `RBAC does not allow ${user} to ${verb} ${resource} here.`,
      evidence: [{ object: 'kubectl', text: clip(line) }],
      next: `Check who you are (kubectl auth whoami) and what you may do (kubectl auth can-i ${verb} ${resource}); a Role and RoleBinding grant it.`,
      fixes: [{ label: `Can I ${verb} ${resource}?`, args: ['auth', 'can-i', verb, resource], then: 'terminal' }],
      terms: ['RBAC', 'Forbidden', 'RoleBinding', 'can-i'],
    }),
  },
  {
    test: /the server doesn't have a resource type "([^"]+)"|no matches for kind "([^"]+)" in version "([^"]+)"|could not find the requested resource/,
    diagnose: ([, type, kind, version], line) => ({
      reason: 'ApiNotServed',
      cause: kind
        ? `The cluster does not serve ${kind} in ${version}: the API version is gone, or what adds it (a CRD, an add-on) is not installed.`
        : `The cluster knows no resource type "${type ?? '?'}": it is misspelled, or what adds it is not installed.`,
      evidence: [{ object: 'kubectl', text: clip(line) }],
      next: 'Check kubectl api-resources for the name and version; install the add-on the chapter needs first.',
      fixes: [{ label: 'List the API resources', args: ['api-resources'], then: 'terminal' }],
      terms: ['api-resources', 'CustomResourceDefinition', kind ?? type ?? 'API'],
    }),
  },
  {
    test: /current-context is not set|no configuration has been provided|context "[^"]*" does not exist|context was not found/,
    diagnose: (_m, line) => ({
      reason: 'NoContext',
      cause: 'kubectl has no cluster to talk to: the kubeconfig has no current context.',
      evidence: [{ object: 'kubectl', text: clip(line) }],
      next: 'Pick a context (kubectl config get-contexts, then kubectl config use-context NAME), or set KUBECONFIG.',
      fixes: [{ label: 'List the contexts', args: ['config', 'get-contexts'], then: 'terminal' }],
      terms: ['kubeconfig', 'context', 'use-context'],
    }),
  },
  {
    test: /connection to the server .* was refused|Unable to connect to the server|dial tcp .*: connect: connection refused/,
    diagnose: (_m, line) => ({
      reason: 'ConnectionRefused',
      cause: 'kubectl could not reach the API server of the current context: the cluster is stopped, or the context points elsewhere.',
      evidence: [{ object: 'kubectl', text: clip(line) }],
      next: 'Start the cluster (or check that it runs), and that kubectl config current-context is the one you mean.',
      fixes: [{ label: 'Show the cluster\'s address', args: ['cluster-info'], then: 'terminal' }],
      terms: ['connection refused', 'cluster-info', 'kubeconfig'],
    }),
  },
];

/** Only the output's error lines are read; the first rule that matches one wins. */
export function kubectlErrors(evidence: StepEvidence): Diagnosis[] {
  if (evidence.exitCode === 0 || !evidence.output) return [];
  const lines = evidence.output.split(/\r?\n/).filter((l) => /^(error|Error from server)\b|refused|Unable to connect/.test(l.trim()));
  for (const rule of RULES) {
    for (const line of lines) {
      const match = rule.test.exec(line);
      if (match) return [rule.diagnose(match, line.trim(), evidence)];
    }
  }
  return [];
}
