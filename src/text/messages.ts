// The messages, progress texts and quick pick items that carry course or cluster text, built
// here (pure, unit-tested) so that every piece of that text goes through `inert`.
import { inert, notice, pickText, plainText, progressText } from './inert';

export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
}

// ---- the reader ----

/** A slide link to a file the reader does not open (readerEffects). */
export function linkNotOpened(file: string, why: 'outside' | 'missing'): string {
  return why === 'outside'
    ? notice`Kubernetes Workshop: the course links to ${file}, which is outside the course, inside .git or does not exist.`
    : notice`Kubernetes Workshop: the course links to ${file}, which does not exist.`;
}

/** The reveal answer of a slide link (readerLab): shown in a notification and in the reader. */
export function revealMessage(resource: string, step: { command: string; chapter: string; slide: number } | undefined): string {
  if (!step) return notice`${resource} does not exist in the current namespace.`;
  return notice`${resource} does not exist yet: the step \`${step.command}\` creates it (${step.chapter}, slide ${step.slide + 1}).`;
}

export function notAClusterObject(resource: string): string {
  return notice`${resource} is not something the Cluster view shows.`;
}

/** "Show in Course" on an object no step made (registerLab). */
export function noStepMade(kind: string, name: string): string {
  return notice`No step of the open course made ${kind.toLowerCase()}/${name}.`;
}

/** The tooltip of a tree item a step made (plain text). */
export function provenanceTooltip(origin: { chapter: string; slide: number; slideTitle: string; command: string }): string {
  return `${plainText`From the course: ${origin.chapter}, slide ${origin.slide + 1} (${origin.slideTitle})`}\n${plainText`$ ${origin.command}`}`;
}

/** The tooltip lines of an unhealthy object a diagnosis explains (plain text). */
export function diagnosisTooltip(d: { reason: string; cause: string; next: string }): string {
  return `${plainText`${d.reason}: ${d.cause}`}\n${plainText`Next: ${d.next}`}`;
}

/** workshop.coursePath names a course that is not there (courseLibrary). */
export function courseSettingNotFound(setting: string): string {
  return notice`Kubernetes Workshop: the course "${setting}" (setting workshop.coursePath) was not found. Showing another course instead.`;
}

/** An item of Open Course… for a deck found in the workspace. */
export function deckItem(deck: { title: string; path: string }, basename: string): PickItem {
  return { label: inert(deck.title, 'quickPick'), description: inert(basename, 'quickPick'), detail: inert(deck.path, 'quickPick', 400) };
}

export function resetProgressQuestion(courseTitle: string): string {
  return plainText`Reset the exercise progress of "${courseTitle}"?`;
}

// ---- exercises ----

/** An item of "Run which exercise" (labs.ts). */
export function labItem(index: number, firstCommand: string, file: string, line: number): PickItem {
  return { label: `Exercise ${index + 1}`, description: inert(firstCommand, 'quickPick'), detail: pickText`${file}:${line}` };
}

export function labPickTitle(slideTitle: string, slideIndex: number): string {
  return slideTitle ? plainText`Run which exercise of "${slideTitle}"?` : `Run which exercise of slide ${slideIndex + 1}?`;
}

/** An item of Go to Step… (nextStep.ts). */
export function stepItem(index: number, step: string, slideTitle: string, lastRun: boolean): PickItem {
  return { label: pickText`${index + 1}. ${step}`, description: inert(slideTitle, 'quickPick'), detail: lastRun ? 'last step run' : undefined };
}

/** The progress of Run all while a step runs. */
export function stepProgress(index: number, total: number, step: string): string {
  return progressText`${index + 1}/${total}: ${step}`;
}

/** The learner's turn, in the run's progress or a notification (the text is ours and the course's). */
export function learnersTurnProgress(text: string): string {
  return inert(text, 'progress', 400);
}

export function learnersTurnNotice(text: string): string {
  return `${inert(text, 'notification', 400)} Click Done when you have finished.`;
}

/** Lines of a modal's detail: each inert, the line breaks between them kept. */
export function plainLines(text: string): string {
  return text
    .split('\n')
    .map((line) => inert(line, 'plain'))
    .join('\n');
}

export function sendRefused(method: string): string {
  return notice`Send works on \`key\`, \`keys\` and \`bash\` blocks, not \`${method}\`.`;
}

