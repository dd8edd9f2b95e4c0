// A chapter's Start and Reset buttons: in the table of contents and on the chapter's first slide.
// They only forward the click; the extension plans, asks and runs.
import { el, icon } from './dom';
import { post } from './host';

export function checkpointButtons(courseId: string, chapter: number, title: string): HTMLElement {
  const button = (action: 'start' | 'reset', codicon: string, label: string, help: string) =>
    el(
      'button',
      {
        className: 'icon-button checkpoint-button',
        title: `${help} "${title}"`,
        ariaLabel: `${label}: ${title}`,
        // Not `data-chapter`: that marks the contents' chapter links (docs/CONTRACTS.md).
        dataset: { checkpoint: action, checkpointChapter: String(chapter) },
        onclick: (e) => {
          e.preventDefault();
          e.stopPropagation();
          post({ type: 'chapterCheckpoint', courseId, chapter, action });
        },
      },
      icon(codicon),
    );
  return el(
    'span',
    { className: 'checkpoint-buttons' },
    button('start', 'debug-start', 'Start This Chapter', 'Start This Chapter: bring the cluster to where the earlier chapters leave it, before'),
    button('reset', 'discard', 'Reset This Chapter', 'Reset This Chapter: undo what the exercises of'),
  );
}
