import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CourseIndex } from '../../src/course/courseIndex';
import { findDecks, readDeckTitle, resolveCourseSetting } from '../../src/course/discover';
import { loadCourse } from '../../src/course/load';
import { md, memoryFs, SLIDES } from './helpers/memoryCourse';

function indexOf(files: Record<string, string>): CourseIndex {
  return new CourseIndex(loadCourse(path.join(SLIDES, 'deck.yml'), memoryFs(files)));
}

const course = {
  'deck.yml': 'content:\n- intro.md\n- - a.md\n  - b.md\n',
  'intro.md': '## Welcome\n\nname: not-a-property-here',
  'a.md': md`
    # Alpha chapter

    .lab[
    \`\`\`bash
    kubectl get pods
    \`\`\`
    <!-- \`\`\`wait Running\`\`\` -->
    \`\`\`key ^C\`\`\`
    \`\`\`yaml
    kind: Pod
    \`\`\`
    ]
    ---
    class: extra-details
    name: deeper

    ## Deeper look at Services
  `,
  'b.md': '# Beta chapter\n\nNothing to run about Services here.',
};

test('slides, chapters, anchors and extra-details are indexed', () => {
  const index = indexOf(course);
  assert.equal(index.slides.length, 4);
  assert.deepEqual(index.chapterOfSlide, [0, 1, 1, 2]);
  assert.equal(index.anchors['toc-alpha-chapter'], 1);
  assert.equal(index.anchors['toc-beta-chapter'], 3);
  assert.equal(index.anchors.deeper, 2);
  assert.deepEqual(index.extraDetails, [2]);
  assert.deepEqual(index.toc.map((p) => p.chapters.map((c) => [c.title, c.firstSlide, c.slideCount, c.snippetCount])), [
    [['Welcome', 0, 1, 0]],
    [['Alpha chapter', 1, 2, 2], ['Beta chapter', 3, 1, 0]],
  ]);
});

test('snippets by key and by stable key; a lab lists its hidden steps too', () => {
  const index = indexOf(course);
  const ref = index.snippet('1:0:0')!;
  assert.equal(ref.snippet.data, 'kubectl get pods');
  assert.equal(ref.stableKey, 'a.md:4');
  assert.equal(index.snippetByStableKey('a.md:4'), ref);
  assert.equal(index.snippet('1:0:1')!.snippet.hidden, true);
  assert.equal(index.snippet('9:9:9'), undefined);
  assert.deepEqual(index.labSnippets(1, 0).map((r) => r.snippet.method), ['bash', 'wait', 'key', 'yaml']);
  assert.deepEqual(index.labSnippets(3, 0), []);
  assert.equal(index.chapterKey(1), 'a.md:1');
});

test('search finds every word, anywhere, with an excerpt and the chapter', () => {
  const index = indexOf(course);
  const results = index.search('services');
  assert.deepEqual(results.map((r) => r.slide), [2, 3]);
  assert.equal(results[0].title, 'Deeper look at Services');
  assert.equal(results[1].chapter, 'Beta chapter');
  assert.match(results[1].excerpt, /Services here/);
  assert.deepEqual(index.search('beta services').map((r) => r.slide), [3]);
  assert.deepEqual(index.search('running'), [], 'hidden directives are not searched');
  assert.deepEqual(index.search('   '), []);
});

test('deck discovery in a clone: slides/*.yml with content, preferred decks first', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'decks-'));
  try {
    const slides = path.join(root, 'container.training', 'slides');
    fs.mkdirSync(slides, { recursive: true });
    fs.writeFileSync(path.join(slides, 'aaa.yml'), 'title: First deck\ncontent:\n- a.md\n');
    fs.writeFileSync(path.join(slides, 'kube-selfpaced.yml'), 'title: |\n  Deploying and Scaling\n  with Kubernetes\ncontent:\n- a.md\n');
    fs.writeFileSync(path.join(slides, 'not-a-deck.yml'), 'foo: bar\n');
    const decks = findDecks([root]);
    assert.deepEqual(decks.map((d) => path.basename(d.path)), ['kube-selfpaced.yml', 'aaa.yml']);
    assert.equal(decks[0].title, 'Deploying and Scaling with Kubernetes');
    assert.equal(readDeckTitle(path.join(slides, 'not-a-deck.yml')), undefined);
    assert.equal(resolveCourseSetting('container.training/slides', [root]), path.join(slides, 'kube-selfpaced.yml'));
    assert.equal(resolveCourseSetting(path.join(slides, 'aaa.yml'), []), path.join(slides, 'aaa.yml'));
    assert.equal(resolveCourseSetting('nope.yml', [root]), undefined);
    assert.equal(resolveCourseSetting('', [root]), undefined);
    assert.deepEqual(findDecks([path.join(root, 'missing')]), []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the bundled course loads without problems and has labs of every kind the reader shows', () => {
  const bundled = loadCourse(path.join(__dirname, '..', '..', 'content', 'kube.yml'));
  assert.deepEqual(bundled.problems, []);
  const index = new CourseIndex(bundled);
  const methods = new Set(index.slides.flatMap((s) => s.labs.flatMap((l) => l.snippets.map((x) => x.method))));
  for (const m of ['bash', 'key', 'wait']) assert.ok(methods.has(m), `bundled course uses ${m}`);
  assert.ok(index.extraDetails.length > 0);
  assert.ok(index.slides.some((s) => s.increments.length > 1));
  assert.ok(index.toc.filter((p) => p.title).length > 1);
});
