// Which course steps create which objects: to say where an object a slide names comes from
// when it does not exist yet.
import type { Chapter } from '../course/model';
import { planStep } from './stepPlan';

export interface CreatingStep {
  readonly slide: number;
  readonly slideTitle: string;
  readonly chapter: string;
  readonly command: string;
}

/** The steps of the course (the given chapter's first) whose commands create `kind/name`. */
export function stepsCreating(chapters: readonly Chapter[], kind: string, name: string, preferChapter?: number): CreatingStep[] {
  const order = preferChapter === undefined ? chapters : [chapters[preferChapter], ...chapters.filter((_, i) => i !== preferChapter)];
  const out: CreatingStep[] = [];
  for (const chapter of order) {
    if (!chapter) continue;
    for (const slide of chapter.slides)
      for (const lab of slide.labs)
        for (const snippet of lab.snippets) {
          if (snippet.method !== 'bash' || !snippet.data.includes(name)) continue;
          const creates = planStep(snippet.data, { namespace: 'default' }).some(
            (t) => (t.action === 'create' || t.action === 'apply') && t.resource.kind.toLowerCase() === kind && t.names?.includes(name),
          );
          if (creates) out.push({ slide: slide.index, slideTitle: slide.title, chapter: chapter.title, command: snippet.data.trim().split('\n')[0] ?? '' });
        }
  }
  return out;
}

/** For each chapter, the objects its steps create by name: `web` -> `deployment/web` (the first one wins). */
export function objectsByChapter(chapters: readonly Chapter[]): Record<string, string>[] {
  return chapters.map((chapter) => {
    const objects: Record<string, string> = {};
    for (const slide of chapter.slides)
      for (const lab of slide.labs)
        for (const snippet of lab.snippets) {
          if (snippet.method !== 'bash') continue;
          for (const target of planStep(snippet.data, { namespace: 'default' })) {
            if (target.action !== 'create' && target.action !== 'apply') continue;
            for (const name of target.names ?? []) if (!Object.hasOwn(objects, name)) objects[name] = `${target.resource.kind.toLowerCase()}/${name}`;
          }
        }
    return objects;
  });
}