export function runRefused(where: string, problems: string[]): string {
  return notice`Refused to run ${where}: ${problems.join('; ')}. Nothing was typed into the terminal.`;
}

export function nothingToRun(problems: string[]): string {
  return notice`Nothing to run: ${problems.join('; ')}.`;
}

export function stepFailedQuestion(index: number, message: string | undefined): string {
  return plainText`Step ${index + 1} failed: ${message ?? 'failed'}`;
}

export function timeoutQuestion(index: number, seconds: number, waitedFor: string): string {
  return plainText`Step ${index + 1} waited ${seconds} s for ${waitedFor}.`;
}

export function opensUrlQuestion(url: string): string {
  return plainText`The exercise opens ${url}`;
}

/** An item of a run's summary (one line of `summarizeRun`). */
export function summaryItem(line: string, hasOutput: boolean, why?: string): PickItem {
  return { label: inert(line, 'quickPick', 300), description: hasOutput ? 'output' : undefined, detail: why ? inert(why, 'quickPick', 300) : undefined };
}

// ---- errors and setup ----

/** A failed command, as shown (commands.ts): error messages may quote the course or the cluster. */
export function commandFailed(text: string): string {
  return `Kubernetes Workshop: ${inert(text, 'notification', 600)}`;
}

export function couldNotStart(text: string): string {
  return `Kubernetes Workshop could not start: ${inert(text, 'notification', 600)}. See the "Kubernetes Workshop" output for details.`;
}

export function noSuchSnippet(key: string): string {
  return notice`Kubernetes Workshop: no manifest snippet named "${key}".`;
}

export function copiedFix(shell: string): string {
  return notice`Copied to the clipboard: ${shell}`;
}

export function runItYourself(command: string): string {
  return notice`Restricted Mode: run this yourself in a terminal, or trust the workspace: ${command}`;
}

/** Items of Get a Cluster…: labels and details may name contexts of the kubeconfig. */
export function optionItem(option: { label: string; detail?: string }): PickItem {
  return { label: inert(option.label, 'quickPick'), detail: option.detail === undefined ? undefined : inert(option.detail, 'quickPick', 400) };
}

// ---- the cluster ----

/** An object of the cluster as messages name it: `deployment/web in default`. */
export function objectName(ref: { kind: string; name: string; namespace?: string }): string {
  return `${ref.kind.toLowerCase()}/${ref.name}${ref.namespace ? ` in ${ref.namespace}` : ''}`;
}

export function clusterProgress(what: 'Scaling' | 'Restarting' | 'Deleting', ref: { kind: string; name: string; namespace?: string }): string {
  return progressText`${what} ${objectName(ref)}…`;
}

export function listingNamespaces(context: string): string {
  return progressText`Listing namespaces of ${context}…`;
}

export function restarting(ref: { kind: string; name: string; namespace?: string }): string {
  return notice`Restarting ${objectName(ref)}: new pods replace the old ones.`;
}

/** A plain-text title or question naming an object (input box titles, the delete dialog). */
export function aboutObject(prefix: string, ref: { kind: string; name: string; namespace?: string }, suffix = ''): string {
  return `${prefix}${inert(objectName(ref), 'plain')}${suffix}`;
}

export function contextDetail(context: string): string {
  return plainText`Context: ${context}. This cannot be undone.`;
}

/** An item of the context picker: the name to use is kept apart from the label shown. */
export function contextItem(context: { name: string; server?: string; namespace?: string }, current: string | undefined): PickItem & { name: string } {
  return {
    name: context.name,
    label: inert(context.name, 'quickPick'),
    description: context.name === current ? 'current' : undefined,
    detail: `${inert(context.server ?? '', 'quickPick')}${context.namespace ? pickText`  ·  namespace ${context.namespace}` : ''}`,
  };
}

/** An item naming a cluster value (namespace, container): the value is kept apart from the label. */
export function valueItem(value: string, description?: string): PickItem & { value: string } {
  return { value, label: inert(value, 'quickPick'), description };
}

export function namespaceTitle(context: string): string {
  return plainText`Namespace in ${context}`;
}

/** The kubeconfig's load error (it names files), as a notification. */
export function clusterNotice(text: string): string {
  return inert(text, 'notification', 600);
}
