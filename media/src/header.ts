// The bar above the contents and the slide: its buttons are built once and updated in place.
import { post } from './host';
import { el, icon, setRunnable } from './dom';
import { chapterTitle, view } from './state';
import type { Ui } from './ui';

function button(id: string, action: () => void): HTMLButtonElement {
  return el('button', { id, className: 'icon-button', onclick: action });
}

function nextStep(): void {
  if (view.course) post({ type: 'nextStep', courseId: view.course.courseId });
}

export function buildHeader(ui: Ui): HTMLElement {
  const title = el('span', { className: 'bar-title' });
  const beside = el('button', { className: 'icon-button', title: 'Open beside the editor', ariaLabel: 'Open beside the editor', onclick: () => post({ type: 'openBeside' }) }, icon('split-horizontal'));
  const header = el(
    'header',
    { className: 'bar' },
    button('toggle-toc', () => ui.setMode(view.mode === 'toc' ? 'slide' : 'toc')),
    title,
    button('toggle-search', () => ui.toggleSearch()),
    button('toggle-extra', () => ui.act({ kind: 'setHideExtraDetails', hide: !view.reader?.hideExtraDetails })),
    button('toggle-steps', () => ui.act({ kind: 'setStepMode', on: !view.reader?.stepMode })),
    el('button', { id: 'next-step', className: 'icon-button', title: 'Next step: run the next step of the course', ariaLabel: 'Next step', onclick: nextStep }, icon('debug-continue')),
    beside,
  );
  return header;
}

function setButton(id: string, codicon: string, title: string, pressed?: boolean): void {
  const node = document.getElementById(id);
  if (!node) return;
  node.title = title;
  node.ariaLabel = title;
  if (pressed !== undefined) node.ariaPressed = String(pressed);
  const glyph = node.firstElementChild;
  if (glyph?.classList.contains(`codicon-${codicon}`)) return;
  node.replaceChildren(icon(codicon));
}

export function updateHeader(): void {
  const { course, reader, mode, searchOpen } = view;
  if (!course) return;
  const toc = mode === 'toc';
  setButton('toggle-toc', toc ? 'preview' : 'list-tree', toc ? 'Back to the slide (T)' : 'Table of contents (T)');
  setButton('toggle-search', 'search', 'Search the course (/)', searchOpen);
  const hide = !!reader?.hideExtraDetails;
  setButton('toggle-extra', hide ? 'eye-closed' : 'eye', hide ? 'Extra-details slides are skipped: show them' : 'Skip extra-details slides', hide);
  const steps = !!reader?.stepMode;
  setButton('toggle-steps', 'debug-step-over', steps ? 'Step-by-step is on: show whole slides' : 'Step through increments', steps);
  const next = document.getElementById('next-step') as HTMLButtonElement | null;
  // Like Run and Run all: nothing runs in Restricted Mode, and the button says why.
  if (next) setRunnable(next, view.trusted, 'Next step: run the next step of the course', 'Next step is disabled: this workspace is not trusted (Restricted Mode). Trust the workspace to run exercises.');
  const title = document.querySelector<HTMLElement>('header.bar .bar-title');
  if (title) {
    title.textContent = toc || !reader ? course.title : chapterTitle(course, reader.chapter);
    title.title = course.source;
  }
}
