// Import benchmarks (issue "Speed and scale"):
// 1. 1,000,000 batch-measurement rows from a CSV file into SQLite through the import service (read, parse,
//    validate against the specification, convert, hash, insert, one evidence item per lot, audit, commit) against
//    a bare better-sqlite3 prepared-insert loop writing the same rows into the same table in one transaction —
//    the rows already in memory. Target: ≥ 0.60 of the bare rate.
// 2. PostgreSQL (when BONAFIDE_TEST_PG or a postgres DATABASE_URL is set): the same file through the import
//    service, in rows per second, next to a bare `pg` loop of 1,000-row multi-row INSERTs of the same rows.
// 3. Peak RSS of a child process (tsx) importing 5,000,000 rows into SQLite, read with
//    process.resourceUsage().maxRSS. Target: < 300 MB. The baseline is the same child doing everything but the
//    import.
//
// BENCH_IMPORT_ROWS and BENCH_IMPORT_RSS_ROWS change the sizes. `tsx bench/import.ts --child <dir> <csv> <mode>`
// is the child's entry point.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openRuntime } from '../src/runtime.js';
import { principalForCli, signup } from '../src/services/accounts.js';
import type { Actor } from '../src/services/authz.js';
import type { ServiceContext } from '../src/services/context.js';
import { createEngagement, respondToEngagement } from '../src/services/engagements.js';
import { importQualityFile } from '../src/services/imports.js';
import { createSpecification } from '../src/services/quality.js';
import type { BenchResult } from './harness.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const RSS_ROWS = Number(process.env.BENCH_IMPORT_RSS_ROWS ?? 5_000_000);
const ROWS_PER_LOT = 1000;
/** Alternating runs of the import and the bare loop; the best of each counts (disk flushes vary run to run). */
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const PRODUCT = 'NM-4472-A';
const HEADER = 'lot,product,produced_at,characteristic,value,unit,line\n';

/** Row i of the benchmark file: lots of 1,000 measurements (100 % CMM of 500 parts × 2 characteristics). */
function rowOf(i: number): { lot: string; producedAt: string; characteristic: string; value: string; unit: string; line: string } {
  const l = Math.floor(i / ROWS_PER_LOT);
  const day = new Date(Date.UTC(2024, 0, 1) + l * 3_600_000).toISOString();
  const bore = i % 2 === 0;
  const wobble = ((i * 7919) % 1000) / 1000 - 0.5;
  return {
    lot: `L${String(l).padStart(6, '0')}`,
    producedAt: day,
    characteristic: bore ? 'bore_diameter' : 'wall_thickness',
    value: bore ? (32.0125 + wobble * 0.01).toFixed(4) : (2500 + wobble * 100).toFixed(1),
    unit: bore ? 'mm' : 'µm', // wall thickness is specified in mm: every second row is converted
    line: l % 2 === 0 ? 'Line 1' : 'Line 2',
  };
}

