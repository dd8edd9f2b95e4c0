// Writes docs/snippets.md: a markdown table of the manifest snippets of
// snippets/kubernetes.json (prefix, kind, description).
//   node scripts/snippets-table.mjs          write the file
//   node scripts/snippets-table.mjs --check  fail if the file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'snippets', 'kubernetes.json');
const target = join(root, 'docs', 'snippets.md');

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function renderTable(snippets) {
  const rows = Object.entries(snippets).map(([label, snippet]) => {
    const [main, ...aliases] = [snippet.prefix].flat();
    const prefix = '`' + main + '`' + (aliases.length ? ` (${aliases.map((a) => '`' + a + '`').join(', ')})` : '');
    const kind = label.replace('/', ' (') + (label.includes('/') ? ')' : '');
    return `| ${prefix} | ${cell(kind)} | ${cell(snippet.description ?? '')} |`;
  });
  return [
    '## Manifest snippets',
    '',
    'In a YAML file, type a prefix and pick the snippet from the completion list, or run',
    '**Workshop: Insert Kubernetes Snippet…** (`workshop.insertSnippet`) from the command palette.',
    'Press Tab to go from one field to the next; every field has a default, so accepting them all gives a valid manifest.',
    '',
    '| Prefix | Kind | Description |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

const table = renderTable(JSON.parse(readFileSync(source, 'utf8')));
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: out of date
  }
  if (current !== table) {
    console.error('docs/snippets.md is out of date: run node scripts/snippets-table.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(target, table);
  console.log(`wrote ${target}`);
}
