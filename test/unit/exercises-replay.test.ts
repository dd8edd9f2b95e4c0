import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lab, LabSnippet } from '../../src/course/model';
import { planLab } from '../../src/exercises/plan';
import { describeFailure, lastMatch, replay, summarizeRun, type LearnersTurn, type ReplayOptions, type TimeoutInfo } from '../../src/exercises/replay';
import { ReplaySession } from '../../src/exercises/replaySession';
import { FakeFactory, FakeShell, type Program } from './helpers/fakeShell';

const options = { waitTimeoutMs: 200, longWaitMultiplier: 10, nodeAddress: 'localhost' };

function snippet(method: string, data: string, hidden = false): LabSnippet {
  return { method, data, hidden, line: 1 };
}

function lab(...snippets: LabSnippet[]): Lab {
  return { line: 1, snippets };
}

function setup(programs: Record<string, Program> = {}, integration = true) {
  const lookup = (command: string) => programs[command];
  const main = new FakeShell('main', lookup, integration);
  const factory = new FakeFactory(lookup);
  const session = new ReplaySession(main, factory);
  const run = (l: Lab, extra: ReplayOptions = {}) => replay(planLab(l, options), session, { commandTimeoutMs: 300, startTimeoutMs: 100, ...extra });
  const stop = () => {
    main.stop();
    for (const split of factory.opened) split.stop();
  };
  return { main, factory, session, run, stop };
}

const stream = (text: (n: number) => string): Program => ({ stream: text });

test('bash then wait then ^C: the command is started, the text awaited, the key sent', async () => {
  const { main, run, stop } = setup({ 'for i in 1 2 3 4 5; do echo tick $i; done; sleep 99': { kind: 'program', output: 'tick 1\ntick 2\ntick 3\n' } });
  const result = await run(lab(snippet('bash', 'for i in 1 2 3 4 5; do echo tick $i; done; sleep 99'), snippet('wait', 'tick 3', true), snippet('key', '^C', true)));
  stop();
  assert.equal(result.ok, true, describeFailure(result));
  assert.deepEqual(main.log, ['start for i in 1 2 3 4 5; do echo tick $i; done; sleep 99', 'send "\\u0003"']);
  assert.deepEqual(result.reports.map((r) => r.outcome), ['sent', 'succeeded', 'sent']);
});

test('two watches in one block get a terminal each; waits and Ctrl-C go to each in turn; the next command runs in the main terminal', async () => {
  const { main, factory, run, stop } = setup({
    'kubectl get pods -w': stream((n) => `NAME READY STATUS RESTARTS ${n}`),
    'kubectl get deployments -w': stream((n) => `NAME READY UP-TO-DATE AVAILABLE ${n}`),
  });
  const result = await run(
    lab(
      snippet('bash', 'kubectl get pods -w\nkubectl get deployments -w'),
      snippet('wait', 'RESTARTS', true),
      snippet('key', '^C', true),
      snippet('wait', 'AVAILABLE', true),
      snippet('key', '^C', true),
      snippet('bash', 'kubectl scale deploy/worker --replicas=10'),
    ),
  );
  stop();
  assert.equal(result.ok, true, describeFailure(result));
  assert.equal(factory.opened.length, 2);
  assert.deepEqual(factory.opened[0].log, ['start kubectl get pods -w', 'send "\\u0003"']);
  assert.deepEqual(factory.opened[1].log, ['start kubectl get deployments -w', 'send "\\u0003"']);
  assert.deepEqual(main.log, ['exec kubectl scale deploy/worker --replicas=10']);
});

test('keys after a command wait for it to end; ^D at the main prompt is skipped, never closing the shell', async () => {
  const { main, run } = setup({ 'kubectl delete pod pingpong': { output: 'pod "pingpong" deleted\n' } });
  const result = await run(lab(snippet('bash', 'kubectl delete pod pingpong'), snippet('key', '^D', true), snippet('key', '^C', true)));
  assert.equal(result.ok, true, describeFailure(result));
  assert.deepEqual(main.log, ['exec kubectl delete pod pingpong'], 'neither ^D nor ^C reach a shell prompt');
  assert.equal(main.closed, false);
  assert.equal(result.reports[1].outcome, 'skipped');
  assert.match(result.reports[1].message ?? '', /Ctrl-D not sent/);
});