export async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(HEADER);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const r = rowOf(i);
    buf += `${r.lot},${PRODUCT},${r.producedAt},${r.characteristic},${r.value},${r.unit},${r.line}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
}

interface World {
  ctx: ServiceContext & { close(): Promise<void> };
  supplier: Actor;
  supplierId: string;
  engagementId: string;
}

export async function world(databaseUrl: string, dataDir: string): Promise<World> {
  const ctx = await openRuntime({ databaseUrl, dataDir });
  const tag = Math.random().toString(36).slice(2, 8);
  const b = await signup(ctx, { email: `buyer-${tag}@bench.example`, password: 'bench password 1', displayName: 'Buyer', organization: { name: 'Bench Buyer GmbH', kind: 'buyer', country: 'DE' } });
  const s = await signup(ctx, { email: `supplier-${tag}@bench.example`, password: 'bench password 1', displayName: 'Supplier', organization: { name: 'Bench Supplier Ltd', kind: 'supplier', country: 'CN' } });
  const buyer = await principalForCli(ctx, `buyer-${tag}@bench.example`);
  const supplier = await principalForCli(ctx, `supplier-${tag}@bench.example`);
  await createSpecification(ctx, buyer, {
    product: PRODUCT,
    title: 'IP-7 rear housing',
    characteristics: [
      { key: 'bore_diameter', name: 'Bore Ø 32 H7', unit: 'mm', nominal: 32, lsl: 32, usl: 32.025, criticality: 'critical', method: null },
      { key: 'wall_thickness', name: 'Wall thickness', unit: 'mm', nominal: 2.5, lsl: 2.3, usl: null, criticality: 'major', method: null },
    ],
  });
  const e = await createEngagement(ctx, buyer, {
    supplierOrganizationId: s.organization.id,
    title: 'Bench engagement',
    scope: { products: [PRODUCT], categories: [], productLines: [], expectedVolumes: [], destinationCountry: 'DE', productMaturity: 'custom' },
  });
  await respondToEngagement(ctx, supplier, e.id, 'accept');
  void b;
  return { ctx, supplier, supplierId: s.organization.id, engagementId: e.id };
}

export async function importFile(w: World, file: string) {
  const t0 = process.hrtime.bigint();
  const view = await importQualityFile(w.ctx, w.supplier, w.engagementId, 'batches', createReadStream(file, { highWaterMark: 1 << 20 }), { filename: 'bench.csv' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (view.rows !== ROWS && view.rows !== RSS_ROWS) throw new Error(`imported ${view.rows} rows`);
  return { ms, view };
}

/** The same rows the import writes, built in memory before the clock starts. */
function sameRows(importId: string, supplierId: string, rows: number): unknown[][] {
  const out = new Array<unknown[]>(rows);
  for (let i = 0; i < rows; i++) {
    const r = rowOf(i);
    const value = r.unit === 'µm' ? Number(`${r.value}e-3`) : Number(r.value);
    out[i] = [importId, supplierId, PRODUCT, r.lot, r.line, r.producedAt, r.characteristic, value, i + 2];
  }
  return out;
}

const INSERT_SQL =
  'insert into batch_measurements (import_id, supplier_organization_id, product, lot, line, produced_at, characteristic, value, source_line) values (?, ?, ?, ?, ?, ?, ?, ?, ?)';

async function bareSqlite(dir: string, rows: unknown[][]): Promise<number> {
  const file = join(dir, `bare-${Math.random().toString(36).slice(2)}.sqlite`);
  // The same schema (table and index) as the import writes to, migrated by the application.
  const rt = await openRuntime({ databaseUrl: `sqlite:${file}`, dataDir: dir });
  await rt.close();
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  const stmt = db.prepare(INSERT_SQL);
  const t0 = process.hrtime.bigint();
  db.transaction(() => {
    for (const r of rows) stmt.run(r);
  })();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  db.close();
  return ms;
}

async function sqliteBench(dir: string, file: string): Promise<BenchResult> {
  const importMs: number[] = [];
  const bareMs: number[] = [];
  let rows: unknown[][] | null = null;
  for (let run = 0; run < RUNS; run++) {
    const w = await world(`sqlite:${join(dir, `import-${run}.sqlite`)}`, join(dir, `data-${run}`));
    try {
      const { ms, view } = await importFile(w, file);
      importMs.push(ms);
      rows ??= sameRows(view.id, w.supplierId, ROWS);
    } finally {
      await w.ctx.close();
    }
    bareMs.push(await bareSqlite(dir, rows!));
  }
  rows = null;
  const value = ROWS / (Math.min(...importMs) / 1000);
  const baseline = ROWS / (Math.min(...bareMs) / 1000);
  const ratio = value / baseline;
  return {
    name: `import ${ROWS.toLocaleString('en-US')} batch rows from CSV into SQLite (service: parse, validate, convert, hash, insert, evidence per lot)`,
    unit: 'rows/s',
    value,
    baselineName: 'bare better-sqlite3 prepared-insert loop, same rows, one transaction',
    baseline,
    ratio,
    better: 'higher',
    target: '>= 0.60',
    pass: ratio >= 0.6,
    notes: `best of ${RUNS} alternating runs: import ${Math.min(...importMs).toFixed(0)} ms, bare loop ${Math.min(...bareMs).toFixed(0)} ms; ${ROWS / ROWS_PER_LOT} lots, half the values converted µm → mm`,
  };
}

async function postgresBench(dir: string, file: string, url: string): Promise<BenchResult> {
  const schema = `bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    const u = new URL(url);
    u.searchParams.set('schema', schema);
    const w = await world(u.toString(), join(dir, 'data-pg'));
    let importMs: number;
    let rows: unknown[][];
    try {
      const r = await importFile(w, file);
      importMs = r.ms;
      rows = sameRows(r.view.id, w.supplierId, ROWS);
    } finally {
      await w.ctx.close();
    }
    // Bare baseline: a pg client writing the same rows with 1,000-row multi-row INSERTs in one transaction.
    await admin.query(`set search_path = ${schema}`);
    await admin.query('truncate batch_measurements');
    const B = 1000;
    const values = Array.from({ length: B }, (_, r) => `(${Array.from({ length: 9 }, (_, k) => `$${r * 9 + k + 1}`).join(', ')})`).join(', ');
    const text = INSERT_SQL.replace(/ values .*$/, ` values ${values}`);
    const t0 = process.hrtime.bigint();
    await admin.query('begin');
    for (let i = 0; i < rows.length; i += B) await admin.query(text, rows.slice(i, i + B).flat());
    await admin.query('commit');
    const bareMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const value = ROWS / (importMs / 1000);
    const baseline = ROWS / (bareMs / 1000);
    return {
      name: `import ${ROWS.toLocaleString('en-US')} batch rows from CSV into PostgreSQL (service, unnest batches of 5,000)`,
      unit: 'rows/s',
      value,
      baselineName: 'bare pg loop of 1,000-row multi-row INSERTs, same rows, one transaction',
      baseline,
      ratio: value / baseline,
      better: 'higher',
      notes: `import ${importMs.toFixed(0)} ms, bare loop ${bareMs.toFixed(0)} ms`,
    };
  } finally {
    await admin.query(`drop schema ${schema} cascade`).catch(() => {});
    await admin.end();
  }
}

