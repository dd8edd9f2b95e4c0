// Which slides of the course teach a diagnosed reason: found in the course's own text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { teachingSlides } from '../../src/lab/diagnosis/teach';

const slides = [
  { index: 0, title: 'Introduction', text: 'Kubernetes runs images in pods.' },
  { index: 4, title: 'Deployments', text: 'kubectl create deployment web --image=nginx creates a deployment.' },
  { index: 9, title: 'When an image cannot be pulled', text: 'The kubelet reports ErrImagePull, then ImagePullBackOff: check the image name and tag.' },
  { index: 10, title: 'Pods that stay Pending', text: 'FailedScheduling events say why: a nodeSelector matching no labels, taints, requests.' },
  { index: 11, title: 'Running a step twice', text: 'kubectl create refuses a name that already exists (AlreadyExists); kubectl apply does not.' },
];

test('teach: the slide naming the reason comes first', () => {
  assert.deepEqual(teachingSlides(slides, ['ImagePullBackOff', 'ErrImagePull', 'pull image', 'image'])[0], { slide: 9, title: 'When an image cannot be pulled' });
  assert.equal(teachingSlides(slides, ['FailedScheduling', 'nodeSelector', 'scheduler'])[0]?.slide, 10);
  assert.equal(teachingSlides(slides, ['AlreadyExists', 'already exists', 'kubectl apply', 'deployment'])[0]?.slide, 11);
});

test('teach: at most two slides, and none when the course does not talk about it', () => {
  assert.ok(teachingSlides(slides, ['ImagePullBackOff', 'image']).length <= 2);
  assert.deepEqual(teachingSlides(slides, ['OOMKilled', 'out of memory', 'memory limit']), []);
  // The resource kind alone does not make a slide about the reason.
  assert.deepEqual(teachingSlides(slides, ['NoStorageClass', 'deployment']), []);
  assert.deepEqual(teachingSlides(slides, []), []);
});

test('teach: the bundled course has a slide for each reason the e2e scenario shows', async () => {
  const path = await import('node:path');
  const { CourseIndex } = await import('../../src/course/courseIndex');
  const { loadCourse } = await import('../../src/course/load');
  const index = new CourseIndex(loadCourse(path.join(__dirname, '..', '..', 'content', 'kube.yml')));
  const bundled = index.slides.filter(Boolean).map((s) => ({ index: s.index, title: s.title, text: s.increments.join('\n') }));
  const title = (terms: string[]) => teachingSlides(bundled, terms)[0]?.title;
  assert.equal(title(['ImagePullBackOff', 'ErrImagePull', 'pull image', 'image']), 'When an image cannot be pulled');
  assert.equal(title(['FailedScheduling', 'nodeSelector', 'node affinity', 'labels', 'scheduler']), 'Pods stuck in Pending');
  assert.equal(title(['AlreadyExists', 'already exists', 'kubectl apply', 'deployment']), 'Refusals from the API server');
  assert.equal(title(['CrashLoopBackOff', 'restart', 'logs --previous', 'crash']), 'Containers that keep restarting');
});
