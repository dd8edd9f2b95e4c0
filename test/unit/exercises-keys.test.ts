import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NAMED_KEYS, translateKey, translateKeysText } from '../../src/exercises/keys';

function key(name: string): string {
  const result = translateKey(name);
  assert.ok(result.ok, `${name}: ${result.ok ? '' : result.error}`);
  return result.sequence;
}

function keysText(text: string): string {
  const result = translateKeysText(text);
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.error}`);
  return result.sequence;
}

test('every ^X letter is its control code, whatever the case', () => {
  for (let code = 0x41; code <= 0x5a; code++) {
    const letter = String.fromCharCode(code);
    assert.equal(key(`^${letter}`), String.fromCharCode(code - 0x40));
    assert.equal(key(`^${letter.toLowerCase()}`), String.fromCharCode(code - 0x40));
  }
  assert.equal(key('^C'), '\x03');
  assert.equal(key('^D'), '\x04');
  assert.equal(key('^J'), '\n');
  assert.equal(key('^Z'), '\x1a');
});

test('^ with punctuation: ^[ ^\\ ^] ^^ ^_ ^@ ^?', () => {
  assert.equal(key('^['), '\x1b');
  assert.equal(key('^\\'), '\x1c');
  assert.equal(key('^]'), '\x1d');
  assert.equal(key('^^'), '\x1e');
  assert.equal(key('^_'), '\x1f');
  assert.equal(key('^@'), '\x00');
  assert.equal(key('^?'), '\x7f');
});

test('tmux modifier forms: C-, M-, S- and combinations', () => {
  assert.equal(key('C-c'), '\x03');
  assert.equal(key('C-C'), '\x03');
  assert.equal(key('C-Space'), '\x00');
  assert.equal(key('M-x'), '\x1bx');
  assert.equal(key('C-M-x'), '\x1b\x18');
  assert.equal(key('M-C-x'), '\x1b\x18');
  assert.equal(key('S-a'), 'A');
  assert.equal(key('M-Enter'), '\x1b\r');
  assert.equal(key('S-Up'), '\x1b[1;2A');
  assert.equal(key('C-Left'), '\x1b[1;5D');
  assert.equal(key('M-Right'), '\x1b[1;3C');
  assert.equal(key('C-S-End'), '\x1b[1;6F');
  assert.equal(key('C-Delete'), '\x1b[3;5~');
  assert.equal(key('S-F5'), '\x1b[15;2~');
  const ctrlDash = translateKey('C--');
  assert.ok(!ctrlDash.ok && /"-" has no Ctrl form/.test(ctrlDash.error), 'C-- is Ctrl with "-", which has no control code');
});

test('every named key has its xterm sequence', () => {
  const expected: Record<string, string> = {
    Enter: '\r', Space: ' ', Escape: '\x1b', Tab: '\t', BTab: '\x1b[Z', BSpace: '\x7f',
    Up: '\x1b[A', Down: '\x1b[B', Right: '\x1b[C', Left: '\x1b[D', Home: '\x1b[H', End: '\x1b[F',
    IC: '\x1b[2~', Insert: '\x1b[2~', DC: '\x1b[3~', Delete: '\x1b[3~',
    PPage: '\x1b[5~', PageUp: '\x1b[5~', PgUp: '\x1b[5~', NPage: '\x1b[6~', PageDown: '\x1b[6~', PgDn: '\x1b[6~',
    F1: '\x1bOP', F2: '\x1bOQ', F3: '\x1bOR', F4: '\x1bOS', F5: '\x1b[15~', F6: '\x1b[17~', F7: '\x1b[18~',
    F8: '\x1b[19~', F9: '\x1b[20~', F10: '\x1b[21~', F11: '\x1b[23~', F12: '\x1b[24~',
  };
  assert.deepEqual([...NAMED_KEYS].sort(), Object.keys(expected).sort());
  for (const [name, sequence] of Object.entries(expected)) {
    assert.equal(key(name), sequence, name);
    assert.equal(key(name.toLowerCase()), sequence, `${name} ignoring case`);
  }
});

test('a single character is that character', () => {
  assert.equal(key('q'), 'q');
  assert.equal(key(':'), ':');
});

test('unknown names are errors, not text', () => {
  for (const name of ['Foo', 'Ctrl-C', '^C^D', 'F13', '^1', 'C-1', '', 'enter please']) {
    const result = translateKey(name);
    assert.equal(result.ok, false, name);
  }
  const result = translateKey('Foo');
  assert.ok(!result.ok && /unknown key name "Foo"/.test(result.error));
});

test('keys: plain text is typed as written, spaces included', () => {
  assert.equal(keysText('kubectl delete pod '), 'kubectl delete pod ');
  assert.equal(keysText('  two  spaces'), '  two  spaces');
});

test('keys: a whole key name is that key', () => {
  assert.equal(keysText('^C'), '\x03');
  assert.equal(keysText('Enter'), '\r');
});

test('keys: key words inside text, spaces next to a key are separators', () => {
  assert.equal(keysText(':wq Enter'), ':wq\r');
  assert.equal(keysText('echo hello world Enter'), 'echo hello world\r');
  assert.equal(keysText('^P ^Q'), '\x10\x11');
  assert.equal(keysText('i hello Escape :wq Enter'), 'i hello\x1b:wq\r');
  assert.equal(keysText('C-a d'), '\x01d');
});

test('keys: names are case-sensitive inside text, so prose stays prose', () => {
  assert.equal(keysText('echo enter the end'), 'echo enter the end');
  assert.equal(keysText('echo End'), 'echo\x1b[F');
});

test('keys: a newline is Enter', () => {
  assert.equal(keysText('ls\npwd\n'), 'ls\rpwd\r');
});

test('keys: a word written as a key that is not one is an error', () => {
  assert.equal(translateKeysText('echo ^1').ok, false);
  assert.equal(translateKeysText('C-! now').ok, false);
});
