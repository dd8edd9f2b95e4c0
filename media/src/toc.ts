// The table of contents. Built once per course; progress and the current chapter are
// updated in place. Each chapter link carries `data-progress="<done>/<total>"`.
import type { CourseProblemView, TocPart } from '../../src/protocol';
import { checkpointButtons } from './checkpointButtons';
import { actionLink, el, icon } from './dom';
import { post } from './host';
import { progressAttribute, startedText } from './labels';
import { allInToc } from './page';
import { view, type CourseInfo } from './state';
import type { Ui } from './ui';

export function buildToc(course: CourseInfo, ui: Ui): HTMLElement {
  const nav = el('nav', { id: 'toc', ariaLabel: 'Table of contents' });
  nav.append(el('h1', { className: 'course-title', textContent: course.title }));
  const meta = el('p', { className: 'course-meta' }, `${course.slideCount} slides · `);
  meta.append(actionLink({ textContent: course.bundled ? 'bundled course' : 'change course' }, () => post({ type: 'openCourse' })));
  nav.append(meta);
  for (const part of course.parts) nav.append(tocPart(part, course.courseId, ui));
  if (course.problems.length) nav.append(problemList(course.problems));
  return nav;
}

function tocPart(part: TocPart, courseId: string, ui: Ui): HTMLElement {
  const section = el('section', { className: 'toc-part' });
  if (part.title) section.append(el('h2', { textContent: part.title }));
  const list = el('ol', { className: 'toc-chapters' });
  for (const ch of part.chapters) {
    const link = actionLink(
      { className: 'toc-chapter', dataset: { chapter: String(ch.index), part: part.title, progress: progressAttribute(undefined, ch.snippetCount) } },
      () => ui.openSlide(ch.firstSlide),
      el('span', { className: 'toc-title', textContent: ch.title }),
    );
    list.append(el('li', { className: 'toc-entry' }, link, checkpointButtons(courseId, ch.index, ch.title)));
  }
  section.append(list);
  return section;
}

/** Progress meters and `data-progress`, from the last progress the extension sent. */
export function updateTocProgress(): void {
  for (const link of allInToc('.toc-chapter[data-chapter]')) {
    const progress = view.chapters[Number(link.dataset.chapter)];
    link.dataset.progress = progressAttribute(progress, 0);
    link.querySelector('.toc-started')?.remove();
    if (progress?.started) {
      link.dataset.started = progress.started.at;
      const label = `Started with Start This Chapter on ${startedText(progress.started)}`;
      link.append(el('span', { className: 'toc-started', title: label, ariaLabel: label }, icon('debug-start')));
    } else delete link.dataset.started;
    link.querySelector('.toc-progress')?.remove();
    if (!progress || progress.total === 0 || progress.done === 0) continue;
    const label = `${progress.done}/${progress.total} steps run`;
    const bar = el('span', { className: 'toc-progress-bar' });
    bar.style.width = `${Math.round((progress.done / progress.total) * 100)}%`;
    link.append(el('span', { className: 'toc-progress' + (progress.done >= progress.total ? ' complete' : ''), title: label, ariaLabel: label }, bar));
  }
}

export function updateTocCurrent(): void {
  const current = String(view.reader?.chapter ?? -1);
  for (const link of allInToc('.toc-chapter[data-chapter]')) {
    link.classList.toggle('current', link.dataset.chapter === current);
  }
}

export function problemList(problems: CourseProblemView[]): HTMLDetailsElement {
  const details = el('details', { className: 'problems' });
  const errors = problems.filter((p) => p.severity === 'error').length;
  details.append(el('summary', { textContent: `${problems.length} problem${problems.length === 1 ? '' : 's'} in this course${errors ? ` (${errors} errors)` : ''}` }));
  const list = el('ul');
  for (const p of problems.slice(0, 200)) {
    const link = actionLink({ textContent: `${p.file}:${p.line}` }, () => post({ type: 'openProblem', file: p.file, line: p.line }));
    list.append(el('li', { className: `problem ${p.severity}` }, link, ` ${p.message}`));
  }
  details.append(list);
  return details;
}
