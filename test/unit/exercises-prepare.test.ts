import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanBashData, prepareBash, splitShellCommands } from '../../src/exercises/prepare';

test('backticks (highlight markers) are removed', () => {
  assert.equal(cleanBashData('kubectl get `pods` -o `wide`'), 'kubectl get pods -o wide');
});

test('the fence indentation is removed, relative indentation is kept', () => {
  const data = 'cat > pod.yaml <<EOF\n    apiVersion: v1\n    metadata:\n      name: web\n    EOF\n';
  assert.equal(cleanBashData(data), 'cat > pod.yaml <<EOF\napiVersion: v1\nmetadata:\n  name: web\nEOF');
});

test('an indented first line and blank edge lines are trimmed', () => {
  assert.equal(cleanBashData('\n   docker ps\n   docker images\n\n'), 'docker ps\ndocker images');
});

test('trailing spaces after a continuation backslash are removed', () => {
  assert.equal(cleanBashData('kubectl run web \\   \n  --image=nginx'), 'kubectl run web \\\n--image=nginx');
});

test('several lines are several commands', () => {
  assert.deepEqual(prepareBash('kubectl get nodes\n  kubectl get pods\n').commands, ['kubectl get nodes', 'kubectl get pods']);
});

test('a backslash continuation becomes one line, as the shell reads it', () => {
  assert.deepEqual(splitShellCommands('kubectl create deployment web \\\n  --image=nginx \\\n  --replicas=3\necho done'), [
    'kubectl create deployment web   --image=nginx   --replicas=3',
    'echo done',
  ]);
});

test('a trailing pipe, && or || joins the next line', () => {
  assert.deepEqual(splitShellCommands('kubectl get pods |\ngrep web\ntrue &&\necho ok ||\necho ko'), [
    'kubectl get pods | grep web',
    'true && echo ok || echo ko',
  ]);
});

test('a heredoc keeps its body, including lines that look like commands', () => {
  const text = "kubectl apply -f- <<'EOF'\napiVersion: v1\nkind: Namespace\nEOF\nkubectl get ns";
  assert.deepEqual(splitShellCommands(text), ["kubectl apply -f- <<'EOF'\napiVersion: v1\nkind: Namespace\nEOF", 'kubectl get ns']);
});

test('<<- heredocs end at a tab-indented terminator', () => {
  assert.deepEqual(splitShellCommands('cat <<-END\n\thello\n\tEND\nls'), ['cat <<-END\n\thello\n\tEND', 'ls']);
});

test('loops, conditionals, case and subshells stay together', () => {
  assert.deepEqual(splitShellCommands('for i in 1 2 3; do\necho $i\ndone\nls'), ['for i in 1 2 3; do\necho $i\ndone', 'ls']);
  assert.deepEqual(splitShellCommands('if true\nthen echo y\nfi'), ['if true\nthen echo y\nfi']);
  assert.deepEqual(splitShellCommands('case $x in\na) echo a;;\nb) echo b;;\nesac\nls'), ['case $x in\na) echo a;;\nb) echo b;;\nesac', 'ls']);
  assert.deepEqual(splitShellCommands('echo $(\nhostname\n)\nls'), ['echo $(\nhostname\n)', 'ls']);
  assert.deepEqual(splitShellCommands('while sleep 1; do\n  kubectl get pods | \n  grep web\ndone'), ['while sleep 1; do\n  kubectl get pods | \n  grep web\ndone']);
});

test('a quote left open on a line continues on the next', () => {
  assert.deepEqual(splitShellCommands('echo "one\ntwo"\necho \'three\nfour\'\nls'), ['echo "one\ntwo"', "echo 'three\nfour'", 'ls']);
});

test('keywords inside quotes and comments do not open blocks', () => {
  assert.deepEqual(splitShellCommands('echo "do it" # then do\nls'), ['echo "do it" # then do', 'ls']);
  assert.deepEqual(splitShellCommands('echo ${HOME}\nls'), ['echo ${HOME}', 'ls']);
});

test('blank lines are dropped; empty data gives no command', () => {
  assert.deepEqual(prepareBash('ls\n\n\npwd').commands, ['ls', 'pwd']);
  assert.deepEqual(prepareBash('  \n ').commands, []);
});
