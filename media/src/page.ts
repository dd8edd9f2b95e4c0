// The two bodies of the page while a course is shown. Only one is attached at a time
// (the contents or the slide); modules update both through these references.
export const page: { toc?: HTMLElement; slide?: HTMLElement } = {};

export function inSlide<T extends Element = HTMLElement>(selector: string): T | null {
  return page.slide?.querySelector<T>(selector) ?? null;
}

export function allInSlide<T extends Element = HTMLElement>(selector: string): T[] {
  return page.slide ? Array.from(page.slide.querySelectorAll<T>(selector)) : [];
}

export function allInToc<T extends Element = HTMLElement>(selector: string): T[] {
  return page.toc ? Array.from(page.toc.querySelectorAll<T>(selector)) : [];
}
