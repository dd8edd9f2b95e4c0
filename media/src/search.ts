// The search box: built once, its results replaced as answers arrive, so typing is never
// interrupted.
import type { SearchResult } from '../../src/protocol';
import { actionLink, el } from './dom';
import { request } from './host';
import { view } from './state';
import type { Ui } from './ui';

let query = '';
let timer: ReturnType<typeof setTimeout> | undefined;

export function buildSearch(ui: Ui): HTMLElement {
  const panel = el('div', { id: 'search', role: 'search', hidden: true });
  const input = el('input', { type: 'search', placeholder: 'Search the course', ariaLabel: 'Search the course', value: query });
  const list = el('ol', { className: 'search-results' });
  let results: SearchResult[] = [];
  const open = (r: SearchResult) => {
    ui.toggleSearch();
    ui.openSlide(r.slide);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const asked = (query = input.value);
      const courseId = view.course?.courseId ?? '';
      request('search', { courseId, query: asked }).then(
        (found) => {
          if (asked !== query) return; // an older answer
          results = found;
          showResults(list, asked, found, open);
        },
        () => showResults(list, asked, [], open),
      );
    }, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') ui.toggleSearch();
    if (e.key === 'Enter' && results[0]) open(results[0]);
  });
  panel.append(input, list);
  return panel;
}

function showResults(list: HTMLElement, asked: string, results: SearchResult[], open: (r: SearchResult) => void): void {
  list.replaceChildren(
    ...results.map((r) =>
      el('li', {}, actionLink({}, () => open(r), el('strong', { textContent: r.title }), el('span', { className: 'search-chapter', textContent: ` — ${r.chapter}` }), el('br'), el('span', { className: 'excerpt', textContent: r.excerpt }))),
    ),
  );
  if (asked && !results.length) list.append(el('li', { className: 'empty', textContent: 'No slide matches.' }));
}

/** Shows or hides the box; an opened box takes the focus. */
export function updateSearch(): void {
  const panel = document.getElementById('search');
  if (!panel) return;
  const wasHidden = panel.hidden;
  panel.hidden = !view.searchOpen;
  if (view.searchOpen && wasHidden) panel.querySelector('input')?.focus();
}
