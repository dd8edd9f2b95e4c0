// Chapter readiness: what a chapter's labs need (APIs, add-ons, files, kubectl flags), and
// what of it the cluster or the machine lacks, with what to do.
import type { ClusterFacts } from '../cluster/clusterFacts';
import { findFences } from '../course/fences';
import type { Chapter } from '../course/model';
import { prepareBash } from '../exercises/prepare';
import { kubectlInvocations, writesOf } from './kubectlCommand';
import { manifestObjects, type ManifestObject } from './manifests';
import { locateLabFile, outcomeOf, UPSTREAM_PREFIX, type LabFileRefusal, type LabFileScope, type LabFileTarget, type LabFileText } from './labFiles';
import { simpleCommands } from './shellWords';

export interface ChapterNeeds {
  /** API group versions its YAML uses (core `v1` left out), with the kinds. */
  readonly apis: ReadonlyMap<string, ReadonlySet<string>>;
  readonly metrics: boolean;
  readonly storage: boolean;
  readonly ingress: boolean;
  readonly networkPolicy: boolean;
  /** Files its labs apply that are not there (as written, and where we looked). */
  readonly missingFiles: readonly { written: string; path: string }[];
  /** Files under `~/container.training/` read from the learner's clone elsewhere. */
  readonly remappedFiles: readonly { written: string; path: string }[];
  /** Files it applies that were not read (outside the course, not a regular file...): neither there nor missing. */
  readonly uncheckedFiles: readonly UncheckedFile[];
  /** Flags as written with the kubectl verb (and sub-verb) they go with: `rollout undo --record`. */
  readonly flags: readonly { command: readonly string[]; flag: string }[];
}

/** A file a chapter applies that was not read: the path alone ruled it out, or the reader refused it. */
export interface UncheckedFile {
  readonly written: string;
  readonly reason: LabFileRefusal;
}

export interface ChapterFacts {
  readonly needs: Omit<ChapterNeeds, 'missingFiles' | 'remappedFiles' | 'uncheckedFiles' | 'apis'>;
  readonly objects: readonly ManifestObject[];
  /** Files its labs apply (as written) that no earlier command of the chapter writes. */
  readonly applied: readonly string[];
}

/** Step 1 (pure): what a chapter's commands and YAML say, and which files its labs apply. */
export function scanChapter(chapter: Chapter): ChapterFacts {
  const objects: ManifestObject[] = [];
  const written = new Set<string>();
  const applied: string[] = [];
  const flags: { command: string[]; flag: string }[] = [];
  let metrics = false;
  let ingress = false;
  for (const slide of chapter.slides) {
    for (const text of slide.increments) objects.push(...yamlBlocks(text).flatMap(manifestObjects));
    for (const lab of slide.labs) {
      for (const snippet of lab.snippets) {
        if (snippet.method !== 'bash' && snippet.method !== 'hide') continue;
        for (const command of prepareBash(snippet.data).commands) {
          for (const simple of simpleCommands(command)) for (const file of filesWrittenBy(simple.words, simple.redirects)) written.add(file);
          for (const invocation of kubectlInvocations(command)) {
            const sub = ['rollout', 'set', 'create', 'config', 'auth'].includes(invocation.verb) && invocation.args[0] ? [invocation.args[0]] : [];
            for (const flag of invocation.rawFlags) flags.push({ command: [invocation.verb, ...sub], flag });
            if (invocation.verb === 'top' || invocation.verb === 'autoscale') metrics = true;
            if (invocation.verb === 'create' && invocation.args[0] === 'ingress') ingress = true;
            const writes = writesOf(invocation);
            if (writes.stdin) objects.push(...manifestObjects(writes.stdin));
            for (const file of writes.files) if (!written.has(file) && !applied.includes(file)) applied.push(file);
          }
        }
      }
    }
  }
  const kinds = new Set(objects.map((o) => o.kind));
  return {
    objects,
    applied,
    needs: {
      metrics: metrics || kinds.has('HorizontalPodAutoscaler'),
      storage: kinds.has('PersistentVolumeClaim') || kinds.has('StatefulSet'),
      ingress: ingress || kinds.has('Ingress'),
      networkPolicy: kinds.has('NetworkPolicy'),
      flags: dedupeFlags(flags),
    },
  };
}