function child(mode: 'import' | 'setup', dir: string, file: string): Promise<{ maxRssMb: number; ms: number; rows: number }> {
  const tsx = fileURLToPath(import.meta.resolve('tsx/cli'));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [tsx, fileURLToPath(import.meta.url), '--child', dir, file, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`child exited with ${code}: ${out}`))));
  });
}

async function rssBench(dir: string): Promise<BenchResult> {
  const file = join(dir, 'rss.csv');
  await writeCsv(file, RSS_ROWS);
  const base = await child('setup', join(dir, 'rss-setup'), file);
  const run = await child('import', join(dir, 'rss-import'), file);
  return {
    name: `peak RSS importing ${RSS_ROWS.toLocaleString('en-US')} batch rows into SQLite (child process)`,
    unit: 'MB',
    value: run.maxRssMb,
    baselineName: 'the same child without the import (runtime, set-up)',
    baseline: base.maxRssMb,
    ratio: run.maxRssMb / base.maxRssMb,
    better: 'lower',
    target: 'peak RSS < 300 MB',
    pass: run.maxRssMb < 300,
    notes: `${run.rows.toLocaleString('en-US')} rows in ${(run.ms / 1000).toFixed(1)} s (${Math.round(run.rows / (run.ms / 1000)).toLocaleString('en-US')} rows/s)`,
  };
}

export async function importBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bonafide-bench-import-'));
  try {
    const file = join(dir, 'batches.csv');
    await writeCsv(file, ROWS);
    const results = [await sqliteBench(dir, file)];
    const pgUrl = process.env.BONAFIDE_TEST_PG ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined);
    if (pgUrl) results.push(await postgresBench(dir, file, pgUrl));
    else console.log('  (PostgreSQL import skipped: set BONAFIDE_TEST_PG or a postgres DATABASE_URL)');
    results.push(await rssBench(dir));
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Child entry point: `tsx bench/import.ts --child <dir> <csv> import|setup`.
if (process.argv[2] === '--child') {
  const [dir, file, mode] = process.argv.slice(3) as [string, string, 'import' | 'setup'];
  const w = await world(`sqlite:${join(dir, 'db.sqlite')}`, dir);
  const t0 = Date.now();
  let rows = 0;
  if (mode === 'import') {
    const view = await importQualityFile(w.ctx, w.supplier, w.engagementId, 'batches', createReadStream(file, { highWaterMark: 1 << 20 }), { filename: 'rss.csv' });
    rows = view.rows;
  }
  await w.ctx.close();
  process.stdout.write(`${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, ms: Date.now() - t0, rows })}\n`);
}
