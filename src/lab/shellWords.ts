// Cuts one shell command (as prepareBash gives them) into simple commands of words.
// A heuristic, not a shell: enough to find the kubectl invocations of a course step,
// the files it writes and the heredoc text it feeds them.

export interface SimpleCommand {
  /** Words with quotes removed; `$VAR` and `$(...)` stay as written (unknown values). */
  readonly words: readonly string[];
  /** Files the command's output is redirected to (`> file`, `>> file`). */
  readonly redirects: readonly string[];
  /** Body of a heredoc given to this command, if any. */
  readonly heredoc?: string;
}

const SEPARATORS = new Set([';', '&', '&&', '||', '|', '(', ')']);
const KEYWORDS = new Set(['do', 'done', 'then', 'fi', 'else', 'elif', 'if', 'while', 'until', 'for', 'in', '!', 'time']);

/** Splits text into simple commands; `$( ... )` bodies become commands of their own. */
export function simpleCommands(text: string): SimpleCommand[] {
  const { body: withoutHeredocs, heredocs } = extractHeredocs(text);
  const out: SimpleCommand[] = [];
  const inner: string[] = [];
  const tokens = tokenize(withoutHeredocs, inner);
  let words: string[] = [];
  let redirects: string[] = [];
  let heredoc: string | undefined;
  let skipFor = false;
  const flush = () => {
    while (words.length && KEYWORDS.has(words[0])) words.shift();
    // `NAME=value command ...`: the assignments are not the command.
    const start = words.findIndex((w) => !/^[A-Za-z_]\w*=/.test(w));
    if (start >= 0) out.push({ words: words.slice(start), redirects, heredoc });
    words = [];
    redirects = [];
    heredoc = undefined;
    skipFor = false;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.op === '\n' || (token.op && SEPARATORS.has(token.op))) {
      flush();
      continue;
    }
    if (token.op === '>' || token.op === '>>') {
      const target = tokens[i + 1];
      if (target && target.word !== undefined) {
        redirects.push(target.word);
        i++;
      }
      continue;
    }
    if (token.op === '<<') {
      const marker = tokens[i + 1];
      if (marker?.word !== undefined) i++;
      heredoc = heredocs.shift();
      continue;
    }
    if (token.op === '<' || token.op === '2>' || token.op === '2>&1' || token.op === '>&') {
      if (token.op !== '2>&1' && tokens[i + 1]?.word !== undefined) i++;
      continue;
    }
    const word = token.word!;
    if (words.length === 0 && word === 'for') skipFor = true;
    if (skipFor) continue;
    words.push(word);
  }
  flush();
  for (const body of inner) out.push(...simpleCommands(body));
  return out;
}

interface Token {
  word?: string;
  op?: string;
}

function extractHeredocs(text: string): { body: string; heredocs: string[] } {
  const lines = text.split('\n');
  const kept: string[] = [];
  const heredocs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    kept.push(line);
    const markers = [...line.matchAll(/<<(-?)\s*(['"]?)([A-Za-z_][\w.-]*)\2/g)];
    for (const marker of markers) {
      const body: string[] = [];
      for (i++; i < lines.length; i++) {
        const candidate = marker[1] === '-' ? lines[i].replace(/^\t+/, '') : lines[i];
        if (candidate === marker[3]) break;
        body.push(lines[i]);
      }
      heredocs.push(body.join('\n'));
    }
  }
  return { body: kept.join('\n'), heredocs };
}

function tokenize(text: string, inner: string[]): Token[] {
  const tokens: Token[] = [];
  let word: string | undefined;
  const push = () => {
    if (word !== undefined) tokens.push({ word });
    word = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      if (text[i + 1] !== '\n') word = (word ?? '') + text[i + 1];
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      word = (word ?? '') + text.slice(i + 1, stop);
      i = stop;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
        j++;
      }
      word = (word ?? '') + value;
      i = j;
    } else if (c === '$' && text[i + 1] === '(') {
      const end = matchingParen(text, i + 1);
      inner.push(text.slice(i + 2, end));
      word = (word ?? '') + text.slice(i, end + 1);
      i = end;
    } else if (c === '#' && word === undefined) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === ' ' || c === '\t') {
      push();
    } else if (c === '\n') {
      push();
      tokens.push({ op: '\n' });
    } else if ('|&;()<>'.includes(c)) {
      if (c === '>' && word === '2') {
        word = undefined;
        const op = text.slice(i, i + 3) === '>&1' ? '2>&1' : '2>';
        tokens.push({ op });
        i += op.length - 2;
        continue;
      }
      push();
      const two = text.slice(i, i + 2);
      const op = ['&&', '||', '>>', '<<', '>&'].includes(two) ? two : c;
      tokens.push({ op });
      i += op.length - 1;
    } else {
      word = (word ?? '') + c;
    }
  }
  push();
  return tokens;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length - 1;
}
