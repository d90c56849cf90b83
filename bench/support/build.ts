// The benchmarks run the product as a user does: the compiled server and CLI as `npm run build:server` makes them
// (`tsc -p tsconfig.build.json`, then the bundled CLI of scripts/bundle-cli.ts), started with plain `node`. They
// compile into a directory of their own (under the system's temporary directory), so they never replace the `dist/`
// that `npm start` and the browser tests use.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from '../../scripts/bundle-cli.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Per checkout (several may share one node_modules), outside the tree. */
export const DIST = join(tmpdir(), `bonafide-bench-${createHash('sha256').update(REPO).digest('hex').slice(0, 12)}`, 'dist');
/** The CLI as `npx bonafide` runs it. */
export const CLI = join(DIST, 'src', 'cli', 'main.js');
const STAMP = join(DIST, '.built');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Compiles src/ when it or the bundling script changed since the last build (the runner builds once for all benchmarks). */
export async function ensureBuild(): Promise<void> {
  if (process.env.BONAFIDE_BENCH_BUILT === '1' && existsSync(CLI)) return;
  const newest = Math.max(newestMtime(join(REPO, 'src')), statSync(join(REPO, 'scripts', 'bundle-cli.ts')).mtimeMs);
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs > newest) return;
  try {
    execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO, 'tsconfig.build.json'), '--outDir', DIST], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    // Type errors still emit JavaScript; only a missing CLI is fatal.
    if (!existsSync(CLI)) throw err;
    const out = String((err as { stdout?: Buffer }).stdout ?? '');
    process.stderr.write(`  (type errors while building for the benchmarks; running what was emitted)\n${out.split('\n').slice(0, 5).join('\n')}\n`);
  }
  // The same bundled CLI entry as `npm run build:server` writes, so the benchmarks time what users run.
  await bundleCli(DIST);
  // The compiled files find their packages by walking up from where they are.
  const modules = join(DIST, '..', 'node_modules');
  if (!existsSync(modules)) symlinkSync(join(REPO, 'node_modules'), modules, 'dir');
  writeFileSync(STAMP, new Date().toISOString());
}
