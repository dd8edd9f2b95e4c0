// `workshop.openSetupChapter`: from the cluster view's welcome, jump to the chapter
// that explains how to get a cluster (in the open course, else the bundled one).
import type * as vscode from 'vscode';
import type { Logger } from '../logger';
import { registerCommand } from './commands';
import type { CourseLibrary } from './courseLibrary';
import type { ReaderViews } from './readerViews';

const SETUP = /setting up|setup|set up|get a cluster|installing/i;

export function registerSetupChapterCommand(library: CourseLibrary, views: ReaderViews, log: Logger): vscode.Disposable {
  return registerCommand('workshop.openSetupChapter', async () => {
    let course = await library.loaded();
    let chapter = course.index.chapters.find((c) => SETUP.test(c.title) || /setup/i.test(c.file));
    if (!chapter && !course.bundled) {
      await library.pick(library.bundledPath);
      course = library.current();
      chapter = course.index.chapters.find((c) => SETUP.test(c.title) || /setup/i.test(c.file));
    }
    await views.goto(chapter?.slides[0]?.index ?? 0);
  }, log);
}
