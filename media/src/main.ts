// The reader webview: table of contents, slides, navigation, search, and the
// Run / Copy / Send buttons of exercises. Talks to the extension only through
// the typed messages of src/protocol.ts.
import type { CourseProblemView, HostMessage, Position, ReaderCommand, ReaderState, SearchResult, SnippetStatus, TocPart, WebviewMessage } from '../../src/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): (ReaderState & { mode?: Mode; stepMode?: boolean }) | undefined;
  setState(state: ReaderState & { mode?: Mode; stepMode?: boolean }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Mode = 'toc' | 'slide';
type CourseMessage = Extract<HostMessage, { type: 'course' }>;
type SlideMessage = Extract<HostMessage, { type: 'slide' }>;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

const RUNNABLE = new Set(['bash']);
const SENDABLE = new Set(['key', 'keys']);
const YAML = new Set(['yaml', 'yml']);
const UNTRUSTED_TITLE = 'Running commands is disabled: this workspace is not trusted (Restricted Mode). Trust the workspace to run exercises; Copy still works.';

let course: CourseMessage | undefined;
let slide: SlideMessage | undefined;
let position: Position = { slide: 0, step: 0 };
let mode: Mode = 'toc';
let stepMode = false;
let trusted = true;
let hideExtra = false;
let statuses: Record<string, { status: SnippetStatus; exitCode?: number; message?: string }> = {};
let chapterDone: number[] = [];
let searchOpen = false;
let searchResults: SearchResult[] = [];
let searchQuery = '';

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

type Props<T> = Partial<Omit<T, 'dataset'>> & { dataset?: Record<string, string> };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props<HTMLElementTagNameMap[K]> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) for (const [k, v] of Object.entries(dataset)) node.dataset[k] = v;
  for (const child of children) node.append(child);
  return node;
}

function saveState(): void {
  if (!course) return;
  vscode.setState({ courseId: course.courseId, position, mode, stepMode });
}

let positionTimer: ReturnType<typeof setTimeout> | undefined;
function savePosition(): void {
  saveState();
  clearTimeout(positionTimer);
  const c = course;
  if (!c) return;
  const p = { ...position };
  positionTimer = setTimeout(() => post({ type: 'position', courseId: c.courseId, position: p }), 150);
}

// ---------- rendering ----------

function render(): void {
  app.replaceChildren();
  if (!course) {
    app.append(el('p', { className: 'loading', textContent: 'Loading the course…' }));
    return;
  }
  app.append(header());
  if (searchOpen) app.append(searchPanel());
  app.append(mode === 'toc' ? toc() : slideView());
}

function icon(name: string): HTMLElement {
  return el('span', { className: `codicon codicon-${name}`, ariaHidden: 'true' });
}

function header(): HTMLElement {
  const c = course!;
  const chapter = slide ? chapterTitle(slide.chapter) : '';
  const button = (codicon: string, title: string, action: () => void, extra: Props<HTMLButtonElement> = {}) =>
    el('button', { className: 'icon-button', title, ariaLabel: title, onclick: action, ...extra }, icon(codicon));
  return el(
    'header',
    { className: 'bar' },
    button(mode === 'toc' ? 'preview' : 'list-tree', mode === 'toc' ? 'Back to the slide (T)' : 'Table of contents (T)', () => toggleToc(), {
      id: 'toggle-toc',
    }),
    el('span', { className: 'bar-title', textContent: mode === 'toc' ? c.title : chapter, title: c.source }),
    button('search', 'Search the course (/)', () => toggleSearch(), { id: 'toggle-search', ariaPressed: String(searchOpen) }),
    button(hideExtra ? 'eye-closed' : 'eye', hideExtra ? 'Extra-details slides are skipped: show them' : 'Skip extra-details slides', () => setHideExtra(!hideExtra), {
      id: 'toggle-extra',
      ariaPressed: String(hideExtra),
    }),
    button('debug-step-over', stepMode ? 'Step-by-step is on: show whole slides' : 'Step through increments', () => setStepMode(!stepMode), {
      id: 'toggle-steps',
      ariaPressed: String(stepMode),
    }),
    button('split-horizontal', 'Open beside the editor', () => post({ type: 'openBeside' })),
  );
}

function chapterTitle(index: number): string {
  for (const part of course!.parts) for (const ch of part.chapters) if (ch.index === index) return ch.title;
  return '';
}

