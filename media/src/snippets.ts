// The buttons of code blocks and labs on a slide (Run, Send, Copy, Open in editor, Run all).
// A status or trust change updates the buttons and labels it concerns, not the slide.
import { el, icon, setRunnable } from './dom';
import { post, request } from './host';
import { statusText, statusTitle } from './labels';
import { allInSlide, inSlide, page } from './page';
import { view } from './state';

const RUNNABLE = new Set(['bash']);
const SENDABLE = new Set(['key', 'keys']);
const YAML = new Set(['yaml', 'yml']);
const UNTRUSTED_TITLE = 'Running commands is disabled: this workspace is not trusted (Restricted Mode). Trust the workspace to run exercises; Copy still works.';
const RESTRICTED_NOTE = 'Restricted Mode: trust this workspace to run commands.';
const TITLES: Record<string, string> = {
  run: 'Run in the Workshop terminal',
  send: 'Send these keys to the Workshop terminal',
  'run-all': 'Replay this whole exercise, hidden steps included (asks first)',
};

export function decorate(root: HTMLElement, courseId: string): void {
  for (const snippet of Array.from(root.querySelectorAll<HTMLElement>('.snippet[data-method][data-snippet]'))) {
    const method = snippet.dataset.method ?? '';
    const key = snippet.dataset.snippet ?? '';
    const bar = el('div', { className: 'snippet-actions' });
    if (RUNNABLE.has(method) || SENDABLE.has(method)) {
      const action = RUNNABLE.has(method) ? 'run' : 'send';
      bar.append(
        el('button', {
          className: 'action primary',
          dataset: { action },
          onclick: () => {
            setStatus(key, { status: 'running' });
            post({ type: action, courseId, key });
          },
        }, icon(action === 'run' ? 'play' : 'keyboard'), action === 'run' ? ' Run' : ' Send'),
      );
    }
    bar.append(copyButton(() => request('copy', { courseId, key })));
    if (YAML.has(method)) bar.append(openYamlButton(snippet));
    bar.append(el('span', { className: 'status', dataset: { role: 'status' } }));
    snippet.prepend(bar);
    applyStatus(snippet);
  }
  for (const block of Array.from(root.querySelectorAll<HTMLElement>('.codeblock[data-lang]'))) {
    const bar = el('div', { className: 'snippet-actions' });
    bar.append(copyButton(() => request('copy', { courseId, text: block.querySelector('code')?.textContent ?? '' })));
    if (YAML.has(block.dataset.lang ?? '')) bar.append(openYamlButton(block));
    block.prepend(bar);
  }
  for (const lab of Array.from(root.querySelectorAll<HTMLElement>('.lab[data-lab]'))) {
    if (!lab.querySelector('.snippet[data-method]')) continue;
    const labKey = lab.dataset.lab ?? '';
    const button = el('button', { className: 'action', dataset: { action: 'run-all' }, onclick: () => post({ type: 'runAll', courseId, lab: labKey }) }, icon('run-all'), ' Run all');
    lab.prepend(el('div', { className: 'lab-actions' }, el('span', { className: 'lab-label', textContent: 'Exercise' }), button));
    const runState = view.labStates[labKey];
    if (runState) lab.dataset.runState = runState;
  }
  applyTrust(root);
}

function copyButton(copy: () => Promise<unknown>): HTMLButtonElement {
  const label = el('span', { textContent: ' Copy' });
  return el('button', {
    className: 'action',
    title: 'Copy to the clipboard',
    dataset: { action: 'copy' },
    onclick: () => {
      copy().then(
        () => {
          label.textContent = ' Copied';
          setTimeout(() => (label.textContent = ' Copy'), 1200);
        },
        () => (label.textContent = ' Copy failed'),
      );
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

/** Run, Send and Run all follow Workspace Trust; Copy always works. */
export function applyTrust(root: ParentNode | undefined = page.slide): void {
  if (!root) return;
  const trusted = view.trusted;
  for (const button of Array.from(root.querySelectorAll<HTMLButtonElement>('button[data-action="run"], button[data-action="send"], button[data-action="run-all"]'))) {
    setRunnable(button, trusted, TITLES[button.dataset.action ?? ''], UNTRUSTED_TITLE);
  }
  for (const bar of Array.from(root.querySelectorAll<HTMLElement>('.lab-actions'))) {
    const note = bar.querySelector('.restricted-note');
    if (trusted) note?.remove();
    else if (!note) bar.append(el('span', { className: 'restricted-note', textContent: RESTRICTED_NOTE }));
  }
}

/** `data-run-state` of a lab after Run all (a hook for tests and styles). */
export function setLabState(lab: string, state: string): void {
  view.labStates[lab] = state;
  const node = inSlide(`.lab[data-lab="${CSS.escape(lab)}"]`);
  if (node) node.dataset.runState = state;
}

export function setStatus(key: string, value: (typeof view.statuses)[string]): void {
  view.statuses[key] = value;
  const node = inSlide(`.snippet[data-snippet="${CSS.escape(key)}"]`);
  if (node) applyStatus(node);
}

export function applyStatus(node: HTMLElement): void {
  const key = node.dataset.snippet ?? '';
  const value = view.statuses[key];
  const status = value?.status ?? 'idle';
  node.dataset.status = status;
  const label = node.querySelector<HTMLElement>('[data-role="status"]');
  if (!label) return;
  label.textContent = statusText(value);
  label.title = statusTitle(value);
  label.onclick = status === 'idle' || !view.course ? null : () => post({ type: 'showOutput', courseId: view.course?.courseId ?? '', key });
  label.classList.toggle('clickable', status !== 'idle');
}

export function applyAllStatuses(): void {
  for (const node of allInSlide('.snippet[data-snippet]')) applyStatus(node);
}