test('wait sees the typed line: `curl` matches at once, then Ctrl-C stops the hanging command', async () => {
  const { main, run } = setup({ 'curl $IP': { kind: 'program' } });
  const started = Date.now();
  const result = await run(lab(snippet('bash', 'curl $IP'), snippet('wait', 'curl', true), snippet('key', '^C', true)));
  assert.equal(result.ok, true, describeFailure(result));
  assert.ok(Date.now() - started < 150, 'the wait did not time out');
  assert.equal(main.running(), false, 'curl was stopped');
});

test('a nested shell: commands in it get their status from a marker line; ^D leaves it, not the Workshop shell', async () => {
  const { main, run } = setup({ false: { exitCode: 1 }, 'kubectl exec -ti postgres-0 -- su postgres': { output: 'postgres@postgres-0:/$ ' } });
  const result = await run(
    lab(
      snippet('bash', 'kubectl exec -ti postgres-0 -- su postgres'),
      snippet('wait', 'postgres@postgres', true),
      snippet('bash', 'psql demo -c "select 1"'),
      snippet('key', '^D', true),
      snippet('bash', 'echo back'),
    ),
  );
  assert.equal(result.ok, true, describeFailure(result));
  assert.deepEqual(result.reports.map((r) => r.outcome), ['sent', 'succeeded', 'succeeded', 'sent', 'succeeded']);
  assert.equal(main.closed, false);
  assert.equal(main.log.at(-1), 'exec echo back', 'back at the prompt, the shell reports the command again');

  const failing = setup({ false: { exitCode: 1 } });
  const failed = await failing.run(lab(snippet('bash', 'sh'), snippet('bash', 'false'), snippet('bash', 'echo never')));
  assert.equal(failed.failure?.reason, '`false` exited with code 1');
  assert.equal(failed.failure?.index, 1);
});

test('tmux panes: split, select-pane -t 0, copy from the watch, last-pane, type there; ^D then ^C in the next lab stops the watch', async () => {
  // The "Resilience" lab of upstream kubectl-run.md, then its "standalone pod" lab.
  const { main, factory, run, stop } = setup({
    'watch kubectl get pods': stream((n) => `Every 2.0s: kubectl get pods\npingpong-6ccbc77f68-kmgfn  Running  ${n}`),
  });
  const result = await run(
    lab(
      snippet('bash', 'watch kubectl get pods'),
      snippet('wait', 'Every 2.0s', true),
      snippet('tmux', 'split-pane -v', true),
      snippet('tmux', 'select-pane -t 0', true),
      snippet('copy', 'pingpong-[^-]*-.....', true),
      snippet('tmux', 'last-pane', true),
      snippet('keys', 'kubectl delete pod ', true),
      snippet('paste', '', true),
      snippet('key', '^J', true),
      snippet('check', '', true),
    ),
  );
  assert.equal(result.ok, true, describeFailure(result));
  assert.equal(factory.opened.length, 1, 'the watch has its own terminal; the split pane reuses the main one');
  assert.deepEqual(main.log, ['send "kubectl delete pod "', 'send "pingpong-6ccbc77f68-kmgfn"', 'send "\\n"']);
  assert.ok(factory.opened[0].running(), 'the watch keeps running');

  const next = await run(lab(snippet('bash', 'kubectl delete pod pingpong'), snippet('key', '^D', true), snippet('key', '^C', true)));
  stop();
  assert.equal(next.ok, true, describeFailure(next));
  assert.equal(main.closed, false);
  assert.deepEqual(factory.opened[0].log.at(-1), 'send "\\u0003"', 'the ^C reached the watch');
});

