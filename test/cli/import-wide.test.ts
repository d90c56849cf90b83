import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerImportCommand } from '../../src/cli/commands/import.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { counts, qualityWorld, SPEC_INPUT, type QualityWorld } from '../fixtures/quality/setup.js';
import { captureCliOutput } from '../support/cli-output.js';
import { WIDE_MAPPING, wideCsv } from '../fixtures/quality/wide.js';

// `bonafide import batches FILE --mapping` reads a wide file (one column per characteristic) with the same mapping
// as the API; a refused file stores nothing (exit 1).
const { out, err } = captureCliOutput();

async function run(...args: string[]) {
  const program = new Command();
  program.name('bonafide').exitOverride();
  registerImportCommand(program);
  try {
    await program.parseAsync(['node', 'bonafide', 'import', ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    process.exitCode = 2;
  }
  const code = process.exitCode === undefined ? undefined : Number(process.exitCode);
  const r = { stdout: out.join(''), stderr: err.join(''), code };
  out.length = 0;
  err.length = 0;
  process.exitCode = undefined;
  return r;
}

describe.each(TEST_DATABASES)('bonafide import of a wide file on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let db: string[];

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await qualityWorld(app);
    expect((await w.buyer.post('/api/v1/specifications', SPEC_INPUT)).statusCode).toBe(201);
    db = ['--database', ctx.handle.url, '--data-dir', ctx.dataDir];
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('maps columns to characteristics; a bad cell refuses the file and names its column', async () => {
    const mapping = join(ctx.dataDir, 'cmm-mapping.json');
    writeFileSync(mapping, JSON.stringify(WIDE_MAPPING));
    const bad = join(ctx.dataDir, 'cmm-bad.csv');
    writeFileSync(bad, wideCsv(6, { row: 2, layer: 'abc' }));
    const before = await counts(ctx);
    const refused = await run('batches', bad, '--supplier', w.supplier.organizationId, '--as', w.supplier.email, '--mapping', mapping, '--no-progress', ...db);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 4');
    expect(refused.stderr).toContain('column "Layer" (anodising_thickness)');
    expect(await counts(ctx)).toEqual(before);

    const good = join(ctx.dataDir, 'cmm.csv');
    writeFileSync(good, wideCsv(6));
    const r = await run('batches', good, '--supplier', w.supplier.organizationId, '--as', w.supplier.email, '--mapping', mapping, '--json', '--no-progress', ...db);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 11, mapping: WIDE_MAPPING, summary: { lots: 6 } });
  });
});