/** Step 2 (pure): where each applied file is, and whether its path alone rules it out. Relative paths are not located. */
export function chapterFiles(facts: ChapterFacts, scope: LabFileScope): LabFileTarget[] {
  return facts.applied.flatMap((file) => locateLabFile(file, { ...scope, cwd: undefined }) ?? []);
}

/**
 * Step 3 (pure): the needs, with the files' texts the glue read (by path). A file with no
 * entry was not read at all (Restricted Mode) and claims nothing.
 */
export function chapterNeeds(facts: ChapterFacts, targets: readonly LabFileTarget[], read: ReadonlyMap<string, LabFileText>): ChapterNeeds {
  const objects = [...facts.objects];
  const missingFiles: { written: string; path: string }[] = [];
  const remappedFiles: { written: string; path: string }[] = [];
  const uncheckedFiles: UncheckedFile[] = [];
  for (const target of targets) {
    const outcome = outcomeOf(target, read);
    if (outcome?.state === 'missing') missingFiles.push({ written: target.written, path: target.path });
    else if (outcome?.state === 'refused') uncheckedFiles.push({ written: target.written, reason: outcome.reason });
    else if (outcome?.state === 'text') {
      objects.push(...manifestObjects(outcome.text));
      if (target.remapped) remappedFiles.push({ written: target.written, path: target.path });
    }
  }
  const apis = new Map<string, Set<string>>();
  for (const o of objects) {
    if (o.apiVersion === 'v1') continue;
    apis.set(o.apiVersion, new Set([...(apis.get(o.apiVersion) ?? []), o.kind]));
  }
  const kinds = new Set(objects.map((o) => o.kind));
  return {
    ...facts.needs,
    apis,
    metrics: facts.needs.metrics || kinds.has('HorizontalPodAutoscaler'),
    storage: facts.needs.storage || kinds.has('PersistentVolumeClaim') || kinds.has('StatefulSet'),
    ingress: facts.needs.ingress || kinds.has('Ingress'),
    networkPolicy: facts.needs.networkPolicy || kinds.has('NetworkPolicy'),
    missingFiles,
    remappedFiles,
    uncheckedFiles,
  };
}

function yamlBlocks(markdown: string): string[] {
  const lines = markdown.split('\n');
  return findFences(lines)
    .filter((f) => /^ya?ml\b/i.test(f.info))
    .map((f) => lines.slice(f.open + 1, f.close).map((l) => l.slice(f.indent.length)).join('\n'));
}

/** Files a command creates: `> file`, `tee file`, `curl -o file`, `wget -O file`, `cp a file`. */
function filesWrittenBy(words: readonly string[], redirects: readonly string[]): string[] {
  const out = [...redirects];
  const [name, ...args] = words;
  if (name === 'tee') out.push(...args.filter((a) => !a.startsWith('-')));
  if (name === 'curl' || name === 'wget') {
    const flag = args.findIndex((a) => a === '-o' || a === '-O' || a === '--output');
    if (flag >= 0 && args[flag + 1]) out.push(args[flag + 1]);
  }
  if ((name === 'cp' || name === 'mv') && args.length >= 2) out.push(args[args.length - 1]);
  return out;
}

