// Chapter readiness for the reader: what each chapter needs (read from the course), against
// what the current cluster serves (asked once per context and cached a little) and what the
// installed kubectl says about the flags the chapter uses.
import { childProcess } from '../../onFirstUse';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { readClusterFacts, type ClusterFacts } from '../../cluster/clusterFacts';
import type { ClusterState } from '../../cluster/clusterState';
import { findKubectl } from '../../cluster/kubectl';
import { filesToRead, notCheckedText } from '../../lab/labFiles';
import { chapterFiles, chapterNeeds, installersOf, missingFor, parseFlagHelp, scanChapter, valueDeprecation, type ChapterNeeds, type FlagReport, type Installers, type MissingItem } from '../../lab/readiness';
import type { CourseLibrary, OpenCourse } from '../courseLibrary';
import { DisposableBase } from '../disposableBase';
import { createLabFileReader, readLabFiles } from './labFileReader';
import { labFileScope } from './labFileScope';

export interface ChapterReadiness {
  readonly chapter: number;
  readonly missing: readonly MissingItem[];
  readonly notes: readonly string[];
  /** Files the chapter applies that were not read, and why (`outside the course: not checked`). */
  readonly unchecked: readonly { file: string; reason: string }[];
}

const FACTS_TTL_MS = 30_000;
/** Flags kubectl deprecated or dropped over the years; each is checked against the installed kubectl. */
const WATCHED_FLAGS = new Set(['--record', '--export', '--generator', '--server-dry-run', '--delete-local-data', '--include-uninitialized', '--show-all', '--schedule', '--serviceaccount', '--limits', '--requests', '--service-generator']);
/** `kubectl run` lost many flags (--replicas, --port with --expose...): all its flags are checked. */
const CHECK_ALL_FLAGS_OF = new Set(['run']);
/**
 * Built-in kubectl commands only: any other word would run a plugin (`kubectl-<word>` on the PATH)
 * with arguments a course chose. The sub-command word must be a plain word too.
 */
const BUILTIN_VERBS = new Set([
  'annotate', 'apply', 'autoscale', 'create', 'delete', 'describe', 'diff', 'drain', 'edit', 'events', 'exec', 'expose', 'get', 'label',
  'logs', 'patch', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'wait', 'cordon', 'uncordon', 'cp', 'port-forward',
]);

