// `check` for course authors: each finding kind on small fixtures, the output formats, the
// confinement of the files it reads, and the bundled course reporting nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCourse } from '../../src/course/load';
import { checkCourse } from '../../src/author/checkCourse';
import { commandFindings, typoDistance } from '../../src/author/commandChecks';
import { findingsGithub, hasErrors, type Finding } from '../../src/author/findings';
import { apiVersionLine, removedApi } from '../../src/author/removedApis';
import { repoFileReader } from '../../src/author/repoFiles';
import { runCheck } from '../../src/author/checkCli';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/author-check');

function check(source: string): Finding[] {
  const course = loadCourse(source);
  return checkCourse(course, { home: os.homedir(), relativeTo: FIXTURE, readApplied: repoFileReader(course.root) });
}
const brief = (f: Finding) => `${f.file}:${f.line} ${f.severity} ${f.kind}`;

test('check: one finding per problem of the fixture deck, with file, line, severity and kind', () => {
  const findings = check(path.join(FIXTURE, 'slides/deck.yml'));
  assert.deepEqual(findings.map(brief), [
    'k8s/old.yaml:7 error api',
    'k8s/old.yaml:12 error api',
    'slides/bad.md:7 error flag',
    'slides/bad.md:8 warning flag',
    'slides/bad.md:9 warning flag',
    'slides/bad.md:10 error flag',
    'slides/bad.md:16 error parse',
    'slides/bad.md:17 error parse',
    'slides/bad.md:18 error parse',
    'slides/bad.md:19 error parse',
    'slides/bad.md:24 error flag',
    'slides/bad.md:25 error file',
    'slides/bad.md:27 error api',
    'slides/bad.md:36 error replay',
    'slides/bad.md:40 warning replay',
    'slides/deck.yml:5 warning load',
  ]);
  const text = findings.map((f) => f.message).join('\n');
  for (const expected of ['--export', '--record', '--cascade=orphan', '--generator', 'lost its trailing \\', 'did you mean kubectl?', 'did you mean kubectl get?', 'unclosed single quote', 'kubectl exec POD -- COMMAND', 'has no k8s/nowhere.yaml', 'CronJob batch/v1beta1', 'CustomResourceDefinition apiextensions.k8s.io/v1beta1', 'PodSecurityPolicy is gone', '^Nope', 'waits for the learner', 'missing-chapter.md']) {
    assert.ok(text.includes(expected), `a finding mentions ${expected}`);
  }
  assert.ok(findings.every((f) => !f.file.includes('good.md')), 'the chapter with nothing wrong has no finding (folders, files the chapter wrote, exec --, editors closed by keys)');
});

test('check: the bundled course reports nothing', () => {
  assert.deepEqual(check(path.join(ROOT, 'content/kube.yml')), []);
});

test('check: command findings, table', () => {
  const table: [string, string[]][] = [
    ['kubectl get pods', []],
    ['kubectl rollout undo deployment web --record', ['warning flag']],
    ['kubectl delete deploy web --cascade=true', ['warning flag']],
    ['kubectl delete deploy web --cascade=orphan', []],
    ['kubectl apply -f x.yaml --dry-run', ['error flag']],
    ['kubectl apply -f x.yaml --dry-run=client', []],
    ['kubectl run web --image=nginx --replicas=3', ['error flag']],
    ['kubectl rolling-update web --image=nginx', ['error flag']],
    ['kubectl exec -ti web sh', ['error flag']],
    ['kubectl exec -ti web -- sh', []],
    ['kubectl exec web -c ctr -- ls', []],
    ['kubectl get pods\n  -o wide', ['error parse']],
    ['kubectl get pods \\\n  -o wide', []],
    ["echo 'it''s fine'", []],
    ['echo "open', ['error parse']],
    ["# it's a comment\necho ok", []],
    ["cat <<EOF\nit's a heredoc\nEOF", []],
    ['kubectx && kubens default && kubeadm version', []],
    ['kubect get nodes', ['error parse']],
    ['sudo kubetcl get nodes', ['error parse']],
    ['kubectl descrbe pod web', ['error parse']],
    ['kubectl neat get pod web', []],
    ['kubectl $VERB pods', []],
  ];
  for (const [data, expected] of table) {
    assert.deepEqual(commandFindings(data).map((f) => `${f.severity} ${f.kind}`), expected, data);
  }
  assert.equal(commandFindings('echo one\nkubectl get pods\n  -o wide')[0].lineOffset, 2);
  assert.equal(typoDistance('kubeclt', 'kubectl'), 1);
});

