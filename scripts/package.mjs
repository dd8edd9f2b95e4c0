// Builds the production bundle and packages the extension as dist/kubernetes-workshop.vsix,
// then checks that the package holds no sources, tests or node_modules.
//
// Usage: node scripts/package.mjs [--out <file.vsix>] [--no-build]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_VSIX = join(PROJECT_ROOT, 'dist', 'kubernetes-workshop.vsix');

/** Folders that must never be in the package (paths inside a vsix start with `extension/`). */
const FORBIDDEN = ['src/', 'test/', 'node_modules/', '.vscode-test/', 'test-results/', 'scripts/', 'bench/'];
/** Files the extension cannot work without. */
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/mermaid.js'];

const log = (...args) => console.log('[package]', ...args);

/** Lists the entries of a zip file (a vsix) by reading its central directory. */
export function listZip(file) {
  const buf = readFileSync(file);
  // End of central directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The files of dist/ that `bundle` requires on first use (scripts/build.mjs `LAZY`): the package needs them too. */
export function lazyFilesOf(bundle) {
  const text = readFileSync(bundle, 'utf8');
  return [...new Set([...text.matchAll(/require\("\.\/([\w-]+\.js)"\)/g)].map((m) => `extension/dist/${m[1]}`))];
}

/**
 * Throws when the vsix holds forbidden folders or lacks required files (with `bundle`, the
 * dist/extension.js packaged, also the files it requires on first use); returns its entries.
 */
export function verifyVsix(file, bundle) {
  const entries = listZip(file);
  const names = entries.map((e) => e.name);
  const bad = names.filter((n) => n.startsWith('extension/') && FORBIDDEN.some((f) => n.slice('extension/'.length).startsWith(f)));
  if (bad.length) {
    throw new Error(`the package holds files it must not (check .vscodeignore):\n  ${bad.slice(0, 20).join('\n  ')}${bad.length > 20 ? `\n  ... and ${bad.length - 20} more` : ''}`);
  }
  const missing = [...REQUIRED, ...(bundle ? lazyFilesOf(bundle) : [])].filter((r) => !names.includes(r));
  if (missing.length) throw new Error(`the package lacks: ${missing.join(', ')}`);
  return entries;
}

function run(cmd, args, label) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) {
    throw new Error(`${label} failed (${r.error?.message ?? r.status ?? r.signal}):\n${output}`);
  }
  log(`${label}: done (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return output;
}

/**
 * The options of `vsce package` (also used by the bench): the bundle holds every dependency, so no
 * dependency detection; README's pictures are relative links (docs/images/), kept as they are
 * while package.json names no repository; a LICENSE file is not required to try the extension.
 */
export const VSCE_OPTIONS = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license'];

/** Builds (production) and packages the extension; returns the path of the verified vsix. */
export async function packageExtension({ out = DEFAULT_VSIX, build = true } = {}) {
  if (!existsSync(join(PROJECT_ROOT, 'src', 'extension.ts'))) {
    throw new Error('src/extension.ts does not exist yet: nothing to package');
  }
  if (build) run(process.execPath, ['scripts/build.mjs', '--production'], 'node scripts/build.mjs --production');
  mkdirSync(dirname(out), { recursive: true });
  const vsce = join(PROJECT_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const vsceArgs = ['package', ...VSCE_OPTIONS, '--out', out];
  const output = existsSync(vsce)
    ? run(process.execPath, [vsce, ...vsceArgs], 'vsce package')
    : run('npx', ['--no-install', 'vsce', ...vsceArgs], 'vsce package');
  for (const line of output.split('\n')) {
    if (/WARNING|warn/i.test(line)) log(`vsce: ${line.trim()}`);
  }
  const entries = verifyVsix(out, join(PROJECT_ROOT, 'dist', 'extension.js'));
  const kib = (statSync(out).size / 1024).toFixed(0);
  log(`${relative(PROJECT_ROOT, out)}: ${entries.length} files, ${kib} KiB, no src/, test/ or node_modules/`);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  try {
    await packageExtension({
      out: outIndex >= 0 ? resolve(args[outIndex + 1]) : DEFAULT_VSIX,
      build: !args.includes('--no-build'),
    });
  } catch (e) {
    console.error(`[package] ${e.message}`);
    process.exit(1);
  }
}
