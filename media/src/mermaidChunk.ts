// The entry of dist/mermaid.js, a bundle of its own that the reader loads only when a slide
// holds a diagram (diagrams.ts). It puts one function on `window`: draw a diagram, off screen.
import mermaid from 'mermaid';
import { mermaidConfig, type DiagramTheme, type MermaidDrawer } from './diagramConfig';

/** This script's nonce, which the reader gave it: mermaid's own `<style>` carries it (see withStyleNonce). */
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
let theme: DiagramTheme | undefined;

/**
 * Mermaid measures the text of a diagram in the page, in a `<style>` element it creates; the
 * reader's CSP lets a style element apply only with the nonce. While mermaid draws, style
 * elements created get it; nothing else creates one meanwhile (course HTML never holds one).
 */
async function withStyleNonce<T>(work: () => Promise<T>): Promise<T> {
  const create = document.createElement.bind(document);
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const node = create(tag, options);
    if (tag.toLowerCase() === 'style') node.setAttribute('nonce', nonce);
    return node;
  });
  try {
    return await work();
  } finally {
    // The document's own property goes; Document.prototype.createElement is back.
    Reflect.deleteProperty(document, 'createElement');
  }
}

const drawer: MermaidDrawer = {
  async draw(id, source, wanted) {
    if (theme !== wanted) {
      mermaid.initialize(mermaidConfig(wanted));
      theme = wanted;
    }
    await mermaid.parse(source);
    const staging = document.createElement('div');
    staging.className = 'diagram-staging';
    document.body.append(staging);
    try {
      return (await withStyleNonce(() => mermaid.render(id, source, staging))).svg;
    } finally {
      staging.remove();
    }
  },
};
window.workshopMermaid = drawer;