export class ReadinessService extends DisposableBase {
  private facts: { at: number; value: Promise<ClusterFacts | undefined> } | undefined;
  private readonly flagReports = new Map<string, Promise<FlagReport | undefined>>();
  private perCourse: { id: string; needs: Map<number, Promise<ChapterNeeds>>; installers: Installers } | undefined;
  private readonly readFile = createLabFileReader();
  private readonly emitter = this.own(new vscode.EventEmitter<void>());
  /** The cluster or the course changed: readiness may differ. */
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly library: CourseLibrary,
    private readonly cluster: ClusterState,
  ) {
    super();
    const listener = cluster.onDidChange(() => {
      this.facts = undefined;
      this.emitter.fire();
    });
    this.own(
      { dispose: () => listener.dispose() },
      library.onDidChange(() => (this.perCourse = undefined)),
      // Trusted now: files and kubectl may be consulted. Other folders: other files may be read.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.forget()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.forget()),
    );
  }

  private forget(): void {
    this.perCourse = undefined;
    this.emitter.fire();
  }

  async chapter(course: OpenCourse, chapterIndex: number): Promise<ChapterReadiness> {
    const perCourse = this.forCourse(course);
    const needs = await this.needsOf(course, chapterIndex);
    if (!needs) return { chapter: chapterIndex, missing: [], notes: [], unchecked: [] };
    const [facts, reports] = await Promise.all([this.clusterFacts(), this.reportsFor(needs)]);
    const notes = needs.remappedFiles.length
      ? [`Files under ~/container.training/ are read from your clone at ${course.index.course.repoRoot}: run the commands from there, or change the paths.`]
      : [];
    const unchecked = needs.uncheckedFiles.map((f) => ({ file: f.written, reason: notCheckedText(f.reason) }));
    return { chapter: chapterIndex, missing: missingFor(needs, facts, reports, perCourse.installers), notes, unchecked };
  }

  /** Every chapter, for the table of contents. */
  async all(course: OpenCourse): Promise<ChapterReadiness[]> {
    return Promise.all(course.index.chapters.map((_, i) => this.chapter(course, i)));
  }

  private forCourse(course: OpenCourse): NonNullable<ReadinessService['perCourse']> {
    if (this.perCourse?.id !== course.id) this.perCourse = { id: course.id, needs: new Map(), installers: installersOf(course.index.chapters) };
    return this.perCourse;
  }

  private needsOf(course: OpenCourse, chapterIndex: number): Promise<ChapterNeeds | undefined> {
    const perCourse = this.forCourse(course);
    const chapter = course.index.chapters[chapterIndex];
    if (!chapter) return Promise.resolve(undefined);
    let needs = perCourse.needs.get(chapterIndex);
    if (!needs) {
      needs = (async () => {
        const facts = scanChapter(chapter);
        const scope = labFileScope(course, os.homedir());
        const targets = chapterFiles(facts, scope);
        // In Restricted Mode the course does not get to read files (nothing read claims nothing).
        const read = vscode.workspace.isTrusted ? await readLabFiles(this.readFile, filesToRead(targets), scope.roots) : new Map();
        return chapterNeeds(facts, targets, read);
      })();
      perCourse.needs.set(chapterIndex, needs);
    }
    return needs;
  }

  private clusterFacts(): Promise<ClusterFacts | undefined> {
    if (this.facts && Date.now() - this.facts.at < FACTS_TTL_MS) return this.facts.value;
    const value = (async () => {
      await this.cluster.ensureLoaded();
      const session = this.cluster.session;
      if (!session) return undefined;
      try {
        return await readClusterFacts(session.transport());
      } catch {
        return undefined;
      }
    })();
    this.facts = { at: Date.now(), value };
    return value;
  }

  private async reportsFor(needs: ChapterNeeds): Promise<FlagReport[]> {
    const out: FlagReport[] = [];
    for (const { command, flag } of needs.flags) {
      const fixed = valueDeprecation(flag);
      if (fixed) {
        out.push(fixed);
        continue;
      }
      const name = flag.split('=')[0];
      if (!name.startsWith('--') || (!WATCHED_FLAGS.has(name) && !CHECK_ALL_FLAGS_OF.has(command[0] ?? ''))) continue;
      // A course is untrusted input: no process for it in Restricted Mode, and only kubectl's own commands.
      if (!vscode.workspace.isTrusted || !BUILTIN_VERBS.has(command[0] ?? '') || !command.slice(1).every((w) => /^[a-z][a-z-]*$/.test(w))) continue;
      if (!/^--[a-z][a-z-]*(=[\w.:,/-]*)?$/.test(flag)) continue;
      const key = `${command.join(' ')} ${name}`;
      if (!this.flagReports.has(key)) this.flagReports.set(key, probeFlag(command, flag));
      const report = await this.flagReports.get(key)!;
      if (report && !out.some((r) => r.flag === report.flag)) out.push(report);
    }
    return out;
  }
}

/** `kubectl <command> <flag> --help`: kubectl prints its deprecation warning or rejects an unknown flag, without a cluster. */
function probeFlag(command: readonly string[], flag: string): Promise<FlagReport | undefined> {
  const kubectl = findKubectl();
  if (!kubectl) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    childProcess().execFile(kubectl, [...command, flag, '--help'], { timeout: 5000, env: { ...process.env, KUBECONFIG: '/dev/null' } }, (_error, stdout, stderr) => {
      resolve(parseFlagHelp(flag, `${stderr}\n${stdout}`));
    });
  });
}
