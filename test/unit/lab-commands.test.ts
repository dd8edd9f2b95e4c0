// The command-to-kinds mapping over every kubectl form the bundled course uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectlInvocations, writesOf } from '../../src/lab/kubectlCommand';
import { parseResourceRef } from '../../src/lab/resourceRefs';
import { planStep } from '../../src/lab/stepPlan';
import { bundledChapters, bundledSteps } from './helpers/courseCommands';
import { objectsByChapter, stepsCreating } from '../../src/lab/courseObjects';

function describeWrites(command: string): string {
  const parts: string[] = [];
  for (const invocation of kubectlInvocations(command)) {
    const writes = writesOf(invocation);
    const text = writes.targets
      .map((t) => `${t.action} ${t.kind}/${t.names?.join(',') ?? '*'}`)
      .concat(writes.files.map((f) => `file ${f}`), writes.stdin ? ['stdin'] : [])
      .join(', ');
    if (text) parts.push(text + (writes.namespace ? ` -n ${writes.namespace}` : ''));
  }
  return parts.join(' | ');
}

/** First line of each writing command of the course -> what it writes. */
const EXPECTED: [string, string][] = [
  ["kubectl create deployment ticker --image=busybox -- sh -c 'while sleep 1; do date; done'", "create deployment/ticker"],
  ["kubectl scale deployment ticker --replicas=3", "change deployment/ticker"],
  ["kubectl run shell -it --rm --restart=Never --image=alpine -- sh", "create pod/shell"],
  ["kubectl delete deployment ticker", "delete deployment/ticker"],
  ["kubectl create deployment web --image=nginx --replicas=3", "create deployment/web"],
  ["kubectl expose deployment web --port=80", "create service/web"],
  ["kubectl run client --rm -i --restart=Never --image=busybox -- wget -qO- http://web", "create pod/client"],
  ["kubectl run resolver --rm -i --restart=Never --image=busybox -- nslookup web", "create pod/resolver"],
  ["kubectl expose deployment web --name=web-np --type=NodePort --port=80", "create service/web-np"],
  ["kubectl run np --rm -i --restart=Never --image=busybox -- wget -qO- http://$NODE_IP:$NODE_PORT", "create pod/np"],
  ["kubectl delete deployment web", "delete deployment/web"],
  ["kubectl delete service web web-np", "delete service/web,web-np"],
  ["kubectl create deployment redis --image=redis", "create deployment/redis"],
  ["for SERVICE in hasher rng webui worker; do", "create deployment/*"],
  ["kubectl expose deployment redis --port=6379", "create service/redis"],
  ["kubectl expose deployment rng --port=80", "create service/rng"],
  ["kubectl expose deployment hasher --port=80", "create service/hasher"],
  ["kubectl expose deployment webui --type=NodePort --port=80", "create service/webui"],
  ["kubectl run speed --rm -i --restart=Never --image=busybox -- sh -c 'wget -qO- http://webui/json; ech", "create pod/speed"],
  ["kubectl scale deployment worker --replicas=2", "change deployment/worker"],
  ["kubectl scale deployment worker --replicas=10", "change deployment/worker"],
  ["kubectl run timing --rm -i --restart=Never --image=busybox -- sh -c '", "create pod/timing"],
  ["kubectl scale deployment rng --replicas=3", "change deployment/rng"],
  ["kubectl scale deployment worker --replicas=4", "change deployment/worker"],
  ["kubectl apply -f rng-ds.yaml", "file rng-ds.yaml"],
  ["kubectl patch daemonset rng -p '{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"enabled\":\"yes\"}}}}}'", "change daemonset/rng"],
  ["kubectl patch service rng -p '{\"spec\":{\"selector\":{\"enabled\":\"yes\"}}}'", "change service/rng"],
  ["kubectl delete deployment rng", "delete deployment/rng"],
  ["kubectl annotate deployment worker owner=\"workshop reader\"", "change deployment/worker"],
  ["kubectl set image deployment worker worker=dockercoins/worker:v0.2", "change deployment/worker"],
  ["kubectl annotate deployment worker kubernetes.io/change-cause=\"worker v0.2\"", "change deployment/worker"],
  ["kubectl set image deployment worker worker=dockercoins/worker:does-not-exist", "change deployment/worker"],
  ["kubectl rollout undo deployment worker", "change deployment/worker"],
  ["kubectl apply -f probe-demo.yaml", "file probe-demo.yaml"],
  ["kubectl delete pod probe-demo --wait=false", "delete pod/probe-demo"],
  ["kubectl patch deployment hasher -p '", "change deployment/hasher"],
  ["kubectl patch daemonset rng -p '", "change daemonset/rng"],
  ["kubectl create namespace blue", "create namespace/blue"],
  ["kubectl create deployment redis --image=redis -n blue", "create deployment/redis -n blue"],
  ["kubectl expose deployment redis --port=6379 -n blue", "create service/redis -n blue"],
  ["kubectl run dnscheck -n blue --rm -i --restart=Never --image=busybox -- cat /etc/resolv.conf", "create pod/dnscheck -n blue"],
  ["kubectl delete namespace blue", "delete namespace/blue"],
  ["kubectl run intruder --rm -i --restart=Never --image=redis -- redis-cli -h redis ping", "create pod/intruder"],
  ["kubectl apply -f - <<EOF", "stdin"],
  ["kubectl run intruder --rm -i --restart=Never --image=redis -- timeout 5 redis-cli -h redis ping || e", "create pod/intruder"],
  ["kubectl run fake-worker --labels=app=worker --rm -i --restart=Never --image=redis -- redis-cli -h re", "create pod/fake-worker"],
  ["kubectl delete networkpolicy redis-clients", "delete networkpolicy/redis-clients"],
  ["kubectl create serviceaccount viewer", "create serviceaccount/viewer"],
  ["kubectl create rolebinding viewer-can-view --clusterrole=view --serviceaccount=default:viewer", "create rolebinding/viewer-can-view"],
  ["kubectl create role scaler --verb=get,update,patch --resource=deployments.apps/scale", "create role/scaler"],
  ["kubectl create rolebinding viewer-can-scale --role=scaler --serviceaccount=default:viewer", "create rolebinding/viewer-can-scale"],
  ["kubectl delete rolebinding viewer-can-view viewer-can-scale", "delete rolebinding/viewer-can-view,viewer-can-scale"],
  ["kubectl delete role scaler", "delete role/scaler"],
  ["kubectl delete serviceaccount viewer", "delete serviceaccount/viewer"],
  ["for COLOR in blue green; do", "create deployment/* | create service/*"],
  ["kubectl create ingress colors --class=traefik --rule=\"blue.example.test/*=blue:80\" --rule=\"green.exa", "create ingress/colors"],
  ["kubectl delete ingress colors", "delete ingress/colors"],
  ["kubectl delete deployment blue green", "delete deployment/blue,green"],
  ["kubectl delete service blue green", "delete service/blue,green"],
  ["kubectl patch -n kube-system deployment metrics-server --type=json -p '[{\"op\":\"add\",\"path\":\"/spec/te", "change deployment/metrics-server -n kube-system"],
  ["kubectl set resources deployment hasher --requests=cpu=50m", "change deployment/hasher"],
  ["kubectl autoscale deployment hasher --min=1 --max=5 --cpu-percent=60", "create horizontalpodautoscaler/hasher"],
  ["kubectl delete hpa hasher", "delete horizontalpodautoscaler/hasher"],
  ["kubectl delete pod shared", "delete pod/shared"],
  ["kubectl create configmap app-settings --from-literal=GREETING=hello --from-literal=LOG_LEVEL=debug", "create configmap/app-settings"],
  ["kubectl create configmap redis-config --from-file=redis.conf", "create configmap/redis-config"],
  ["kubectl create secret generic redis-auth --from-literal=password=s3cr3t-not-really", "create secret/redis-auth"],
  ["kubectl delete pod envtest redis-custom", "delete pod/envtest,redis-custom"],
  ["kubectl delete configmap app-settings redis-config", "delete configmap/app-settings,redis-config"],
  ["kubectl delete secret redis-auth", "delete secret/redis-auth"],
  ["kubectl create service clusterip store --clusterip=None --tcp=80:80", "create service/store"],
  ["kubectl run reader --rm -i --restart=Never --image=busybox -- wget -qO- http://store-1.store", "create pod/reader"],
  ["kubectl delete pod store-1", "delete pod/store-1"],
  ["kubectl scale statefulset store --replicas=1", "change statefulset/store"],
  ["kubectl delete statefulset store", "delete statefulset/store"],
  ["kubectl delete service store", "delete service/store"],
  ["kubectl delete pvc data-store-0 data-store-1 data-store-2", "delete persistentvolumeclaim/data-store-0,data-store-1,data-store-2"],
  ["kubectl delete pod -l app=redis-persistent", "delete pod/*"],
  ["kubectl delete deployment redis-persistent", "delete deployment/redis-persistent"],
  ["kubectl delete pvc redis-data", "delete persistentvolumeclaim/redis-data"],
];