function toc(): HTMLElement {
  const c = course!;
  const nav = el('nav', { id: 'toc', ariaLabel: 'Table of contents' });
  nav.append(el('h1', { className: 'course-title', textContent: c.title }));
  const meta = el('p', { className: 'course-meta' });
  meta.append(`${c.slideCount} slides · `);
  meta.append(el('a', { href: '#', textContent: c.bundled ? 'bundled course' : 'change course', onclick: (e) => { e.preventDefault(); post({ type: 'openCourse' }); } }));
  nav.append(meta);
  for (const part of c.parts) nav.append(tocPart(part));
  if (c.problems.length) nav.append(problemList(c.problems));
  return nav;
}

function tocPart(part: TocPart): HTMLElement {
  const section = el('section', { className: 'toc-part' });
  if (part.title) section.append(el('h2', { textContent: part.title }));
  const list = el('ol', { className: 'toc-chapters' });
  for (const ch of part.chapters) {
    const current = slide?.chapter === ch.index;
    const done = chapterDone[ch.index] ?? 0;
    const link = el('a', {
      href: '#',
      className: 'toc-chapter' + (current ? ' current' : ''),
      dataset: { chapter: String(ch.index), part: part.title },
      onclick: (e) => {
        e.preventDefault();
        go({ slide: ch.firstSlide, step: 0 }, 'slide');
      },
    });
    link.append(el('span', { className: 'toc-title', textContent: ch.title }));
    if (ch.snippetCount > 0 && done > 0) {
      const label = `${Math.min(done, ch.snippetCount)}/${ch.snippetCount} steps run`;
      const meter = el('span', { className: 'toc-progress' + (done >= ch.snippetCount ? ' complete' : ''), title: label, ariaLabel: label });
      meter.append(el('span', { className: 'toc-progress-bar' }));
      (meter.firstChild as HTMLElement).style.width = `${Math.round((Math.min(done, ch.snippetCount) / ch.snippetCount) * 100)}%`;
      link.append(meter);
    }
    list.append(el('li', {}, link));
  }
  section.append(list);
  return section;
}

function problemList(problems: CourseProblemView[]): HTMLElement {
  const details = el('details', { className: 'problems' });
  const errors = problems.filter((p) => p.severity === 'error').length;
  details.append(el('summary', { textContent: `${problems.length} problem${problems.length === 1 ? '' : 's'} in this course${errors ? ` (${errors} errors)` : ''}` }));
  const list = el('ul');
  for (const p of problems.slice(0, 200)) {
    const link = el('a', {
      href: '#',
      textContent: `${p.file}:${p.line}`,
      onclick: (e) => {
        e.preventDefault();
        post({ type: 'openProblem', file: p.file, line: p.line });
      },
    });
    list.append(el('li', { className: `problem ${p.severity}` }, link, ` ${p.message}`));
  }
  details.append(list);
  return details;
}

function slideView(): HTMLElement {
  const wrap = el('div', { className: 'slide-wrap' });
  const main = el('main', { id: 'slide', tabIndex: -1 });
  if (!slide || slide.index !== position.slide) {
    main.dataset.slideIndex = String(position.slide);
    main.append(el('p', { className: 'loading', textContent: 'Loading the slide…' }));
  } else {
    main.dataset.slideIndex = String(slide.index);
    main.className = slide.classes.map((c) => `slide-class-${c.replace(/[^\w-]/g, '')}`).join(' ');
    if (slide.classes.includes('extra-details')) {
      main.append(el('div', { className: 'badge extra-badge', textContent: 'Extra details', title: 'Optional reading: skip these slides with the eye button' }));
    }
    const content = el('div', { className: 'slide-content' });
    content.innerHTML = slide.html; // sanitized by the extension (src/render/sanitize.ts)
    decorate(content);
    main.append(content);
  }
  wrap.append(main, footer());
  return wrap;
}

function footer(): HTMLElement {
  const c = course!;
  const total = c.slideCount;
  const shown = slide && slide.index === position.slide ? slide : undefined;
  const stepInfo = shown && shown.steps > 1 && (stepMode || shown.step < shown.steps) ? ` · step ${shown.step}/${shown.steps}` : '';
  return el(
    'footer',
    { className: 'nav' },
    el('button', { title: 'Previous slide (←)', dataset: { nav: 'prev' }, disabled: neighbour(-1) === undefined && position.step <= 1, onclick: () => previous() }, icon('arrow-left'), ' Previous'),
    el('span', { className: 'nav-position', textContent: `${position.slide + 1} / ${total}${stepInfo}`, title: slide ? `${slide.file}:${slide.line}` : '' }),
    el('button', { title: 'Next slide (→)', dataset: { nav: 'next' }, disabled: neighbour(1) === undefined && !hasMoreSteps(), onclick: () => next() }, 'Next ', icon('arrow-right')),
  );
}

