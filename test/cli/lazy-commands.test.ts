import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAZY_COMMANDS } from '../../src/cli/lazy-commands.js';
import { buildProgram } from '../../src/cli/program.js';
import { rootProgram } from '../../src/cli/root-program.js';

/** Static imports reachable from a module (dynamic `await import()` only loads on demand, so it is not followed). */
function reach(entry: string, seen = new Set<string>(), bare = new Set<string>()): { files: Set<string>; bare: Set<string> } {
  if (seen.has(entry)) return { files: seen, bare };
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s(?!type\b)[^;]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
    const spec = m[1] ?? m[2]!;
    if (spec.startsWith('.')) reach(resolve(dirname(entry), spec.replace(/\.js$/, '.ts')), seen, bare);
    else bare.add(spec);
  }
  return { files: seen, bare };
}

const describeCommand = (c: { name(): string; options: readonly { flags: string }[]; registeredArguments: readonly { name(): string }[] }) => ({
  name: c.name(),
  options: c.options.map((o) => o.flags),
  args: c.registeredArguments.map((a) => a.name()),
});

describe('commands loaded on their own', () => {
  it('each is the same command as in the full program (name, arguments, options)', async () => {
    const full = buildProgram();
    for (const [name, load] of Object.entries(LAZY_COMMANDS)) {
      const alone = rootProgram();
      (await load())(alone);
      expect(alone.commands.map((c) => c.name())).toEqual([name]);
      const inFull = full.commands.find((c) => c.name() === name);
      expect(inFull, `${name} is in program.ts`).toBeDefined();
      expect(describeCommand(alone.commands[0]!)).toEqual(describeCommand(inFull!));
    }
  });

  it('import loads neither the HTTP server, the PDF renderer, nor the PostgreSQL driver up front', () => {
    const { files, bare } = reach(resolve('src/cli/commands/import.ts'));
    const rel = [...files].map((f) => f.slice(resolve('.').length + 1));
    expect(rel.filter((f) => f.startsWith('src/http/') || f.includes('report-pdf'))).toEqual([]);
    expect([...bare].filter((b) => /^(pg|fastify|@fastify\/|pdfkit)$/.test(b))).toEqual([]);
  });
});
