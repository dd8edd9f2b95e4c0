// Command-line entry for course authors and tooling:
//   node dist/cli.js inspect <deck.yml|file.md> [--json]
import { loadCourse } from './course/load';
import { inspectJson, inspectText } from './course/inspect';

const USAGE = 'usage: node dist/cli.js inspect <deck.yml|file.md> [--json]';

function main(argv: string[]): number {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  if (flags.has('--help') || args[0] !== 'inspect' || args.length !== 2) {
    process.stderr.write(USAGE + '\n');
    return flags.has('--help') ? 0 : 2;
  }
  const course = loadCourse(args[1]);
  if (flags.has('--json')) process.stdout.write(JSON.stringify(inspectJson(course), null, 2) + '\n');
  else process.stdout.write(inspectText(course));
  return course.readable ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
