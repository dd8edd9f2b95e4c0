// The `copy` directive's pattern is course input: it runs with a time limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lastMatch } from '../../src/exercises/replay';
import { RegexTimeoutError } from '../../src/exercises/boundedRegex';

test('a catastrophically backtracking copy pattern is stopped instead of freezing the host', () => {
  // In a child process, so that code without the limit fails the test instead of hanging it.
  const script = [
    "const { lastMatch } = require('./src/exercises/replay.ts');",
    'const started = Date.now();',
    "try { lastMatch(/(a+)+$/gs, 'a'.repeat(40) + '!'); console.log('finished'); } catch (e) { console.log(e.name); }",
    'console.log(Date.now() - started);',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 20_000 }).trim().split('\n');
  assert.equal(out[0], 'RegexTimeoutError');
  assert.ok(Number(out[1]) < 3000, `${out[1]} ms`);
});

test('ordinary copy patterns still match, with group 1 when there is one', () => {
  assert.equal(lastMatch(/token: (\S+)/gs, 'token: aaa\ntoken: bbb\n'), 'bbb');
  assert.throws(() => lastMatch(/(x+x+)+y/g, 'x'.repeat(40)), RegexTimeoutError);
});
