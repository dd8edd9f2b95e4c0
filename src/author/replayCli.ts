// `node dist/cli.js replay <deck.yml> [--chapter N | --from N --to M] [--junit FILE] [--dry-run] [--timeout S]`:
// the deck's labs replayed headless in tmux against the current kubeconfig, with Run all's plan
// and rules (the same planner, session and step runner as the extension).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCourse } from '../course/load';
import type { Chapter } from '../course/model';
import { DEFAULT_PLAN_OPTIONS, describeStep, planLab, type PlanOptions, type ReplayPlan } from '../exercises/plan';
import { replay, type StepReport } from '../exercises/replay';
import { ReplaySession } from '../exercises/replaySession';
import { junitXml, type ChapterSuite, type StepCase } from './junit';
import { TmuxServer, tmuxMissing, type TmuxTerminal } from './tmuxTerminal';

export const REPLAY_USAGE = 'usage: node dist/cli.js replay <deck.yml|chapter.md> [--chapter N | --from N --to M] [--junit FILE] [--dry-run] [--timeout SECONDS]';

interface ReplayArgs {
  source: string;
  from: number;
  to: number;
  junit?: string;
  dryRun: boolean;
  timeoutMs: number;
}

type Print = (text: string) => void;

export function parseReplayArgs(args: readonly string[]): ReplayArgs | undefined {
  const positional: string[] = [];
  const parsed: ReplayArgs = { source: '', from: 1, to: Number.MAX_SAFE_INTEGER, dryRun: false, timeoutMs: DEFAULT_PLAN_OPTIONS.waitTimeoutMs };
  const number = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => number(args[++i]);
    if (arg === '--dry-run') parsed.dryRun = true;
    else if (arg === '--junit' && args[i + 1] !== undefined) parsed.junit = args[++i];
    else if (arg === '--chapter' || arg === '--from' || arg === '--to' || arg === '--timeout') {
      const n = value();
      if (n === undefined) return undefined;
      if (arg === '--chapter') parsed.from = parsed.to = n;
      else if (arg === '--from') parsed.from = n;
      else if (arg === '--to') parsed.to = n;
      else parsed.timeoutMs = n * 1000;
    } else if (arg.startsWith('-')) return undefined;
    else positional.push(arg);
  }
  if (positional.length !== 1 || parsed.from > parsed.to) return undefined;
  parsed.source = positional[0];
  return parsed;
}

interface LabToRun {
  key: string;
  file: string;
  line: number;
  plan: ReplayPlan;
}

