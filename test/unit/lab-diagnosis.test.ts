// The diagnosis of a failed or unhealthy step, per reason, on recorded API objects, events and kubectl outputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../src/lab/diagnosis/diagnose';
import type { StepEvidence } from '../../src/lab/diagnosis/types';
import * as rec from '../fixtures/diagnosis/recorded';

function evidence(over: Partial<StepEvidence> = {}): StepEvidence {
  return {
    command: 'kubectl create deployment web --image=nginx',
    namespace: 'default',
    unhealthy: [],
    pods: [],
    claims: [],
    events: [],
    logs: {},
    createdByCourse: () => false,
    stepCreating: () => undefined,
    ...over,
  };
}

const failedWith = (output: string, over: Partial<StepEvidence> = {}) => evidence({ exitCode: 1, output: `$ kubectl ...\n${output}\n`, ...over });

const table: { name: string; evidence: StepEvidence; reason: string; cause: RegExp; evidenceText: RegExp; object: string; next: RegExp }[] = [
  {
    name: 'an image with a tag the registry lacks',
    evidence: evidence({ pods: [rec.imagePullPod], events: rec.imagePullEvents }),
    reason: 'ImagePullBackOff', cause: /"nginx:does-not-exist".*no image by that name and tag/, evidenceText: /not found/, object: 'pod/typo-6f7c9d9d5b-x2x8q', next: /spelling of the image name and its tag/,
  },
  {
    name: 'a private image without credentials',
    evidence: evidence({ pods: [rec.imagePullPod], events: rec.privateImageEvents }),
    reason: 'ImagePullBackOff', cause: /without credentials/, evidenceText: /401 Unauthorized/, object: 'pod/typo-6f7c9d9d5b-x2x8q', next: /pull secret/,
  },
  {
    name: 'a container that keeps exiting',
    evidence: evidence({ pods: [rec.crashPod], logs: { 'worker-7d9f8-abcde/worker': ['starting', 'redis: connection refused'] } }),
    reason: 'CrashLoopBackOff', cause: /worker keeps exiting \(exit code 1\)/, evidenceText: /4 restarts/, object: 'pod/worker-7d9f8-abcde', next: /logs of the previous run/,
  },
  {
    name: 'a container over its memory limit',
    evidence: evidence({ pods: [rec.oomPod] }),
    reason: 'OOMKilled', cause: /more memory than its limit/, evidenceText: /OOMKilled \(exit code 137\)/, object: 'pod/hog-5c6d-zzzzz', next: /limits\.memory/,
  },
  {
    name: 'a nodeSelector that matches no node',
    evidence: evidence({ pods: [rec.unschedulablePod], events: rec.schedulingEvents("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.") }),
    reason: 'FailedScheduling', cause: /nodeSelector .*matches no node/, evidenceText: /"disktype":"ssd"/, object: 'pod/pinned-5b8d-q9w8e', next: /--show-labels/,
  },
  {
    name: 'a taint the pod does not tolerate',
    evidence: evidence({ pods: [rec.unschedulablePod], events: rec.schedulingEvents('0/3 nodes are available: 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.') }),
    reason: 'FailedScheduling', cause: /taints/, evidenceText: /untolerated taint/, object: 'pod/pinned-5b8d-q9w8e', next: /toleration/,
  },
  {
    name: 'requests larger than any node',
    evidence: evidence({ pods: [rec.unschedulablePod], events: rec.schedulingEvents('0/2 nodes are available: 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.') }),
    reason: 'FailedScheduling', cause: /enough free CPU or memory/, evidenceText: /Insufficient memory/, object: 'pod/pinned-5b8d-q9w8e', next: /requests/,
  },
  {
    name: 'an unbound claim',
    evidence: evidence({ pods: [rec.unschedulablePod], events: rec.schedulingEvents('0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.') }),
    reason: 'FailedScheduling', cause: /PersistentVolumeClaim .*not bound/, evidenceText: /unbound immediate/, object: 'pod/pinned-5b8d-q9w8e', next: /StorageClass/,
  },
  {
    name: 'a claim without a StorageClass',
    evidence: evidence({ claims: [rec.pendingClaim], events: rec.claimEvents }),
    reason: 'NoStorageClass', cause: /names no StorageClass/, evidenceText: /no storage class is set/, object: 'persistentvolumeclaim/data', next: /mark it default/,
  },
  {
    name: 'a failing readiness probe',
    evidence: evidence({ pods: [{ ...rec.crashPod, status: { phase: 'Running' } }], events: rec.probeEvents }),
    reason: 'ReadinessProbeFailed', cause: /no traffic/, evidenceText: /Readiness probe failed/, object: 'pod/worker-7d9f8-abcde', next: /port, path/,
  },
  {
    name: 'a failing liveness probe',
    evidence: evidence({ pods: [{ ...rec.crashPod, status: { phase: 'Running' } }], events: rec.livenessEvents }),
    reason: 'LivenessProbeFailed', cause: /restarts the container/, evidenceText: /statuscode: 500/, object: 'pod/worker-7d9f8-abcde', next: /port, path/,
  },
  {
    name: 'kubectl create of a name that exists',
    evidence: failedWith(rec.KUBECTL.alreadyExistsCreate, { createdByCourse: (r) => r === 'deployment/web' }),
    reason: 'AlreadyExists', cause: /deployment\/web is already there/, evidenceText: /already exists/, object: 'deployment/web', next: /delete it and run the step again/,
  },
  {
    name: 'kubectl create -f of a name that exists',
    evidence: failedWith(rec.KUBECTL.alreadyExistsFile),
    reason: 'AlreadyExists', cause: /deployment\/web/, evidenceText: /Error from server \(AlreadyExists\)/, object: 'deployment/web', next: /did not create it/,
  },
  {
    name: 'a name an earlier step creates',
    evidence: failedWith(rec.KUBECTL.notFound, { stepCreating: (r) => (r === 'deployment/web' ? '`kubectl create deployment web` on “Deployments”' : undefined) }),
    reason: 'NotFound', cause: /step that creates it was probably skipped/, evidenceText: /not found/, object: 'deployment/web', next: /kubectl create deployment web/,
  },
  {
    name: 'a quota refusal',
    evidence: failedWith(rec.KUBECTL.quota),
    reason: 'QuotaExceeded', cause: /ResourceQuota "compute"/, evidenceText: /exceeded quota/, object: 'resourcequota/compute', next: /raise the quota/,
  },
  {
    name: 'a LimitRange refusal',
    evidence: failedWith(rec.KUBECTL.limitRange),
    reason: 'LimitRange', cause: /LimitRange/, evidenceText: /maximum cpu usage/, object: 'kubectl', next: /limitrange/,
  },
  {
    name: 'an RBAC refusal',
    evidence: failedWith(rec.KUBECTL.rbac),
    reason: 'Forbidden', cause: /RBAC does not allow system:serviceaccount:default:viewer to create pods/, evidenceText: /cannot create resource/, object: 'kubectl', next: /auth can-i create pods/,
  },
  {
    name: 'a Pod Security refusal',
    evidence: failedWith(rec.KUBECTL.admission),
    reason: 'AdmissionDenied', cause: /Pod Security level "restricted:latest"/, evidenceText: /violates PodSecurity/, object: 'kubectl', next: /comply/,
  },
  {
    name: 'a webhook refusal',
    evidence: failedWith(rec.KUBECTL.webhook),
    reason: 'AdmissionDenied', cause: /validation\.gatekeeper\.sh/, evidenceText: /denied the request/, object: 'kubectl', next: /comply/,
  },
  {
    name: 'a resource type the server lacks',
    evidence: failedWith(rec.KUBECTL.noType),
    reason: 'ApiNotServed', cause: /no resource type "hpa2"/, evidenceText: /doesn't have a resource type/, object: 'kubectl', next: /api-resources/,
  },
  {
    name: 'a kind in a version the server does not serve',
    evidence: failedWith(rec.KUBECTL.noKind),
    reason: 'ApiNotServed', cause: /HorizontalPodAutoscaler in autoscaling\/v2beta1/, evidenceText: /no matches for kind/, object: 'kubectl', next: /add-on/,
  },
  {
    name: 'no API server at the address',
    evidence: failedWith(rec.KUBECTL.refused),
    reason: 'ConnectionRefused', cause: /could not reach the API server/, evidenceText: /localhost:8080 was refused/, object: 'kubectl', next: /current-context/,
  },
  {
    name: 'an API server out of reach',
    evidence: failedWith(rec.KUBECTL.unreachable),
    reason: 'ConnectionRefused', cause: /could not reach/, evidenceText: /i\/o timeout/, object: 'kubectl', next: /Start the cluster/,
  },
  {
    name: 'no current context',
    evidence: failedWith(rec.KUBECTL.noContext),
    reason: 'NoContext', cause: /no current context/, evidenceText: /current-context is not set/, object: 'kubectl', next: /use-context/,
  },
];

