// Reference link definitions (`[kubeadm]: https://...`) of a whole deck. Remark resolves a
// `[text][label]` link with a definition on any slide of the deck; markdown-it only sees one
// slide at a time, so the renderer hands it the deck's definitions in its `env.references`.
import type MarkdownIt from 'markdown-it';
import type { Slide } from '../course/model';

export interface LinkDefinition {
  href: string;
  title: string;
}

export type References = Record<string, LinkDefinition>;

/** A line that may define a reference: `[label]:` indented at most 3 spaces. */
const MAY_DEFINE = /^ {0,3}\[[^\]\n]+\]:/m;

export class DeckLinks {
  private deck?: References;
  private readonly bySlide = new Map<number, References>();

  constructor(
    private readonly md: MarkdownIt,
    private readonly slides: () => readonly Slide[],
  ) {}

  /**
   * The definitions a slide's markdown may use: its own (markdown-it adds them while parsing)
   * win, then the first definition of each label in deck order.
   */
  forSlide(slideIndex: number): References {
    // The deck's definitions are inherited, not copied: a real deck has hundreds, and copying
    // them for every slide was a third of rendering the deck. markdown-it reads labels with
    // `references[label]`, which sees inherited ones, and adds a definition only where that reads
    // undefined: an own property set to undefined lets the slide's own definition in.
    const references = Object.create(this.collect()) as References;
    for (const label of Object.keys(this.bySlide.get(slideIndex) ?? {})) Reflect.set(references, label, undefined);
    return references;
  }

  private collect(): References {
    if (this.deck) return this.deck;
    const deck: References = {};
    for (const slide of this.slides()) {
      const text = slide.increments.join('\n');
      if (!text.includes(']:') || !MAY_DEFINE.test(text)) continue;
      // markdown-it's own block parse finds the definitions exactly where it reads them (not in code).
      const env: { references?: References } = {};
      this.md.parse(text, env);
      if (!env.references || Object.keys(env.references).length === 0) continue;
      this.bySlide.set(slide.index, env.references);
      for (const [label, definition] of Object.entries(env.references)) deck[label] ??= definition;
    }
    this.deck = deck;
    return deck;
  }
}
