// A prompt hook in the Workshop terminal's own shell: each time the shell shows its prompt it writes
// "<sequence> <status>" (prompts shown so far, `$?` of the command before) to a file of the
// terminal's, so the end of a command and its status no longer depend on VS Code's events arriving.
//
// It chains with VS Code's shell integration rather than replacing it:
// - bash: the hook is the PROMPT_COMMAND the shell starts with (from the terminal's environment).
//   VS Code's injected script sources the learner's ~/.bashrc, then keeps the PROMPT_COMMAND it
//   finds and runs it before its own prompt code, with `$?` restored. A learner's rc that appends
//   to PROMPT_COMMAND keeps the hook; one that replaces it loses it (the run then uses the step limit).
// - zsh: ZDOTDIR points at a folder whose startup files source the learner's own (from the learner's
//   ZDOTDIR, or HOME) and add the hook to `precmd_functions`. VS Code's injection keeps the ZDOTDIR
//   it finds as USER_ZDOTDIR and sources those files from its own.
// At its first prompt the hook stops exporting what it was given, so shells the learner starts
// inside (a nested bash or zsh) neither inherit it nor write to the terminal's file.

export type HookShell = 'bash' | 'zsh';

/** The shell a hook can be installed in, from the path of the shell the terminal runs. */
export function hookShellOf(shellPath: string | undefined, platform: string): HookShell | undefined {
  if (platform === 'win32') return undefined;
  const name = (shellPath ?? '').split('/').pop() ?? '';
  return name === 'bash' || name === 'zsh' ? name : undefined;
}

/** Environment variable naming the terminal's status file. */
export const STATUS_FILE_VAR = 'WORKSHOP_STATUS_FILE';
/** Environment variable naming the learner's own ZDOTDIR (empty: HOME, with ZDOTDIR unset). */
export const USER_ZDOTDIR_VAR = 'WORKSHOP_USER_ZDOTDIR';

/**
 * bash's PROMPT_COMMAND. The sequence counts prompts after a command ran: bash's command number
 * (`\#`, bash 4.4 and later) tells them from a prompt drawn again after Ctrl-C or an empty line
 * (which VS Code's executeCommand itself may cause, with a Ctrl-C). `$?` is kept for what runs
 * after it (the learner's prompt code). `>|` writes even under `set -o noclobber`.
 */
export const BASH_PROMPT_COMMAND = [
  '__workshop_s=$?',
  `__workshop_c='\\#'`,
  `if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 404)); then eval '__workshop_c=\${__workshop_c@P}'; else __workshop_c=\${__workshop_n:-0}; fi`,
  `if [ -z "\${__workshop_f+x}" ]; then __workshop_f=\${${STATUS_FILE_VAR}:-}; export -n ${STATUS_FILE_VAR} PROMPT_COMMAND; fi`,
  `if [ "$__workshop_c" != "\${__workshop_last-}" ]; then __workshop_last=$__workshop_c; __workshop_n=$((\${__workshop_n:-0}+1)); if [ -n "$__workshop_f" ]; then builtin printf '%s %s\\n' "$__workshop_n" "$__workshop_s" >| "$__workshop_f" 2>/dev/null; fi; fi`,
  '(exit $__workshop_s)',
].join('; ');

/** Sources one of the learner's zsh startup files with ZDOTDIR as the learner's (their file may change it). */
function sourceLearners(file: string): string {
  return [
    `__workshop_zd=$ZDOTDIR`,
    `ZDOTDIR=\${${USER_ZDOTDIR_VAR}:-$HOME}`,
    `[[ -f $ZDOTDIR/${file} ]] && builtin source $ZDOTDIR/${file}`,
    `[[ $ZDOTDIR != \${${USER_ZDOTDIR_VAR}:-$HOME} ]] && export ${USER_ZDOTDIR_VAR}=$ZDOTDIR`,
    `ZDOTDIR=$__workshop_zd`,
    '',
  ].join('\n');
}

const ZSH_HOOK = `__workshop_f=\${${STATUS_FILE_VAR}:-}
typeset +x ${STATUS_FILE_VAR}
typeset -gi __workshop_n=0 __workshop_ran=1
# Only prompts after a command count (not one drawn again after Ctrl-C or an empty line).
__workshop_preexec() { __workshop_ran=1 }
__workshop_precmd() {
  local s=$?
  (( __workshop_ran )) || return $s
  __workshop_ran=0
  (( __workshop_n++ ))
  if (( __workshop_n == 1 )); then
    # Shells started inside get the learner's startup files, not these.
    if [[ -n \${${USER_ZDOTDIR_VAR}:-} ]]; then export ZDOTDIR=\${${USER_ZDOTDIR_VAR}}; else unset ZDOTDIR; fi
    typeset +x ${USER_ZDOTDIR_VAR}
  fi
  [[ -n $__workshop_f ]] && builtin print -r -- "$__workshop_n $s" >| $__workshop_f 2>/dev/null
  return $s
}
precmd_functions=(__workshop_precmd $precmd_functions)
preexec_functions+=(__workshop_preexec)
`;

/** The files of the ZDOTDIR folder given to zsh (names and contents). */
export function zshStartupFiles(): Record<string, string> {
  const header = '# Written by the Kubernetes Workshop extension: runs your own file, then (in .zshrc) its prompt hook.\n';
  return {
    '.zshenv': header + sourceLearners('.zshenv'),
    '.zprofile': header + sourceLearners('.zprofile'),
    // VS Code's injection points HISTFILE into the ZDOTDIR it found: the history stays the learner's.
    '.zshrc': header + `[[ $HISTFILE == $ZDOTDIR/.zsh_history ]] && HISTFILE=\${${USER_ZDOTDIR_VAR}:-$HOME}/.zsh_history\n` + sourceLearners('.zshrc') + ZSH_HOOK,
    '.zlogin': header + sourceLearners('.zlogin'),
  };
}

/** The environment that installs the hook in a new terminal's shell. */
export function hookEnvironment(shell: HookShell, statusFile: string, zdotdir: string, learnersZdotdir: string | undefined): Record<string, string> {
  if (shell === 'bash') return { [STATUS_FILE_VAR]: statusFile, PROMPT_COMMAND: BASH_PROMPT_COMMAND };
  return { [STATUS_FILE_VAR]: statusFile, ZDOTDIR: zdotdir, [USER_ZDOTDIR_VAR]: learnersZdotdir ?? '' };
}

export interface HookReport {
  /** Prompts shown so far (1: the first prompt, before any command). */
  seq: number;
  /** `$?` at that prompt: the status of the command before it. */
  status: number;
}

/** The hook's line, or `undefined` when the file holds something else (not yet written, cut short). */
export function parseHookReport(text: string): HookReport | undefined {
  const match = /^(\d{1,9}) (\d{1,3})\n$/.exec(text);
  return match ? { seq: Number(match[1]), status: Number(match[2]) } : undefined;
}
