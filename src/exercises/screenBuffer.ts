// Terminal output as text: escape sequences removed, bounded, with a mark for "output since the last command".
/* eslint-disable no-control-regex -- terminal escape sequences are made of control characters */

/** Removes CSI/OSC/other escape sequences and carriage returns that only move the cursor. */
export function stripAnsi(text: string): string {
  return text
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '') // OSC ... BEL / ST (shell integration marks, titles)
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '') // CSI
    .replace(/\x1b[PX^_][^\x1b]*\x1b\\/g, '') // DCS, SOS, PM, APC
    .replace(/\x1b[@-Z\\-_]/g, '') // other two-byte escapes
    .replace(/\r+\n/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === '\r' ? '\n' : ''));
}

export class ScreenBuffer {
  private text = '';
  /** Offset in `text` where the output of the current command starts. */
  private markAt = 0;
  private readonly listeners = new Set<(chunk: string) => void>();

  constructor(private readonly maxChars = 200_000) {}

  append(raw: string): void {
    const clean = stripAnsi(raw);
    if (!clean) return;
    this.text += clean;
    if (this.text.length > this.maxChars) {
      const drop = this.text.length - this.maxChars;
      this.text = this.text.slice(drop);
      this.markAt = Math.max(0, this.markAt - drop);
    }
    for (const listener of [...this.listeners]) listener(clean);
  }

  /** A line typed into the terminal, as the screen shows it (the shell's own echo is not always readable). */
  appendTyped(line: string): void {
    this.append(`${line}\n`);
  }

  /** The visible screen since the mark: at most the last `rows` lines written since it. */
  visibleSinceMark(rows: number): string {
    const lines = this.sinceMark().split('\n');
    return lines.slice(Math.max(0, lines.length - rows)).join('\n');
  }

  /** Starts a new "since the last command" window. */
  mark(): void {
    this.markAt = this.text.length;
  }

  sinceMark(): string {
    return this.text.slice(this.markAt);
  }

  /** The last `lines` lines, like a screen capture. */
  recent(lines = 200): string {
    const all = this.text.split('\n');
    return all.slice(Math.max(0, all.length - lines)).join('\n');
  }

  /** Calls `listener` with the cleaned text after every append; returns the unsubscribe function. */
  onAppend(listener: (chunk: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Finds `pattern` in `text`: the text itself for a string, the whole match for a regex. */
export function findInOutput(text: string, pattern: string | RegExp): string | undefined {
  if (typeof pattern === 'string') return text.includes(pattern) ? pattern : undefined;
  return new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text)?.[0];
}
