// Commands of the reader: open a course, open it beside the editor, navigate,
// replay the current lab, reset progress.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../logger';
import { registerCommand, type CommandRun } from './commands';
import type { CourseLibrary } from './courseLibrary';
import type { ExerciseBridge } from './exerciseBridge';
import { chooseLab, runLabOf } from './labs';
import type { SharedReader } from './readerState';
import type { ReaderViews } from './readerViews';
import { deckItem, resetProgressQuestion } from '../text/messages';

export function registerReaderCommands(
  library: CourseLibrary,
  reader: SharedReader,
  views: ReaderViews,
  exercises: ExerciseBridge,
  log: Logger,
): vscode.Disposable {
  const register = (id: string, run: CommandRun) => registerCommand(id, run, log);
  return vscode.Disposable.from(
    register('workshop.openCourse', async (arg?: unknown) => {
      if (typeof arg === 'string' || arg instanceof vscode.Uri) {
        await library.pick(typeof arg === 'string' ? arg : arg.fsPath);
        return;
      }
      const current = library.current().id;
      const items: Array<vscode.QuickPickItem & { path?: string; browse?: boolean }> = library.candidates().map((deck) => ({
        ...deckItem(deck, path.basename(deck.path)),
        path: deck.path,
        picked: deck.path === current,
      }));
      items.push({ label: '$(folder-opened) Open a deck file…', browse: true });
      const choice = await vscode.window.showQuickPick(items, {
        title: 'Kubernetes Workshop: open a course',
        placeHolder: 'Deck manifests found in your folders, and the bundled course',
        matchOnDetail: true,
      });
      if (!choice) return;
      if (choice.browse) {
        const files = await vscode.window.showOpenDialog({
          canSelectMany: false,
          filters: { 'Course (deck manifest or markdown)': ['yml', 'yaml', 'md'] },
          title: 'Open a course',
        });
        if (files?.[0]) await library.pick(files[0].fsPath);
      } else {
        await library.pick(choice.path);
      }
      await vscode.commands.executeCommand('workshop.slides.focus');
    }),
    register('workshop.openBeside', () => views.openBeside()),
    register('workshop.nextSlide', () => views.act({ kind: 'next' })),
    register('workshop.previousSlide', () => views.act({ kind: 'previous' })),
    register('workshop.nextChapter', () => views.act({ kind: 'nextChapter' })),
    register('workshop.previousChapter', () => views.act({ kind: 'previousChapter' })),
    register('workshop.showToc', () => views.show('toc')),
    register('workshop.search', () => views.show('search')),
    register('workshop.toggleExtraDetails', () => reader.apply({ kind: 'setHideExtraDetails', hide: !reader.state.hideExtraDetails })),
    registerCommand('workshop.runLab', async () => {
      const course = reader.course;
      const labKey = await chooseLab(course, reader.state.position.slide);
      if (labKey === undefined) {
        if (!course.index.slides[reader.state.position.slide]?.labs.length) {
          void vscode.window.showInformationMessage('Kubernetes Workshop: the current slide has no exercise to run.');
        }
        return;
      }
      await runLabOf(exercises, course, labKey);
    }, log, { trust: 'required', trustMessage: 'Exercises run commands in a terminal, which Restricted Mode does not allow. Trust this workspace to run them.' }),
    register('workshop.resetProgress', async () => {
      const course = library.current();
      const answer = await vscode.window.showWarningMessage(
        resetProgressQuestion(course.index.course.title),
        { modal: true, detail: 'Every step goes back to "not run". Your position in the course is kept.' },
        'Reset',
      );
      if (answer !== 'Reset') return;
      await exercises.resetProgress(course.id);
    }),
  );
}