test('eck: stern in its own terminal, a split pane for a watch; ^C, ^D closes the split, ^C stops stern', async () => {
  const { main, factory, run, stop } = setup({
    'stern --namespace=elastic-system operator': stream(() => 'elastic-operator-0 manager starting'),
    'kubectl get es -w': stream(() => 'demo  green  1'),
  });
  const result = await run(
    lab(
      snippet('bash', 'stern --namespace=elastic-system operator'),
      snippet('wait', 'elastic-operator-0', true),
      snippet('tmux', 'split-pane -v', true),
      snippet('bash', 'kubectl get es -w'),
      snippet('longwait', 'green', true),
      snippet('key', '^C', true),
      snippet('key', '^D', true),
      snippet('key', '^C', true),
    ),
  );
  stop();
  assert.equal(result.ok, true, describeFailure(result));
  assert.equal(main.closed, false);
  const [stern, es] = factory.opened;
  assert.deepEqual(stern.log, ['start stern --namespace=elastic-system operator', 'send "\\u0003"']);
  assert.deepEqual(es.log, ['start kubectl get es -w', 'send "\\u0003"']);
  assert.deepEqual(main.log, []);
});

test('a step out of time asks: interrupt sends Ctrl-C and goes on; stop fails the step; without a handler it fails', async () => {
  const asked: TimeoutInfo[] = [];
  const hang = { 'sleep 1000': { kind: 'program' as const } };
  const first = setup({ 'sleep 1000': { kind: 'command', output: 'still here\n' } });
  const interrupted = await first.run(lab(snippet('bash', 'sleep 1000'), snippet('wait', 'never shown', true), snippet('bash', 'echo next')), {
    onTimeout: (info) => (asked.push(info), Promise.resolve('interrupt')),
  });
  assert.equal(interrupted.ok, true, describeFailure(interrupted));
  assert.equal(asked.length, 1);
  assert.equal(asked[0].waitedFor, '"never shown"');
  assert.match(asked[0].screen, /still here/);
  assert.ok(first.main.log.includes('send "\\u0003"'));
  assert.equal(first.main.log.at(-1), 'exec echo next');

  const second = setup(hang);
  const stopped = await second.run(lab(snippet('bash', 'sleep 1000'), snippet('wait', 'never', true)), { onTimeout: () => Promise.resolve('stop') });
  second.stop();
  assert.equal(stopped.ok, false);
  assert.match(stopped.failure?.reason ?? '', /^timed out after 200 ms waiting for "never"/);
  assert.equal(describeFailure(stopped), 'Step 2 (wait, hidden) failed: timed out after 200 ms waiting for "never"');
});

test('a command that never ends is bounded too: Continue leaves it and goes on', async () => {
  const { main, run, stop } = setup({ 'sleep 1000': { kind: 'watch', stream: () => '' } });
  // A hanging foreground command in the main terminal (not recognised as a watch by its text).
  main.exec = () => new Promise(() => {});
  const started = Date.now();
  const result = await run(lab(snippet('bash', 'make everything')), { onTimeout: () => Promise.resolve('continue') });
  stop();
  assert.ok(Date.now() - started < 1_000);
  assert.equal(result.ok, true);
  assert.equal(result.reports[0].outcome, 'unknown');
});

test('failures: stop at the first by default; continueAfterFailure or onFailure go on; the summary lists each step', async () => {
  const programs = { 'kubectl apply -f broken.yaml': { exitCode: 2, output: 'error: invalid\n' } };
  const l = lab(snippet('bash', 'kubectl get nodes\nkubectl apply -f broken.yaml'), snippet('bash', 'echo after'));
  const stops = setup(programs);
  const stopped = await stops.run(l);
  assert.equal(stopped.ok, false);
  assert.deepEqual(stops.main.log, ['exec kubectl get nodes', 'exec kubectl apply -f broken.yaml']);
  assert.equal(stopped.reports[0].output, 'error: invalid\n');
  assert.equal(stopped.reports[0].exitCode, 2);

  const goesOn = setup(programs);
  const continued = await goesOn.run(l, { continueAfterFailure: true });
  assert.equal(continued.ok, false);
  assert.equal(continued.failures, 1);
  assert.equal(goesOn.main.log.at(-1), 'exec echo after');
  const summary = summarizeRun(continued, (step) => step.kind);
  assert.match(summary[0], /^1\. failed \(\d+ ms\) run - `kubectl apply -f broken.yaml` exited with code 2$/);
  assert.match(summary[1], /^2\. ok \(\d+ ms\) run$/);

  const asks = setup(programs);
  const asked = await asks.run(l, { onFailure: () => Promise.resolve(true) });
  assert.equal(asks.main.log.at(-1), 'exec echo after');
  assert.equal(asked.failures, 1);
});

