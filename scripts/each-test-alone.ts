// Runs every test of the given folders alone (its own vitest process, `-t` on its exact name), the way a developer
// runs one failing test: a test that only passes after the tests before it in its file (an ordered story whose
// state is built by earlier tests) fails here. Usage:
//   npx tsx scripts/each-test-alone.ts [folders or files…]   (default: test/http test/services test/db test/cli)
// Prints one line per test and a summary; exits 1 when any test failed alone. Slow by design (one process per
// test): not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const targets = process.argv.slice(2).length ? process.argv.slice(2) : ['test/http', 'test/services', 'test/db', 'test/cli'];
const vitest = join('node_modules', '.bin', 'vitest');
const dir = mkdtempSync(join(tmpdir(), 'each-test-alone-'));

interface Listed {
  name: string;
  file: string;
}

function listTests(): Listed[] {
  const out = join(dir, 'list.json');
  const res = spawnSync(vitest, ['list', `--json=${out}`, ...targets], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (res.status !== 0) throw new Error(`vitest list failed (exit ${res.status})`);
  return JSON.parse(readFileSync(out, 'utf8')) as Listed[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A test's own name: the last part of vitest's "describe > … > test" name (describe.each names differ per database). */
const ownName = (full: string) => full.split(' > ').at(-1)!;

const seen = new Set<string>();
const runs: { file: string; name: string }[] = [];
for (const t of listTests()) {
  const file = relative(process.cwd(), t.file);
  const name = ownName(t.name);
  const key = `${file}\u0000${name}`;
  if (seen.has(key)) continue;
  seen.add(key);
  runs.push({ file, name });
}

const failed: string[] = [];
let passed = 0;
const started = Date.now();
for (const [i, { file, name }] of runs.entries()) {
  const t0 = Date.now();
  const res = spawnSync(vitest, ['run', file, `--testNamePattern=${escape(name)}$`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const ok = res.status === 0 && !/\b0 passed\b/.test(res.stdout) && /\d+ passed/.test(res.stdout);
  if (ok) passed++;
  else failed.push(`${file} › ${name}`);
  console.log(`${ok ? 'ok  ' : 'FAIL'} [${i + 1}/${runs.length}] ${secs}s ${file} › ${name}`);
  if (!ok) console.log((res.stdout + res.stderr).split('\n').filter((l) => /Error|expected|FAIL|❯ test/.test(l)).slice(0, 8).join('\n'));
}
rmSync(dir, { recursive: true, force: true });
console.log(`\n${passed} of ${runs.length} tests pass alone (${((Date.now() - started) / 60000).toFixed(1)} min)`);
if (failed.length) {
  console.log(`failing alone:\n  ${failed.join('\n  ')}`);
  process.exit(1);
}
