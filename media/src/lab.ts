// What the cluster did, shown in the course: each step's effects under its snippet, slide
// references to objects as links that reveal them in the Cluster view, and what a chapter
// needs that the cluster or the machine lacks.
import type { ChapterReadinessView, StepEffectView, UncheckedFileView } from '../../src/protocol';
import { parseResourceRef } from '../../src/lab/resourceRefs';
import { applyDiagnoses } from './diagnosis';
import { el, icon } from './dom';
import { request } from './host';
import { allInToc, inSlide } from './page';
import { view, type SlideInfo } from './state';

const effects = new Map<string, { list: StepEffectView[]; unchecked: UncheckedFileView[] }>();
let readiness: ChapterReadinessView[] = [];
/** Per chapter: names its steps create -> `kind/name`. */
let chapterObjects: Record<string, string>[] = [];

export function setChapterObjects(list: Record<string, string>[]): void {
  chapterObjects = list;
  const content = inSlide('.slide-content');
  if (content && view.slide) linkResources(content, view.slide.chapter);
}

const CHANGE_TEXT = { created: 'created', changed: 'changed', deleted: 'deleted' } as const;
const HEALTH_ICON = { ready: 'pass-filled', progressing: 'loading~spin', failed: 'error', deleted: 'trash' } as const;

export function setEffects(key: string, list: StepEffectView[], unchecked: UncheckedFileView[]): void {
  effects.set(key, { list, unchecked });
  const snippet = inSlide(`.snippet[data-snippet="${CSS.escape(key)}"]`);
  if (snippet) applyEffects(snippet);
}

export function clearEffects(): void {
  effects.clear();
}

/** Under a snippet: one line per object the step touched, with its health, and the files it applies that were not read. */
export function applyEffects(snippet: HTMLElement): void {
  snippet.querySelector(':scope > .step-effects')?.remove();
  const { list = [], unchecked = [] } = effects.get(snippet.dataset.snippet ?? '') ?? {};
  if (!list.length && !unchecked.length) return;
  const box = el('ul', { className: 'step-effects' });
  for (const u of unchecked) box.append(uncheckedItem(u, { className: 'effect effect-unchecked', dataset: { unchecked: u.file } }));
  for (const e of list) {
    const health = e.change === 'deleted' ? 'deleted' : e.health;
    const text = e.change === 'deleted' ? `${e.resource} deleted` : `${e.resource} ${CHANGE_TEXT[e.change]} · ${e.text}`;
    const item = el(
      'li',
      { className: `effect effect-${health}`, dataset: { resource: e.resource, namespace: e.namespace ?? '', change: e.change, health } },
      icon(HEALTH_ICON[health]),
      el('span', { className: 'effect-text', textContent: text }),
    );
    if (e.reason) item.append(el('div', { className: 'effect-reason', textContent: e.reason }));
    if (e.change !== 'deleted' && e.health !== 'deleted') item.append(revealButton(e.resource, e.namespace));
    box.append(item);
  }
  // The effects stay above the diagnosis that explains them.
  snippet.insertBefore(box, snippet.querySelector(':scope > .step-diagnoses'));
}

function revealButton(resource: string, namespace: string | undefined): HTMLElement {
  return el('button', { className: 'action effect-reveal', title: 'Show it in the Cluster view', onclick: () => void reveal(resource, namespace) }, icon('list-tree'));
}

/** `deploy/rng` in inline code becomes a link to the object in the Cluster view. */
export function linkResources(root: HTMLElement, chapter: number): void {
  for (const code of Array.from(root.querySelectorAll<HTMLElement>('code'))) {
    if (code.closest('pre, .snippet, .codeblock, a')) continue;
    const text = (code.textContent ?? '').trim();
    const ref = parseResourceRef(text);
    const named = chapterObjects[chapter];
    const target = ref ? `${ref.kind}/${ref.name}` : named && Object.hasOwn(named, text) ? named[text] : undefined;
    if (!target) continue;
    code.classList.add('resource-link');
    code.dataset.reveal = target;
    code.tabIndex = 0;
    code.setAttribute('role', 'link');
    code.title = `Show ${target} in the Cluster view`;
    code.onclick = () => void reveal(target, undefined, chapter, code);
    code.onkeydown = (e) => {
      if (e.key === 'Enter') void reveal(target, undefined, chapter, code);
    };
  }
}

