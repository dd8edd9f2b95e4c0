// `replay` through real tmux and real bash: a fixture deck whose kubectl is a stand-in script on
// the PATH, with a watch stopped by ^C, waits, a failing step and the JUnit report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseReplayArgs, runReplay } from '../../src/author/replayCli';
import { junitXml, xmlText } from '../../src/author/junit';
import { tmuxMissing } from '../../src/author/tmuxTerminal';

const DECK = path.resolve(__dirname, '../fixtures/author-replay/slides/deck.yml');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

// Only the watch's loop prints "Running", and the watch never ends by itself: the commands the
// log holds after it could run only once the ^C stopped it.
const FAKE_KUBECTL = `#!/bin/bash
echo "$*" >> "$KUBECTL_LOG"
case "$*" in
  "get pods") printf 'NAME    READY   STATUS\\nweb-1   0/1     ContainerCreating\\n' ;;
  "get pods --watch") printf 'NAME    READY   STATUS\\nweb-1   0/1     Pending\\n'; sleep 0.3; while true; do printf 'web-1   1/1     Running\\n'; sleep 0.5; done ;;
  "get nodes") printf 'NAME    STATUS\\nnode1   Ready\\n' ;;
  *) echo "error: the server could not find the requested resource ($*)" >&2; exit 1 ;;
esac
`;

test('replay: a deck through real tmux and bash, with a watch, ^C, waits, a failing step and the JUnit report', { skip: !hasTmux && 'needs tmux' }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'author-replay-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(path.join(dir, 'bin', 'kubectl'), FAKE_KUBECTL, { mode: 0o755 });
  const log = path.join(dir, 'kubectl.log');
  const junit = path.join(dir, 'report.xml');
  const saved = { PATH: process.env.PATH, KUBECTL_LOG: process.env.KUBECTL_LOG };
  process.env.PATH = `${path.join(dir, 'bin')}:${process.env.PATH}`;
  process.env.KUBECTL_LOG = log;
  t.after(() => {
    process.env.PATH = saved.PATH;
    if (saved.KUBECTL_LOG === undefined) delete process.env.KUBECTL_LOG;
    else process.env.KUBECTL_LOG = saved.KUBECTL_LOG;
  });
  const out: string[] = [];
  const code = await runReplay([DECK, '--junit', junit, '--timeout', '10'], (text) => out.push(text), (text) => out.push(text));
  const printed = out.join('');
  assert.equal(code, 1, `a failed step fails the run:\n${printed}`);
  assert.deepEqual(fs.readFileSync(log, 'utf8').trim().split('\n'), ['get pods', 'get pods --watch', 'apply -f broken.yaml', 'get nodes'], 'what ran, in order: the watch stopped by ^C (the steps after it ran), the step after the failure in its lab not run, the next lab run');
  assert.match(printed, /FAILED .*kubectl apply -f broken\.yaml - .*exited with code 1/);
  assert.match(printed, /\| error: the server could not find the requested resource/, 'the last screen lines of a failed step');
  assert.match(printed, /8 steps: 6 passed, 1 failed, 1 skipped/);

  const xml = fs.readFileSync(junit, 'utf8');
  assert.match(xml, /<testsuites name="replay" tests="8" failures="1" skipped="1"/);
  assert.match(xml, /<testsuite name="1\. Pods, watched" tests="7" failures="1" skipped="1"/);
  assert.match(xml, /<testcase classname="first\.md" name="first\.md:3#4 Wait up to 10 s for &quot;Running&quot;" time="[\d.]+"\/>/);
  assert.match(xml, /<testcase classname="first\.md" name="first\.md:3#5 Send keys: \^C" time="[\d.]+"\/>/);
  assert.match(xml, /name="first\.md:33#1 Run: kubectl apply -f broken\.yaml"[^>]*>\s*<failure message="`kubectl apply -f broken\.yaml` exited with code 1">[^<]*error: the server could not find/);
  assert.match(xml, /name="first\.md:33#2 Run: kubectl get pods"[^>]*>\s*<skipped message="not run: an earlier step of this lab failed"\/>/);
  assert.match(xml, /<testsuite name="2\. Nodes" tests="1" failures="0" skipped="0"/);
});

test('replay --dry-run prints the plan and runs nothing', async () => {
  const out: string[] = [];
  assert.equal(await runReplay([DECK, '--dry-run', '--chapter', '2'], (text) => out.push(text), (text) => out.push(text)), 0);
  assert.equal(out.join(''), 'Chapter 2: Nodes [second.md]\n  lab second.md:3\n    1. Run: kubectl get nodes\n');
});

test('replay: arguments, a missing tmux, JUnit escaping', () => {
  assert.deepEqual(parseReplayArgs(['d.yml', '--from', '2', '--to', '3']), { source: 'd.yml', from: 2, to: 3, dryRun: false, timeoutMs: 60_000 });
  assert.equal(parseReplayArgs(['d.yml', '--chapter', '0']), undefined);
  assert.equal(parseReplayArgs(['d.yml', '--from', '3', '--to', '2']), undefined);
  assert.equal(parseReplayArgs(['d.yml', '--bogus']), undefined);
  const gone = (() => ({ status: null, error: new Error('ENOENT') })) as unknown as typeof spawnSync;
  assert.match(tmuxMissing(gone) ?? '', /not installed: sudo apt-get install tmux/);
  assert.equal(xmlText('a<b & "c"\x1b[0m'), 'a&lt;b &amp; &quot;c&quot;[0m');
  const xml = junitXml([{ name: 'n', file: 'f.md', cases: [{ name: 'x]]>', durationMs: 1500, outcome: 'failed', message: 'm', screen: '</failure>' }] }]);
  assert.match(xml, /<testcase classname="f\.md" name="x\]\]&gt;" time="1\.500">\n {6}<failure message="m">&lt;\/failure&gt;<\/failure>/);
});
