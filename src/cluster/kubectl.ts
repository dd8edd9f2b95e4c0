// kubectl command lines for the terminal actions, and finding kubectl on PATH.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ObjectRef } from './actions';

export const KUBECTL_INSTALL_URL = 'https://kubernetes.io/docs/tasks/tools/';

export function findKubectl(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  isFile: (file: string) => boolean = defaultIsFile,
): string | undefined {
  const names = platform === 'win32' ? ['kubectl.exe', 'kubectl.cmd', 'kubectl'] : ['kubectl'];
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function defaultIsFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `--context X [-n Y]` so actions target what the tree shows, whatever the kubeconfig's current context. */
function target(context: string, ref: ObjectRef): string[] {
  return ['--context', context, ...(ref.resource.scope === 'namespaced' && ref.namespace ? ['-n', ref.namespace] : [])];
}

function name(ref: ObjectRef): string {
  return `${ref.resource.kubectlName}/${ref.name}`;
}

export function logsArgs(context: string, ref: ObjectRef, container?: string): string[] {
  return [...target(context, ref), 'logs', '-f', '--tail=200', name(ref), ...(container ? ['-c', container] : [])];
}

export function shellArgs(context: string, ref: ObjectRef, container?: string): string[] {
  return [...target(context, ref), 'exec', '-it', name(ref), ...(container ? ['-c', container] : []), '--', 'sh'];
}

export function portForwardArgs(context: string, ref: ObjectRef, ports: string[]): string[] {
  return [...target(context, ref), 'port-forward', name(ref), ...ports];
}

export function describeArgs(context: string, ref: ObjectRef): string[] {
  return [...target(context, ref), 'describe', ref.resource.kubectlName, ref.name];
}

/** Validates a port-forward answer such as `8080:80 9090`: returns the port specs, or an error message. */
export function parsePortSpecs(input: string): string[] | string {
  const specs = input.split(/[\s,]+/).filter(Boolean);
  if (specs.length === 0) return 'Enter at least one port, e.g. 8080:80';
  const valid = (p: string) => /^\d+$/.test(p) && Number(p) > 0 && Number(p) < 65536;
  for (const spec of specs) {
    const parts = spec.split(':');
    const ok = (parts.length === 1 && valid(parts[0])) || (parts.length === 2 && (parts[0] === '' || valid(parts[0])) && valid(parts[1]));
    if (!ok) return `"${spec}" is not a port or LOCAL:REMOTE pair`;
  }
  return specs;
}

/** Quotes one argument for a POSIX shell or PowerShell terminal. */
export function quoteArg(arg: string, platform: NodeJS.Platform = process.platform): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(arg)) return arg;
  return platform === 'win32' ? `'${arg.replace(/'/g, "''")}'` : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(args: string[], platform: NodeJS.Platform = process.platform): string {
  return ['kubectl', ...args].map((a) => quoteArg(a, platform)).join(' ');
}