/** Adds the buttons of code blocks and labs, and wires links. */
function decorate(root: HTMLElement): void {
  const courseId = course!.courseId;
  for (const snippet of Array.from(root.querySelectorAll<HTMLElement>('.snippet[data-method][data-snippet]'))) {
    const method = snippet.dataset.method ?? '';
    const key = snippet.dataset.snippet!;
    const bar = el('div', { className: 'snippet-actions' });
    if (RUNNABLE.has(method) || SENDABLE.has(method)) {
      const action = RUNNABLE.has(method) ? 'run' : 'send';
      const button = el('button', {
        className: 'action primary',
        title: trusted ? (action === 'run' ? 'Run in the Workshop terminal' : 'Send these keys to the Workshop terminal') : UNTRUSTED_TITLE,
        disabled: !trusted,
        dataset: { action },
        onclick: () => {
          setStatus(key, { status: 'running' });
          post({ type: action, courseId, key });
        },
      }, icon(action === 'run' ? 'play' : 'keyboard'), action === 'run' ? ' Run' : ' Send');
      if (!trusted) button.setAttribute('aria-disabled', 'true');
      bar.append(button);
    }
    bar.append(copyButton(() => post({ type: 'copy', courseId, key })));
    if (YAML.has(method)) bar.append(openYamlButton(snippet));
    bar.append(el('span', { className: 'status', dataset: { role: 'status' } }));
    snippet.prepend(bar);
    applyStatus(snippet);
  }
  for (const block of Array.from(root.querySelectorAll<HTMLElement>('.codeblock[data-lang]'))) {
    const bar = el('div', { className: 'snippet-actions' });
    bar.append(copyButton(() => post({ type: 'copy', courseId, text: block.querySelector('code')?.textContent ?? '' })));
    if (YAML.has(block.dataset.lang ?? '')) bar.append(openYamlButton(block));
    block.prepend(bar);
  }
  for (const lab of Array.from(root.querySelectorAll<HTMLElement>('.lab[data-lab]'))) {
    if (!lab.querySelector('.snippet[data-method]')) continue;
    const bar = el('div', { className: 'lab-actions' });
    const button = el('button', {
      className: 'action',
      title: trusted ? 'Replay this whole exercise, hidden steps included (asks first)' : UNTRUSTED_TITLE,
      disabled: !trusted,
      dataset: { action: 'run-all' },
      onclick: () => post({ type: 'runAll', courseId, lab: lab.dataset.lab! }),
    }, icon('run-all'), ' Run all');
    if (!trusted) button.setAttribute('aria-disabled', 'true');
    bar.append(el('span', { className: 'lab-label', textContent: 'Exercise' }), button);
    if (!trusted) bar.append(el('span', { className: 'restricted-note', textContent: 'Restricted Mode: trust this workspace to run commands.' }));
    lab.prepend(bar);
  }
  for (const link of Array.from(root.querySelectorAll<HTMLAnchorElement>('a[data-link-kind]'))) {
    link.addEventListener('click', (e) => {
      e.preventDefault();
      const kind = link.dataset.linkKind;
      if (kind === 'anchor') {
        const target = course?.anchors[link.dataset.target ?? ''];
        if (target !== undefined) go({ slide: target, step: 0 }, 'slide');
      } else if (kind === 'external') {
        post({ type: 'openLink', kind: 'external', target: link.getAttribute('href') ?? '' });
      } else if (kind === 'file') {
        post({ type: 'openLink', kind: 'file', target: link.dataset.target ?? '', fragment: link.dataset.fragment });
      }
    });
  }
}

function copyButton(onCopy: () => void): HTMLButtonElement {
  const label = el('span', { textContent: ' Copy' });
  return el('button', {
    className: 'action',
    title: 'Copy to the clipboard',
    dataset: { action: 'copy' },
    onclick: () => {
      onCopy();
      label.textContent = ' Copied';
      setTimeout(() => (label.textContent = ' Copy'), 1200);
    },
  }, icon('copy'), label);
}