function dedupeFlags(flags: { command: string[]; flag: string }[]): { command: string[]; flag: string }[] {
  const seen = new Set<string>();
  return flags.filter((f) => {
    const key = `${f.command.join(' ')} ${f.flag}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---- what is missing ----

export interface MissingItem {
  /** Stable id, e.g. `api:policy/v1beta1`, `metrics-server`, `file:~/container.training/k8s/x.yaml`. */
  readonly id: string;
  readonly what: string;
  readonly todo: string;
  /** The course chapter that installs it, if any. */
  readonly chapter?: string;
}

/** What the kubectl on the machine says about a flag: deprecated (with its message) or unknown. */
export interface FlagReport {
  readonly flag: string;
  readonly state: 'deprecated' | 'unknown';
  readonly message: string;
}

/** Chapters that install add-ons, by what they install (title of the first chapter found). */
export interface Installers {
  readonly metricsServer?: string;
  readonly ingressController?: string;
  readonly storageClass?: string;
}

export function installersOf(chapters: readonly Chapter[]): Installers {
  const find = (pattern: RegExp) =>
    chapters.find((c) => c.slides.some((s) => s.labs.some((l) => l.snippets.some((n) => n.method === 'bash' && pattern.test(n.data) && /kubectl apply|helm (upgrade|install)/.test(n.data)))))?.title;
  return {
    metricsServer: find(/metrics-server/),
    ingressController: find(/traefik|ingress-nginx|haproxy-ingress|contour/),
    storageClass: find(/local-path-provisioner|openebs|longhorn/),
  };
}

export function missingFor(needs: ChapterNeeds, facts: ClusterFacts | undefined, flagReports: readonly FlagReport[], installers: Installers): MissingItem[] {
  const out: MissingItem[] = [];
  const served = facts?.servedGroupVersions;
  if (served) {
    for (const [gv, kinds] of needs.apis) {
      if (served.has(gv)) continue;
      const group = gv.includes('/') ? gv.slice(0, gv.indexOf('/')) : '';
      const alternatives = [...served].filter((s) => group && s.startsWith(`${group}/`));
      out.push({
        id: `api:${gv}`,
        what: `API ${gv} (${[...kinds].join(', ')}) is not served by this cluster${facts.serverVersion ? ` (${facts.serverVersion})` : ''}`,
        todo: alternatives.length
          ? `The cluster serves ${alternatives.join(', ')}: the lab's YAML needs that version, or a cluster version that still serves ${gv}.`
          : `Install what provides ${group || gv} (an add-on or its CRDs), or skip this part.`,
      });
    }
  }
  if (needs.metrics && facts?.metricsServer === 'no')
    out.push({ id: 'metrics-server', what: 'metrics-server (kubectl top and autoscaling need it)', todo: 'Install metrics-server.', chapter: installers.metricsServer });
  if (needs.storage && facts?.defaultStorageClass === null)
    out.push({ id: 'storageclass', what: 'a default StorageClass (claims without one stay Pending)', todo: 'Install a storage provisioner (local-path for one-node clusters) and mark its class as default.', chapter: installers.storageClass });
  if (needs.ingress && facts?.ingressClasses?.length === 0)
    out.push({ id: 'ingress-controller', what: 'an ingress controller (no IngressClass exists)', todo: 'Install one (Traefik or ingress-nginx) before creating Ingresses.', chapter: installers.ingressController });
  if (needs.networkPolicy && facts?.networkPolicies === 'no')
    out.push({ id: 'network-policies', what: 'a network plugin that enforces NetworkPolicies (flannel ignores them)', todo: 'Policies will be accepted but have no effect: use a cluster with Calico, Cilium or kube-router to see them work.' });
  for (const file of needs.missingFiles)
    out.push({
      id: `file:${file.written}`,
      what: `the file ${file.written} (looked for ${file.path})`,
      todo: file.written.startsWith(UPSTREAM_PREFIX) ? 'Clone the workshop repository (git clone https://github.com/jpetazzo/container.training) and open the course from it.' : 'Create it, or open the course from the repository that has it.',
    });
  for (const report of flagReports)
    out.push({
      id: `flag:${report.flag}`,
      what: `kubectl flag ${report.flag}: ${report.state === 'unknown' ? 'not known to the installed kubectl' : 'deprecated'}`,
      todo: report.message || (report.state === 'unknown' ? 'Leave it out of the command.' : 'It still works for now; newer kubectl versions drop it.'),
    });
  return out;
}

/** Flag values kubectl warns about only when they run (no `--help` shows them). */
export function valueDeprecation(flag: string): FlagReport | undefined {
  if (/^--cascade=(true|false)$/.test(flag)) return { flag, state: 'deprecated', message: `Use --cascade=${flag.endsWith('false') ? 'orphan' : 'background'} instead.` };
  if (flag === '--dry-run') return { flag, state: 'deprecated', message: 'Use --dry-run=client (or =server).' };
  return undefined;
}

/** Reads `kubectl <verb> <flag> --help` output: `Flag --record has been deprecated, ...` or `Error: unknown flag: --export`. */
export function parseFlagHelp(flag: string, output: string): FlagReport | undefined {
  const name = flag.split('=')[0];
  const deprecated = /^Flag (--?[\w-]+) has been deprecated, ?(.*)$/m.exec(output);
  if (deprecated && deprecated[1] === name) return { flag: name, state: 'deprecated', message: deprecated[2].trim() };
  const unknown = /^Error: unknown (?:shorthand )?flag: '?(-?-?[\w-]+)/m.exec(output);
  if (unknown) return { flag: name, state: 'unknown', message: '' };
  return undefined;
}
