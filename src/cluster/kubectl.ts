// kubectl command lines for the terminal actions, and finding kubectl on PATH.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ObjectRef } from './actions';
import { assertValidRef, checkDnsLabel, hasControlCharacters, InvalidNameError, printable } from './names';
import { commandLineFor, QUOTE_CHARACTERS, type ShellKind } from './shellQuoting';

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

/**
 * `--context=X [-n Y]` so actions target what the tree shows, whatever the kubeconfig's current context.
 * The `=` form keeps a context name that starts with `-` from being read as a flag.
 */
function target(context: string, ref: ObjectRef): string[] {
  return [`--context=${context}`, ...(ref.resource.scope === 'namespaced' && ref.namespace ? ['-n', ref.namespace] : [])];
}

function name(ref: ObjectRef): string {
  assertValidRef(ref);
  return `${ref.resource.kubectlName}/${ref.name}`;
}

function containerArgs(container: string | undefined): string[] {
  if (container === undefined) return [];
  const problem = checkDnsLabel(container, 'container name');
  if (problem) throw new InvalidNameError(problem);
  return ['-c', container];
}

export function logsArgs(context: string, ref: ObjectRef, container?: string): string[] {
  return [...target(context, ref), 'logs', '-f', '--tail=200', name(ref), ...containerArgs(container)];
}

export function shellArgs(context: string, ref: ObjectRef, container?: string): string[] {
  return [...target(context, ref), 'exec', '-it', name(ref), ...containerArgs(container), '--', 'sh'];
}

export function portForwardArgs(context: string, ref: ObjectRef, ports: string[]): string[] {
  return [...target(context, ref), 'port-forward', name(ref), ...ports];
}

/** For execFile: `--` ends the options, so no name can be read as one. */
export function describeArgs(context: string, ref: ObjectRef): string[] {
  assertValidRef(ref);
  return [...target(context, ref), 'describe', ref.resource.kubectlName, '--', ref.name];
}

/**
 * Refuses a context name that cannot be typed safely into a terminal running `shell`:
 * control characters (Ctrl-U erases the typed line in readline) or characters that the
 * shell treats as quotes or escapes. Undefined when the name is fine.
 */
export function checkContextForTerminal(context: string, shell: ShellKind): string | undefined {
  if (context.length === 0) return 'The context has no name';
  if (!hasControlCharacters(context) && !QUOTE_CHARACTERS[shell].test(context)) return undefined;
  return (
    `The context name "${printable(context)}" contains control characters or quotes, which a terminal could misread, ` +
    'so this action does not type it. Rename the context (kubectl config rename-context) to use terminal actions.'
  );
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

/** The command line to type into a terminal running `shell`; throws when the context or an argument cannot be typed safely. */
export function terminalCommandLine(context: string, args: string[], shell: ShellKind): string {
  const problem = checkContextForTerminal(context, shell);
  if (problem) throw new InvalidNameError(problem);
  return commandLineFor('kubectl', args, shell);
}
