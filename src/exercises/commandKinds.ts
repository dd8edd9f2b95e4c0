// What kind of program a lab command starts: one that ends by itself, one that keeps running by
// design (a watch), or one that takes over the terminal and reads what is typed next (a nested
// shell, an editor). Decided from the command text, the way a reader of the lab would.

export type CommandKind = 'command' | 'watch' | 'shell' | 'program';

/** Commands that print until stopped with Ctrl-C. */
const WATCH_PATTERNS: readonly RegExp[] = [
  /^(?:sudo\s+)?watch\s/, // watch kubectl get pods
  /\bkubectl\b.*\s(?:-w|--watch(?:-only)?(?:=true)?)(?=\s|$)/, // kubectl get pods -w
  /\b(?:kubectl|docker|docker-compose|docker\s+compose|docker\s+service)\b.*\blogs\b.*\s(?:-f|--follow(?:=true)?)(?=\s|$)/,
  /^(?:\S+=\S+\s+)*stern\s/,
  /\bkubectl\b.*\s(?:port-forward|proxy)(?=\s|$)/,
  /\bkubectl\b.*\sevents\b.*\s--watch/,
  /\b(?:tail|journalctl)\b.*\s(?:-f|-F|--follow)(?=\s|$)/,
  /^(?:docker-compose|docker\s+compose)\b(?:\s+-f\s+\S+)*\s+up\b(?!.*\s(?:-d|--detach)(?=\s|$))/,
  /^docker\s+(?:events|stats)\b/,
  /^(?:vmstat|iostat|mpstat)\s+\d/,
  // `-c N` (a count) makes ping and httping end by themselves.
  /^(?:htt)?ping\s(?!(?:.*\s)?-c\s*\d)/,
];
/** Loops that never end: `while true; do kubectl top pods; sleep 1; done`. */
const WHOLE_LINE_WATCH = /^while\s+(?:true|:)\s*;/;

/** Interactive flags of `kubectl exec/run/attach/debug` and `docker run/exec/attach`. */
const TTY_FLAGS = /\s(?:-ti|-it|-i\s+-t|-t\s+-i|--stdin(?:=true)?\s+--tty(?:=true)?|--tty(?:=true)?\s+--stdin(?:=true)?|-\w*t\w*i\w*|-\w*i\w*t\w*)(?=\s|$)/;

/** Commands that leave a shell (or another command interpreter) in front, where the lab types next. */
const SHELL_PATTERNS: readonly RegExp[] = [
  /^kubectl\b.*\s(?:exec|run|attach|debug)\b/,
  /^docker\b.*\s?(?:run|exec|attach)\b/,
];
const BARE_SHELL = /^(?:sudo\s+)?(?:bash|sh|ash|zsh|dash)(?:\s+-\w+)*\s*$/;
const LOGIN_SHELL = /^(?:sudo\s+(?:-i|-s|su(?:\s+-)?(?:\s+\w+)?)|su(?:\s+-)?(?:\s+\w+)?)\s*$/;
const SSH_SESSION = /^ssh\s+(?:-\S+\s+(?:\S+\s+)?)*[\w.@-]+\s*$/;
const REPL = /^(?:psql|mysql|redis-cli|python3?|node|irb|mongo(?:sh)?|sqlite3)(?:\s|$)/;
/** A REPL given something to run (`psql -c ...`, `python script.py`...) ends by itself. */
const REPL_RUNS_SOMETHING = /\s(?:-c|-e|-f|--command|--eval|--file)\b|[<|;&]|\s[\w./-]+\.(?:py|js|sql|rb)\b/;

/**
 * Full-screen or interactive programs that end when the lab sends them keys (`:wq`, `q`, `^C`),
 * by what the learner does with them: edit and save, read and quit, or use and close.
 */
