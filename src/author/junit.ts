// A JUnit XML report of a replay, for CI: one test suite per chapter, one test case per step.

export interface StepCase {
  /** `file:line` of the step's snippet, and what it did. */
  name: string;
  durationMs: number;
  outcome: 'passed' | 'failed' | 'skipped';
  message?: string;
  /** What the terminal showed when it failed. */
  screen?: string;
}

export interface ChapterSuite {
  name: string;
  file: string;
  cases: StepCase[];
}

/** XML text: markup characters escaped, and characters XML 1.0 cannot hold (terminal escapes) dropped. */
export function xmlText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- XML 1.0 refuses these control characters
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitXml(suites: readonly ChapterSuite[]): string {
  const count = (cases: readonly StepCase[], outcome: StepCase['outcome']) => cases.filter((c) => c.outcome === outcome).length;
  const all = suites.flatMap((s) => s.cases);
  const total = (cases: readonly StepCase[]) => cases.reduce((ms, c) => ms + c.durationMs, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="replay" tests="${all.length}" failures="${count(all, 'failed')}" skipped="${count(all, 'skipped')}" time="${seconds(total(all))}">`);
  for (const suite of suites) {
    out.push(`  <testsuite name="${xmlText(suite.name)}" tests="${suite.cases.length}" failures="${count(suite.cases, 'failed')}" skipped="${count(suite.cases, 'skipped')}" time="${seconds(total(suite.cases))}">`);
    for (const c of suite.cases) {
      const open = `    <testcase classname="${xmlText(suite.file)}" name="${xmlText(c.name)}" time="${seconds(c.durationMs)}"`;
      if (c.outcome === 'passed') out.push(`${open}/>`);
      else if (c.outcome === 'skipped') out.push(`${open}>\n      <skipped message="${xmlText(c.message ?? '')}"/>\n    </testcase>`);
      else out.push(`${open}>\n      <failure message="${xmlText(c.message ?? 'failed')}">${xmlText(c.screen ?? '')}</failure>\n    </testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
