// Quoting of command-line arguments typed into a terminal, per shell. Each
// shell has its own quote characters (fish honours `\'` inside single quotes,
// PowerShell also takes typographic quotes, cmd has none that stops `%`), so
// one POSIX rule for all is not safe. Arguments that cannot be written safely
// for a shell are refused rather than approximated.
import { hasControlCharacters, printable } from './names';

export type ShellKind = 'posix' | 'fish' | 'pwsh' | 'cmd' | 'unknown';

const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'yash', 'git-bash']);
const PWSH_SHELLS = new Set(['pwsh', 'powershell', 'pwsh-preview']);

/** The kind of shell from its executable path (`/usr/bin/fish`, `C:\…\pwsh.exe`); undefined path = the platform's default. */
export function shellKindOf(shellPath: string | undefined, platform: NodeJS.Platform = process.platform): ShellKind {
  if (!shellPath) return platform === 'win32' ? 'pwsh' : 'posix';
  const base = shellPath.split(/[\\/]/).pop()!.toLowerCase().replace(/\.exe$/, '');
  if (POSIX_SHELLS.has(base)) return 'posix';
  if (base === 'fish') return 'fish';
  if (PWSH_SHELLS.has(base)) return 'pwsh';
  if (base === 'cmd') return 'cmd';
  return 'unknown';
}

/** Arguments each shell passes through as typed. */
const PLAIN: Record<ShellKind, RegExp> = {
  // A leading `=` is zsh's command-path expansion.
  posix: /^[A-Za-z0-9_./:@%+,-][A-Za-z0-9_./:@%+,=-]*$/,
  fish: /^[A-Za-z0-9_./:@+,-][A-Za-z0-9_./:@+,=-]*$/,
  // `@` splats, `,` builds arrays, `%` starts `--%`.
  pwsh: /^[A-Za-z0-9_./:+-][A-Za-z0-9_./:+=-]*$/,
  cmd: /^[A-Za-z0-9_./:+-][A-Za-z0-9_./:+=-]*$/,
  unknown: /^[A-Za-z0-9_./:+-][A-Za-z0-9_./:+=-]*$/,
};

/** Characters each shell treats as quotes or escapes: kept out of user-controlled names such as context names. */
export const QUOTE_CHARACTERS: Record<ShellKind, RegExp> = {
  posix: /['"`\\]/,
  fish: /['"\\]/,
  pwsh: /['"`\u2018-\u201b\u201c-\u201e]/,
  cmd: /["^%!]/,
  unknown: /['"`\\^%!\u2018-\u201e]/,
};

export class UnquotableError extends Error {
  constructor(
    readonly argument: string,
    reason: string,
  ) {
    super(`Cannot type "${printable(argument)}" safely into this terminal: ${reason}`);
    this.name = 'UnquotableError';
  }
}

/** One argument written so that the shell passes exactly `arg` to the command; throws `UnquotableError` otherwise. */
export function quoteArgument(arg: string, shell: ShellKind): string {
  if (hasControlCharacters(arg)) throw new UnquotableError(arg, 'it contains control characters');
  if (PLAIN[shell].test(arg) && !(shell === 'pwsh' && pwshReadsAsParameter(arg))) return arg;
  switch (shell) {
    case 'posix':
      // Nothing is special inside single quotes; a quote closes, is escaped, and reopens.
      return `'${arg.replace(/'/g, `'\\''`)}'`;
    case 'fish':
      return `'${arg.replace(/[\\']/g, '\\$&')}'`;
    case 'pwsh':
      // Windows PowerShell drops empty arguments and mangles embedded double quotes on their way to kubectl.
      if (arg === '') throw new UnquotableError(arg, 'PowerShell drops empty arguments');
      if (/["\u201c-\u201e]/.test(arg)) throw new UnquotableError(arg, 'PowerShell does not pass double quotes to programs reliably');
      return `'${arg.replace(/['\u2018-\u201b]/g, '$&$&')}'`;
    case 'cmd':
      // Inside double quotes cmd still expands %VAR% (and !VAR!), and a double quote cannot be escaped.
      if (/["%!]/.test(arg)) throw new UnquotableError(arg, 'Command Prompt cannot quote ", % or !');
      // Backslashes before the closing quote would escape it for the program's argument parser.
      return `"${arg.replace(/(\\+)$/, '$1$1')}"`;
    case 'unknown':
      throw new UnquotableError(arg, 'the terminal runs a shell whose quoting rules are unknown; use bash, zsh, fish, PowerShell or cmd');
  }
}

/**
 * PowerShell parses a bare word starting with `-` as a parameter before handing it to a program:
 * `--` may be taken as its own end-of-parameters marker, and Windows PowerShell splits
 * `--opt=a.b` at the dot. Such words are quoted unless they are only letters, digits, `-` and `=`.
 */
function pwshReadsAsParameter(arg: string): boolean {
  return arg.startsWith('-') && (arg === '--' || !/^-[A-Za-z0-9=-]*$/.test(arg));
}

/** The whole command line for `shell`; throws `UnquotableError` if one argument cannot be written safely. */
export function commandLineFor(command: string, args: readonly string[], shell: ShellKind): string {
  const words = [command, ...args].map((a) => quoteArgument(a, shell));
  // PowerShell needs the call operator to run a quoted command.
  return shell === 'pwsh' && words[0] !== command ? `& ${words.join(' ')}` : words.join(' ');
}
