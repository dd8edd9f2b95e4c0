// The shell commands of every bash step of the bundled course (content/), for tests over "every form the course uses".
import { join, resolve } from 'node:path';
import { loadCourse } from '../../../src/course/load';
import type { Chapter } from '../../../src/course/model';
import { prepareBash } from '../../../src/exercises/prepare';

export const BUNDLED_MANIFEST = join(resolve(__dirname, '..', '..', '..'), 'content', 'kube.yml');

export function bundledChapters(): Chapter[] {
  return loadCourse(BUNDLED_MANIFEST).parts.flatMap((p) => p.chapters);
}

/** Each bash (and hidden) step's data, with the commands the shell will see. */
export function bundledSteps(): { chapter: string; data: string; commands: string[] }[] {
  const out: { chapter: string; data: string; commands: string[] }[] = [];
  for (const chapter of bundledChapters())
    for (const slide of chapter.slides)
      for (const lab of slide.labs)
        for (const snippet of lab.snippets)
          if (snippet.method === 'bash' || snippet.method === 'hide') out.push({ chapter: chapter.title, data: snippet.data, commands: prepareBash(snippet.data).commands });
  return out;
}
