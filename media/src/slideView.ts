// The slide and the Previous / Next bar under it. The slide's html is replaced when
// another slide or step arrives; the bar is updated in place from the shared state.
import { checkpointButtons } from './checkpointButtons';
import { drawDiagrams } from './diagrams';
import { el, icon } from './dom';
import { post } from './host';
import { positionText, startedText } from './labels';
import { inSlide } from './page';
import { decorateLab } from './lab';
import { decorate } from './snippets';
import { view, type SlideInfo } from './state';
import type { Ui } from './ui';

export function buildSlideView(ui: Ui): HTMLElement {
  const main = el('main', { id: 'slide', tabIndex: -1 }, el('p', { className: 'loading', textContent: 'Loading the slide…' }));
  const footer = el(
    'footer',
    { className: 'nav' },
    el('button', { title: 'Previous slide (←)', dataset: { nav: 'prev' }, onclick: () => ui.act({ kind: 'previous' }) }, icon('arrow-left'), ' Previous'),
    el('span', { className: 'nav-position' }),
    el('button', { title: 'Next slide (→)', dataset: { nav: 'next' }, onclick: () => ui.act({ kind: 'next' }) }, 'Next ', icon('arrow-right')),
  );
  return el('div', { className: 'slide-wrap' }, main, footer);
}

/** Draws a rendered slide (its html is sanitized by the extension: src/render/sanitize.ts). */
export function showSlide(slide: SlideInfo, ui: Ui): void {
  const main = inSlide('#slide');
  if (!main) return;
  const moved = main.dataset.slideIndex !== String(slide.index);
  main.dataset.slideIndex = String(slide.index);
  main.className = slide.classes.map((c) => `slide-class-${c.replace(/[^\w-]/g, '')}`).join(' ');
  const content = el('div', { className: 'slide-content' });
  content.innerHTML = slide.html;
  decorate(content, slide.courseId);
  decorateLab(content, slide);
  wireLinks(content, ui);
  const badge = slide.classes.includes('extra-details')
    ? [el('div', { className: 'badge extra-badge', textContent: 'Extra details', title: 'Optional reading: skip these slides with the eye button' })]
    : [];
  const chapter = view.course?.parts.flatMap((part) => part.chapters).find((ch) => ch.firstSlide === slide.index && ch.index > 0);
  const start = chapter && view.course
    ? [el('div', { className: 'chapter-start', dataset: { chapter: String(chapter.index) } }, el('span', { className: 'chapter-start-text' }), checkpointButtons(view.course.courseId, chapter.index, chapter.title))]
    : [];
  main.replaceChildren(...badge, ...start, content);
  updateChapterStart();
  drawDiagrams(content);
  const footer = inSlide('.nav-position');
  if (footer) footer.title = `${slide.file}:${slide.line}`;
  if (moved) window.scrollTo(0, 0);
}

/** The line above a chapter's first slide: an invitation, or when the chapter was last started. */
export function updateChapterStart(): void {
  const line = inSlide('#slide .chapter-start');
  const text = line?.querySelector<HTMLElement>('.chapter-start-text');
  if (!line || !text) return;
  const started = view.chapters[Number(line.dataset.chapter)]?.started;
  text.textContent = started ? `Started here ${startedText(started)}` : 'Joining here?';
  line.toggleAttribute('data-started', !!started);
}

/** Until slide `index` arrives, the slide says it is loading (and already carries its index). */
export function awaitSlide(index: number): void {
  const main = inSlide('#slide');
  if (!main || main.dataset.slideIndex === String(index)) return;
  main.dataset.slideIndex = String(index);
  main.className = '';
  main.replaceChildren(el('p', { className: 'loading', textContent: 'Loading the slide…' }));
}

export function updateFooter(): void {
  const { reader, course } = view;
  if (!reader || !course) return;
  const position = inSlide('.nav-position');
  if (position) position.textContent = positionText(reader, course.slideCount);
  const prev = inSlide<HTMLButtonElement>('[data-nav="prev"]');
  const next = inSlide<HTMLButtonElement>('[data-nav="next"]');
  if (prev) prev.disabled = !reader.canPrevious;
  if (next) next.disabled = !reader.canNext;
}

function wireLinks(root: HTMLElement, ui: Ui): void {
  for (const link of Array.from(root.querySelectorAll<HTMLAnchorElement>('a[data-link-kind]'))) {
    link.addEventListener('click', (e) => {
      e.preventDefault();
      const kind = link.dataset.linkKind;
      if (kind === 'anchor') {
        const target = view.course?.anchors[link.dataset.target ?? ''];
        if (target !== undefined) ui.openSlide(target);
      } else if (kind === 'external') {
        post({ type: 'openLink', kind: 'external', target: link.getAttribute('href') ?? '' });
      } else if (kind === 'file') {
        post({ type: 'openLink', kind: 'file', target: link.dataset.target ?? '', fragment: link.dataset.fragment });
      }
    });
  }
}
