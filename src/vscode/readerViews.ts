// The two places the reader shows: the `workshop.slides` view in the activity
// bar, and a panel beside the editor (restored after a reload by a serializer).
// Both draw the same shared reader state (readerState.ts).
import * as vscode from 'vscode';
import type { ReaderAction, ViewCommand } from '../protocol';
import { ReaderSession, type ReaderDeps, type ReaderDrawn } from './readerSession';

export const PANEL_TYPE = 'workshop.reader';

export class ReaderViews implements vscode.Disposable, vscode.WebviewViewProvider, vscode.WebviewPanelSerializer {
  private viewSession?: ReaderSession;
  private view?: vscode.WebviewView;
  private panel?: vscode.WebviewPanel;
  private panelSession?: ReaderSession;
  private readonly drawn = new vscode.EventEmitter<ReaderDrawn>();
  /** Fires when a reader has drawn a course: what the desktop test waits for, and the log says. */
  readonly onDidDraw = this.drawn.event;
  private readonly disposables: vscode.Disposable[] = [this.drawn];
  /** What to do once the sidebar view, not yet resolved, has its session. */
  private pendingForView?: (session: ReaderSession) => void;

  constructor(private readonly deps: Omit<ReaderDeps, 'openBeside'>) {
    this.disposables.push(
      vscode.window.registerWebviewViewProvider('workshop.slides', this),
      vscode.window.registerWebviewPanelSerializer(PANEL_TYPE, this),
      ...(deps.lab ? [deps.lab.onDidAskForSlide((slide) => void this.goto(slide))] : []),
    );
  }


  private sessionDeps(): ReaderDeps {
    return { ...this.deps, openBeside: () => this.openBeside(), onDidDraw: (d) => this.drawn.fire(d) };
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.viewSession?.dispose();
    const session = new ReaderSession(view.webview, this.sessionDeps(), 'view', () => view.visible);
    this.viewSession = session;
    this.view = view;
    this.pendingForView?.(session);
    this.pendingForView = undefined;
    let visible = view.visible;
    view.onDidChangeVisibility(() => {
      if (view.visible !== visible) session.visibilityChanged((visible = view.visible));
    });
    view.onDidDispose(() => {
      session.dispose();
      if (this.viewSession === session) {
        this.viewSession = undefined;
        this.view = undefined;
      }
    });
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    this.adoptPanel(panel);
    return Promise.resolve();
  }

  openBeside(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_TYPE, 'Kubernetes Workshop', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {});
    this.adoptPanel(panel);
  }

  private adoptPanel(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.deps.context.extensionUri, 'media', 'icons', 'workshop.svg');
    const session = new ReaderSession(panel.webview, this.sessionDeps(), 'panel', () => panel.visible);
    this.panelSession = session;
    let visible = panel.visible;
    panel.onDidChangeViewState(() => {
      if (panel.visible !== visible) session.visibilityChanged((visible = panel.visible));
    });
    panel.onDidDispose(() => {
      this.panelSession?.dispose();
      this.panelSession = undefined;
      this.panel = undefined;
    });
  }

  /** Applies an action to the shared state and shows the slide it leads to. */
  act(action: ReaderAction): Promise<void> {
    this.deps.reader.apply(action);
    return this.show('slide');
  }

  /** Shows a slide of the open course. */
  goto(slide: number): Promise<void> {
    return this.act({ kind: 'goto', slide });
  }

  /** Tells the reader the user is looking at what to show, opening the side-bar view when none is open. */
  show(command: ViewCommand): Promise<void> {
    return this.withActiveSession((session) => session.command(command));
  }

  /** Runs `action` on the active reader, opening the sidebar view first when none is open. */
  private async withActiveSession(action: (session: ReaderSession) => void): Promise<void> {
    const target = this.panel?.active ? this.panelSession : this.viewSession ?? this.panelSession;
    if (target) {
      action(target);
      if (target === this.viewSession && !this.view?.visible && !this.panel?.visible) await vscode.commands.executeCommand('workshop.slides.focus');
      return;
    }
    this.pendingForView = action;
    await vscode.commands.executeCommand('workshop.slides.focus');
  }

  dispose(): void {
    this.viewSession?.dispose();
    this.panelSession?.dispose();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
