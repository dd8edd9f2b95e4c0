// Plans every lab of every deck of a container.training clone, then replays each deck's labs in
// order with stand-in commands, and reports any lab that does not plan cleanly, any step that
// waited past its limit, any step that failed and any ^D that reached a Workshop shell.
//
//   npm run check:upstream -- /path/to/container.training
//
// Stand-ins: every command prints the texts the lab waits for and a line that its `copy`
// patterns match, then ends with status 0; watches print until Ctrl-C; nested shells and editors
// stay until the lab's keys end them. Nothing from the clone is written anywhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCourse } from '../../src/course/load';
import type { Lab } from '../../src/course/model';
import { planLab, type PlanOptions } from '../../src/exercises/plan';
import { prepareBash } from '../../src/exercises/prepare';
import { replay, type TimeoutInfo } from '../../src/exercises/replay';
import { ReplaySession } from '../../src/exercises/replaySession';
import { checkCheckpoints } from './checkpoints-upstream';
import { FakeFactory, FakeShell, type Program } from '../unit/helpers/fakeShell';

const PLAN: PlanOptions = { waitTimeoutMs: 1_000, longWaitMultiplier: 2, nodeAddress: 'localhost' };
const COMMAND_LIMIT_MS = 1_500;
/** Editors the labs leave to the learner (the learner here saves and quits at once). */
let turns = 0;

/** What a stand-in prints for `copy` patterns: one sample line per pattern shape seen in the decks. */
function sampleFor(pattern: string): string {
  return pattern
    .replace(/\[\^-\]\*/g, '5d9c7b6f8d')
    .replace(/\.\*\??/g, 'x')
    .replace(/\.(?=[.\s]|$)/g, 'a')
    .replace(/\\/g, '');
}

interface LabReport {
  where: string;
  problems: string[];
}

/**
 * STRICT=1: a command prints only the texts that the lab's waits and copies look for before its
 * next command, so a wait that reads the wrong terminal runs out of time.
 */
function strictStandIns(lab: Lab): (command: string) => Program {
  const outputs = new Map<string, string>();
  let commands: string[] = [];
  for (const snippet of lab.snippets) {
    if (snippet.method === 'bash' || snippet.method === 'hide') {
      commands = prepareBash(snippet.data).commands;
      for (const command of commands) outputs.set(command, '');
    } else if (snippet.method === 'wait' || snippet.method === 'longwait' || snippet.method === 'copy') {
      const line = snippet.method === 'copy' ? sampleFor(snippet.data.trim()) : snippet.data.trim();
      for (const command of commands) outputs.set(command, `${outputs.get(command) ?? ''}${line}\n`);
    }
  }
  return (command) => ({ output: outputs.get(command) ?? '', exitCode: 0 });
}

function standIns(lab: Lab): (command: string) => Program {
  if (process.env.STRICT) return strictStandIns(lab);
  const waits = lab.snippets.filter((s) => s.method === 'wait' || s.method === 'longwait').map((s) => s.data.trim());
  const copies = lab.snippets.filter((s) => s.method === 'copy').map((s) => sampleFor(s.data.trim()));
  const output = [...waits, ...copies].map((line) => `${line}\n`).join('');
  return (command) => ({ output: /^echo __ws/.test(command) ? '' : output, exitCode: 0 });
}

async function replayDeck(manifest: string, seen: Set<string>, reports: LabReport[]): Promise<number> {
  const course = loadCourse(manifest);
  let current: Lab | undefined;
  const programs = (command: string) => (current ? standIns(current)(command) : undefined);
  const main = new FakeShell('Workshop', programs);
  const factory = new FakeFactory(programs);
  const session = new ReplaySession(main, factory);
  let count = 0;
  for (const part of course.parts) {
    for (const chapter of part.chapters) {
      for (const slide of chapter.slides) {
        for (const lab of slide.labs) {
          const where = `${slide.file}:${lab.line}`;
          const fresh = !seen.has(where);
          seen.add(where);
          current = lab;
          const plan = planLab(lab, PLAN);
          session.enterLab(where, plan.steps[0]?.kind === 'run');
          session.closeUnused(factory.opened);
          if (process.env.VERBOSE) console.error(where);
          const problems = [...plan.problems];
          const timeouts: TimeoutInfo[] = [];
          const result = await replay(plan, session, {
            commandTimeoutMs: COMMAND_LIMIT_MS,
            startTimeoutMs: 200,
            continueAfterFailure: true,
            onStepStart: process.env.VERBOSE ? (i, step) => console.error(`  ${i + 1} ${step.kind} ${JSON.stringify(step).slice(0, 100)}`) : undefined,
            openUrl: () => Promise.resolve(true),
            // The learner: edits what the lab leaves to them, then saves and quits.
            onLearnersTurn: (turn) => {
              turns++;
              const terminal = [main, ...factory.opened].find((candidate) => candidate.name === turn.terminalName);
              setTimeout(() => terminal?.send('\x1b:wq\r'), 20);
              return new Promise<void>(() => {});
            },
            onTimeout: (info) => {
              timeouts.push(info);
              return Promise.resolve('interrupt');
            },
          }).catch((error: unknown) => {
            problems.push(`replay threw: ${String(error)}`);
            return undefined;
          });
          for (const info of timeouts) problems.push(`step ${info.index + 1} waited past its limit for ${info.waitedFor}` + (process.env.SCREEN ? ` [${info.terminalName}] ${JSON.stringify(info.screen.split('\n').slice(-4).join(' | ').slice(-300))}` : ''));
          for (const report of result?.reports ?? []) {
            if (report.outcome === 'failed') problems.push(`step ${report.index + 1} failed: ${report.message ?? ''}`);
          }
          if (main.closed) {
            problems.push('a ^D closed the Workshop shell');
            main.closed = false;
          }
          if (fresh) {
            count++;
            if (problems.length) reports.push({ where, problems });
          }
        }
      }
    }
  }
  main.stop();
  for (const split of factory.opened) split.stop();
  return count;
}

async function main(): Promise<void> {
  const checkpoints = process.argv[2] === '--checkpoints';
  const clone = process.argv[checkpoints ? 3 : 2];
  if (!clone) {
    console.error('usage: npm run check:upstream -- [--checkpoints] <path of a container.training clone>');
    process.exit(2);
  }
  const slides = fs.existsSync(path.join(clone, 'slides')) ? path.join(clone, 'slides') : clone;
  if (checkpoints) process.exit(checkCheckpoints(slides));
  const decks = fs.readdirSync(slides).filter((name) => name.endsWith('.yml')).sort();
  const seen = new Set<string>();
  const reports: LabReport[] = [];
  let labs = 0;
  const started = Date.now();
  for (const deck of decks) {
    if (process.env.DECK && deck !== process.env.DECK) continue;
    const before = Date.now();
    labs += await replayDeck(path.join(slides, deck), seen, reports);
    if (process.env.VERBOSE) console.error(`${deck}: ${Date.now() - before} ms`);
  }
  for (const report of reports) console.log(`${report.where}\n  ${report.problems.join('\n  ')}`);
  console.log(`${decks.length} decks, ${labs} labs replayed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${reports.length} with problems; ${turns} editors left to the learner.`);
  process.exit(reports.length ? 1 : 0);
}

void main();