test('doneDespite: a failure whose output means it already holds is succeeded, and the run goes on', async () => {
  const programs = {
    'kubectl create -f cm.yaml': { exitCode: 1, output: 'Error from server (AlreadyExists): configmaps "cm" already exists\n' },
    'kubectl apply -f broken.yaml': { exitCode: 1, output: 'error: invalid\n' },
  };
  const doneDespite = (report: { output?: string }) => (/AlreadyExists/.test(report.output ?? '') ? 'it exists already' : undefined);
  const held = setup(programs);
  const result = await held.run(lab(snippet('bash', 'kubectl create -f cm.yaml'), snippet('bash', 'echo after')), { doneDespite });
  assert.equal(result.ok, true, describeFailure(result));
  assert.equal(held.main.log.at(-1), 'exec echo after');
  assert.deepEqual(result.reports.map((r) => [r.outcome, r.message]), [['succeeded', 'already done: it exists already'], ['succeeded', undefined]]);

  const broken = setup(programs);
  const stopped = await broken.run(lab(snippet('bash', 'kubectl apply -f broken.yaml'), snippet('bash', 'echo after')), { doneDespite });
  assert.equal(stopped.ok, false);
  assert.equal(stopped.failure?.index, 0);
  assert.equal(broken.main.log.at(-1), 'exec kubectl apply -f broken.yaml');
});

test('copy searches the visible screen only; paste types it', async () => {
  const { main, run } = setup({
    'kubectl get pods': { output: 'pingpong-6ccbc77f68-kmgfn   Running\npingpong-6ccbc77f68-x2b9q   Running\n' },
    'kubectl create token admin': { output: 'eyJhbGciOiJS\nUzI1NiJ9.e30\n' },
  });
  const result = await run(lab(snippet('bash', 'kubectl get pods'), snippet('copy', 'pingpong-[^-]*-.....'), snippet('keys', 'echo '), snippet('paste', '')));
  assert.equal(result.ok, true, describeFailure(result));
  assert.equal(result.reports[1].message, 'copied 25 characters', 'the copied text itself is not reported (it may be a secret)');
  assert.equal(main.log.at(-1), 'send "pingpong-6ccbc77f68-x2b9q"');
  const wrapped = await run(lab(snippet('bash', 'kubectl create token admin'), snippet('copy', 'eyJ[A-Za-z0-9.\\n]*'), snippet('paste', '')));
  assert.equal(wrapped.ok, true, describeFailure(wrapped));
  assert.equal(main.log.at(-1), 'send "eyJhbGciOiJSUzI1NiJ9.e30"');

  const small = new FakeShell('small', () => ({ output: Array.from({ length: 80 }, (_, i) => `line-${i}`).join('\n') + '\n' }), true, 20);
  const session = new ReplaySession(small, new FakeFactory());
  const offScreen = await replay(planLab(lab(snippet('bash', 'seq'), snippet('copy', 'line-5\\b')), options), session);
  assert.match(offScreen.failure?.reason ?? '', /no match for \/line-5\\b\/ on the screen/);
});

test('copy uses capture group 1 when there is one', () => {
  assert.equal(lastMatch(/token: (\S+)/gs, 'token: aaa\ntoken: bbb\n'), 'bbb');
  assert.equal(lastMatch(/x+/g, 'x xx xxx'), 'xxx');
  assert.equal(lastMatch(/nomatch/g, 'x'), undefined);
});

