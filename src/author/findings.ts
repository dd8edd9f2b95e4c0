// What `check` reports: findings with file, line and severity, and their text, JSON and
// GitHub Actions forms.

export type FindingKind = 'load' | 'replay' | 'flag' | 'api' | 'file' | 'parse';

export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning';
  /** Relative to the repository root where possible. */
  file: string;
  /** 1-based, 0 for the whole file. */
  line: number;
  message: string;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return [...findings]
    .filter((f) => {
      const key = `${f.file}\0${f.line}\0${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.message.localeCompare(b.message));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Course text on one line, control characters shown (a finding must not move the cursor or fake a line). */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/\r?\n/g, ' ⏎ ').replace(/[\x00-\x1f\x7f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `2 errors, 1 warning` or `no problems found`. */
export function findingsSummary(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return findings.length === 0 ? 'no problems found' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

export function findingsText(findings: readonly Finding[]): string {
  const lines = findings.map((f) => `${oneLine(f.file)}:${f.line}: ${f.severity} [${f.kind}]: ${oneLine(f.message)}`);
  lines.push(findingsSummary(findings));
  return lines.join('\n') + '\n';
}

/** GitHub's workflow-command escaping: data escapes %, CR, LF; properties also `:` and `,`. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,title=…::message`, one per finding, plus the text summary. */
export function findingsGithub(findings: readonly Finding[]): string {
  const lines = findings.map((f) => {
    const line = f.line > 0 ? `,line=${f.line}` : '';
    return `::${f.severity} file=${escapeProperty(f.file)}${line},title=${escapeProperty(`check: ${f.kind}`)}::${escapeData(oneLine(f.message))}`;
  });
  return lines.join('\n') + (lines.length ? '\n' : '');
}
