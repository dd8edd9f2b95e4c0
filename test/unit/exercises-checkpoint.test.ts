import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CourseIndex } from '../../src/course/courseIndex';
import { loadCourse } from '../../src/course/load';
import { courseSteps, nextStep } from '../../src/exercises/courseSteps';
import { commandRole } from '../../src/exercises/checkpoint/commandRole';
import { decideRuns, failureMeansDone, objectsToLook, type ObservedObject, type Snapshot } from '../../src/exercises/checkpoint/holds';
import { cursorBeforeChapter, describeStartPlan, planChapterStart, type StartCommand } from '../../src/exercises/checkpoint/startPlan';
import { planChapterReset } from '../../src/exercises/checkpoint/resetPlan';
import { chapterKey, readCheckpoints, withCheckpoint } from '../../src/exercises/checkpoint/checkpointStore';
import { memoryFs, SLIDES } from './helpers/memoryCourse';

const fence = (method: string, body: string) => `\`\`\`${method}\n${body}\n\`\`\``;
const lab = (...blocks: string[]) => `.lab[\n${blocks.join('\n')}\n]`;
const hidden = (method: string, body: string) => `<!-- \`\`\`${method} ${body}\`\`\` -->`;

/** A chapter file: its title, then slides of labs separated by `---`. */
const chapter = (title: string, ...slides: string[][]) => [`# ${title}`, ...slides.map((labs, i) => `${i ? '---\n\n## Part ' + i + '\n\n' : ''}${labs.join('\n\n')}`)].join('\n\n') + '\n';

const files = {
  'deck.yml': 'content:\n- one.md\n- two.md\n- three.md\n',
  'one.md': chapter('One',
    [lab(fence('bash', 'kubectl create deployment web --image=nginx'), fence('bash', 'kubectl get pods -w'), hidden('wait', 'Running'), hidden('key', '^C'))],
    [lab(fence('bash', 'kubectl create namespace lab'), fence('bash', 'export APP=web'), fence('bash', 'kubectl get all'))],
  ),
  'two.md': chapter('Two',
    [lab(fence('bash', 'kubectl scale deployment web --replicas=3'), fence('bash', 'kubectl expose deployment web --port=80'))],
    [lab(
      fence('bash', 'kubectl create deployment api --image=jpetazzo/color -n lab'),
      fence('bash', 'kubectl label deployment web tier=front'),
      fence('bash', 'kubectl set image deployment web nginx=nginx:1.25'),
      hidden('bash', 'kubectl create configmap cfg --from-literal=a=b'),
    )],
    [lab(fence('bash', 'vim web.yaml'), fence('keys', ':wq'), fence('bash', 'kubectl exec -ti web -- sh'), fence('bash', 'apk add curl'), fence('bash', 'exit'), fence('bash', 'kubectl delete pod web-xxxxxxxxxx-yyyyy'))],
  ),
  'three.md': chapter('Three', [lab(fence('bash', 'kubectl get deployments'))]),
};

function course() {
  const index = new CourseIndex(loadCourse(path.join(SLIDES, 'deck.yml'), memoryFs(files)));
  return { index, steps: courseSteps(index) };
}

test('starting a chapter keeps what earlier chapters change, in order, and leaves out what only looks', () => {
  const { index, steps } = course();
  const plan = planChapterStart(steps, 2);
  assert.deepEqual(plan.commands.map((c) => [c.command, c.role, c.chapterIndex]), [
    ['kubectl create deployment web --image=nginx', 'change', 0],
    ['kubectl create namespace lab', 'change', 0],
    ['export APP=web', 'shell', 0],
    ['kubectl scale deployment web --replicas=3', 'change', 1],
    ['kubectl expose deployment web --port=80', 'change', 1],
    ['kubectl create deployment api --image=jpetazzo/color -n lab', 'change', 1],
    ['kubectl label deployment web tier=front', 'change', 1],
    ['kubectl set image deployment web nginx=nginx:1.25', 'change', 1],
    ['kubectl create configmap cfg --from-literal=a=b', 'change', 1],
    ['vim web.yaml', 'manual', 1],
    ['kubectl delete pod web-xxxxxxxxxx-yyyyy', 'manual', 1],
  ]);
  assert.equal(plan.commands.find((c) => c.command.includes('configmap'))?.hidden, true, 'hidden directives are part of the plan');
  // get -w, get all, and the session typed into the pod (exec, apk add, exit) are left out.
  assert.equal(plan.leftOut, 5);
  assert.deepEqual(plan.fromChapters, [0, 1]);
  assert.deepEqual(plan.problems, []);
  const text = describeStartPlan(plan, (i) => index.chapters[i].title);
  assert.match(text[0], /^11 command\(s\) from 2 earlier chapter\(s\); 5 /);
  assert.ok(text.includes('From "Two":'));
  assert.ok(text.includes('  vim web.yaml (needs you: an editor the learner fills in)'));
  assert.ok(text.includes('  kubectl create configmap cfg --from-literal=a=b (hidden directive)'));
  // A note lands on its own command's line, past the chapter headings between them.
  const at = plan.commands.findIndex((c) => c.command.startsWith('kubectl set image'));
  const noted = describeStartPlan(plan, (i) => index.chapters[i].title, (i) => (i === at ? 'already done' : undefined));
  assert.deepEqual(noted.filter((line) => line.endsWith('(already done)')), ['  kubectl set image deployment web nginx=nginx:1.25 (already done)']);
});

