// Workshop: Get a Cluster. Offers what this machine has: a context of the kubeconfig, a create
// command for kind / k3d / minikube typed into a terminal, or the lab VM through Remote-SSH.
import type { Logger } from '../../logger';
import { registerCommand } from '../commands';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { defaultEnvironment, loadKubeconfig } from '../../cluster/kubeconfig';
import { checkContextForTerminal, findKubectl } from '../../cluster/kubectl';
import { commandLineFor, shellKindOf } from '../../cluster/shellQuoting';
import { clusterOptions, LOCAL_TOOLS, type ClusterOption, type LocalTool } from '../../setup/clusterOptions';
import { optionItem, runItYourself } from '../../text/messages';
import { sendTextChecked } from '../terminalText';

export const GET_CLUSTER_COMMAND = 'workshop.getCluster';
const REMOTE_SSH_EXTENSION = 'ms-vscode-remote.remote-ssh';

function toolsOnPath(): Set<LocalTool> {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const names = (tool: string) => (process.platform === 'win32' ? [`${tool}.exe`] : [tool]);
  return new Set(LOCAL_TOOLS.filter((tool) => dirs.some((dir) => names(tool).some((name) => isFile(path.join(dir, name))))));
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function situation(): Promise<Parameters<typeof clusterOptions>[0]> {
  const loaded = await loadKubeconfig(defaultEnvironment());
  const session = loaded.kind === 'loaded' ? loaded.session : undefined;
  return { tools: toolsOnPath(), contexts: session?.contexts() ?? [], currentContext: session?.currentContext };
}

function typeInTerminal(name: string, command: string): void {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(runItYourself(command));
    return;
  }
  const terminal = vscode.window.createTerminal({ name, iconPath: new vscode.ThemeIcon('server-environment') });
  terminal.show();
  sendTextChecked(terminal, command, true);
}

async function choose(option: ClusterOption): Promise<void> {
  switch (option.kind) {
    case 'create':
      typeInTerminal(`Workshop: ${option.tool}`, option.command);
      return;
    case 'useContext': {
      // Typed into a terminal so that kubectl in the exercises uses it too; names a shell could
      // misread go through the context picker instead.
      const shell = shellKindOf(vscode.env.shell);
      let line: string | undefined;
      try {
        line = !checkContextForTerminal(option.context, shell) && findKubectl() ? commandLineFor('kubectl', ['config', 'use-context', option.context], shell) : undefined;
      } catch {
        line = undefined;
      }
      if (line) typeInTerminal('Workshop: context', line);
      else await vscode.commands.executeCommand('workshop.selectContext');
      return;
    }
    case 'install':
      await vscode.env.openExternal(vscode.Uri.parse(option.url));
      return;
    case 'labVm': {
      const installed = vscode.extensions.getExtension(REMOTE_SSH_EXTENSION);
      const action = installed ? 'Connect to Host…' : 'Install Remote-SSH';
      const picked = await vscode.window.showInformationMessage(
        'In class, each attendee gets a lab VM (node1) with kubectl and a kubeconfig ready. Connect VS Code to it with Remote-SSH (user and password are on your lab card), open a folder there and install this extension in that window.',
        action,
      );
      if (picked === 'Connect to Host…') await vscode.commands.executeCommand('opensshremotes.openEmptyWindow');
      else if (picked) await vscode.commands.executeCommand('workbench.extensions.search', REMOTE_SSH_EXTENSION);
    }
  }
}

export function registerGetCluster(log: Logger): vscode.Disposable {
  return registerCommand(GET_CLUSTER_COMMAND, async () => {
    const options = clusterOptions(await situation());
    const picked = await vscode.window.showQuickPick(
      options.map((option) => ({ ...optionItem(option), option })),
      { title: 'Get a cluster for the workshop', placeHolder: 'What this machine offers', matchOnDetail: true },
    );
    if (picked) await choose(picked.option);
  }, log);
}
