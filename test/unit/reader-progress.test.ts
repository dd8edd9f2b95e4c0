import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CourseIndex } from '../../src/course/courseIndex';
import { loadCourse } from '../../src/course/load';
import { deserializeProgress, emptyProgress, recordStatus, type CourseProgress } from '../../src/exercises/progress';
import { countedSteps, progressSummary, withoutSteps } from '../../src/reader/progress';
import { md, memoryFs, SLIDES } from './helpers/memoryCourse';

// Chapter 0 has two labs: the first with one visible command and two hidden directives,
// the second with one visible command. Chapter 1 has one command.
const files = {
  'deck.yml': 'content:\n- - two-labs.md\n  - one-lab.md\n',
  'two-labs.md': md`
    # Two labs

    .lab[
    \`\`\`bash
    kubectl create deployment web --image=nginx
    \`\`\`
    <!--
    \`\`\`wait Running\`\`\`
    \`\`\`key ^C\`\`\`
    -->
    ]

    .lab[
    \`\`\`bash
    kubectl scale deployment web --replicas=3
    \`\`\`
    ]
  `,
  'one-lab.md': md`
    # One lab

    .lab[
    \`\`\`bash
    kubectl get pods
    \`\`\`
    \`\`\`yaml
    kind: Pod
    \`\`\`
    ]
  `,
};

const index = new CourseIndex(loadCourse(path.join(SLIDES, 'deck.yml'), memoryFs(files)));

/** What "Run all" of a lab records: every snippet of it, hidden ones included, under production keys. */
function runAll(progress: CourseProgress, slide: number, lab: number): CourseProgress {
  for (const ref of index.labSnippets(slide, lab)) {
    progress = recordStatus(progress, ref.stableKey, 'succeeded', { at: 1, chapter: index.chapterKey(ref.chapterIndex) });
  }
  return progress;
}

test('the steps that count are the visible runnable snippets, under the keys production stores', () => {
  assert.deepEqual(countedSteps(index), [['two-labs.md:4', 'two-labs.md:14'], ['one-lab.md:4']]);
});

test('Run all of a lab with hidden steps leaves its two-lab chapter at 1/2', () => {
  const progress = runAll(emptyProgress(), 0, 0);
  assert.equal(Object.keys(progress.snippets).length, 3, 'Run all records the hidden steps too');
  assert.deepEqual(progressSummary(countedSteps(index), progress), [{ done: 1, total: 2 }, { done: 0, total: 1 }]);
  const both = runAll(progress, 0, 1);
  assert.deepEqual(progressSummary(countedSteps(index), both), [{ done: 2, total: 2 }, { done: 0, total: 1 }]);
});

test('a chapter started with Start This Chapter carries its start; the others carry none', () => {
  const started = { at: '2026-12-03T16:40:00.000Z', ran: 2, held: 1, skipped: 0 };
  assert.deepEqual(progressSummary(countedSteps(index), emptyProgress(), [undefined, started]), [{ done: 0, total: 2 }, { done: 0, total: 1, started }]);
});

test('failed and running steps are not done; statuses of snippets no longer in the course are ignored', () => {
  let progress = recordStatus(emptyProgress(), 'two-labs.md:4', 'failed', { exitCode: 1, at: 1 });
  progress = recordStatus(progress, 'two-labs.md:14', 'running', { at: 2 });
  progress = recordStatus(progress, 'one-lab.md:4', 'unknown', { at: 3 });
  progress = recordStatus(progress, 'gone.md:3', 'succeeded', { at: 4 });
  assert.deepEqual(progressSummary(countedSteps(index), progress), [{ done: 0, total: 2 }, { done: 1, total: 1 }]);
});

test('reset of one chapter keeps the others; reset of the course keeps nothing', () => {
  const progress = runAll(runAll(emptyProgress(), 0, 0), 1, 0);
  const chapterReset = withoutSteps(progress, index.stableKeysOfChapter(0));
  assert.deepEqual(Object.keys(chapterReset.snippets), ['one-lab.md:4', 'one-lab.md:7']);
  assert.deepEqual(progressSummary(countedSteps(index), chapterReset), [{ done: 0, total: 2 }, { done: 1, total: 1 }]);
  assert.deepEqual(progressSummary(countedSteps(index), emptyProgress()), [{ done: 0, total: 2 }, { done: 0, total: 1 }]);
});

test('progress stored by release 0.1 counts in the new summary', () => {
  // As release 0.1 stored it under `workshop.exercises.progress:<course>`, after Run all of the first lab.
  const stored = {
    version: 1,
    snippets: {
      'two-labs.md:4': { status: 'succeeded', exitCode: 0, at: 1700000000000, chapter: 'two-labs.md:1' },
      'two-labs.md:8': { status: 'succeeded', at: 1700000000001, chapter: 'two-labs.md:1' },
      'two-labs.md:9': { status: 'sent', at: 1700000000002, chapter: 'two-labs.md:1' },
      'one-lab.md:4': { status: 'failed', exitCode: 2, at: 1700000000003, chapter: 'one-lab.md:1' },
    },
  };
  const progress = deserializeProgress(JSON.parse(JSON.stringify(stored)));
  assert.deepEqual(progressSummary(countedSteps(index), progress), [{ done: 1, total: 2 }, { done: 0, total: 1 }]);
});
