import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CourseIndex } from '../../src/course/courseIndex';
import { loadCourse } from '../../src/course/load';
import {
  courseSteps, cursorIndex, nextStep, planOfStep, previousStep, readStepCursors, stepAt, withStepCursor,
} from '../../src/exercises/courseSteps';
import { replay } from '../../src/exercises/replay';
import { ReplaySession } from '../../src/exercises/replaySession';
import { FakeFactory, FakeShell } from './helpers/fakeShell';
import { md, memoryFs, SLIDES } from './helpers/memoryCourse';

const files = {
  'deck.yml': 'content:\n- a.md\n- b.md\n',
  'a.md': md`
    # Alpha

    .lab[
    \`\`\`bash
    kubectl get pods -w
    \`\`\`
    <!-- \`\`\`wait NAME\`\`\` -->
    <!-- \`\`\`key ^C\`\`\` -->
    \`\`\`yaml
    kind: Pod
    \`\`\`
    ]

    ---

    ## Copying

    .lab[
    <!-- \`\`\`copy pod/[a-z]*\`\`\` -->
    \`\`\`bash
    echo first
    \`\`\`
    <!-- \`\`\`paste\`\`\` -->
    \`\`\`bash
    echo after
    \`\`\`
    ]
  `,
  'b.md': md`
    # Beta

    .lab[
    \`\`\`bash
    touch done
    \`\`\`
    ]
  `,
};

function steps() {
  return courseSteps(new CourseIndex(loadCourse(path.join(SLIDES, 'deck.yml'), memoryFs(files))));
}

test('every lab of every slide and chapter gives its steps in order, hidden directives included', () => {
  const all = steps();
  const kinds = all.map((s) => s.steps.map((p) => p.kind).join('+'));
  assert.deepEqual(kinds, ['run+wait', 'send', 'copy+run+paste', 'run', 'run']);
  assert.deepEqual(all.map((s) => s.index), [0, 1, 2, 3, 4]);
  assert.equal(all[1].steps[0].hidden, true);
  assert.deepEqual(all.map((s) => s.slide), [0, 0, 1, 1, 2]);
  assert.deepEqual(all.map((s) => s.chapterIndex), [0, 0, 0, 0, 1]);
  assert.match(all[0].stableKey, /^a\.md:\d+$/);
  assert.match(all[4].stableKey, /^b\.md:\d+$/);
  assert.equal(planOfStep(all[0]).steps.length, 2);
});

test('the cursor moves next, previous and to a chosen step', () => {
  const all = steps();
  assert.equal(nextStep(all, undefined), all[0]);
  assert.equal(cursorIndex(all, undefined), -1);
  assert.equal(nextStep(all, all[1].stableKey), all[2]);
  assert.equal(nextStep(all, all[4].stableKey), undefined, 'nothing after the last step');
  assert.equal(previousStep(all, all[2].stableKey), all[1]);
  assert.equal(previousStep(all, all[0].stableKey), undefined);
  assert.equal(previousStep(all, undefined), undefined);
  assert.equal(nextStep(all, 'gone.md:3'), all[0], 'a cursor on a step that no longer exists starts over');
  assert.equal(stepAt(all, 3), all[3]);
  assert.equal(stepAt(all, all[2].stableKey), all[2]);
});

test('stored cursors are read per course and malformed entries dropped', () => {
  assert.deepEqual(readStepCursors(undefined), { version: 1, courses: {} });
  assert.deepEqual(readStepCursors({ version: 2, courses: { a: 'x:1' } }).courses, {});
  assert.deepEqual(readStepCursors({ version: 1, courses: { a: 'x:1', b: 3 } }).courses, { a: 'x:1' });
  const stored = withStepCursor(readStepCursors({ version: 1, courses: { a: 'x:1' } }), 'b', 'y:2');
  assert.deepEqual(stored.courses, { a: 'x:1', b: 'y:2' });
});

test("Next step one step at a time: an editor the lab's next step types into is no learner's turn; one followed by a command is", async () => {
  const editing = {
    'deck.yml': 'content:\n- e.md\n',
    'e.md': md`
      # Editing

      .lab[
      \`\`\`bash
      vim rng.yaml
      \`\`\`
      <!-- \`\`\`keys :wq\`\`\` -->
      <!-- \`\`\`key ^J\`\`\` -->
      \`\`\`bash
      vim web.yaml
      \`\`\`
      \`\`\`bash
      kubectl apply -f web.yaml
      \`\`\`
      ]
    `,
  };
  const all = courseSteps(new CourseIndex(loadCourse(path.join(SLIDES, 'deck.yml'), memoryFs(editing))));
  assert.deepEqual(all.map((s) => s.followedBy?.kind), ['send', 'send', 'run', 'run', undefined]);
  const main = new FakeShell('Workshop');
  const session = new ReplaySession(main, new FakeFactory());
  let turns = 0;
  const options = { commandTimeoutMs: 300, onLearnersTurn: () => (turns++, setTimeout(() => main.send(':wq\r'), 20), new Promise<void>(() => {})) };
  for (const step of all) await replay(planOfStep(step), session, options);
  assert.equal(turns, 1, 'only the editor the lab leaves to the learner');
  assert.deepEqual(main.log, ['start vim rng.yaml', 'send ":wq"', 'send "\\n"', 'start vim web.yaml', 'send ":wq\\r"', 'exec kubectl apply -f web.yaml']);
});
