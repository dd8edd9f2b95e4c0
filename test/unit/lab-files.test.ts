// Files read on a course's behalf (docs/trust/course-files.md): which paths may be read at all
// (pure), and the reader against real files: FIFOs, devices, links out, folders, huge files, .git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { labFileRoots, locateLabFile, notCheckedText, refusalOfPath, type LabFileScope } from '../../src/lab/labFiles';
import { chapterFiles, chapterNeeds, missingFor, scanChapter } from '../../src/lab/readiness';
import { stepFiles } from '../../src/lab/stepPlan';
import { createLabFileReader, readLabFiles } from '../../src/vscode/lab/labFileReader';
import { loadCourse } from '../../src/course/load';
import { md, memoryFs, SLIDES } from './helpers/memoryCourse';

const SCOPE: LabFileScope = { home: '/home/me', clone: '/work/course', roots: ['/work/course', '/work/ws'], cwd: '/work/ws' };
const verdict = (written: string, scope: LabFileScope = SCOPE) => {
  const t = locateLabFile(written, scope);
  return t && `${t.path}${t.remapped ? ' (remapped)' : ''}${t.refused ? ` refused:${t.refused}` : ''}`;
};

test('lab paths: inside the course or the workspace are read; outside, .git and other homes are refused by path alone', () => {
  assert.equal(verdict('/work/course/k8s/app.yaml'), '/work/course/k8s/app.yaml');
  assert.equal(verdict('/work/ws/mine.yaml'), '/work/ws/mine.yaml');
  assert.equal(verdict('app.yaml'), '/work/ws/app.yaml', 'relative: against the workspace folder');
  assert.equal(verdict('app.yaml', { ...SCOPE, cwd: undefined }), undefined, 'relative with no folder: not located');
  assert.equal(verdict('$HOME/app.yaml'), undefined, 'depends on the shell: not located');
  assert.equal(verdict('https://example.invalid/app.yaml'), undefined, 'a URL is not a file');
  assert.equal(verdict('/dev/zero'), '/dev/zero refused:outside');
  assert.equal(verdict('/tmp/some-fifo'), '/tmp/some-fifo refused:outside');
  assert.equal(verdict('/work/course/../secret.yaml'), '/work/secret.yaml refused:outside');
  assert.equal(verdict('../../etc/passwd'), '/etc/passwd refused:outside');
  assert.equal(verdict('/work/courses/x.yaml'), '/work/courses/x.yaml refused:outside', 'a sibling that shares the prefix is outside');
  assert.equal(verdict('~/secret.yaml'), '/home/me/secret.yaml refused:outside');
  assert.equal(verdict('~root/.ssh/id_rsa'), '~root/.ssh/id_rsa refused:outside');
  assert.equal(verdict('~/secret.yaml', { ...SCOPE, roots: [...SCOPE.roots, '/home/me'] }), '/home/me/secret.yaml', '~ inside a root (the workspace is the home folder) is read');
  assert.equal(verdict('/work/course/.git/config'), '/work/course/.git/config refused:git');
  assert.equal(verdict('/work/ws/sub/.GIT/hooks/x'), '/work/ws/sub/.GIT/hooks/x refused:git');
  assert.equal(verdict('/work/ws/.gitignore'), '/work/ws/.gitignore');
});

test('~/container.training/ is read from the course clone, and must land inside it', () => {
  assert.equal(verdict('~/container.training/k8s/app.yaml'), '/work/course/k8s/app.yaml (remapped)');
  assert.equal(verdict('~/container.training/../secret.yaml'), '/work/secret.yaml (remapped) refused:outside');
  assert.equal(verdict('~/container.training/.git/config'), '/work/course/.git/config (remapped) refused:git');
  const bundled: LabFileScope = { home: '/home/me', clone: '/home/me/container.training', roots: ['/home/me/container.training'] };
  assert.equal(verdict('~/container.training/k8s/app.yaml', bundled), '/home/me/container.training/k8s/app.yaml', 'the upstream clone itself: not a remapping');
  assert.equal(verdict('~/.kube/config', bundled), '/home/me/.kube/config refused:outside');
});