for (const row of table) {
  test(`diagnosis: ${row.name}`, () => {
    const [d, ...rest] = diagnose(row.evidence);
    assert.ok(d, 'a diagnosis');
    assert.equal(d.reason, row.reason);
    assert.match(d.cause, row.cause);
    assert.equal(d.evidence[0]?.object, row.object);
    assert.match(d.evidence.map((e) => e.text).join('\n'), row.evidenceText);
    assert.match(d.next, row.next);
    assert.ok(d.terms.length > 0 && d.terms[0].length > 0);
    assert.equal(rest.filter((r) => r.reason === d.reason).length, 0, 'one diagnosis per reason');
  });
}

test('diagnosis: a step that succeeded has no kubectl error, even when its output quotes one', () => {
  assert.deepEqual(diagnose(evidence({ exitCode: 0, output: rec.KUBECTL.alreadyExistsFile })), []);
});

test('diagnosis: a healthy pod and a bound claim say nothing', () => {
  const running = { ...rec.imagePullPod, status: { phase: 'Running', containerStatuses: [{ name: 'nginx', image: 'nginx', ready: true, restartCount: 0, state: { running: {} } }] } };
  const bound = { ...rec.pendingClaim, status: { phase: 'Bound' } };
  assert.deepEqual(diagnose(evidence({ pods: [running], claims: [bound], events: [] })), []);
});

