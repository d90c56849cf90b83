import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerImportCommand } from '../../src/cli/commands/import.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { counts, FIXTURES, productionLogCsv, qualityWorld, SPEC_INPUT, type QualityWorld } from '../fixtures/quality/setup.js';
import { captureCliOutput } from '../support/cli-output.js';

// In-process, as test/cli/id.test.ts: a CommanderError (usage error) becomes exit 2, as main.ts does.
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

describe.each(TEST_DATABASES)('bonafide import on $name', ({ name, skipReason }) => {
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
  /** A production-log file of `months` months under the test's data folder. */
  const writeLogs = (name: string, months: number) => {
    const path = join(ctx.dataDir, name);
    writeFileSync(path, productionLogCsv(months));
    return path;
  };
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('imports a batch file as the supplier with a progress bar, once', async () => {
    const file = join(FIXTURES, 'batches-ok.csv');
    const r = await run('batches', file, '--supplier', w.supplier.organizationId, '--as', w.supplier.email, ...db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported 9 rows \(3 lots\) from batches-ok\.csv into "Pump housings 2027" as .*: import [0-9a-f-]{36}\n$/);
    expect(r.stderr).toContain('importing');
    expect(r.stderr).toContain('9 rows');
    const before = await counts(ctx);
    const again = await run('batches', file, '--supplier', w.supplier.organizationId, '--as', w.supplier.email, '--engagement', w.engagementId, '--json', '--no-progress', ...db);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ duplicate: true, rows: 9, filename: 'batches-ok.csv' });
    expect(again.stderr).toBe('');
    expect(await counts(ctx)).toEqual(before);
    const api = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}/imports`)).json();
    expect(api).toHaveLength(1);
  });

  it.skipIf(skipReason)('reads decimal commas with --decimal-comma', async () => {
    const file = join(FIXTURES, 'batches-decimal-comma.csv');
    const before = await counts(ctx);
    const plain = await run('batches', file, '--supplier', w.supplier.organizationId, '--as', w.supplier.email, '--no-progress', ...db);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('line 2: value "32,011" is not a number');
    expect(plain.stderr).toContain('import it with the decimal separator ","');
    expect(plain.stderr).toContain('to read decimal commas, add --decimal-comma');
    expect(await counts(ctx)).toEqual(before);

    const r = await run('batches', file, '--supplier', w.supplier.organizationId, '--as', w.supplier.email, '--decimal-comma', '--json', '--no-progress', ...db);
    expect(r.code).toBe(0);
    const view = JSON.parse(r.stdout);
    expect(view).toMatchObject({ rows: 6, decimalSeparator: ',', filename: 'batches-decimal-comma.csv' });
    const values = await ctx.handle.db.selectFrom('batch_measurements').select('value').where('import_id', '=', view.id).orderBy('source_line').execute();
    expect(values.map((v) => Number(v.value))).toEqual([32.011, 32.013, 15.3, 32.0125, 14.8, 2.5]);

    const points = await run('batches', join(FIXTURES, 'batches-bad-number.csv'), '--supplier', w.supplier.organizationId, '--as', w.supplier.email, '--decimal-comma', '--no-progress', ...db);
    expect(points.code).toBe(1);
    expect(points.stderr).toContain('line 2: value "32.011" is not a number');
    expect(points.stderr).toContain('to read decimal points, leave out --decimal-comma');
  });

  it.skipIf(skipReason)('rejects a broken file with "line N: reason", exit 1, nothing stored', async () => {
    for (const [file, message] of [
      ['batches-bad-number.csv', 'line 5: value "32.0x2" is not a number'],
      ['batches-unknown-characteristic.csv', 'line 5: unknown characteristic "roundness"'],
      ['batches-wrong-unit.csv', 'line 5: unit "in" is not the specification\'s unit "mm"'],
      ['batches-truncated.csv', 'line 5: expected 7 columns, found 4'],
    ]) {
      const before = await counts(ctx);
      const r = await run('batches', join(FIXTURES, file!), '--supplier', w.supplier.organizationId, '--as', w.supplier.email, '--no-progress', ...db);
      expect(r.code, file).toBe(1);
      expect(r.stderr, file).toContain(message);
      expect(r.stderr).toContain('nothing was imported');
      expect(r.stdout).toBe('');
      expect(await counts(ctx), file).toEqual(before);
    }
  });

  it.skipIf(skipReason)('maps columns from a file or inline JSON, and imports production logs', async () => {
    const mappingFile = join(ctx.dataDir, 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify({ lot: 'Batch No', product: 'Artikel', producedAt: 'Datum', characteristic: 'Merkmal', value: 'Messwert', unit: 'Einheit' }));
    const r = await run('batches', join(FIXTURES, 'batches-mapped.csv'), '--supplier', w.supplier.organizationId, '--as', w.supplier.email, '--mapping', mappingFile, '--json', '--no-progress', ...db);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3, mapping: { lot: 'Batch No' } });
    const logs = join(ctx.dataDir, 'logs.csv');
    writeFileSync(logs, productionLogCsv(3));
    const l = await run('production-logs', logs, '--supplier', w.supplier.organizationId, '--as', w.supplier.email, '--no-progress', ...db);
    expect(l.code).toBe(0);
    expect(l.stdout).toContain('(2 lines)');
    const cap = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}/capacity`)).json();
    expect(cap.lines.map((x: { comparison: { status: string } }) => x.comparison.status).sort()).toEqual(['contradicted', 'supported']);
  });

  it.skipIf(skipReason)('without --as it refuses (exit 2, naming --as) instead of choosing a member; the audit log says the import came from the CLI', async () => {
    const before = await counts(ctx);
    const refused = await run('batches', join(FIXTURES, 'batches-ok.csv'), '--supplier', w.supplier.organizationId, '--no-progress', ...db);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: --as <email> is required/);
    expect(refused.stdout).toBe('');
    expect(await counts(ctx)).toEqual(before);

    const r = await run('production-logs', writeLogs('audited.csv', 2), '--supplier', w.supplier.organizationId, '--as', `  ${w.supplier.email.toUpperCase()} `, '--json', '--no-progress', ...db);
    expect(r.code, r.stderr).toBe(0);
    const id = JSON.parse(r.stdout).id as string;
    const log = await w.supplier.get('/api/v1/audit-log?action=quality.imported');
    expect(log.statusCode, log.body).toBe(200);
    const entry = (log.json() as { action: string; actor: { userId: string }; details: Record<string, unknown> }[]).find((a) => a.action === 'quality.imported' && a.details.importId === id);
    expect(entry).toMatchObject({ actor: { userId: w.supplier.userId }, details: { via: 'cli', importId: id } });
  });

  it.skipIf(skipReason)('usage errors exit 2', async () => {
    const file = join(FIXTURES, 'batches-ok.csv');
    const sup = ['--supplier', w.supplier.organizationId, '--as', w.supplier.email];
    const cases: [string[], RegExp][] = [
      [['batch', file, ...sup], /./],
      [['batches', file], /supplier/],
      [['batches', join(FIXTURES, 'nope.csv'), ...sup, ...db], /no such file/],
      [['batches', file, '--supplier', w.buyer.organizationId, ...db], /no supplier organization/],
      [['batches', file, ...sup, '--engagement', '00000000-0000-4000-8000-000000000000', ...db], /no open engagement/],
      [['batches', file, ...sup, '--mapping', '{"colour":"x"}', ...db], /mapping/],
      [['batches', file, ...sup, '--mapping', '{not json', ...db], /mapping/],
      [['batches', file, ...sup, '--as', w.buyer.email, ...db], /not a member/],
      [['batches', file, ...sup, '--format', 'xlsx', ...db], /csv or jsonl/],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    // With two open engagements the supplier must choose.
    const other = await w.stranger.post('/api/v1/engagements', {
      supplierOrganizationId: w.supplier.organizationId,
      title: 'Second engagement',
      scope: { products: ['NM-4472-A'], destinationCountry: 'US' },
    });
    await w.supplier.post(`/api/v1/engagements/${other.json().id}/response`, { decision: 'accept' });
    const r = await run('batches', join(FIXTURES, 'batches.jsonl'), ...sup, ...db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('choose one with --engagement');
    expect(r.stderr).toContain(w.engagementId);
  });
});