/** kubectl verbs that only read (or talk to a pod, or change the kubeconfig): they write no object. */
const READ_VERBS = new Set(['get', 'describe', 'logs', 'exec', 'wait', 'top', 'version', 'config', 'auth', 'api-resources', 'explain', 'port-forward', 'events', 'rollout']);

test('every kubectl command of the bundled course maps to the objects it writes', () => {
  const expected = new Map(EXPECTED);
  const seen = new Set<string>();
  let invocations = 0;
  for (const step of bundledSteps()) {
    for (const command of step.commands) {
      const found = kubectlInvocations(command);
      invocations += found.length;
      for (const invocation of found) {
        const writes = writesOf(invocation);
        const writesSomething = writes.targets.length > 0 || writes.files.length > 0 || writes.stdin !== undefined;
        assert.ok(writesSomething || READ_VERBS.has(invocation.verb) || invocation.flags.has('dry-run') || invocation.flags.has('filename') || invocation.verb === 'create',
          `${step.chapter}: "${command}": kubectl ${invocation.verb} neither reads nor writes anything known`);
      }
      const described = describeWrites(command);
      if (!described) continue;
      const key = command.split('\n')[0].slice(0, 100);
      assert.equal(described, expected.get(key), `${step.chapter}: ${command}`);
      seen.add(key);
    }
  }
  assert.ok(invocations > 200, `the course has many kubectl commands (${invocations})`);
  assert.deepEqual([...expected.keys()].filter((k) => !seen.has(k)), [], 'every expected command is still in the course');
});