async function reveal(resource: string, namespace: string | undefined, chapter?: number, anchor?: HTMLElement): Promise<void> {
  const courseId = view.course?.courseId;
  if (!courseId) return;
  const answer = await request('reveal', { courseId, resource, namespace, chapter }).catch((e: Error) => ({ outcome: 'missing' as const, message: e.message }));
  if (anchor && answer.message) {
    anchor.title = answer.message;
    anchor.dataset.revealOutcome = answer.outcome;
  }
}

export function setReadiness(list: ChapterReadinessView[]): void {
  readiness = list;
  applyReadinessToToc();
  const content = inSlide('.slide-content');
  if (content && view.slide) applyReadiness(content, view.slide);
}

/** Everything this module adds to a freshly drawn slide. */
export function decorateLab(content: HTMLElement, slide: SlideInfo): void {
  for (const snippet of Array.from(content.querySelectorAll<HTMLElement>('.snippet[data-snippet]'))) {
    applyEffects(snippet);
    applyDiagnoses(snippet);
  }
  linkResources(content, slide.chapter);
  applyReadiness(content, slide);
}

/** At a chapter's first slide: what the chapter needs that is missing, and what to do. */
export function applyReadiness(root: HTMLElement, slide: SlideInfo): void {
  root.querySelector(':scope > .readiness-box')?.remove();
  if (!view.course) return;
  const chapterIndex = slide.chapter;
  const first = firstSlideOf(chapterIndex);
  if (first !== slide.index) return;
  const entry = readiness.find((r) => r.chapter === chapterIndex);
  if (!entry || (!entry.missing.length && !entry.notes.length && !entry.unchecked.length)) return;
  const box = el('div', { className: 'readiness-box' });
  if (entry.missing.length) {
    const list = el('ul');
    for (const m of entry.missing) {
      list.append(el('li', {}, el('strong', { textContent: m.what }), ` — ${m.todo}`, m.chapter ? ` (chapter “${m.chapter}”)` : ''));
    }
    box.append(el('div', { className: 'readiness', dataset: { readiness: 'missing' } }, el('div', { className: 'readiness-title' }, icon('warning'), ' Before this chapter: the cluster or this machine lacks'), list));
  }
  if (entry.unchecked.length) {
    const list = el('ul');
    for (const u of entry.unchecked) list.append(uncheckedItem(u, {}));
    box.append(el('div', { className: 'readiness', dataset: { readiness: 'unchecked' } }, el('div', { className: 'readiness-title' }, icon('info'), ' Files this chapter applies that the reader does not read'), list));
  }
  for (const note of entry.notes) box.append(el('div', { className: 'readiness', dataset: { readiness: 'note' } }, icon('info'), ` ${note}`));
  root.prepend(box);
}

/** `path — outside the course: not checked`: the path as written, never anything from the file. */
function uncheckedItem(u: UncheckedFileView, props: { className?: string; dataset?: Record<string, string> }): HTMLElement {
  return el('li', props, icon('circle-slash'), ' ', el('code', { textContent: u.file }), ` — ${u.reason}`);
}

function firstSlideOf(chapterIndex: number): number | undefined {
  for (const part of view.course?.parts ?? []) for (const ch of part.chapters) if (ch.index === chapterIndex) return ch.firstSlide;
  return undefined;
}

/** In the contents: a warning mark on chapters that need something missing. */
export function applyReadinessToToc(): void {
  for (const entry of allInToc<HTMLElement>('[data-chapter]')) {
    entry.querySelector('.readiness-mark')?.remove();
    const found = readiness.find((r) => String(r.chapter) === entry.dataset.chapter);
    if (!found?.missing.length) continue;
    entry.append(el('span', { className: 'readiness-mark', title: found.missing.map((m) => m.what).join('\n'), dataset: { readiness: 'missing' } }, icon('warning')));
  }
}