function openYamlButton(block: HTMLElement): HTMLButtonElement {
  return el('button', {
    className: 'action',
    title: 'Open this YAML in a new editor',
    dataset: { action: 'open-yaml' },
    onclick: () => post({ type: 'openYaml', text: block.querySelector('code')?.textContent ?? '' }),
  }, icon('go-to-file'), ' Open in editor');
}

const STATUS_TEXT: Record<SnippetStatus, string> = {
  idle: '',
  running: '… running',
  succeeded: '✓ done',
  failed: '✗ failed',
  unknown: '• sent (status unknown)',
  sent: '• sent',
};

function setStatus(key: string, value: { status: SnippetStatus; exitCode?: number; message?: string }): void {
  statuses[key] = value;
  const node = document.querySelector<HTMLElement>(`.snippet[data-snippet="${CSS.escape(key)}"]`);
  if (node) applyStatus(node);
}

function applyStatus(node: HTMLElement): void {
  const value = statuses[node.dataset.snippet ?? ''];
  const status = value?.status ?? 'idle';
  node.dataset.status = status;
  const label = node.querySelector<HTMLElement>('[data-role="status"]');
  if (!label) return;
  let text = STATUS_TEXT[status];
  if (status === 'failed' && value?.exitCode !== undefined) text = `✗ exit ${value.exitCode}`;
  label.textContent = text;
  label.title = value?.message ?? (status === 'unknown' ? 'Shell integration is not available in this terminal, so the exit status cannot be known.' : '');
  label.onclick = status === 'idle' ? null : () => post({ type: 'showOutput', courseId: course!.courseId, key: node.dataset.snippet! });
  label.classList.toggle('clickable', status !== 'idle');
}

function searchPanel(): HTMLElement {
  const panel = el('div', { id: 'search', role: 'search' });
  const input = el('input', { type: 'search', placeholder: 'Search the course', value: searchQuery, ariaLabel: 'Search the course' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      searchQuery = input.value;
      post({ type: 'search', courseId: course!.courseId, query: searchQuery });
    }, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') toggleSearch();
    if (e.key === 'Enter' && searchResults[0]) openResult(searchResults[0]);
  });
  panel.append(input);
  const list = el('ol', { className: 'search-results' });
  for (const r of searchResults) {
    const link = el('a', { href: '#', onclick: (e) => { e.preventDefault(); openResult(r); } });
    link.append(el('strong', { textContent: r.title }), el('span', { className: 'search-chapter', textContent: ` — ${r.chapter}` }), el('br'), el('span', { className: 'excerpt', textContent: r.excerpt }));
    list.append(el('li', {}, link));
  }
  if (searchQuery && !searchResults.length) list.append(el('li', { className: 'empty', textContent: 'No slide matches.' }));
  panel.append(list);
  setTimeout(() => input.focus(), 0);
  return panel;
}

function openResult(r: SearchResult): void {
  searchOpen = false;
  go({ slide: r.slide, step: 0 }, 'slide');
}

// ---------- navigation ----------

function isHidden(index: number): boolean {
  return hideExtra && !!course?.extraDetails.includes(index);
}

function neighbour(direction: 1 | -1): number | undefined {
  if (!course) return undefined;
  for (let i = position.slide + direction; i >= 0 && i < course.slideCount; i += direction) if (!isHidden(i)) return i;
  return undefined;
}

function hasMoreSteps(): boolean {
  return !!slide && slide.index === position.slide && slide.step < slide.steps;
}

function next(): void {
  if (mode === 'toc') return go(position, 'slide');
  if (hasMoreSteps()) return go({ slide: position.slide, step: slide!.step + 1 }, 'slide');
  const n = neighbour(1);
  if (n !== undefined) go({ slide: n, step: stepMode ? 1 : 0 }, 'slide');
}

function previous(): void {
  if (mode === 'toc') return go(position, 'slide');
  if (stepMode && slide && slide.index === position.slide && slide.step > 1) return go({ slide: position.slide, step: slide.step - 1 }, 'slide');
  const n = neighbour(-1);
  if (n !== undefined) go({ slide: n, step: 0 }, 'slide');
}

function chapterJump(direction: 1 | -1): void {
  if (!course) return;
  const chapters = course.parts.flatMap((p) => p.chapters);
  const current = slide?.chapter ?? 0;
  const target = chapters.find((c) => c.index === current + direction);
  if (target) go({ slide: target.firstSlide, step: 0 }, 'slide');
}

