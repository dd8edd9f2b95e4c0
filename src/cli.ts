// Command-line entry for course authors and tooling:
//   node dist/cli.js inspect <deck.yml|file.md> [--json]
//   node dist/cli.js render <deck.yml|file.md> [--slide N] [--restricted] [--json]
//   node dist/cli.js check <deck.yml|file.md> [--json] [--format github]
//   node dist/cli.js replay <deck.yml|file.md> [--chapter N | --from N --to M] [--junit FILE] [--dry-run]
import { loadCourse } from './course/load';
import { inspectJson, inspectText } from './course/inspect';
import { renderJson, renderText } from './render/renderReport';
import { CHECK_USAGE, runCheck } from './author/checkCli';
import { REPLAY_USAGE, runReplay } from './author/replayCli';

const USAGE = [
  'usage: node dist/cli.js inspect <deck.yml|file.md> [--json]',
  '       node dist/cli.js render <deck.yml|file.md> [--slide N] [--restricted] [--json]',
  CHECK_USAGE.replace('usage: ', '       '),
  REPLAY_USAGE.replace('usage: ', '       '),
].join('\n');

function main(argv: string[]): number {
  const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
  if (argv[0] === 'check') return runCheck(argv.slice(1), write(process.stdout), write(process.stderr));
  const slideAt = argv.indexOf('--slide');
  const slideArg = slideAt >= 0 ? argv[slideAt + 1] : undefined;
  const rest = slideAt >= 0 ? [...argv.slice(0, slideAt), ...argv.slice(slideAt + 2)] : argv;
  const args = rest.filter((a) => !a.startsWith('--'));
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const command = args[0];
  const known = command === 'inspect' ? ['--json', '--help'] : ['--json', '--help', '--restricted'];
  const slide = slideArg !== undefined && /^\d+$/.test(slideArg) ? Number(slideArg) : undefined;
  const badSlide = slideAt >= 0 && (command !== 'render' || slide === undefined);
  if (flags.has('--help') || (command !== 'inspect' && command !== 'render') || args.length !== 2 || badSlide || [...flags].some((f) => !known.includes(f))) {
    process.stderr.write(USAGE + '\n');
    return flags.has('--help') ? 0 : 2;
  }
  const course = loadCourse(args[1], undefined, { env: process.env });
  if (command === 'inspect') {
    if (flags.has('--json')) process.stdout.write(JSON.stringify(inspectJson(course), null, 2) + '\n');
    else process.stdout.write(inspectText(course));
    return course.readable ? 0 : 1;
  }
  if (slide !== undefined && course.readable && !course.parts.some((p) => p.chapters.some((c) => c.slides.some((s) => s.index === slide)))) {
    process.stderr.write(`the course has no slide ${slide} (slides are numbered from 0 to ${course.slideCount - 1})\n`);
    return 2;
  }
  const report = renderJson(course, { slide, remoteImages: !flags.has('--restricted') });
  if (flags.has('--json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(renderText(course, report));
  return course.readable ? 0 : 1;
}

const argv = process.argv.slice(2);
if (argv[0] === 'replay') {
  const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
  void runReplay(argv.slice(1), write(process.stdout), write(process.stderr)).then((code) => {
    process.exitCode = code;
  });
} else process.exitCode = main(argv);
