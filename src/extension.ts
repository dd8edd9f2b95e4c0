// Entry point: builds the extension's parts and registers them for disposal. Nothing else.
import * as vscode from 'vscode';
import { registerClusterView } from './vscode/cluster/registerClusterView';
import { CourseLibrary } from './vscode/courseLibrary';
import { ExerciseController } from './vscode/exercises/exerciseController';
import { registerNextStep } from './vscode/exercises/nextStep';
import { registerChapterCheckpoints } from './vscode/exercises/chapterCheckpoints';
import { registerInsertSnippet } from './vscode/insertSnippet';
import { registerLab } from './vscode/lab/registerLab';
import { disposeLog, workshopLog } from './vscode/log';
import { registerReaderCommands } from './vscode/readerCommands';
import type { ReaderDrawn } from './vscode/readerSession';
import { SharedReader } from './vscode/readerState';
import { ReaderViews } from './vscode/readerViews';
import { registerSetupChapterCommand } from './vscode/setupChapter';
import { WorkshopStore } from './vscode/store';
import { registerGetCluster } from './vscode/setup/getCluster';
import { registerSetupCheck } from './vscode/setup/setupCheckView';
import { registerWalkthrough } from './vscode/setup/walkthrough';
import { couldNotStart } from './text/messages';

/** What the extension offers other extensions (and the desktop test). */
export interface WorkshopApi {
  /** Fires when the course view or panel has drawn a course. */
  readonly onDidDrawReader: vscode.Event<ReaderDrawn>;
}

export function activate(context: vscode.ExtensionContext): WorkshopApi | undefined {
  const log = workshopLog();
  context.subscriptions.push({ dispose: disposeLog });
  try {
    const store = new WorkshopStore(context);
    const library = new CourseLibrary(context, store, log);
    const exercises = new ExerciseController(store, log);
    const reader = new SharedReader(library, store, exercises);
    const cluster = registerClusterView(log);
    const lab = registerLab({ library, exercises, cluster, log });
    const views = new ReaderViews({ context, library, reader, exercises, log, lab });
    context.subscriptions.push(
      cluster,
      lab,
      library,
      exercises,
      reader,
      views,
      registerReaderCommands(library, reader, views, exercises, log),
      registerNextStep({ reader, views, exercises, store, log }),
      registerChapterCheckpoints({ reader, views, exercises, store, cluster: cluster.state, effects: lab.effects, log }),
      registerSetupChapterCommand(library, views, log),
      registerInsertSnippet(log),
      registerSetupCheck({ log, shellIntegration: () => exercises.shellIntegrationStatus() }),
      registerGetCluster(log),
      registerWalkthrough(library, exercises, log),
    );
    return { onDidDrawReader: views.onDidDraw };
  } catch (error) {
    const message = error instanceof Error ? error.stack ?? error.message : String(error);
    log.error(`activation failed: ${message}`);
    void vscode.window.showErrorMessage(couldNotStart(error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