test('diagnosis: a crash gives the last log lines and the previous logs as a fix', () => {
  const [d] = diagnose(evidence({ pods: [rec.crashPod], logs: { 'worker-7d9f8-abcde/worker': ['a', 'b', 'redis: connection refused'] } }));
  assert.match(d.evidence[1]?.text ?? '', /redis: connection refused/);
  assert.deepEqual(d.fixes[0]?.args, ['logs', '--previous', 'pod/worker-7d9f8-abcde', '-c', 'worker', '--tail=50']);
  assert.equal(d.fixes[0]?.then, 'terminal');
});

test('diagnosis: AlreadyExists offers deletion only for what this course created', () => {
  const ours = diagnose(failedWith(rec.KUBECTL.alreadyExistsCreate, { createdByCourse: (r, ns) => r === 'deployment/web' && ns === 'default' }))[0];
  assert.deepEqual(ours.fixes, [{ label: 'Delete deployment/web and run the step again', args: ['delete', 'deployment/web', '--wait=true'], then: 'rerun' }]);
  const theirs = diagnose(failedWith(rec.KUBECTL.alreadyExistsCreate))[0];
  assert.deepEqual(theirs.fixes, []);
  assert.match(theirs.next, /not offered for deletion/);
});

test('diagnosis: pod reasons read only fix commands that do not change the cluster', () => {
  for (const row of table) for (const d of diagnose(row.evidence)) for (const fix of d.fixes) {
    if (fix.then === 'terminal') assert.ok(['describe', 'logs', 'auth', 'api-resources', 'config', 'cluster-info'].includes(fix.args[0] ?? ''), `${d.reason}: ${fix.args.join(' ')}`);
  }
});

test('diagnosis: evidence text is one clipped line', () => {
  const long = rec.schedulingEvents(`0/1 nodes are available: ${'x'.repeat(1000)}\nsecond line`);
  const [d] = diagnose(evidence({ pods: [rec.unschedulablePod], events: long }));
  assert.ok(d.evidence[0].text.length <= 300);
  assert.doesNotMatch(d.evidence[0].text, /\n/);
});
