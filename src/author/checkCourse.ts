// `check`: every problem a learner would meet in a course, found without running anything.
// Pure: the files labs apply come through `readApplied`, which the caller confines.
import * as path from 'node:path';
import { isManifestPath } from '../course/load';
import type { Course, Lab } from '../course/model';
import { commandKind, programUse } from '../exercises/commandKinds';
import { planLab, type PlanStep } from '../exercises/plan';
import { kubectlInvocations, writesOf } from '../lab/kubectlCommand';
import { locateLabFile, type LabFileScope } from '../lab/labFiles';
import { manifestObjects } from '../lab/manifests';
import { scanChapter } from '../lab/readiness';
import { commandFindings, commandLines } from './commandChecks';
import { sortFindings, type Finding } from './findings';
import { apiVersionLine, removedApi } from './removedApis';

/** What a path a lab applies holds: the YAML texts (a folder gives each of its manifests), or why there is none. */
export type AppliedFile = { state: 'texts'; files: { path: string; text: string }[] } | { state: 'missing' } | { state: 'refused' };

export interface CheckOptions {
  home: string;
  /** Findings name files relative to this folder (the current one, for CI annotations). */
  relativeTo: string;
  readApplied(absolutePath: string): AppliedFile;
}

export function checkCourse(course: Course, options: CheckOptions): Finding[] {
  // The engine names files relative to the manifest's folder; `<inline>` fragments live in the manifest.
  const fileOf = (file: string) => path.relative(options.relativeTo, file.startsWith('<') ? course.source : path.resolve(course.baseDir, file));
  const findings: Finding[] = course.problems.map((p) => ({ kind: 'load', severity: p.severity, file: fileOf(p.file), line: p.line, message: p.message }));
  // `~/container.training/` is the repository: the manifest's parent, or for one chapter the folder holding `.git`.
  const clone = isManifestPath(course.source) ? course.repoRoot : course.root;
  const scope: LabFileScope = { home: options.home, clone, roots: [course.root] };
  const checkedFiles = new Set<string>();
  for (const chapter of course.parts.flatMap((part) => part.chapters)) {
    const applied = new Set(scanChapter(chapter).applied);
    for (const slide of chapter.slides) {
      for (const lab of slide.labs) {
        if (lab.hiddenBy) continue;
        findings.push(...replayFindings(fileOf(slide.file), lab));
        for (const snippet of lab.snippets) {
          if (snippet.method !== 'bash' && snippet.method !== 'hide') continue;
          const dataLine = snippet.dataLine ?? snippet.line + 1;
          const file = fileOf(slide.file);
          for (const found of commandFindings(snippet.data)) findings.push({ kind: found.kind, severity: found.severity, message: found.message, file, line: dataLine + found.lineOffset });
          for (const { command, lineOffset } of commandLines(snippet.data)) {
            const at = { file, line: dataLine + lineOffset };
            for (const invocation of kubectlInvocations(command)) {
              const writes = writesOf(invocation);
              for (const object of writes.stdin ? manifestObjects(writes.stdin) : []) {
                const why = removedApi(object.apiVersion, object.kind);
                if (why) findings.push({ kind: 'api', severity: 'error', message: `${why} (in the YAML this command applies)`, ...at });
              }
              for (const written of writes.files) {
                if (!applied.has(written)) continue; // written by an earlier command of the chapter
                const target = locateLabFile(written, { ...scope, cwd: undefined });
                if (!target || target.refused) continue;
                const outcome = options.readApplied(target.path);
                if (outcome.state === 'missing') {
                  findings.push({ kind: 'file', severity: 'error', message: `kubectl ${invocation.verb} -f ${written}: the repository has no ${path.relative(options.relativeTo, target.path)}`, ...at });
                }
                if (outcome.state !== 'texts') continue;
                for (const read of outcome.files) {
                  if (checkedFiles.has(read.path)) continue;
                  checkedFiles.add(read.path);
                  findings.push(...fileApiFindings(path.relative(options.relativeTo, read.path), read.text, `${file}:${at.line}`));
                }
              }
            }
          }
        }
      }
    }
  }
  return sortFindings(findings);
}

function fileApiFindings(file: string, text: string, appliedAt: string): Finding[] {
  const out: Finding[] = [];
  for (const object of manifestObjects(text)) {
    const why = removedApi(object.apiVersion, object.kind);
    if (why) out.push({ kind: 'api', severity: 'error', file, line: apiVersionLine(text, object.apiVersion), message: `${why} (applied by ${appliedAt})` });
  }
  return out;
}

/** A command that opens an editor with no keys after it waits for a learner who is not there. */
function waitsForLearner(step: PlanStep, next: PlanStep | undefined): string | undefined {
  if (step.kind !== 'run') return undefined;
  const last = step.commands.at(-1) ?? '';
  if (commandKind(last) !== 'program' || programUse(last) !== 'edit') return undefined;
  return next?.kind === 'send' ? undefined : last.trim();
}

function replayFindings(file: string, lab: Lab): Finding[] {
  const plan = planLab(lab);
  const out: Finding[] = [];
  const lineOf = (step: PlanStep) => lab.snippets[step.snippetIndex]?.line ?? lab.line;
  if (plan.refused) {
    for (const problem of plan.problems) out.push({ kind: 'replay', severity: 'error', file, line: lab.line, message: `this lab cannot replay: ${problem}` });
    return out;
  }
  plan.steps.forEach((step, index) => {
    if (step.kind === 'invalid') out.push({ kind: 'replay', severity: 'error', file, line: lineOf(step), message: `this ${step.method} directive cannot replay: ${step.reason}` });
    const editor = waitsForLearner(step, plan.steps[index + 1]);
    if (editor) out.push({ kind: 'replay', severity: 'warning', file, line: lineOf(step), message: `${editor} opens an editor and no keys follow: an unattended replay waits for the learner` });
  });
  return out;
}
