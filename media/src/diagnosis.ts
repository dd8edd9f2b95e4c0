// Under a failed or unhealthy step: why (data-diagnosis), the evidence, what to do, the slides of
// the course that teach it (data-teach) and the safe fixes, each showing the command it runs.
// All of it is text from the cluster or the course: set as text, never as HTML.
import type { DiagnosisView } from '../../src/protocol';
import { actionLink, el, icon, setRunnable } from './dom';
import { post } from './host';
import { inSlide } from './page';
import { view } from './state';

const diagnoses = new Map<string, DiagnosisView[]>();

export function setDiagnoses(key: string, list: DiagnosisView[]): void {
  if (list.length) diagnoses.set(key, list);
  else diagnoses.delete(key);
  const snippet = inSlide(`.snippet[data-snippet="${CSS.escape(key)}"]`);
  if (snippet) applyDiagnoses(snippet);
}

export function clearDiagnoses(): void {
  diagnoses.clear();
}

export function applyDiagnoses(snippet: HTMLElement): void {
  snippet.querySelector(':scope > .step-diagnoses')?.remove();
  const key = snippet.dataset.snippet ?? '';
  const list = diagnoses.get(key);
  if (!list?.length) return;
  const box = el('div', { className: 'step-diagnoses' });
  for (const d of list) box.append(diagnosisBox(key, d));
  snippet.append(box);
}

function diagnosisBox(key: string, d: DiagnosisView): HTMLElement {
  const box = el(
    'div',
    { className: 'diagnosis', dataset: { diagnosis: d.reason } },
    el('div', { className: 'diagnosis-cause' }, icon('lightbulb'), ' ', el('strong', { textContent: d.reason }), ` — ${d.cause}`),
  );
  const evidence = el('ul', { className: 'diagnosis-evidence' });
  for (const e of d.evidence) evidence.append(el('li', {}, el('code', { textContent: e.object }), ` ${e.text}`));
  box.append(evidence, el('div', { className: 'diagnosis-next', textContent: `Next: ${d.next}` }));
  if (d.teach.length) {
    const teach = el('div', { className: 'diagnosis-teach' }, icon('book'), ' The course explains it: ');
    d.teach.forEach((t, i) => {
      if (i) teach.append(', ');
      teach.append(actionLink({ textContent: `“${t.title || `slide ${t.slide + 1}`}”`, dataset: { teach: String(t.slide) }, title: `Go to slide ${t.slide + 1}` }, () => goto(t.slide)));
    });
    box.append(teach);
  }
  d.fixes.forEach((f, index) => {
    const button = el('button', { className: 'action diagnosis-fix', dataset: { fix: String(index) } }, icon('tools'), ` ${f.label}: `, el('code', { textContent: f.command }));
    setRunnable(button, view.trusted, `Runs: ${f.command}`, 'Trust this workspace to run fixes');
    button.onclick = () => {
      if (view.course) post({ type: 'diagnosisFix', courseId: view.course.courseId, key, reason: d.reason, fix: index });
    };
    box.append(button);
  });
  return box;
}

function goto(slide: number): void {
  if (view.course) post({ type: 'action', courseId: view.course.courseId, action: { kind: 'goto', slide } });
}
