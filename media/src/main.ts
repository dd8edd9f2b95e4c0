// The reader webview: draws what the extension sends and forwards what the user does.
// Each host message has one handler below; each part of the page has its module:
// header.ts, toc.ts, slideView.ts (+ snippets.ts), search.ts, navKeys.ts. See docs/CONTRACTS.md.
import type { CourseProblemView } from '../../src/protocol';
import { el } from './dom';
import { buildHeader, updateHeader } from './header';
import { listen, post, savedView, saveView } from './host';
import { clearDiagnoses, setDiagnoses } from './diagnosis';
import { applyReadinessToToc, clearEffects, setChapterObjects, setEffects, setReadiness } from './lab';
import { bindKeys } from './navKeys';
import { inSlide, page } from './page';
import { buildSearch, updateSearch } from './search';
import { awaitSlide, buildSlideView, showSlide, updateChapterStart, updateFooter } from './slideView';
import { applyAllStatuses, applyTrust, setLabState, setStatus } from './snippets';
import { initialMode, isCurrentSlide, view, type Mode } from './state';
import { buildToc, problemList, updateTocCurrent, updateTocProgress } from './toc';
import type { Ui } from './ui';

const app = document.getElementById('app')!;
/** Where the contents or the slide go. */
let body: HTMLElement | undefined;

const ui: Ui = {
  act(action) {
    if (view.course) post({ type: 'action', courseId: view.course.courseId, action });
  },
  openSlide(slide) {
    awaitSlide(slide);
    ui.act({ kind: 'goto', slide });
    ui.setMode('slide');
  },
  setMode(mode: Mode) {
    view.mode = mode;
    if (view.course) saveView({ courseId: view.course.courseId, mode });
    const shown = mode === 'toc' ? page.toc : page.slide;
    if (!body || !shown) return;
    if (body.firstChild !== shown) body.replaceChildren(shown);
    updateHeader();
    if (mode === 'slide') inSlide('#slide')?.focus({ preventScroll: true });
  },
  toggleSearch() {
    view.searchOpen = !view.searchOpen;
    updateSearch();
    updateHeader();
  },
};

/** Builds the page for a new course (or after an error view). */
function buildPage(): void {
  const course = view.course!;
  page.toc = buildToc(course, ui);
  page.slide = buildSlideView(ui);
  body = el('div', { className: 'reader-body' });
  app.replaceChildren(buildHeader(ui), buildSearch(ui), body);
  ui.setMode(view.mode);
  updateSearch();
  updateTocProgress();
  updateTocCurrent();
  applyReadinessToToc();
  updateFooter();
  if (view.slide && isCurrentSlide(view.slide, view.reader)) showSlide(view.slide, ui);
  post({ type: 'drawn', courseId: course.courseId, chapters: page.toc.querySelectorAll('[data-chapter]').length });
}

function showError(title: string, text: string, problems: CourseProblemView[]): void {
  view.course = undefined;
  page.toc = page.slide = body = undefined;
  const details = problemList(problems);
  details.open = true;
  app.replaceChildren(
    el('div', { className: 'error-view', role: 'alert' },
      el('h1', { textContent: title }),
      el('p', { textContent: text }),
      el('button', { className: 'action primary', textContent: 'Open another course…', onclick: () => post({ type: 'openCourse' }) }),
      details,
    ),
  );
  post({ type: 'drawnError', title });
}

listen({
  course(message) {
    const sameCourse = view.course?.courseId === message.courseId;
    view.course = message;
    view.trusted = message.trusted;
    if (!sameCourse) {
      clearEffects();
      clearDiagnoses();
      view.statuses = {};
      view.labStates = {};
      view.chapters = [];
      view.slide = undefined;
      view.reader = undefined;
      view.mode = initialMode(message, savedView());
    }
    buildPage();
  },
  state(message) {
    view.reader = message.state;
    if (view.slide?.index !== message.state.position.slide) awaitSlide(message.state.position.slide);
    updateHeader();
    updateFooter();
    updateTocCurrent();
  },
  slide(message) {
    if (!isCurrentSlide(message, view.reader)) return;
    view.slide = message;
    showSlide(message, ui);
    if (view.mode === 'slide' && document.activeElement === document.body) inSlide('#slide')?.focus({ preventScroll: true });
  },
  status(message) {
    if (message.courseId === view.course?.courseId) setStatus(message.key, message);
  },
  labState(message) {
    if (message.courseId === view.course?.courseId) setLabState(message.lab, message.state);
  },
  progress(message) {
    if (message.courseId !== view.course?.courseId) return;
    // Progress carries statuses and exit codes; what the last status message said of a step
    // still in the same state (its message, "your turn") stays.
    const previous = view.statuses;
    view.statuses = {};
    for (const [key, value] of Object.entries(message.statuses)) {
      const before = previous[key];
      view.statuses[key] = before?.status === value.status ? { ...before, ...value } : value;
    }
    // A click the host refused ran nothing, so progress does not list it: its "not run" stays.
    for (const [key, before] of Object.entries(previous)) if (before.status === 'idle' && before.message && !(key in message.statuses)) view.statuses[key] = before;
    view.chapters = message.chapters;
    applyAllStatuses();
    updateTocProgress();
    updateChapterStart();
  },
  trust(message) {
    view.trusted = message.trusted;
    applyTrust();
    updateHeader();
  },
  command(message) {
    if (message.command === 'search') ui.toggleSearch();
    else if (message.command === 'toc') ui.setMode(view.mode === 'toc' ? 'slide' : 'toc');
    else ui.setMode('slide');
  },
  stepEffects(message) {
    if (message.courseId === view.course?.courseId) setEffects(message.key, message.effects, message.unchecked);
  },
  stepDiagnosis(message) {
    if (message.courseId === view.course?.courseId) setDiagnoses(message.key, message.diagnoses);
  },
  readiness(message) {
    if (message.courseId === view.course?.courseId) setReadiness(message.chapters);
  },
  chapterObjects(message) {
    if (message.courseId === view.course?.courseId) setChapterObjects(message.chapters);
  },
  error(message) {
    showError(message.title, message.message, message.problems);
  },
});

bindKeys((intent) => {
  if (!view.course) return;
  if (intent === 'toc') return ui.setMode(view.mode === 'toc' ? 'slide' : 'toc');
  if (intent === 'search') return ui.toggleSearch();
  // In the contents, Next and Previous first go back to the slide.
  if (view.mode === 'toc') return ui.setMode('slide');
  ui.act({ kind: intent });
});

post({ type: 'ready', view: savedView() });
