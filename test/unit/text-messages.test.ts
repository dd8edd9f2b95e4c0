// Each message, progress text and quick pick item that carries course or cluster text, fed
// hostile text: VS Code's own parsers find no link and no icon in it, and it is one line
// with every invisible character shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/text/messages';
import { iconsIn, linksIn } from './helpers/vscodeParsers';

const SEND = 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%5Cn%22%7D';
const LINK = `[Click me [now]](${SEND})`;
const HOSTILE = `${LINK} $(check)\u202Eevil\u001b[2J\nnext line`;

type Kind = 'links' | 'icons' | 'plain';
type Case = [callSite: string, kind: Kind, build: (text: string) => string | m.PickItem];

const ref = (text: string) => ({ kind: 'Deployment', name: text, namespace: text });
const CASES: Case[] = [
  ['readerEffects: link outside the course', 'links', (t) => m.linkNotOpened(`/course/${t}.md`, 'outside')],
  ['readerEffects: link to a missing file', 'links', (t) => m.linkNotOpened(`/course/${t}.md`, 'missing')],
  ['readerLab: reveal, step creates it', 'links', (t) => m.revealMessage(t, { command: t, chapter: t, slide: 2 })],
  ['readerLab: reveal, not there', 'links', (t) => m.revealMessage(t, undefined)],
  ['readerLab: not a cluster object', 'links', (t) => m.notAClusterObject(t)],
  ['registerLab: Show in Course', 'links', (t) => m.noStepMade(t, t)],
  ['courseLibrary: coursePath not found', 'links', (t) => m.courseSettingNotFound(t)],
  ['readerCommands: Open Course item', 'icons', (t) => m.deckItem({ title: t, path: `/x/${t}` }, t)],
  ['readerCommands: reset question (modal)', 'plain', (t) => m.resetProgressQuestion(t)],
  ['labs: Run which exercise item', 'icons', (t) => m.labItem(0, t, t, 3)],
  ['labs: Run which exercise title', 'plain', (t) => m.labPickTitle(t, 0)],
  ['nextStep: Go to Step item', 'icons', (t) => m.stepItem(0, t, t, true)],
  ['exerciseController: Run all progress', 'links', (t) => m.stepProgress(0, 3, t)],
  ['exerciseController: Run all progress (status bar)', 'icons', (t) => m.stepProgress(0, 3, t)],
  ['exerciseController: Send refused', 'links', (t) => m.sendRefused(t)],
  ['exerciseController: nothing to run', 'links', (t) => m.nothingToRun([t, t])],
  ['runPrompts: Your turn progress', 'links', (t) => m.learnersTurnProgress(`Your turn: then quit \`${t}\``)],
  ['runPrompts: Your turn progress (status bar)', 'icons', (t) => m.learnersTurnProgress(`Your turn: then quit \`${t}\``)],
  ['runPrompts: Your turn notification', 'links', (t) => m.learnersTurnNotice(`Your turn: then quit \`${t}\``)],
  ['runPrompts: step failed (modal)', 'plain', (t) => m.stepFailedQuestion(1, t)],
  ['runPrompts: step out of time (modal)', 'plain', (t) => m.timeoutQuestion(1, 60, t)],
  ['runPrompts: open URL (modal)', 'plain', (t) => m.opensUrlQuestion(t)],
  ['runPrompts: run summary item', 'icons', (t) => m.summaryItem(`1. ok ${t}`, true)],
  ['commands: error notification', 'links', (t) => m.commandFailed(t)],
  ['extension: could not start', 'links', (t) => m.couldNotStart(t)],
  ['insertSnippet: unknown snippet', 'links', (t) => m.noSuchSnippet(t)],
  ['setupCheckView: copied fix', 'links', (t) => m.copiedFix(t)],
  ['getCluster: run it yourself', 'links', (t) => m.runItYourself(t)],
  ['getCluster: option item', 'icons', (t) => m.optionItem({ label: t, detail: t })],
  ['clusterCommands: progress', 'links', (t) => m.clusterProgress('Deleting', ref(t))],
  ['clusterCommands: progress (status bar)', 'icons', (t) => m.clusterProgress('Scaling', ref(t))],
  ['clusterCommands: listing namespaces', 'icons', (t) => m.listingNamespaces(t)],
  ['clusterCommands: restarting', 'links', (t) => m.restarting(ref(t))],
  ['clusterCommands: delete question (modal)', 'plain', (t) => m.aboutObject('Delete ', ref(t), '?')],
  ['clusterCommands: delete detail (modal)', 'plain', (t) => m.contextDetail(t)],
  ['clusterCommands: context item', 'icons', (t) => m.contextItem({ name: t, server: t, namespace: t }, t)],
  ['clusterCommands: container/namespace item', 'icons', (t) => m.valueItem(t)],
  ['clusterCommands: namespace title', 'plain', (t) => m.namespaceTitle(t)],
  ['clusterCommands: kubeconfig error', 'links', (t) => m.clusterNotice(t)],
  ['registerLab: tree tooltip', 'plain', (t) => m.provenanceTooltip({ chapter: t, slide: 0, slideTitle: t, command: t }).replace('\n', ' ')],
];

function texts(result: string | m.PickItem): string[] {
  return typeof result === 'string' ? [result] : [result.label, result.description ?? '', result.detail ?? ''];
}

for (const [callSite, kind, build] of CASES) {
  test(`inert at ${callSite}`, () => {
    for (const text of texts(build(HOSTILE))) {
      if (kind === 'links') assert.deepEqual(linksIn(text), [], text);
      if (kind === 'icons') assert.deepEqual(iconsIn(text), [], text);
      assert.ok(!/[\n\r\u202e]/.test(text) && !text.includes(String.fromCharCode(27)), 'one line, no raw control or bidi character');
    }
    const shown = texts(build(HOSTILE)).join(' ');
    assert.match(shown, /⟨U\+202E⟩evil⟨U\+001B⟩\[2J next line/, 'the hostile characters are shown');
    assert.match(shown, /\[Click me \[now\]\]/, 'the brackets are shown as written');
  });
}

test('clusterCommands: the picked context and container are the real names, whatever the label shows', () => {
  assert.equal(m.contextItem({ name: 'a$(x)' }, undefined).name, 'a$(x)');
  assert.equal(m.valueItem('c\u202E').value, 'c\u202E');
});

test('plainLines keeps the lines of a modal detail, each inert', () => {
  assert.equal(m.plainLines('Run: ls\u202E\nRun: rm'), 'Run: ls⟨U+202E⟩\nRun: rm');
});
