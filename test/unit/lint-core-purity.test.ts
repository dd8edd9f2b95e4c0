// The lint rule that keeps `vscode` and the DOM out of the core folders: a probe file in each
// folder is linted with the project's own ESLint config, as `npm run lint` does.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const root = join(__dirname, '..', '..');

async function lintProbe(folder: string, source: string): Promise<string[]> {
  // A real file: the type-aware rules need the TypeScript project to see it.
  const file = join(root, folder, `zzLintProbe${randomBytes(4).toString('hex')}.ts`);
  writeFileSync(file, source);
  try {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintFiles([file]);
    return result.messages.map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`);
  } finally {
    rmSync(file, { force: true });
  }
}

const cases: { name: string; folder: string; source: string; rule: string | undefined }[] = [
  { name: 'an import of vscode in the core', folder: 'src/exercises', source: "import * as vscode from 'vscode';\nexport const v = vscode.version;\n", rule: 'no-restricted-imports' },
  { name: 'a type-only import of vscode in the core', folder: 'src/course', source: "import type { Terminal } from 'vscode';\nexport type T = Terminal | undefined;\n", rule: 'no-restricted-imports' },
  { name: 'a require of vscode in the core', folder: 'src/cluster', source: "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const v: unknown = require('vscode');\n", rule: 'no-restricted-syntax' },
  { name: 'a DOM global in the core', folder: 'src/render', source: "export const inPage = typeof window !== 'undefined';\n", rule: 'no-restricted-globals' },
  { name: 'an import of vscode in the glue', folder: 'src/vscode', source: "import * as vscode from 'vscode';\nexport const v = vscode.version;\n", rule: undefined },
  { name: 'a pure module in the core', folder: 'src/text', source: "import { join } from 'node:path';\nexport const p = join('a', 'b');\n", rule: undefined },
];

for (const { name, folder, source, rule } of cases) {
  test(`lint: ${name} is ${rule ? `refused (${rule})` : 'accepted'}`, async () => {
    const messages = await lintProbe(folder, source);
    if (rule) assert.ok(messages.some((message) => message.startsWith(`${rule}:`)), messages.join('\n'));
    else assert.deepEqual(messages, []);
  });
}
