// Mermaid diagrams on a slide. The extension sends each as its source under a label
// (src/render/markdown.ts); here it is drawn with dist/mermaid.js, a bundle loaded only the
// first time a slide holds a diagram. A diagram that does not draw keeps its source, with a note.
import { el } from './dom';
import { diagramNote, diagramTheme, type DiagramTheme, type MermaidDrawer } from './diagramConfig';

/** The reader's own script tag names the bundle and carries the nonce a new script needs. */
const self = document.currentScript as HTMLScriptElement | null;
const bundle = self?.dataset.mermaid;
const nonce = self?.nonce ?? '';

let loading: Promise<MermaidDrawer> | undefined;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;
/** Drawn diagrams by theme and source: a step of the same slide does not draw them again. */
const drawn = new Map<string, string>();
const KEPT = 40;

function loadMermaid(): Promise<MermaidDrawer> {
  loading ??= new Promise<MermaidDrawer>((resolve, reject) => {
    if (!bundle) return reject(new Error('the diagram script is not available'));
    const script = el('script', { src: bundle, nonce });
    script.onload = () => (window.workshopMermaid ? resolve(window.workshopMermaid) : reject(new Error('the diagram script did not start')));
    script.onerror = () => reject(new Error('the diagram script did not load'));
    document.head.append(script);
  }).catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/** Mermaid draws one diagram at a time. */
function drawOne(source: string, theme: DiagramTheme): Promise<string> {
  const key = `${theme}\n${source}`;
  const known = drawn.get(key);
  if (known) return Promise.resolve(known);
  const next = queue.then(async () => {
    const svg = await (await loadMermaid()).draw(`workshop-diagram-${nextId++}`, source, theme);
    drawn.set(key, svg);
    if (drawn.size > KEPT) drawn.delete(drawn.keys().next().value!);
    return svg;
  });
  queue = next.catch(() => undefined);
  return next;
}

/**
 * The SVG goes into a shadow root, so that its `<style>` (mermaid's, with parts of the
 * diagram's text) cannot reach the rest of the reader; its style elements get the nonce.
 */
function showSvg(block: HTMLElement, svg: string): void {
  const template = document.createElement('template');
  template.innerHTML = svg;
  for (const style of Array.from(template.content.querySelectorAll('style'))) style.setAttribute('nonce', nonce);
  const host = el('div', { className: 'diagram-drawn' });
  host.attachShadow({ mode: 'open' }).append(template.content);
  const source = block.querySelector('pre');
  const details = el('details', { className: 'diagram-code' }, el('summary', { textContent: 'Diagram source' }));
  if (source) details.append(source);
  block.querySelector('.diagram-label')?.remove();
  block.replaceChildren(host, details);
  block.dataset.drawn = 'true';
}

function showFailure(block: HTMLElement, error: unknown): void {
  const label = block.querySelector('.diagram-label') ?? block.insertBefore(el('p', { className: 'diagram-label' }), block.firstChild);
  label.replaceChildren(el('em', { textContent: diagramNote(error) }));
  block.dataset.drawn = 'failed';
}

const currentTheme = (): DiagramTheme => diagramTheme(Array.from(document.body.classList));
let themeWatch: MutationObserver | undefined;

/** When VS Code's theme turns from light to dark or back, the diagrams shown are drawn again. */
function watchTheme(): void {
  let shown = currentTheme();
  themeWatch = new MutationObserver(() => {
    if (currentTheme() === shown) return;
    shown = currentTheme();
    drawBlocks(Array.from(document.querySelectorAll<HTMLElement>('.diagram-source[data-drawn="true"]')));
  });
  themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

/** Draws the diagrams of a slide just shown; does nothing (loads nothing) on a slide without one. */
export function drawDiagrams(root: HTMLElement): void {
  const blocks = Array.from(root.querySelectorAll<HTMLElement>('.diagram-source[data-diagram="mermaid"]'));
  if (!blocks.length) return;
  if (!themeWatch) watchTheme();
  drawBlocks(blocks);
}

function drawBlocks(blocks: HTMLElement[]): void {
  const theme = currentTheme();
  for (const block of blocks) {
    const source = block.querySelector('pre')?.textContent ?? '';
    block.dataset.drawn = 'drawing';
    drawOne(source, theme).then(
      (svg) => block.isConnected && showSvg(block, svg),
      (e: unknown) => block.isConnected && showFailure(block, e),
    );
  }
}