test('the roots: the course and the workspace folders, never / or the home folder', () => {
  assert.deepEqual(labFileRoots('/work/course', ['/work/ws', '/work/course/', '/home/me', '/'], '/home/me'), ['/work/course', '/work/ws']);
  const scope: LabFileScope = { ...SCOPE, roots: labFileRoots('/work/course', ['/home/me'], '/home/me') };
  assert.equal(verdict('~/.kube/config', scope), '/home/me/.kube/config refused:outside', 'a home folder opened as the workspace does not open it to the course');
});

test('real paths are judged again after symlinks: a link out of the roots or into .git is refused', () => {
  assert.equal(refusalOfPath('/etc/passwd', ['/work/course']), 'outside');
  assert.equal(refusalOfPath('/work/course/.git/config', ['/work/course']), 'git');
  assert.equal(refusalOfPath('/work/course/k8s/a.yaml', ['/work/course']), undefined);
  assert.equal(notCheckedText('outside'), 'outside the course: not checked');
  assert.equal(notCheckedText('git'), 'inside .git: not checked');
  assert.equal(notCheckedText('notRegular'), 'not a regular file: not checked');
  assert.equal(notCheckedText('tooLarge'), 'too large: not checked');
});

test('a step names the files its kubectl commands apply, not those of other contexts', () => {
  assert.deepEqual(stepFiles('kubectl apply -f /dev/zero -f app.yaml\nkubectl --context=x apply -f other.yaml\nkubectl get pods'), ['/dev/zero', 'app.yaml']);
});

