import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandKind, programUse } from '../../src/exercises/commandKinds';
import { PaneSet, parseTmux } from '../../src/exercises/panes';
import { makeStatusMarker, readStatus } from '../../src/exercises/statusMarker';

test('watches: commands that print until Ctrl-C', () => {
  for (const command of [
    'kubectl get pods -w',
    'kubectl get pods -o wide --watch',
    'kubectl logs deploy/pingpong --tail 1 --follow',
    'kubectl logs -l app=pingpong --tail 1 -f',
    'watch kubectl get pods',
    'stern --tail 1 --timestamps --all-namespaces coredns',
    'kubectl port-forward svc/web 8080:80',
    'kubectl proxy',
    'docker-compose logs --tail 10 --follow',
    'docker-compose up',
    'while true; do kubectl top pods; sleep 1; done',
    'vmstat 1',
    'httping http://$CLUSTERIP/',
    'ping node2',
  ]) {
    assert.equal(commandKind(command), 'watch', command);
  }
});

test('commands that end by themselves, nested shells, interactive programs', () => {
  for (const command of ['kubectl get pods', 'kubectl api-resources | grep -w nodes', 'kubectl logs deploy/pingpong --tail 2', 'kubectl proxy &', 'docker-compose up -d', 'kubectl rollout status deploy worker', 'psql demo -c "select 1"', 'curl $IP', 'git log --oneline | head', 'kubectl run pause --image=alpine --rm -ti --restart=Never -- sleep 5', 'kubectl run --rm -it --restart=Never --image=nixery.dev/curl my-test-pod \\\n  curl color.blue.svc', 'kubectl run -n blue --rm -ti --image curlimages/curl c curl x', 'kubectl run httpclient --rm -it --image alpine/httpie -- --ignore-stdin \\\n  http://ollama:11434/api/pull', 'kubectl run hey --rm -it --image nixery.dev/hey -- \\\n  hey -c 10 http://ollama:11434/', 'httping -c 3 $HASHER', 'ping -c 3 rng', 'ping -q -c 1 node2', 'kubectl wait deploy blue --for condition=available']) {
    assert.equal(commandKind(command), 'command', command);
  }
  for (const command of ['kubectl exec -ti postgres-0 -- su postgres', 'kubectl run -ti --rm alpine --image=alpine -- sh', 'docker exec -ti containerID sh', 'kubectl exec -ti db-0 -- /bin/bash', 'kubectl run --rm -ti --image=archlinux myshell', 'kubectl run -ti --rm --image alpine -n test alpine', 'kubectl run my-pod -ti --image=alpine --restart=Never \\\n  --overrides=\'{ "spec": {} }\'', 'ssh node2', 'sudo -i', 'sh', 'psql demo']) {
    assert.equal(commandKind(command), 'shell', command);
  }
  for (const command of ['vim rng.yaml', 'kubectl edit deployment busyhttp', 'top', 'telnet localhost 10000', `git log -p --since "4-JUL-2015" -- .`]) {
    assert.equal(commandKind(command), 'program', command);
  }
});

test('interactive programs: what the learner does with them', () => {
  const uses = {
    edit: ['vim rng.yaml', 'sudo nano /etc/kubernetes/manifests/kube-apiserver.yaml', 'kubectl edit deployment busyhttp', 'kubectl -n blue edit svc web'],
    view: ['top', 'less /var/log/syslog', 'man kubectl', 'k9s', `git log -p --since "4-JUL-2015" -- .`, 'git show HEAD'],
    connect: ['telnet localhost 10000', 'nc -l 8080', 'tmux'],
  };
  for (const [use, commands] of Object.entries(uses)) {
    for (const command of commands) {
      assert.equal(commandKind(command), 'program', command);
      assert.equal(programUse(command), use, command);
    }
  }
});

test('tmux directives', () => {
  assert.deepEqual(parseTmux('split-pane -v'), { kind: 'split' });
  assert.deepEqual(parseTmux('select-pane -t 0'), { kind: 'select', index: 0 });
  assert.deepEqual(parseTmux('last-pane'), { kind: 'last' });
  assert.equal(parseTmux('selectl even-vertical').kind, 'ignore');
  assert.equal(parseTmux('kill-server').kind, 'unsupported');
});

test('panes: a watch hides the shell of its pane; a split takes that shell; ^D gives it back', () => {
  const panes = new PaneSet<string>('main');
  panes.addWatch('w1');
  assert.equal(panes.target(), 'w1');
  panes.split(() => assert.fail('the main shell is free'));
  assert.equal(panes.currentNumber, 1);
  assert.equal(panes.target(), 'main');
  panes.select(0);
  assert.equal(panes.target(), 'w1');
  panes.last();
  assert.equal(panes.target(), 'main');
  assert.deepEqual(panes.closeCurrent(), { close: undefined });
  assert.equal(panes.target(), 'w1');
  assert.equal(panes.stopWatch(), 'w1', 'the stopped watch terminal is no pane\'s any more');
  assert.equal(panes.target(), 'main', 'the pane types in the main shell again');
  assert.equal(panes.closeCurrent(), false, 'the last pane is never closed');
});

test('status markers: the typed line never matches, the printed one does', () => {
  const marker = makeStatusMarker(() => 0.5);
  assert.equal(readStatus(marker, `$ ${marker.command}\n`), undefined);
  assert.equal(readStatus(marker, `$ ${marker.command}\n${marker.command.slice(5, -3)} 3\n$ `), 3);
  // A prompt printed before the status line (the marker was typed ahead of it).
  assert.equal(readStatus(marker, `$ ${marker.command}\n$ ${marker.command.slice(5, -3)} 1\n$ `), 1);
  assert.equal(readStatus(marker, `$ ${marker.command}\n$ ${marker.command.slice(5, -3)} 1`), 1);
});