test('kubectl forms: global flags, KIND/NAME, short flags with values, dry runs, $(...) and pipes', () => {
  assert.equal(describeWrites('kubectl -n blue delete deploy/web svc/web'), 'delete deployment/web, delete service/web -n blue');
  assert.equal(describeWrites('kubectl --namespace blue scale sts store --replicas 2'), 'change statefulset/store -n blue');
  assert.equal(describeWrites('kubectl --context other delete pod x'), 'delete pod/x');
  assert.equal(kubectlInvocations('kubectl --context other delete pod x')[0].context, 'other');
  assert.equal(describeWrites('kubectl create deployment web --image=nginx --dry-run=client -o yaml | kubectl apply -f -'), '');
  assert.equal(describeWrites('kubectl label pods -l app=web tier=front'), 'change pod/*');
  assert.equal(describeWrites('kubectl rollout restart deployment/web'), 'change deployment/web');
  assert.equal(describeWrites('kubectl delete -f web.yaml'), 'file web.yaml');
  assert.equal(describeWrites('watch kubectl get pods'), '');
  assert.equal(describeWrites('echo $(kubectl create namespace x)'), 'create namespace/x');
  assert.equal(describeWrites('kubectl create secret tls web-tls --cert=c --key=k'), 'create secret/web-tls');
  assert.deepEqual(kubectlInvocations('kubectl delete pods --all --cascade=false --record')[0].rawFlags, ['--all', '--cascade=false', '--record']);
});