test('the first chapter starts from nothing, and the stepper resumes at the started chapter', () => {
  const { steps } = course();
  assert.deepEqual(planChapterStart(steps, 0).commands, []);
  const cursor = cursorBeforeChapter(steps, 1);
  assert.equal(nextStep(steps, cursor)?.chapterIndex, 1);
  assert.equal(nextStep(steps, cursorBeforeChapter(steps, 0)), steps[0]);
});

/** A cluster as the plan's commands leave it: enough kubectl to replay the plan twice. */
function fakeCluster() {
  const objects = new Map<string, ObservedObject>();
  let writes = 0;
  const run = (command: string): { exitCode: number; output: string } => {
    const create = /^kubectl create (?:deployment|namespace|configmap) (\S+)/.exec(command) ?? /^kubectl expose deployment (\S+)/.exec(command);
    if (create) {
      const kind = command.startsWith('kubectl expose') ? 'service' : command.split(' ')[2];
      const key = `${kind}/${create[1]}`;
      if (objects.has(key)) return { exitCode: 1, output: `Error from server (AlreadyExists): ${kind}s "${create[1]}" already exists` };
      objects.set(key, { replicas: kind === 'deployment' ? 1 : undefined });
      writes++;
      return { exitCode: 0, output: `${key} created` };
    }
    const scale = /^kubectl scale deployment (\S+) --replicas=(\d+)/.exec(command);
    if (scale) {
      objects.set(`deployment/${scale[1]}`, { replicas: Number(scale[2]) });
      writes++;
      return { exitCode: 0, output: 'scaled' };
    }
    return { exitCode: 0, output: '' };
  };
  const snapshot: Snapshot = {
    object: (ref) => objects.get(`${ref.resource}/${ref.name}`),
    path: () => false,
  };
  return { run, snapshot, objects, writes: () => writes };
}

function startOnce(commands: readonly StartCommand[], cluster: ReturnType<typeof fakeCluster>) {
  const outcome = { ran: 0, held: 0 };
  for (const { entry, run } of decideRuns(commands, cluster.snapshot)) {
    if (entry.role === 'manual') continue;
    if (!run) {
      outcome.held++;
      continue;
    }
    const result = cluster.run(entry.command);
    if (result.exitCode !== 0) assert.ok(failureMeansDone(entry, result.exitCode, result.output), `${entry.command} failed: ${result.output}`);
    outcome.ran++;
  }
  return outcome;
}

test('starting the same chapter twice changes nothing the second time', () => {
  const { steps } = course();
  const plan = planChapterStart(steps, 2);
  const cluster = fakeCluster();
  const first = startOnce(plan.commands, cluster);
  assert.equal(cluster.objects.get('deployment/web')?.replicas, 3, 'the scale of chapter two holds');
  assert.ok(cluster.objects.has('service/web'));
  const writesAfterFirst = cluster.writes();
  const second = startOnce(plan.commands, cluster);
  assert.equal(cluster.writes(), writesAfterFirst, 'no object is created or scaled again');
  // create, create namespace, scale, expose, create api, create configmap: each found to hold.
  assert.equal(second.held, 6);
  assert.ok(first.held < second.held);
});