test('check after a typed command that fails; paste before copy fails', async () => {
  const { main, run } = setup({ 'kubectl get pod nope': { exitCode: 1 } });
  const result = await run(lab(snippet('keys', 'kubectl get pod nope'), snippet('key', 'Enter'), snippet('check', ''), snippet('bash', 'echo after')));
  assert.equal(result.failure?.index, 2);
  assert.equal(result.failure?.reason, 'the previous command exited with code 1');
  assert.ok(!main.log.includes('exec echo after'));
  const noCopy = await run(lab(snippet('paste', '')));
  assert.equal(noCopy.failure?.reason, 'nothing was copied before `paste`');
});

test('cancellation stops the run and runs nothing after it', async () => {
  const { main, run } = setup();
  main.exec = () => new Promise(() => {});
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  const result = await run(lab(snippet('bash', 'sleep 1000'), snippet('bash', 'echo next')), { signal: controller.signal, commandTimeoutMs: 60_000 });
  assert.equal(result.cancelled, true);
  assert.equal(describeFailure(result), 'Cancelled.');
});

test('without shell integration: statuses are unknown, with a note, and nothing waits', async () => {
  const { run } = setup({ false: { exitCode: 1 } }, false);
  const result = await run(lab(snippet('bash', 'false'), snippet('bash', 'echo next'), snippet('check', '')));
  assert.equal(result.ok, true);
  assert.deepEqual(result.reports.map((r) => r.outcome), ['unknown', 'unknown', 'unknown']);
  assert.match(result.notes[0], /^Step 1: exit status unknown/);
});

test("without shell integration, a local shell leaves each status where the replay reads it; a nested shell's stay unknown", async () => {
  const { main, run } = setup({ false: { exitCode: 1 } }, false);
  main.canDrop = true;
  const result = await run(lab(snippet('bash', 'false'), snippet('bash', 'echo next'), snippet('check', ''), snippet('bash', 'sh'), snippet('bash', 'ls')), { continueAfterFailure: true });
  assert.deepEqual(result.reports.map((r) => r.outcome), ['failed', 'succeeded', 'succeeded', 'sent', 'unknown']);
  assert.equal(result.reports[0].exitCode, 1);
  assert.deepEqual(main.log.slice(0, 6), ['probe', 'start false', 'send "echo $? > /tmp/drop-1\\r"', 'probe', 'start echo next', 'send "echo $? > /tmp/drop-2\\r"'], 'where statuses go is settled before each command is typed');
  assert.equal(main.log[6], 'send "echo $? > /tmp/drop-3\\r"', 'check: no probe between the command and its status');
});

test('open: node1 is replaced, placeholders are skipped, a declined URL is skipped', async () => {
  const opened: string[] = [];
  const { run } = setup();
  const result = await run(lab(snippet('open', 'http://node1:8000/'), snippet('open', 'http://node1:3xxxx/'), snippet('open', 'http://node1:8080')), {
    openUrl: (url) => (opened.push(url), Promise.resolve(!url.endsWith('8080'))),
  });
  assert.deepEqual(opened, ['http://localhost:8000/', 'http://localhost:8080']);
  assert.deepEqual(result.reports.map((r) => r.outcome), ['succeeded', 'skipped', 'skipped']);
});

test("an editor the lab leaves to the learner: the run waits for them to save and quit, then goes on", async () => {
  const { main, run } = setup();
  const turns: LearnersTurn[] = [];
  const result = await run(lab(snippet('bash', 'vim rng-deployment.yaml'), snippet('bash', 'kubectl apply -f .')), {
    onLearnersTurn: (turn) => {
      turns.push(turn);
      setTimeout(() => main.send('i  livenessProbe:\x1b:wq\r'), 30);
      return new Promise<void>(() => {});
    },
  });
  assert.equal(result.ok, true, describeFailure(result));
  assert.equal(turns.length, 1);
  assert.deepEqual({ ...turns[0], step: undefined }, { index: 0, step: undefined, program: 'vim rng-deployment.yaml', terminalName: 'main', limitMs: 3000, leftOpen: false, endSeen: true });
  assert.deepEqual(main.log, ['start vim rng-deployment.yaml', 'send "i  livenessProbe:\\u001b:wq\\r"', 'exec kubectl apply -f .'], 'the next command is typed only after the editor closed');
  assert.match(result.reports[0].message ?? '', /your turn: `vim rng-deployment.yaml` closed/);
});

