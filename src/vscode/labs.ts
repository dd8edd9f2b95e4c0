// Running a whole lab ("Run all"), from its button or from the command that runs the
// exercise of the current slide.
import * as vscode from 'vscode';
import { parseLabKey } from '../protocol';
import type { OpenCourse } from './courseLibrary';
import type { ExerciseBridge } from './exerciseBridge';
import { labItem, labPickTitle } from '../text/messages';

function labSnippetsOf(course: OpenCourse, labKey: string) {
  const lab = parseLabKey(labKey);
  return lab ? course.index.labSnippets(lab.slide, lab.lab) : [];
}

/** The lab `<slide>:<lab>` (as in `data-lab`) of the key `<file>:<line>` the exercise runner knows it by. */
export function labOfStableKey(course: OpenCourse, stableKey: string): string | undefined {
  for (const slide of course.index.slides) {
    const labIndex = slide?.labs.findIndex((lab) => `${slide.file}:${lab.line}` === stableKey) ?? -1;
    if (labIndex >= 0) return `${slide.index}:${labIndex}`;
  }
  return undefined;
}

/** Runs the lab `<slide>:<lab>` (as in `data-lab`) of the open course. */
export async function runLabOf(exercises: ExerciseBridge, course: OpenCourse, labKey: string): Promise<void> {
  const refs = labSnippetsOf(course, labKey);
  if (!refs.length) return;
  const chapterKey = course.index.chapterKey(refs[0].chapterIndex);
  await exercises.runLab(course.id, `${refs[0].slide.file}:${refs[0].lab.line}`, refs[0].lab, refs.map((r) => r.stableKey), chapterKey);
}

/** The lab of a slide to run: the only one, or the one the user picks when there are several. */
export async function chooseLab(course: OpenCourse, slideIndex: number): Promise<string | undefined> {
  const slide = course.index.slides[slideIndex];
  const labs = slide?.labs ?? [];
  if (labs.length <= 1) return labs.length ? `${slideIndex}:0` : undefined;
  const items = labs.map((lab, i) => ({ ...labItem(i, firstCommand(lab.snippets), slide.file, lab.line), key: `${slideIndex}:${i}` }));
  const choice = await vscode.window.showQuickPick(items, {
    title: labPickTitle(slide.title, slideIndex),
    placeHolder: 'This slide has several exercises',
  });
  return choice?.key;
}

function firstCommand(snippets: ReadonlyArray<{ method: string; data: string; hidden: boolean }>): string {
  const first = snippets.find((s) => !s.hidden);
  return first ? `${first.method}: ${first.data.split('\n')[0].slice(0, 60)}` : '';
}