function labsOf(chapter: Chapter, options: PlanOptions): LabToRun[] {
  return chapter.slides.flatMap((slide) =>
    slide.labs.filter((lab) => !lab.hiddenBy).map((lab) => ({ key: `${slide.file}:${lab.line}`, file: slide.file, line: lab.line, plan: planLab(lab, options) })),
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const indent = (text: string, prefix = '      | ') => text.split('\n').map((line) => prefix + line).join('\n');

export async function runReplay(args: readonly string[], out: Print, err: Print): Promise<number> {
  const parsed = parseReplayArgs(args);
  if (!parsed) {
    err(`${REPLAY_USAGE}\n`);
    return 2;
  }
  const course = loadCourse(parsed.source);
  if (!course.readable) {
    for (const p of course.problems) err(`${p.file}:${p.line}: ${p.message}\n`);
    return 2;
  }
  const planOptions: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, waitTimeoutMs: parsed.timeoutMs };
  const chapters = course.parts.flatMap((part) => part.chapters).map((chapter, i) => ({ number: i + 1, chapter }));
  const chosen = chapters.filter(({ number }) => number >= parsed.from && number <= parsed.to);
  if (chosen.length === 0) {
    err(`the course has chapters 1 to ${chapters.length}\n`);
    return 2;
  }
  if (parsed.dryRun) {
    for (const { number, chapter } of chosen) {
      out(`Chapter ${number}: ${chapter.title || '(untitled)'} [${chapter.file}]\n`);
      for (const lab of labsOf(chapter, planOptions)) {
        out(`  lab ${lab.key}\n${indent(lab.plan.describe() || '(nothing to run)', '    ')}\n`);
        for (const problem of lab.plan.problems) out(`    ! ${problem}\n`);
      }
    }
    return 0;
  }
  const missing = tmuxMissing();
  if (missing) {
    err(`${missing}\n`);
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workshop-replay-'));
  const server = new TmuxServer(dir);
  const suites: ChapterSuite[] = [];
  const started = Date.now();
  // Ctrl-C on the replay itself: no tmux server left behind.
  const interrupted = () => {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const main = server.open('main');
    for (const { number, chapter } of chosen) {
      out(`Chapter ${number}: ${chapter.title || '(untitled)'} [${chapter.file}]\n`);
      const suite: ChapterSuite = { name: `${number}. ${chapter.title || chapter.file}`, file: chapter.file, cases: [] };
      suites.push(suite);
      const opened: TmuxTerminal[] = [];
      const session = new ReplaySession<TmuxTerminal>(main, { openSplit: (purpose) => { const t = server.openSplit(purpose); opened.push(t); return t; }, close: (t) => server.close(t) });
      for (const lab of labsOf(chapter, planOptions)) {
        suite.cases.push(...(await replayLab(lab, session, parsed.timeoutMs, out)));
      }
      session.enterLab('(end of chapter)', true);
      session.closeUnused(opened);
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const all = suites.flatMap((s) => s.cases);
  const failed = all.filter((c) => c.outcome === 'failed').length;
  const skipped = all.filter((c) => c.outcome === 'skipped').length;
  out(`\n${all.length} steps: ${all.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped in ${seconds(Date.now() - started)}\n`);
  if (parsed.junit) fs.writeFileSync(parsed.junit, junitXml(suites));
  return failed > 0 ? 1 : 0;
}

async function replayLab(lab: LabToRun, session: ReplaySession<TmuxTerminal>, timeoutMs: number, out: Print): Promise<StepCase[]> {
  const cases: StepCase[] = [];
  const nameOf = (snippetIndex: number, text: string) => `${lab.file}:${lab.line}#${snippetIndex + 1} ${text}`;
  out(`  lab ${lab.key}\n`);
  if (lab.plan.refused || lab.plan.problems.length) {
    const message = `cannot replay: ${lab.plan.problems.join('; ')}`;
    out(`    FAILED ${message}\n`);
    return [{ name: nameOf(0, 'plan'), durationMs: 0, outcome: 'failed', message }];
  }
  session.enterLab(lab.key, lab.plan.steps[0]?.kind === 'run');
  const result = await replay(lab.plan, session, {
    commandTimeoutMs: timeoutMs,
    learnerTimeoutMs: timeoutMs,
    onStepEnd: (report: StepReport) => {
      const outcome = report.outcome === 'failed' ? 'failed' : report.outcome === 'skipped' ? 'skipped' : 'passed';
      const description = describeStep(report.step);
      const screen = outcome === 'failed' ? lastLines(report.output ?? session.panes.target()?.screenText() ?? '', 15) : undefined;
      cases.push({ name: nameOf(report.step.snippetIndex, description), durationMs: report.durationMs, outcome, message: report.message, screen });
      const label = outcome === 'passed' ? 'ok    ' : outcome === 'failed' ? 'FAILED' : 'skip  ';
      out(`    ${label} ${seconds(report.durationMs).padStart(7)}  ${description}${report.message ? ` - ${report.message}` : ''}\n`);
      if (screen) out(`${indent(screen)}\n`);
    },
  });
  for (const step of lab.plan.steps.slice(result.reports.length)) {
    cases.push({ name: nameOf(step.snippetIndex, describeStep(step)), durationMs: 0, outcome: 'skipped', message: 'not run: an earlier step of this lab failed' });
  }
  return cases;
}

function lastLines(text: string, count: number): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  return lines.slice(Math.max(0, lines.length - count)).join('\n');
}
