import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lab, LabSnippet } from '../../src/course/model';
import { mapNodeAddress, planLab, planSnippet } from '../../src/exercises/plan';

const options = { waitTimeoutMs: 30_000, longWaitMultiplier: 10, nodeAddress: '10.0.0.5' };

function snippet(method: string, data: string, hidden = false, line = 1): LabSnippet {
  return { method, data, hidden, line };
}

// The "Streaming logs in real time" lab of upstream kubectl-run.md: a visible command and hidden directives.
const logsLab: Lab = {
  line: 10,
  snippets: [
    snippet('bash', 'kubectl logs deploy/pingpong --tail 1 --follow\n', false, 12),
    snippet('wait', 'seq=3', true, 18),
    snippet('keys', '^C', true, 19),
  ],
};

test('run all includes hidden directives, in order', () => {
  const plan = planLab(logsLab, options);
  assert.deepEqual(plan.steps.map((s) => [s.kind, s.hidden]), [['run', false], ['wait', true], ['send', true]]);
  assert.deepEqual(plan.problems, []);
  const send = plan.steps[2];
  assert.ok(send.kind === 'send' && send.sequence === '\x03');
});

test('a click on a visible snippet never includes hidden directives', () => {
  const plan = planSnippet(logsLab.snippets[0], options);
  assert.equal(plan.steps.length, 1);
  assert.equal(plan.steps[0].kind, 'run');
  assert.ok(plan.steps.every((step) => !step.hidden));
});

test('a click on a hidden snippet runs nothing and says why', () => {
  const plan = planSnippet(logsLab.snippets[1], options);
  assert.equal(plan.steps.length, 0);
  assert.match(plan.problems[0], /Run all/);
});

test('code that is only shown is not a step', () => {
  const lab: Lab = { line: 1, snippets: [snippet('yaml', 'kind: Pod'), snippet('', 'kubectl delete pod x'), snippet('bash', 'ls')] };
  const plan = planLab(lab, options);
  assert.deepEqual(plan.steps.map((s) => s.snippetIndex), [2]);
  assert.equal(planSnippet(lab.snippets[0], options).steps.length, 0);
});

test('one-line and multi-line bash fences', () => {
  const oneLine = planSnippet(snippet('bash', 'kubectl get `pods`'), options).steps[0];
  assert.ok(oneLine.kind === 'run');
  assert.deepEqual(oneLine.commands, ['kubectl get pods']);
  const multi = planSnippet(snippet('bash', 'kubectl get nodes\n    kubectl get pods \\\n      -o wide\n'), options).steps[0];
  assert.ok(multi.kind === 'run');
  assert.equal(multi.text, 'kubectl get nodes\nkubectl get pods \\\n  -o wide');
  assert.deepEqual(multi.commands, ['kubectl get nodes', 'kubectl get pods   -o wide']);
});

test('hide is a hidden run', () => {
  const plan = planLab({ line: 1, snippets: [snippet('hide', 'kubectl wait pod --selector=run=pingpong --for condition=ready', true)] }, options);
  assert.ok(plan.steps[0].kind === 'run' && plan.steps[0].hidden);
});

test('wait and longwait timeouts come from the options', () => {
  const plan = planLab({ line: 1, snippets: [snippet('wait', 'Running'), snippet('longwait', 'Completed')] }, options);
  assert.deepEqual(plan.steps.map((s) => (s.kind === 'wait' ? [s.timeoutMs, s.long] : undefined)), [[30_000, false], [300_000, true]]);
});

test('copy, paste, check, open, tmux', () => {
  const plan = planLab(
    {
      line: 1,
      snippets: [
        snippet('copy', 'pingpong-[^-]*-.....', true),
        snippet('paste', '', true),
        snippet('check', '', true),
        snippet('open', 'http://node1:30080/', true),
        snippet('tmux', 'split-pane -v', true),
      ],
    },
    options,
  );
  assert.deepEqual(plan.steps.map((s) => s.kind), ['copy', 'paste', 'check', 'open', 'tmux']);
  const open = plan.steps[3];
  assert.ok(open.kind === 'open' && open.url === 'http://10.0.0.5:30080/');
  assert.match(plan.describe(), /Panes \[hidden\]: open a new terminal beside the others/);
});

test('node1 is replaced only as the host of the URL', () => {
  assert.equal(mapNodeAddress('http://node1/', 'localhost'), 'http://localhost/');
  assert.equal(mapNodeAddress('https://node1:8443/path?q=node1', 'a.b'), 'https://a.b:8443/path?q=node1');
  assert.equal(mapNodeAddress('http://node10:80/', 'x'), 'http://node10:80/');
});

test('bad data becomes an invalid step and a problem', () => {
  const plan = planLab({ line: 1, snippets: [snippet('key', 'Foo'), snippet('copy', '(unclosed'), snippet('open', 'file:///etc/passwd')] }, options);
  assert.deepEqual(plan.steps.map((s) => s.kind), ['invalid', 'invalid', 'invalid']);
  assert.equal(plan.problems.length, 3);
  assert.match(plan.problems[0], /unknown key name "Foo"/);
});

test('describe lists every step, hidden ones marked', () => {
  const text = planLab(logsLab, options).describe();
  assert.equal(
    text,
    [
      '1. Run: kubectl logs deploy/pingpong --tail 1 --follow',
      '2. Wait [hidden] up to 30 s for "seq=3"',
      '3. Send keys [hidden]: ^C',
    ].join('\n'),
  );
});

test('tmux: pane commands become steps, layout commands are skipped; placeholder URLs are skipped', () => {
  const plan = planLab(
    {
      line: 1,
      snippets: [
        snippet('tmux', 'select-pane -t 0', true),
        snippet('tmux', 'last-pane', true),
        snippet('tmux', 'selectl even-vertical', true),
        snippet('open', 'http://node1:3xxxx/'),
      ],
    },
    options,
  );
  assert.deepEqual(plan.steps.map((s) => s.kind), ['tmux', 'tmux', 'skip', 'skip']);
  assert.equal(plan.problems.length, 0);
  assert.match(plan.describe(), /Skip \[hidden\]: tmux selectl even-vertical: VS Code lays out split terminals itself/);
  assert.match(plan.describe(), /Skip: http:\/\/node1:3xxxx\/ is a placeholder/);
});
