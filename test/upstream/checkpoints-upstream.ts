// Plans "Start This Chapter" for every chapter of every deck of a container.training clone, runs
// each plan twice against a stand-in cluster, and reports plans that cannot complete: directives
// that cannot run, steps left to the learner, and changes that a second start would make again.
//
//   npm run check:upstream -- --checkpoints /path/to/container.training
//
// The stand-in cluster keeps the objects that creates, scales and deletes name, and answers a
// second create with AlreadyExists as a real API server does. Nothing is written anywhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CourseIndex } from '../../src/course/courseIndex';
import { loadCourse } from '../../src/course/load';
import { courseSteps } from '../../src/exercises/courseSteps';
import { decideRuns, failureMeansDone, type ObservedObject, type Snapshot } from '../../src/exercises/checkpoint/holds';
import { planChapterStart, type StartCommand } from '../../src/exercises/checkpoint/startPlan';

interface StandInCluster {
  readonly snapshot: Snapshot;
  run(entry: StartCommand): { exitCode: number; output: string };
  writes: number;
}

function standInCluster(): StandInCluster {
  const objects = new Map<string, ObservedObject>();
  const paths = new Set<string>();
  const key = (resource: string, name: string, namespace?: string) => `${resource}/${namespace ?? ''}/${name}`;
  const cluster: StandInCluster = {
    writes: 0,
    snapshot: {
      object: (ref) => objects.get(key(ref.resource, ref.name, ref.namespace)),
      path: (p) => paths.has(p),
    },
    run(entry) {
      for (const check of entry.holds) {
        if (check.kind === 'path') {
          if (paths.has(check.path)) return { exitCode: 128, output: `fatal: destination path '${check.path}' already exists and is not an empty directory.` };
          paths.add(check.path);
        } else if (check.kind === 'exists') {
          const at = key(check.resource, check.name, check.namespace);
          if (objects.has(at)) return { exitCode: 1, output: `Error from server (AlreadyExists): ${check.resource}s "${check.name}" already exists` };
          objects.set(at, { replicas: 1 });
        } else if (check.kind === 'replicas') {
          objects.set(key(check.resource, check.name, check.namespace), { replicas: check.count });
        } else {
          const at = key(check.resource, check.name, check.namespace);
          if (!objects.delete(at)) return { exitCode: 1, output: `Error from server (NotFound): ${check.resource}s "${check.name}" not found` };
        }
      }
      cluster.writes++;
      return { exitCode: 0, output: '' };
    },
  };
  return cluster;
}

/** Runs a plan once; the failures that do not mean "it held already". */
function start(commands: readonly StartCommand[], cluster: StandInCluster): string[] {
  const failures: string[] = [];
  for (const { entry, run } of decideRuns(commands, cluster.snapshot)) {
    if (!run || entry.role !== 'change') continue;
    const result = cluster.run(entry);
    if (result.exitCode !== 0 && !failureMeansDone(entry, result.exitCode, result.output)) failures.push(`${entry.stableKey}: ${entry.command}: ${result.output}`);
  }
  return failures;
}

/** Each problem once per deck, with the first chapter whose start it stops; the number of plans it stops. */
function checkDeck(manifest: string): { chapters: number; stopped: number; lines: string[] } {
  const index = new CourseIndex(loadCourse(manifest));
  const steps = courseSteps(index);
  const firstStopped = new Map<string, number>();
  let stopped = 0;
  for (let chapter = 1; chapter < index.chapters.length; chapter++) {
    const plan = planChapterStart(steps, chapter);
    const cluster = standInCluster();
    const failures = start(plan.commands, cluster);
    const afterFirst = cluster.writes;
    failures.push(...start(plan.commands, cluster));
    const repeated = plan.commands.filter((c) => c.role === 'change' && c.holds.length > 0).length;
    if (cluster.writes - afterFirst > plan.commands.filter((c) => c.role === 'change').length - repeated) failures.push('a second start made a change that held already');
    const problems = [
      ...plan.problems.map((p) => `cannot run: ${p}`),
      ...failures.map((f) => `failed: ${f}`),
      ...plan.commands.filter((c) => c.role === 'manual').map((c) => `needs the learner (${c.why}): ${c.stableKey}: ${c.command.split('\n', 1)[0]}`),
    ];
    if (problems.length) stopped++;
    for (const problem of problems) if (!firstStopped.has(problem)) firstStopped.set(problem, chapter);
  }
  const lines = [...firstStopped].map(([problem, chapter]) => `${path.basename(manifest)} from chapter ${chapter + 1} "${index.chapters[chapter].title}" on: ${problem}`);
  return { chapters: index.chapters.length, stopped, lines };
}

export function checkCheckpoints(slides: string): number {
  const decks = fs.readdirSync(slides).filter((name) => name.endsWith('.yml')).sort();
  const started = Date.now();
  let chapters = 0;
  let stopped = 0;
  for (const deck of decks) {
    if (process.env.DECK && deck !== process.env.DECK) continue;
    const report = checkDeck(path.join(slides, deck));
    chapters += report.chapters;
    stopped += report.stopped;
    for (const line of report.lines) console.log(line);
  }
  console.log(`${decks.length} decks, ${chapters} chapters: each start planned and run twice against stand-ins in ${((Date.now() - started) / 1000).toFixed(1)} s; ${stopped} cannot complete unattended (a step above needs the learner or cannot run).`);
  return stopped ? 1 : 0;
}
