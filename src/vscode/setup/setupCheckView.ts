// Workshop: Check My Setup. Runs the pure checks of src/setup with a Node probe and shows each
// result in the "Setup Check" view beside the Cluster view; a result's child row is its fix.
import { registerCommand } from '../commands';
import * as vscode from 'vscode';
import { overallStatus, runSetupChecks, type CheckFix, type CheckResult, type CheckStatus, type ShellIntegrationProbe } from '../../setup/checks';
import { createNodeProbe } from '../../setup/nodeProbe';
import { copiedFix } from '../../text/messages';

export const SETUP_VIEW_ID = 'workshop.setupCheck';
export const CHECK_SETUP_COMMAND = 'workshop.checkSetup';
const APPLY_FIX_COMMAND = 'workshop.setupCheck.applyFix';
/** Set once a check ran, so the view shows; `workshop.clusterAnswers` when the context answered. */
const CHECKED_CONTEXT_KEY = 'workshop.setupChecked';
export const CLUSTER_ANSWERS_CONTEXT_KEY = 'workshop.clusterAnswers';

type Row = { readonly type: 'result'; readonly result: CheckResult } | { readonly type: 'fix'; readonly result: CheckResult; readonly fix: CheckFix };

const ICONS: Readonly<Record<CheckStatus, vscode.ThemeIcon>> = {
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  skipped: new vscode.ThemeIcon('circle-slash'),
};

const STATUS_WORDS: Readonly<Record<CheckStatus, string>> = { ok: 'OK', warning: 'Warning', error: 'Problem', skipped: 'Skipped' };

class SetupCheckTree implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Row | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private results: CheckResult[] = [];

  show(results: CheckResult[]): void {
    this.results = results;
    this.changed.fire(undefined);
  }

  getChildren(row?: Row): Row[] {
    if (!row) return this.results.map((result) => ({ type: 'result', result }));
    return row.type === 'result' && row.result.fix ? [{ type: 'fix', result: row.result, fix: row.result.fix }] : [];
  }

  getTreeItem(row: Row): vscode.TreeItem {
    if (row.type === 'result') {
      const { result } = row;
      const item = new vscode.TreeItem(result.title, result.fix && result.status !== 'ok' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `check/${result.id}`;
      item.iconPath = ICONS[result.status];
      item.description = result.summary;
      item.tooltip = new vscode.MarkdownString().appendText(`${STATUS_WORDS[result.status]}: ${result.summary}`);
      item.contextValue = `workshop.setupCheck.${result.status}`;
      item.accessibilityInformation = { label: `${result.title}: ${STATUS_WORDS[result.status]}. ${result.summary}` };
      return item;
    }
    const { fix } = row;
    const item = new vscode.TreeItem(`How to fix: ${fix.text}`, vscode.TreeItemCollapsibleState.None);
    item.id = `fix/${row.result.id}`;
    item.iconPath = new vscode.ThemeIcon(fix.shell ? 'copy' : fix.url ? 'link-external' : 'wrench');
    item.description = fix.shell ?? fix.url ?? '';
    item.tooltip = new vscode.MarkdownString().appendText(fix.text);
    if (fix.shell) item.tooltip.appendCodeblock(fix.shell, 'sh');
    item.command = { command: APPLY_FIX_COMMAND, title: 'Apply', arguments: [fix] };
    item.contextValue = 'workshop.setupCheck.fix';
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

async function applyFix(fix: CheckFix): Promise<void> {
  if (fix.shell) {
    await vscode.env.clipboard.writeText(fix.shell);
    void vscode.window.showInformationMessage(copiedFix(fix.shell));
  } else if (fix.url) {
    await vscode.env.openExternal(vscode.Uri.parse(fix.url));
  } else if (fix.vscodeCommand) {
    await vscode.commands.executeCommand(fix.vscodeCommand, ...(fix.vscodeArgs ?? []));
  }
}

export interface SetupCheckDeps {
  readonly log: vscode.LogOutputChannel;
  /** Opens (or finds) the Workshop terminal and says whether its shell integration is active. */
  readonly shellIntegration: () => Promise<ShellIntegrationProbe>;
}

export function registerSetupCheck(deps: SetupCheckDeps): vscode.Disposable {
  const tree = new SetupCheckTree();
  const view = vscode.window.createTreeView(SETUP_VIEW_ID, { treeDataProvider: tree });
  let running: Promise<void> | undefined;

  const check = async (): Promise<void> => {
    await vscode.commands.executeCommand('setContext', CHECKED_CONTEXT_KEY, true);
    await vscode.commands.executeCommand(`${SETUP_VIEW_ID}.focus`);
    view.message = 'Checking…';
    const probe = createNodeProbe({ shellIntegration: deps.shellIntegration });
    const results = await vscode.window.withProgress({ location: { viewId: SETUP_VIEW_ID } }, () => runSetupChecks(probe));
    tree.show(results);
    const overall = overallStatus(results);
    view.message = overall === 'ok' ? 'All good: this setup can run the workshop.' : `Checked ${new Date().toLocaleTimeString()}: fix what is marked, then check again.`;
    view.badge = overall === 'ok' ? undefined : { value: results.filter((r) => r.status === 'error' || r.status === 'warning').length, tooltip: 'Setup problems' };
    const answered = results.some((r) => r.id === 'context' && r.status === 'ok');
    await vscode.commands.executeCommand('setContext', CLUSTER_ANSWERS_CONTEXT_KEY, answered);
    deps.log.info(`setup check: ${results.map((r) => `${r.id}=${r.status}`).join(' ')}`);
  };

  return vscode.Disposable.from(
    tree,
    view,
    registerCommand(CHECK_SETUP_COMMAND, () => {
      // A second click while checking waits for the same run.
      running ??= check().finally(() => (running = undefined));
      return running;
    }, deps.log),
    registerCommand(APPLY_FIX_COMMAND, (fix) => applyFix(fix as CheckFix), deps.log),
  );
}
