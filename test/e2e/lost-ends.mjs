// Fault injection for the end-to-end tests, outside the extension: a learner's ~/.bashrc (the
// scenario's HOME) that makes VS Code lose the end of some commands, as it does under load. It adds
// a prompt command of its own, as a learner's rc may, which runs before VS Code's prompt code; after
// a command whose line holds `text`, it turns VS Code's end report (OSC 633;D) off for that prompt.
// VS Code then sees the command start and never end. The extension's own prompt hook still runs.

/** The rc text; `text` must not hold a single quote. */
export function bashrcLosingEndsOf(text) {
  return `# e2e: VS Code loses the end of commands holding '${text}'.
__e2e_lose_ends() {
  local status=$?
  if [ -z "\${__e2e_wrapped-}" ] && declare -F __vsc_command_complete >/dev/null; then
    eval "__e2e_vsc_command_complete() $(declare -f __vsc_command_complete | tail -n +2)"
    __vsc_command_complete() {
      case "$__e2e_last" in
        *'${text}'*) declare -F __vsc_update_cwd >/dev/null && __vsc_update_cwd ;;
        *) __e2e_vsc_command_complete "$@" ;;
      esac
    }
    __e2e_wrapped=1
  fi
  __e2e_last=$(HISTTIMEFORMAT= builtin history 1)
  return $status
}
PROMPT_COMMAND="\${PROMPT_COMMAND:+$PROMPT_COMMAND; }__e2e_lose_ends"
`;
}
