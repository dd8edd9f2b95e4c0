// What the view's parts can ask for: changes of the shared state go to the extension,
// view-only changes (contents or slide, search box) stay here. Implemented in main.ts.
import type { ReaderAction } from '../../src/protocol';
import type { Mode } from './state';

export interface Ui {
  /** A change of the shared reader state; the extension answers with the new state. */
  act(action: ReaderAction): void;
  /** Goes to a slide and shows it. */
  openSlide(slide: number): void;
  setMode(mode: Mode): void;
  toggleSearch(): void;
}
