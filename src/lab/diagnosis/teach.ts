// Which slides of the current course teach a reason: found in the course's own text by the
// reason's words (its name first, then its error words), never from a list written in advance.

export interface SearchableSlide {
  readonly index: number;
  readonly title: string;
  /** The slide's text without markup. */
  readonly text: string;
}

export interface TeachingSlide {
  readonly slide: number;
  readonly title: string;
}

const MAX_LINKS = 2;

/**
 * The best slides for `terms`: a slide counts when it holds the first term (the reason's name)
 * or two of the others; a term in the title weighs more. Nothing when no slide is about it.
 */
export function teachingSlides(slides: readonly SearchableSlide[], terms: readonly string[]): TeachingSlide[] {
  const lowered = terms.map((t) => t.toLowerCase()).filter(Boolean);
  if (!lowered.length) return [];
  const scored: { slide: SearchableSlide; score: number }[] = [];
  for (const slide of slides) {
    const body = slide.text.toLowerCase();
    const title = slide.title.toLowerCase();
    let score = 0;
    let matched = 0;
    lowered.forEach((term, i) => {
      const weight = i === 0 ? 3 : 1;
      if (title.includes(term)) score += 2 * weight;
      if (body.includes(term)) {
        score += weight;
        matched++;
      }
    });
    const named = body.includes(lowered[0]) || title.includes(lowered[0]);
    if (named || matched >= 2) scored.push({ slide, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.slide.index - b.slide.index)
    .slice(0, MAX_LINKS)
    .map(({ slide }) => ({ slide: slide.index, title: slide.title }));
}
