// Finds or creates the Workshop terminal a run uses (as `workshop.terminal.mode` says), and keeps
// one replay session per Workshop terminal. The session's panes own the terminals split beside it.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ReplaySession, type TerminalFactory } from '../../exercises/replaySession';
import { DisposableBase } from '../disposableBase';
import { settings } from '../settings';
import { newTerminalHook, type TerminalHook } from './promptHookFiles';
import { removeDropFolder } from './statusDrops';
import { WorkshopTerminal } from './workshopTerminal';

const BASE_NAME = 'Workshop';

export class WorkshopTerminals extends DisposableBase {
  private readonly byTerminal = new Map<vscode.Terminal, WorkshopTerminal>();
  private readonly owned = new WeakSet<WorkshopTerminal>();
  private readonly sessions = new Map<WorkshopTerminal, ReplaySession<WorkshopTerminal>>();
  /** The prompt hook given to each terminal this extension opened. */
  private readonly hooks = new WeakMap<vscode.Terminal, TerminalHook>();

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.onDispose(() => {
      for (const wrapper of this.byTerminal.values()) wrapper.dispose();
      this.byTerminal.clear();
      this.sessions.clear();
      removeDropFolder();
    });
    // Owned last, disposed first: no close event is handled while the wrappers go.
    this.own(vscode.window.onDidCloseTerminal((terminal) => {
      const wrapper = this.byTerminal.get(terminal);
      if (!wrapper) return;
      this.byTerminal.delete(terminal);
      wrapper.dispose();
      const own = this.sessions.get(wrapper);
      if (own) {
        for (const split of own.panes.splitTerminals()) split.terminal.dispose();
        this.sessions.delete(wrapper);
      }
      for (const session of this.sessions.values()) {
        if (session.panes.ownsSplit(wrapper)) session.forget(wrapper);
      }
    }));
  }

  /** The terminal to run in; `chapterName` names the terminal in `perChapter` mode. */
  terminalFor(chapterName: string): WorkshopTerminal {
    const mode = settings.terminalMode();
    if (mode === 'active') {
      const active = vscode.window.activeTerminal;
      const wrapped = active ? this.byTerminal.get(active) : undefined;
      const isSplit = wrapped !== undefined && [...this.sessions.values()].some((session) => session.panes.ownsSplit(wrapped));
      if (active && active.exitStatus === undefined && !isSplit) return this.wrap(active, false);
    }
    const name = mode === 'perChapter' ? `${BASE_NAME}: ${chapterName}` : BASE_NAME;
    for (const wrapper of this.byTerminal.values()) {
      if (wrapper.terminal.name === name && !wrapper.isClosed && this.owned.has(wrapper)) return wrapper;
    }
    return this.wrap(this.create(name), true);
  }

  /** The replay session of the terminal a run uses. */
  sessionFor(chapterName: string): ReplaySession<WorkshopTerminal> {
    const main = this.terminalFor(chapterName);
    let session = this.sessions.get(main);
    if (!session) {
      const created: ReplaySession<WorkshopTerminal> = new ReplaySession(main, this.factoryFor(main, () => created));
      session = created;
      this.sessions.set(main, session);
    }
    return session;
  }

  /** A new lab starts: the terminals of watches it stopped and panes it closed go away. */
  tidy(session: ReplaySession<WorkshopTerminal>): void {
    session.closeUnused(session.panes.unusedSplits());
  }

  private factoryFor(main: WorkshopTerminal, session: () => ReplaySession<WorkshopTerminal>): TerminalFactory<WorkshopTerminal> {
    return {
      openSplit: (purpose) => {
        const terminal = this.create(`${BASE_NAME}: ${purpose}`, main.terminal);
        return session().panes.adopt(this.wrap(terminal, true));
      },
      close: (wrapper) => {
        session().panes.release(wrapper);
        if (wrapper !== main) wrapper.terminal.dispose();
      },
    };
  }

  private wrap(terminal: vscode.Terminal, owned: boolean): WorkshopTerminal {
    let wrapper = this.byTerminal.get(terminal);
    if (!wrapper) {
      wrapper = new WorkshopTerminal(terminal, this.log, this.hooks.get(terminal));
      this.byTerminal.set(terminal, wrapper);
      if (owned) this.owned.add(wrapper);
    }
    return wrapper;
  }

  private create(name: string, parentTerminal?: vscode.Terminal): vscode.Terminal {
    let cwd = settings.terminalCwd();
    if (cwd !== undefined && !fs.existsSync(cwd)) {
      this.log.warn(`workshop.terminal.cwd: "${cwd}" does not exist; the terminal opens in the default folder.`);
      cwd = undefined;
    }
    this.log.info(`Opening terminal "${name}"${cwd ? ` in ${cwd}` : ''}${parentTerminal ? ' beside the Workshop terminal' : ''}.`);
    const hook = newTerminalHook(vscode.env.shell);
    const terminal = vscode.window.createTerminal({
      name,
      cwd,
      ...(hook ? { env: hook.env } : {}),
      iconPath: new vscode.ThemeIcon(parentTerminal ? 'eye' : 'mortar-board'),
      ...(parentTerminal ? { location: { parentTerminal } } : {}),
    });
    if (hook) this.hooks.set(terminal, hook);
    return terminal;
  }
}
