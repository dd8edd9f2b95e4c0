// Where a course's labs may read files from: its own repository (the clone for the bundled
// course) and the workspace folders (docs/trust/course-files.md).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { labFileRoots, type LabFileScope } from '../../lab/labFiles';
import type { OpenCourse } from '../courseLibrary';

export function labFileScope(course: OpenCourse, home: string): LabFileScope {
  // The bundled course's `~/container.training/` is the learner's own clone of the upstream repository.
  const clone = course.bundled ? path.join(home, 'container.training') : course.index.course.repoRoot;
  const courseRoot = course.bundled ? clone : course.index.course.root;
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  return { home, clone, roots: labFileRoots(courseRoot, folders, home), cwd: folders[0] };
}
