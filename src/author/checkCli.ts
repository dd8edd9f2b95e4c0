// `node dist/cli.js check <deck.yml|chapter.md> [--json] [--format github]`.
import * as os from 'node:os';
import { loadCourse } from '../course/load';
import { checkCourse } from './checkCourse';
import { findingsGithub, findingsSummary, findingsText, hasErrors, sortFindings } from './findings';
import { repoFileReader } from './repoFiles';

type Format = 'text' | 'json' | 'github';

export const CHECK_USAGE = 'usage: node dist/cli.js check <deck.yml|chapter.md>... [--json] [--format github]';

export function runCheck(args: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const positional: string[] = [];
  let format: Format = 'text';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') format = 'json';
    else if (arg === '--format' && (args[i + 1] === 'github' || args[i + 1] === 'json' || args[i + 1] === 'text')) format = args[++i] as Format;
    else if (arg.startsWith('-')) {
      err(`${CHECK_USAGE}\n`);
      return 2;
    } else positional.push(arg);
  }
  if (positional.length === 0) {
    err(`${CHECK_USAGE}\n`);
    return 2;
  }
  // Several decks share chapters: a chapter's finding is reported once.
  let unreadable = false;
  const findings = sortFindings(
    positional.flatMap((source) => {
      const course = loadCourse(source);
      unreadable ||= !course.readable;
      return checkCourse(course, { home: os.homedir(), relativeTo: process.cwd(), readApplied: repoFileReader(course.root) });
    }),
  );
  if (format === 'json') out(JSON.stringify({ sources: positional, findings }, null, 2) + '\n');
  else if (format === 'github') {
    out(findingsGithub(findings));
    err(`${findingsSummary(findings)}\n`);
  } else out(findingsText(findings));
  return hasErrors(findings) || unreadable ? 1 : 0;
}