test("the learner's turn: 'Done' goes on where the end cannot be seen; the limit asks; keys after an editor are no turn", async () => {
  // No shell integration: nothing reports the end; the learner says when they are done.
  const blind = setup({}, false);
  const said = await blind.run(lab(snippet('bash', 'kubectl edit deployment web'), snippet('bash', 'kubectl get deployment web')), {
    onLearnersTurn: (turn) => (assert.equal(turn.endSeen, false), Promise.resolve()),
  });
  assert.deepEqual(blind.main.log, ['start kubectl edit deployment web', 'start kubectl get deployment web']);
  assert.match(said.reports[0].message ?? '', /you said you were done/);

  const slow = setup();
  const asked: TimeoutInfo[] = [];
  const late = await slow.run(lab(snippet('bash', 'vim deployment.yaml')), {
    learnerTimeoutMs: 100,
    onLearnersTurn: () => new Promise<void>(() => {}),
    onTimeout: (info) => (asked.push(info), Promise.resolve('continue')),
  });
  slow.stop();
  assert.equal(late.ok, true, describeFailure(late));
  assert.equal(asked[0].waitedFor, 'you to finish with `vim deployment.yaml`');

  // Upstream daemonset.md: the lab's own keys edit and close it; the learner is not asked.
  const scripted = setup();
  let asks = 0;
  const edited = await scripted.run(
    lab(snippet('bash', 'vim rng.yaml'), snippet('keys', '/Deployment', true), snippet('key', '^J', true), snippet('keys', 'cwDaemonSet', true), snippet('key', '^[', true), snippet('keys', ':wq', true), snippet('key', '^J', true), snippet('bash', 'kubectl apply -f rng.yaml')),
    { onLearnersTurn: () => (asks++, Promise.resolve()) },
  );
  assert.equal(edited.ok, true, describeFailure(edited));
  assert.equal(asks, 0);
  assert.equal(scripted.main.log.at(-1), 'exec kubectl apply -f rng.yaml');
});

test("an editor an earlier lab left open is the learner's before the next command; in a nested shell its prompt tells the end", async () => {
  const { main, run } = setup({ 'ssh node1': { output: 'Welcome\n' } });
  const turns: LearnersTurn[] = [];
  const learner = (turn: LearnersTurn) => {
    turns.push(turn);
    setTimeout(() => main.send('\x1b:wq\r'), 30);
    return new Promise<void>(() => {});
  };
  // Upstream pod-security-policies.md: the editor stays open for the next lab's keys (a wait follows it).
  const first = await run(lab(snippet('bash', 'ssh node1'), snippet('bash', 'sudo vim /etc/kubernetes/manifests/kube-apiserver.yaml'), snippet('wait', 'kube-apiserver', true)), { onLearnersTurn: learner });
  assert.equal(first.ok, true, describeFailure(first));
  assert.equal(turns.length, 0);
  const second = await run(lab(snippet('bash', 'kubectl version')), { onLearnersTurn: learner });
  assert.equal(second.ok, true, describeFailure(second));
  assert.equal(turns.length, 1);
  assert.equal(turns[0].leftOpen, true);
  assert.equal(turns[0].program, 'sudo vim /etc/kubernetes/manifests/kube-apiserver.yaml');
  assert.equal(second.reports[0].outcome, 'succeeded', 'the command ran in the nested shell, with its status from a marker line');
  assert.ok(main.log.indexOf('send "\\u001b:wq\\r"') < main.log.indexOf('send "kubectl version\\r"') || main.log.includes('start kubectl version'));
});