const EDITORS = /^(?:sudo\s+)?(?:vi|vim|nvim|nano|emacs)\b|^kubectl\b.*\sedit\b/;
const VIEWERS = /^(?:sudo\s+)?(?:less|more|man|top|htop|k9s)\b/;
const CONNECTIONS = /^(?:sudo\s+)?(?:telnet|nc|tmux|screen)\b/;
/** Git commands that show their output in a pager (which quits by itself when it fits a screen). */
const PAGER = /^git\s+(?:log|show|diff|blame)\b(?!.*\|)/;

export type ProgramUse = 'edit' | 'view' | 'connect';

/** What a learner does with a program of kind `program`: edit (save and quit), view (quit), or use (close). */
export function programUse(command: string): ProgramUse {
  const line = firstLine(command);
  if (VIEWERS.test(line) || PAGER.test(line)) return 'view';
  if (CONNECTIONS.test(line)) return 'connect';
  return 'edit';
}

/** The first line, with its backslash continuations joined. */
function firstLine(command: string): string {
  return command.replace(/\\\n\s*/g, ' ').split('\n', 1)[0].trim();
}

/** What `kubectl exec|run ... -- <program>` runs in the pod is a shell or a REPL (`sh`, `su postgres`, `psql`). */
const SHELL_PROGRAM = /^(?:\/\S*\/)?(?:sh|bash|ash|zsh|dash|su|login|psql|mysql|redis-cli|mongo(?:sh)?|python3?|node|irb)$/;

/** Flags of `kubectl run` whose value is the next word when not written with `=`. */
const RUN_VALUE_FLAGS = /^(?:--(?:image|namespace|env|port|overrides|restart|labels|annotations|context|kubeconfig|image-pull-policy|pod-running-timeout|requests|limits|serviceaccount|cluster|user|dry-run)|-[nl])$/;

/**
 * The program a command runs in the pod, if it names one: what follows ` -- `, or for
 * `kubectl run NAME ...` a word after the pod's name (`kubectl run -ti --rm --image=curl c curl x`).
 */
function programInPod(line: string): string | undefined {
  const rest = /\s--\s+(\S+)/.exec(line);
  if (rest) return rest[1];
  // Words as the shell splits them (quoted parts kept whole: `--overrides='{ "spec": ... }'`).
  const words: string[] = line.match(/(?:[^\s'"]|'[^']*'|"[^"]*")+/g) ?? [];
  if (words[0] !== 'kubectl' || !words.includes('run')) return undefined;
  const positional: string[] = [];
  for (let i = words.indexOf('run') + 1; i < words.length; i++) {
    const word = words[i];
    if (RUN_VALUE_FLAGS.test(word)) i++;
    else if (!word.startsWith('-')) positional.push(word);
  }
  return positional[1];
}

/** The kind of program a command starts. A command sent to the background (`... &`) ends at once. */
export function commandKind(command: string): CommandKind {
  const line = firstLine(command);
  if (!line || /&\s*$/.test(line) || /\|\s*$/.test(line)) return 'command';
  // Flags belong to the first command of a pipeline (`kubectl api-resources | grep -w nodes` ends).
  const first = line.split(/\s(?:\|\|?|&&|;)\s/, 1)[0];
  if (WATCH_PATTERNS.some((pattern) => pattern.test(first)) || WHOLE_LINE_WATCH.test(line)) return 'watch';
  if (SHELL_PATTERNS.some((pattern) => pattern.test(line)) && TTY_FLAGS.test(line)) {
    const program = programInPod(line);
    if (program === undefined || SHELL_PROGRAM.test(program)) return 'shell';
    return 'command';
  }
  if (BARE_SHELL.test(line) || LOGIN_SHELL.test(line) || SSH_SESSION.test(line) || (REPL.test(line) && !REPL_RUNS_SOMETHING.test(line))) return 'shell';
  if ([EDITORS, VIEWERS, CONNECTIONS, PAGER].some((pattern) => pattern.test(line))) return 'program';
  return 'command';
}

export function isWatchCommand(command: string): boolean {
  return commandKind(command) === 'watch';
}