test('checks see what earlier commands of the plan make: a create, a delete, a create again', () => {
  const entry = (command: string, holds: StartCommand['holds']): StartCommand => ({ command, chapterIndex: 0, slide: 0, stableKey: 'a.md:1', hidden: false, role: 'change', holds, why: '' });
  const web = { resource: 'deployment', name: 'web' };
  const plan = [
    entry('kubectl create deployment web --image=nginx', [{ kind: 'exists', ...web }]),
    entry('kubectl scale deployment web --replicas=2', [{ kind: 'replicas', ...web, count: 2 }]),
    entry('kubectl delete deployment web', [{ kind: 'absent', ...web }]),
    entry('kubectl create deployment web --image=nginx', [{ kind: 'exists', ...web }]),
  ];
  assert.deepEqual(objectsToLook(plan), [{ ...web, namespace: undefined }]);
  const empty: Snapshot = { object: () => undefined, path: () => false };
  assert.deepEqual(decideRuns(plan, empty).map((d) => d.run), [true, true, true, true]);
  // The cluster as the first start left it: web exists again, with one replica.
  const after: Snapshot = { object: () => ({ replicas: 1 }), path: () => false };
  const again = decideRuns(plan, after);
  assert.deepEqual(again.map((d) => d.run), [false, true, true, true], 'the delete and the create after it run again, so web ends as the plan leaves it');
  assert.equal(again[0].because, 'deployment/web exists');
});

test('a failure that means "it holds already" counts as done, only for the change it concerns', () => {
  const { steps } = course();
  const [create] = planChapterStart(steps, 1).commands;
  assert.equal(failureMeansDone(create, 1, 'Error from server (AlreadyExists): deployments.apps "web" already exists'), 'it exists already');
  assert.equal(failureMeansDone(create, 1, 'Error from server (NotFound): namespaces "lab" not found'), undefined, 'NotFound is done only for a delete');
  assert.equal(failureMeansDone(create, 1, 'error: failed to create deployment: Forbidden'), undefined);
  assert.equal(failureMeansDone(create, 0, ''), undefined);
  const remove: StartCommand = { ...create, command: 'kubectl delete pod web', holds: [{ kind: 'absent', resource: 'pod', name: 'web' }] };
  assert.equal(failureMeansDone(remove, 1, 'Error from server (NotFound): pods "web" not found'), 'it is gone already');
});

const ROLES: [string, string, string?][] = [
  ['kubectl create deployment web --image=nginx', 'change', 'exists deployment/web'],
  ['kubectl run pingpong --image alpine ping 127.0.0.1', 'change', 'exists pod/pingpong'],
  ['kubectl expose deploy/web --port 80 --name front', 'change', 'exists service/front'],
  ['kubectl scale deployment/web --replicas 3', 'change', 'replicas deployment/web 3'],
  ['kubectl delete deployment web', 'change', 'absent deployment/web'],
  ['kubectl apply -f web.yaml', 'change', ''],
  ['kubectl set image deploy web web=nginx:1.25', 'change', ''],
  ['kubectl annotate deployment web note=x', 'change', ''],
  ['kubectl patch deployment web -p "{}"', 'change', ''],
  ['helm upgrade --install traefik traefik --repo https://example.org', 'change', ''],
  ['git clone https://github.com/jpetazzo/kubercoins', 'change', 'path kubercoins'],
  ['kubectl get deployment web -o yaml > web.yaml', 'change', ''],
  ['kubectl create deployment web --image=nginx --dry-run=client -o yaml', 'look'],
  ['kubectl get pods', 'look'],
  ['kubectl describe deployment web', 'look'],
  ['kubectl logs deploy/web --tail 1', 'look'],
  ['kubectl wait deployment web --for=condition=available', 'look'],
  ['kubectl rollout status deployment web', 'look'],
  ['kubectl get pods -w', 'look'],
  ['watch kubectl get pods', 'look'],
  ['curl localhost:8080', 'look'],
  ['kill %1', 'look'],
  ['kubectl exec -ti web -- sh', 'look'],
  ['cd ~/container.training', 'shell'],
  ['export NAMESPACE=blue', 'shell'],
  ['kubectl config set-context --current --namespace=blue', 'shell'],
  ['vim web.yaml', 'manual'],
  ['kubectl edit deployment web', 'manual'],
  ['kubectl delete pod web-xxxxxxxxxx-yyyyy', 'manual'],
  ['export DOMAIN=...', 'manual'],
  ['ab -c 10 -n 100 http://<ClusterIP>/', 'manual'],
];

test('each command gets its role and the checks that tell it already holds', () => {
  for (const [command, role, holds] of ROLES) {
    const got = commandRole(command);
    assert.equal(got.role, role, command);
    if (holds === undefined) continue;
    const described = got.role === 'change'
      ? got.holds.map((h) => (h.kind === 'path' ? `path ${h.path}` : `${h.kind} ${h.resource}/${h.name}${h.kind === 'replicas' ? ` ${h.count}` : ''}`)).join(', ')
      : '';
    assert.equal(described, holds, command);
  }
});