test('a step plan reads heredocs and files, and watches common kinds for what it cannot read', () => {
  const heredoc = ['kubectl apply -f - <<EOF', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', '---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '  namespace: blue', 'EOF'].join('\n');
  const plan = planStep(heredoc, { namespace: 'default' });
  assert.deepEqual(plan.map((t) => `${t.action} ${t.resource.id}/${t.names?.join(',')} @${t.namespace}`), ['apply deployment/web @default', 'apply service/web @blue']);

  const files: Record<string, string> = { 'app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n' };
  const fromFile = planStep('kubectl apply -f app.yaml -n dev', { namespace: 'default', readFile: (f) => files[f] });
  assert.deepEqual(fromFile.map((t) => `${t.action} ${t.resource.id}/${t.names?.join(',')} @${t.namespace}`), ['apply configmap/settings @dev']);

  const url = planStep('kubectl apply -f https://example.invalid/app.yaml', { namespace: 'default' });
  assert.ok(url.some((t) => t.resource.id === 'deployment' && t.names === undefined));

  const run = planStep('kubectl run web --image=nginx\nkubectl expose pod web --port=80', { namespace: 'lab' });
  assert.deepEqual(run.map((t) => `${t.action} ${t.resource.id}/${t.names?.join(',')} @${t.namespace}`), ['create pod/web @lab', 'create service/web @lab']);

  assert.deepEqual(planStep('kubectl get pods', { namespace: 'default' }), []);
  assert.deepEqual(planStep('kubectl autoscale deployment web --max=3', { namespace: 'default' }), [], 'kinds the cluster view does not show are not tracked');
});

test('resource references in slides: kubectl kinds and aliases, nothing else', () => {
  assert.deepEqual(parseResourceRef('deploy/rng'), { kind: 'deployment', name: 'rng' });
  assert.deepEqual(parseResourceRef('svc/web-np'), { kind: 'service', name: 'web-np' });
  assert.deepEqual(parseResourceRef('pod/web-5d4f8-abcde'), { kind: 'pod', name: 'web-5d4f8-abcde' });
  assert.deepEqual(parseResourceRef('statefulsets.apps/store'), { kind: 'statefulset', name: 'store' });
  for (const text of ['k8s/dockercoins.yaml', 'constructor/x', 'https://x/y', 'deploy/', 'deploy/Web', 'a/b/c', 'toString/x']) assert.equal(parseResourceRef(text), undefined, text);
});

test('the steps that create an object a slide names', () => {
  const chapters = bundledChapters();
  const found = stepsCreating(chapters, 'deployment', 'ticker');
  assert.ok(found.length >= 1);
  assert.match(found[0].command, /create deployment/);
  assert.deepEqual(stepsCreating(chapters, 'service', 'web').map((s) => s.command)[0], 'kubectl expose deployment web --port=80');
  assert.deepEqual(stepsCreating(chapters, 'deployment', 'no-such-thing'), []);
});

test('per chapter, the names its steps create, for slide links', () => {
  const chapters = bundledChapters();
  const all = objectsByChapter(chapters);
  assert.equal(all.length, chapters.length);
  const index = chapters.findIndex((c) => all[chapters.indexOf(c)].ticker !== undefined);
  assert.ok(index >= 0, 'a chapter creates the ticker deployment');
  assert.equal(all[index].ticker, 'deployment/ticker');
  assert.ok(all.every((objects) => !Object.hasOwn(objects, '$SERVICE')));
});