test('check: removed API versions, table', () => {
  assert.match(removedApi('extensions/v1beta1', 'Deployment') ?? '', /apps\/v1/);
  assert.match(removedApi('extensions/v1beta1', 'Ingress') ?? '', /networking\.k8s\.io\/v1/);
  assert.match(removedApi('policy/v1beta1', 'PodSecurityPolicy') ?? '', /gone/);
  assert.match(removedApi('policy/v1beta1', 'PodDisruptionBudget') ?? '', /policy\/v1/);
  assert.match(removedApi('autoscaling/v2beta2', 'HorizontalPodAutoscaler') ?? '', /1\.26.*autoscaling\/v2/);
  for (const [version, kind] of [['apps/v1', 'Deployment'], ['policy/v1', 'PodDisruptionBudget'], ['networking.k8s.io/v1', 'Ingress'], ['v1', 'Pod'], ['example.com/v1beta1', 'Thing']]) {
    assert.equal(removedApi(version, kind), undefined, `${version} ${kind} is served`);
  }
  assert.equal(apiVersionLine('a: 1\n---\n  apiVersion: "batch/v1beta1"\n', 'batch/v1beta1'), 3);
  assert.equal(apiVersionLine('apiVersion: batch/v1\n', 'batch/v1beta1'), 0);
});

test('check: GitHub annotations escape what would end or split the command', () => {
  const out = findingsGithub([{ kind: 'parse', severity: 'error', file: 'a,b:c.md', line: 3, message: '100% wrong\n::warning::fake' }]);
  assert.equal(out, '::error file=a%2Cb%3Ac.md,line=3,title=check%3A parse::100%25 wrong ⏎ ::warning::fake\n');
  assert.equal(out.split('\n').length, 2, 'one line per finding');
});

test('check: the command line exits 1 on errors, 0 without, 2 on bad usage', () => {
  const out: string[] = [];
  const err: string[] = [];
  assert.equal(runCheck([path.join(FIXTURE, 'slides/deck.yml'), '--format', 'github'], (t) => out.push(t), (t) => err.push(t)), 1);
  assert.match(out.join(''), /^::error file=.*bad\.md,line=7,/m);
  assert.match(err.join(''), /12 errors, 4 warnings/);
  assert.equal(runCheck([path.join(ROOT, 'content/kube.yml')], (t) => out.push(t), () => {}), 0);
  assert.equal(runCheck(['--bogus', 'x.yml'], () => {}, () => {}), 2);
  const json: string[] = [];
  runCheck([path.join(FIXTURE, 'slides/deck.yml'), '--json'], (t) => json.push(t), () => {});
  assert.equal((JSON.parse(json.join('')) as { findings: Finding[] }).findings.length, 16);
  assert.ok(hasErrors([{ kind: 'api', severity: 'error', file: 'x', line: 1, message: '' }]));
});

test('check: applied files are read only inside the course, never under .git nor through a link out', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'author-check-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'author-outside-'));
  t.after(() => fs.rmSync(outside, { recursive: true, force: true }));
  fs.writeFileSync(path.join(outside, 'secret.yaml'), 'apiVersion: extensions/v1beta1\nkind: Deployment\n');
  fs.mkdirSync(path.join(dir, '.git'));
  fs.writeFileSync(path.join(dir, '.git', 'config.yaml'), 'x: 1\n');
  fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'link.yaml'));
  fs.mkdirSync(path.join(dir, 'folder'));
  fs.writeFileSync(path.join(dir, 'folder', 'a.yaml'), 'kind: A\n');
  fs.writeFileSync(path.join(dir, 'folder', 'notes.txt'), 'not yaml\n');
  fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'folder', 'b.yaml'));
  const read = repoFileReader(dir);
  assert.deepEqual(read(path.join(dir, 'link.yaml')), { state: 'refused' });
  assert.deepEqual(read(path.join(dir, '.git', 'config.yaml')), { state: 'refused' });
  assert.deepEqual(read(path.join(outside, 'secret.yaml')), { state: 'refused' });
  assert.deepEqual(read(path.join(dir, 'nothing.yaml')), { state: 'missing' });
  const folder = read(path.join(dir, 'folder'));
  assert.equal(folder.state, 'texts');
  assert.deepEqual(folder.state === 'texts' && folder.files.map((f) => path.basename(f.path)), ['a.yaml'], 'a link out of the course inside a folder is left out');
});