/** Real files in a temporary course and workspace, and neighbours outside them. */
function sandbox() {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lab-files-')));
  const course = path.join(top, 'course');
  const outside = path.join(top, 'outside');
  fs.mkdirSync(path.join(course, '.git'), { recursive: true });
  fs.mkdirSync(path.join(course, 'k8s'));
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(course, 'k8s/app.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
  fs.writeFileSync(path.join(course, '.git/config'), '[remote "origin"]\n  url = https://user:TOKEN@example.invalid/x\n');
  fs.writeFileSync(path.join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\n');
  fs.writeFileSync(path.join(course, 'k8s/huge.yaml'), Buffer.alloc(1024 * 1024 + 1, 'x'));
  fs.mkdirSync(path.join(course, 'k8s/folder.yaml'));
  execFileSync('mkfifo', [path.join(course, 'k8s/pipe.yaml')]);
  fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(course, 'k8s/link-out.yaml'));
  fs.symlinkSync('/dev/zero', path.join(course, 'k8s/zero.yaml'));
  fs.symlinkSync('../.git/config', path.join(course, 'k8s/git.yaml'));
  fs.symlinkSync('app.yaml', path.join(course, 'k8s/link-in.yaml'));
  return { top, course, outside, dispose: () => fs.rmSync(top, { recursive: true, force: true }) };
}

test('the reader: regular files inside the roots only, FIFOs and devices never opened for reading, nothing blocks', async () => {
  const box = sandbox();
  try {
    const read = createLabFileReader();
    const roots = [box.course];
    const at = (rel: string) => path.join(box.course, rel);
    const started = Date.now();
    const results = await readLabFiles(read, ['k8s/app.yaml', 'k8s/link-in.yaml', 'k8s/pipe.yaml', 'k8s/zero.yaml', 'k8s/link-out.yaml', 'k8s/git.yaml', 'k8s/folder.yaml', 'k8s/huge.yaml', 'k8s/none.yaml', '.git/config'].map(at), roots);
    const got = Object.fromEntries([...results].map(([p, r]) => [path.relative(box.course, p), r.state === 'refused' ? r.reason : r.state]));
    assert.deepEqual(got, {
      'k8s/app.yaml': 'text',
      'k8s/link-in.yaml': 'text',
      'k8s/pipe.yaml': 'notRegular',
      'k8s/zero.yaml': 'outside',
      'k8s/link-out.yaml': 'outside',
      'k8s/git.yaml': 'git',
      'k8s/folder.yaml': 'notRegular',
      'k8s/huge.yaml': 'tooLarge',
      'k8s/none.yaml': 'missing',
      '.git/config': 'git',
    });
    assert.match((results.get(at('k8s/app.yaml')) as { text: string }).text, /kind: Deployment/);
    assert.ok(Date.now() - started < 2000, 'a FIFO with no writer does not hold the reader');
    // Outside every root, even a device or a FIFO is refused from its path alone.
    assert.deepEqual(await read('/dev/zero', roots), { state: 'refused', reason: 'outside' });
    assert.deepEqual(await read(path.join(box.outside, 'secret.yaml'), roots), { state: 'refused', reason: 'outside' });
    // With /dev as a root (never the case, but the last line of defence): a device is not read.
    assert.deepEqual(await read('/dev/zero', ['/dev']), { state: 'refused', reason: 'notRegular' });
  } finally {
    box.dispose();
  }
});

test('the reader is bounded: a file larger than the limit is refused, a read that takes longer than its time is given up, and the queue (one at a time here) moves on', async () => {
  const box = sandbox();
  try {
    const small = createLabFileReader({ maxBytes: 10, timeoutMs: 3000, concurrency: 1 });
    assert.deepEqual(await small(path.join(box.course, 'k8s/app.yaml'), [box.course]), { state: 'refused', reason: 'tooLarge' });
    const instant = createLabFileReader({ maxBytes: 1024, timeoutMs: 0, concurrency: 1 });
    const results = await Promise.all([1, 2, 3].map(() => instant(path.join(box.course, 'k8s/app.yaml'), [box.course])));
    for (const r of results) assert.deepEqual(r, { state: 'refused', reason: 'unreadable' });
    const oneAtATime = createLabFileReader({ maxBytes: 1024, timeoutMs: 3000, concurrency: 1 });
    const queued = await Promise.all([1, 2, 3, 4, 5].map(() => oneAtATime(path.join(box.course, 'k8s/app.yaml'), [box.course])));
    assert.deepEqual(queued.map((r) => r.state), ['text', 'text', 'text', 'text', 'text'], 'queued reads all run');
  } finally {
    box.dispose();
  }
});

test('readiness: files not read are "not checked", never missing, and their kinds are not echoed', async () => {
  const box = sandbox();
  try {
    const course = loadCourse(
      path.join(SLIDES, 'k8s/files.md'),
      memoryFs({
        'k8s/files.md': md`
          # Files

          .lab[
          \`\`\`bash
          kubectl apply -f ${box.course}/k8s/app.yaml
          kubectl apply -f ${box.course}/k8s/pipe.yaml
          kubectl apply -f ${box.outside}/secret.yaml
          kubectl apply -f /dev/zero
          kubectl apply -f ~/secret.yaml
          kubectl apply -f ${box.course}/k8s/none.yaml
          \`\`\`
          ]
        `,
      }),
    );
    const facts = scanChapter(course.parts[0].chapters[0]);
    const scope: LabFileScope = { home: box.outside, clone: box.course, roots: [box.course] };
    const targets = chapterFiles(facts, scope);
    const read = await readLabFiles(createLabFileReader(), targets.filter((t) => !t.refused).map((t) => t.path), scope.roots);
    const needs = chapterNeeds(facts, targets, read);
    assert.deepEqual([...needs.apis.keys()], ['apps/v1']);
    assert.deepEqual(needs.uncheckedFiles, [
      { written: `${box.course}/k8s/pipe.yaml`, reason: 'notRegular' },
      { written: `${box.outside}/secret.yaml`, reason: 'outside' },
      { written: '/dev/zero', reason: 'outside' },
      { written: '~/secret.yaml', reason: 'outside' },
    ]);
    assert.deepEqual(needs.missingFiles.map((f) => f.written), [`${box.course}/k8s/none.yaml`]);
    const missing = missingFor(needs, undefined, [], {});
    assert.equal(missing.length, 1);
    assert.doesNotMatch(JSON.stringify(missing), /Secret|zero|pipe/);
    // Restricted Mode: nothing read, nothing claimed but what the paths alone say.
    const restricted = chapterNeeds(facts, targets, new Map());
    assert.deepEqual(restricted.missingFiles, []);
    assert.deepEqual(restricted.uncheckedFiles.map((f) => f.written), [`${box.outside}/secret.yaml`, '/dev/zero', '~/secret.yaml']);
    assert.deepEqual([...restricted.apis.keys()], []);
  } finally {
    box.dispose();
  }
});
