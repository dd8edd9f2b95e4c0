// The exit status of a command where the shell does not report it (a nested shell, a terminal
// without shell integration): as the upstream autopilot does, type `echo <token> $?` after the
// command and read the line the shell prints.

export interface StatusMarker {
  /** The line to type (Enter not included). */
  command: string;
  /** Matches the printed line; group 1 is the status. */
  pattern: RegExp;
}

export function makeStatusMarker(random: () => number = Math.random): StatusMarker {
  const token = `__ws${Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0')}`;
  // The typed line (`echo <token> $?`) never matches: there the token is followed by `$?`, not
  // digits. The printed line may follow a prompt on the same line (typed ahead of the prompt).
  return { command: `echo ${token} $?`, pattern: new RegExp(`${token} (\\d+)(?=\\s|$)`) };
}

/** The status printed for `marker` in `screen`, or `undefined` when it is not there yet. */
export function readStatus(marker: StatusMarker, screen: string): number | undefined {
  const match = marker.pattern.exec(screen);
  return match ? Number(match[1]) : undefined;
}