test('resetting a chapter removes what it made and puts back what it changed, never what earlier chapters made', () => {
  const { steps } = course();
  const plan = planChapterReset(steps, 1, { namespace: 'default' });
  const commands = plan.actions.map((a) => a.command);
  assert.deepEqual(commands.filter((c) => c.startsWith('kubectl delete')).sort(), [
    'kubectl delete configmap cfg -n default --ignore-not-found',
    'kubectl delete deployment api -n lab --ignore-not-found',
    'kubectl delete service web -n default --ignore-not-found',
  ]);
  assert.ok(commands.includes('kubectl scale deployment/web -n default --replicas=1'), commands.join('\n'));
  assert.ok(commands.includes('kubectl set image deployment/web -n default nginx=nginx'));
  assert.ok(commands.includes('kubectl label deployment/web -n default tier- --overwrite'));
  assert.ok(!commands.some((c) => /delete (?:deployment web|namespace lab)/.test(c)), 'chapter one made these');
  assert.deepEqual(planChapterReset(steps, 2, { namespace: 'default' }).actions, [], 'chapter three changes nothing');
});

test('a reset deletes what the step effects recorded, inside the course namespaces only', () => {
  const { steps } = course();
  const scaleKey = steps.find((s) => s.chapterIndex === 1)!.stableKey;
  const plan = planChapterReset(steps, 1, {
    namespace: 'default',
    recorded: (key) => (key === scaleKey ? [
      { kind: 'pod', name: 'extra', namespace: 'default', change: 'created' },
      { kind: 'deployment', name: 'web', namespace: 'default', change: 'created' },
      { kind: 'secret', name: 'token', namespace: 'kube-system', change: 'created' },
      { kind: 'replicaset', name: 'web-123', namespace: 'default', change: 'created' },
    ] : undefined),
  });
  const commands = plan.actions.map((a) => a.command);
  assert.ok(commands.includes('kubectl delete pod extra -n default --ignore-not-found'));
  assert.ok(!commands.some((c) => c.includes('kube-system')), 'outside the namespaces the course uses');
  assert.ok(!commands.some((c) => c.includes('delete deployment web')), 'made by an earlier chapter');
  assert.ok(!commands.some((c) => c.includes('replicaset')), 'owned objects go with their owner');
});

test('a reset lists what it does not undo', () => {
  const deck = {
    'deck.yml': 'content:\n- a.md\n- b.md\n',
    'a.md': chapter('A', [lab(fence('bash', 'kubectl create deployment web --image=nginx'))]),
    'b.md': chapter('B', [lab(fence('bash', 'kubectl delete deployment web'), fence('bash', 'kubectl apply -f app.yaml'), fence('bash', 'kubectl patch deployment web -p "{}"'))]),
  };
  const steps = courseSteps(new CourseIndex(loadCourse(path.join(SLIDES, 'deck.yml'), memoryFs(deck))));
  const plan = planChapterReset(steps, 1, { namespace: 'default' });
  assert.deepEqual(plan.actions, []);
  assert.equal(plan.notUndone.length, 3, plan.notUndone.join('\n'));
  assert.match(plan.notUndone[0], /deployment\/web was deleted by this chapter/);
  assert.match(plan.notUndone[1], /app\.yaml: what it made was not recorded/);
});

test('checkpoints are kept per course and chapter, and malformed ones dropped', () => {
  const { index } = course();
  const key = chapterKey(index.chapters[2]);
  assert.match(key, /^three\.md#/);
  let stored = readCheckpoints(undefined);
  stored = withCheckpoint(stored, 'course-a', key, { startedAt: '2026-12-02T10:00:00Z', ran: 9, held: 0, skipped: 2 });
  const reread = readCheckpoints(JSON.parse(JSON.stringify(stored)));
  assert.deepEqual(reread.courses['course-a'], { last: key, chapters: { [key]: { startedAt: '2026-12-02T10:00:00Z', ran: 9, held: 0, skipped: 2 } } });
  assert.equal(reread.courses['course-b'], undefined);
  const broken = readCheckpoints({ version: 1, courses: { a: { last: 'x', chapters: { x: { startedAt: 3 }, y: { startedAt: 'now', ran: 1, held: 0, skipped: 0 } } } } });
  assert.deepEqual(Object.keys(broken.courses.a.chapters), ['y']);
  assert.equal(broken.courses.a.last, undefined, 'the last chapter points at a dropped entry');
  assert.deepEqual(readCheckpoints({ version: 2 }).courses, {});
});
