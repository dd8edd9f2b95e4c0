// A course of labs in the upstream format for the Run all scenarios, and stand-in `kubectl` and
// `curl` put first on the terminals' PATH (no cluster runs). Side effects land in <tmp>/marks/.
import { join } from 'node:path';
import { courseManifest, courseSettings } from './course-fixture.mjs';

/** A `## title` slide holding one lab of `lines`. */
export const lab = (title, ...lines) => [`## ${title}`, '', '.lab[', '', ...lines, '', ']', ''].join('\n');
/** A fenced block of a lab's list item. */
export const fence = (method, ...lines) => ['  ```' + method, ...lines.map((l) => `  ${l}`), '  ```', ''];
const hidden = (...directives) => ['<!--', ...directives.map((d) => '```' + d + '```'), '-->', ''];

export function standInKubectl(marks) {
  return `#!/bin/sh
# Stand-in kubectl for the end-to-end tests.
case "$*" in
  "get pods -w") echo "NAME READY STATUS RESTARTS AGE"; i=0; while :; do i=$((i+1)); echo "pingpong-$i 1/1 Running 0 \${i}s"; sleep 0.5; done ;;
  "get deployments -w") echo "NAME READY UP-TO-DATE AVAILABLE AGE"; while :; do echo "worker 1/1 1 1 1m"; sleep 0.5; done ;;
  "scale deploy/worker --replicas=10") touch "${marks}/scaled"; echo "deployment.apps/worker scaled" ;;
  "delete pod pingpong") sleep 1; touch "${marks}/deleted"; echo 'pod "pingpong" deleted' ;;
  "delete pod missing") echo 'Error from server (NotFound): pods "missing" not found' >&2; exit 1 ;;
  "exec -ti db-0 -- sh") echo "shell of db-0 ready"; PS1='db-0$ ' exec sh -i ;;
  *) echo "stand-in kubectl: $*" ;;
esac
`;
}

function curl(marks) {
  return `#!/bin/sh
# Stand-in curl: hangs, like a request behind a network policy, until Ctrl-C.
trap 'touch "${marks}/curl-interrupted"; exit 130' INT
while :; do sleep 0.2; done
`;
}

function vim(marks) {
  return `#!/bin/sh
# Stand-in editor: reads what the learner types until an ex command saves and quits.
echo "stand-in vim: editing $1 (type :wq to save and quit)"
while IFS= read -r line; do
  case "$line" in *:wq*|*:x*) touch "${marks}/edited"; exit 0 ;; esac
done
`;
}

export function replayCourseFiles({ tmp }) {
  const marks = join(tmp, 'marks');
  return {
    'bin/kubectl': standInKubectl(marks),
    'bin/curl': curl(marks),
    'bin/vim': vim(marks),
    'marks/.keep': '',
    'course/course.yml': courseManifest('E2E replay course', 'labs.md'),
    'course/labs.md': [
      '# Replay',
      '',
      lab('Two watches', ...fence('bash', 'kubectl get pods -w', 'kubectl get deployments -w'), ...hidden('wait RESTARTS', 'key ^C', 'wait AVAILABLE', 'key ^C'), ...fence('bash', 'kubectl scale deploy/worker --replicas=10')),
      '---',
      '',
      lab('Keys after a command', ...fence('bash', 'kubectl delete pod pingpong'), ...hidden('key ^D', 'key ^C'), ...fence('bash', `touch ${join(marks, 'after-guard')}`)),
      '---',
      '',
      lab('Wait on the typed line', ...fence('bash', 'curl $IP'), ...hidden('wait curl', 'key ^C'), ...fence('bash', `touch ${join(marks, 'after-curl')}`)),
      '---',
      '',
      lab(
        'A nested shell',
        ...fence('bash', 'kubectl exec -ti db-0 -- sh'),
        ...hidden('wait ready'),
        ...fence('bash', 'test -d /nonexistent-folder'),
        ...fence('bash', 'test -d /'),
        ...hidden('key ^D'),
        ...fence('bash', `touch ${join(marks, 'after-nested')}`),
      ),
      '---',
      '',
      lab('A step out of time', ...fence('bash', 'sleep 11'), ...hidden('wait never shown'), ...fence('bash', `touch ${join(marks, 'after-timeout')}`)),
      '---',
      '',
      lab('Your turn to edit', ...fence('bash', 'vim deployment.yaml'), ...fence('bash', `touch ${join(marks, 'after-edit')}`)),
      '---',
      '',
      lab('A watch left running', ...fence('bash', 'kubectl get deployments -w'), ...fence('bash', 'kubectl label namespaces hello color=purple')),
      '---',
      '',
      lab('The next lab', ...fence('bash', `touch ${join(marks, 'next-lab')}`)),
    ].join('\n'),
  };
}

export function replayCourseSettings({ tmp }) {
  return {
    ...courseSettings({ tmp }),
    'workshop.replay.waitTimeoutSeconds': 8,
    'terminal.integrated.env.linux': { PATH: `${join(tmp, 'bin')}:${process.env.PATH}` },
  };
}