test('watches: one that ended by itself no longer takes the waits; the next lab stops those left running, unless it begins by talking to them', async () => {
  const { main, factory, session, run, stop } = setup({
    'kubectl logs -l app=pingpong --tail 1 -f': { kind: 'command', output: 'error: you are attempting to follow 8 log streams\n' },
    'kubectl get namespaces --show-labels -w': stream((n) => `hello Active color=purple ${n}`),
  });
  const ended = await run(lab(snippet('bash', 'kubectl logs -l app=pingpong --tail 1 -f'), snippet('wait', 'error:', true), snippet('bash', 'kubectl get pods')));
  assert.equal(ended.ok, true, describeFailure(ended));
  assert.equal(session.panes.target(), main, 'the watch ended: the pane types in the main terminal again');
  assert.equal(main.log.at(-1), 'exec kubectl get pods');

  // Upstream architecture.md leaves its watch running; the next lab begins with a command.
  session.enterLab('architecture.md:357', true);
  const left = await run(lab(snippet('bash', 'kubectl get namespaces --show-labels -w'), snippet('bash', 'kubectl label namespaces hello color=purple')));
  assert.equal(left.ok, true, describeFailure(left));
  const watch = factory.opened.at(-1)!;
  assert.equal(session.panes.target(), watch);
  session.enterLab('pod-security-policies.md:99', true);
  assert.ok(factory.closedTerminals.includes(watch), "the earlier lab's watch terminal is closed");
  assert.ok(watch.log.includes('send "\\u0003"'));
  assert.equal(session.panes.target(), main);

  // A lab that begins with ^C (upstream rollout.md) stops the watch the lab before left running.
  session.enterLab('rollout.md:200', true);
  await run(lab(snippet('bash', 'kubectl get pods -w')));
  const kept = factory.opened.at(-1)!;
  session.enterLab('rollout.md:234', false);
  assert.equal(session.panes.target(), kept);
  const stopped = await run(lab(snippet('key', '^C', true), snippet('bash', 'kubectl get pods')));
  stop();
  assert.equal(stopped.ok, true, describeFailure(stopped));
  assert.ok(kept.log.includes('send "\\u0003"'));
  assert.equal(main.log.at(-1), 'exec kubectl get pods');
});

test('in a nested shell, a command started before a wait ends when the nested prompt comes back; check reads its status', async () => {
  const { main, run } = setup({ 'kubectl run testpsp1 --image=nginx --restart=Never': { output: 'Error from server (Forbidden): forbidden: no providers available\n', exitCode: 1 } });
  const result = await run(
    lab(
      snippet('bash', 'ssh node1'),
      snippet('bash', 'kubectl run testpsp1 --image=nginx --restart=Never'),
      snippet('wait', 'forbidden: no providers available', true),
      snippet('check', '', true),
      snippet('bash', 'kubectl get all'),
    ),
    { continueAfterFailure: true },
  );
  assert.deepEqual(result.reports.map((r) => r.outcome), ['sent', 'sent', 'succeeded', 'failed', 'succeeded']);
  assert.equal(result.reports[3].exitCode, 1, 'the status of the started command, from a marker line in the nested shell');
  assert.equal(main.log.at(-2), 'start kubectl get all');
});

test('a pager: q reaches it while it shows; when the output fitted the screen and it quit, q is not typed at the prompt', async () => {
  const log = 'git log -p --since "4-JUL-2015" -- .';
  const paged = setup({ [log]: { output: 'commit 1a2b3c\n' } });
  const shown = await paged.run(lab(snippet('bash', log), snippet('wait', 'commit', true), snippet('keys', 'q', true), snippet('bash', 'ls')));
  assert.equal(shown.ok, true, describeFailure(shown));
  assert.deepEqual(paged.main.log, [`start ${log}`, 'send "q"', 'exec ls']);

  const short = setup({ [log]: { output: 'commit 1a2b3c\n', kind: 'command' } });
  const quit = await short.run(lab(snippet('bash', log), snippet('wait', 'commit', true), snippet('keys', 'q', true), snippet('bash', 'ls')));
  assert.equal(quit.ok, true, describeFailure(quit));
  assert.deepEqual(short.main.log, [`start ${log}`, 'exec ls']);
  assert.match(quit.reports[2].message ?? '', /keys not sent: `git log -p.*` had already ended/);
});