function go(p: Position, newMode: Mode): void {
  if (!course) return;
  position = { slide: Math.max(0, Math.min(p.slide, course.slideCount - 1)), step: p.step };
  mode = newMode;
  savePosition();
  if (mode === 'slide' && (!slide || slide.index !== position.slide || (position.step || slide.steps) !== slide.step)) {
    post({ type: 'showSlide', courseId: course.courseId, index: position.slide, step: position.step });
  }
  render();
  if (mode === 'slide') document.getElementById('slide')?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function toggleToc(): void {
  go(position, mode === 'toc' ? 'slide' : 'toc');
}

function toggleSearch(): void {
  searchOpen = !searchOpen;
  render();
}

function setHideExtra(hide: boolean): void {
  hideExtra = hide;
  post({ type: 'setHideExtraDetails', hide });
  render();
}

function setStepMode(on: boolean): void {
  stepMode = on;
  saveState();
  go({ slide: position.slide, step: on ? 1 : 0 }, mode);
}

function runCommand(command: ReaderCommand): void {
  switch (command) {
    case 'next': return next();
    case 'previous': return previous();
    case 'nextChapter': return chapterJump(1);
    case 'previousChapter': return chapterJump(-1);
    case 'toc': return toggleToc();
    case 'search': return toggleSearch();
    case 'toggleExtraDetails': return setHideExtra(!hideExtra);
  }
}

document.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement | null;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const keys: Record<string, () => void> = {
    ArrowRight: next, PageDown: next, ArrowLeft: previous, PageUp: previous,
    t: toggleToc, '/': toggleSearch,
  };
  const action = keys[e.key];
  if (action) {
    e.preventDefault();
    action();
  }
});

// ---------- messages ----------

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'course': {
      const sameCourse = course?.courseId === message.courseId;
      course = message;
      trusted = message.trusted;
      hideExtra = message.hideExtraDetails;
      if (!sameCourse) {
        statuses = {};
        const saved = vscode.getState();
        const restored = saved?.courseId === message.courseId ? saved : undefined;
        position = restored?.position ?? message.position;
        mode = restored?.mode ?? (restored || hasStoredPosition(message) ? 'slide' : 'toc');
        stepMode = restored?.stepMode ?? false;
      }
      slide = undefined;
      go(position, mode);
      return;
    }
    case 'slide':
      if (message.courseId !== course?.courseId || message.index !== position.slide) return;
      slide = message;
      position = { slide: message.index, step: message.step < message.steps ? message.step : 0 };
      saveState();
      render();
      return;
    case 'status':
      if (message.courseId === course?.courseId) setStatus(message.key, message);
      return;
    case 'progress':
      if (message.courseId !== course?.courseId) return;
      statuses = { ...message.statuses };
      chapterDone = message.chapterDone;
      if (mode === 'toc') render();
      else for (const node of Array.from(document.querySelectorAll<HTMLElement>('.snippet[data-snippet]'))) applyStatus(node);
      return;
    case 'searchResults':
      if (message.query !== searchQuery) return;
      searchResults = message.results;
      if (searchOpen) {
        const focused = document.activeElement as HTMLInputElement | null;
        const caret = focused?.selectionStart ?? null;
        render();
        const input = document.querySelector<HTMLInputElement>('#search input');
        if (input && caret !== null) input.setSelectionRange(caret, caret);
      }
      return;
    case 'trust':
      trusted = message.trusted;
      render();
      return;
    case 'settings':
      hideExtra = message.hideExtraDetails;
      render();
      return;
    case 'command':
      runCommand(message.command);
      return;
    case 'goto':
      if (message.courseId === course?.courseId) go({ slide: message.slide, step: 0 }, 'slide');
      return;
    case 'error':
      showError(message.title, message.message, message.problems);
      return;
  }
});

function hasStoredPosition(message: CourseMessage): boolean {
  return message.position.slide > 0 || message.position.step > 0;
}

function showError(title: string, text: string, problems: CourseProblemView[]): void {
  course = undefined;
  app.replaceChildren(
    el('div', { className: 'error-view', role: 'alert' },
      el('h1', { textContent: title }),
      el('p', { textContent: text }),
      el('button', { className: 'action primary', textContent: 'Open another course…', onclick: () => post({ type: 'openCourse' }) }),
      problemList(problems),
    ),
  );
  app.querySelector('details')?.setAttribute('open', '');
}

const state = vscode.getState();
post({ type: 'ready', state: state ? { courseId: state.courseId, position: state.position } : undefined });
