// The course as the reader model sees it, built from the course index.
import type { CourseIndex } from '../course/courseIndex';
import type { CourseShape } from './state';

export function courseShape(index: CourseIndex): CourseShape {
  const extra = new Set(index.extraDetails);
  return {
    slideCount: index.slides.length,
    stepsOf: (slide) => index.slides[slide]?.increments.length ?? 0,
    isExtraDetails: (slide) => extra.has(slide),
    chapterOf: (slide) => index.chapterOfSlide[slide] ?? -1,
    chapterStarts: index.toc.flatMap((part) => part.chapters).sort((a, b) => a.index - b.index).map((c) => c.firstSlide),
  };
}
