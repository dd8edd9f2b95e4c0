// `npm run pictures`: retakes README's pictures (docs/images/*.png) from the real UI by running
// the end-to-end scenarios 09-listing-pictures and 26-checkpoints (its plan dialog) with
// E2E_PICTURES_DIR set. Extra arguments go to the runner (e.g. --vscode=newest).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, [join(root, 'test', 'e2e', 'run.mjs'), ...process.argv.slice(2), '09-listing-pictures', '26-checkpoints'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, E2E_PICTURES_DIR: 'docs/images' },
});
process.exit(r.status ?? 1);
