import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerKpiCommand } from '../../src/cli/commands/kpi.js';
import { captureCliOutput } from '../support/cli-output.js';
import { DELIVERIES_CSV, ORDERS_CSV } from '../fixtures/pilots/setup.js';

// In-process, as the other CLI tests: a CommanderError (usage error) becomes exit 2, as src/cli/main.ts does.
const io = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'bonafide-kpi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function run(...args: string[]) {
  const program = new Command().name('bonafide').exitOverride();
  registerKpiCommand(program);
  try {
    await program.parseAsync(['node', 'bonafide', ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    process.exitCode = 2;
  }
  return { stdout: io.out.join(''), stderr: io.err.join(''), code: process.exitCode === undefined ? undefined : Number(process.exitCode) };
}

const orders = file('po.csv', ORDERS_CSV);
const receipts = file('receipts.csv', DELIVERIES_CSV);

describe('bonafide kpi', () => {
  it('computes OTD, OTIF, PPM and lot acceptance from the two files with the domain functions', async () => {
    const r = await run('kpi', '--orders', orders, '--deliveries', receipts, '--window', '-0,+3', '--as-of', '2026-06-15', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ asOf: '2026-06-15', window: { before: 0, after: 3 }, basis: 'line', orders: { lines: 5 }, deliveries: { rows: 5, unmatched: [] } });
    expect(out.kpis.map((k: any) => [k.key, k.value, k.numerator, k.denominator])).toEqual([
      ['otd', 80, 4, 5],
      ['otif', 60, 3, 5],
      ['defect_ppm', 210526, 2000, 9500],
      ['lot_acceptance', 80, 4, 5],
    ]);
  });

  it.each([
    ['-0,+7', 'line', 100],
    ['-0,+3', 'order', 66.67],
    ['-0,+3', 'quantity', 78.95],
  ])('window %s per %s: OTD %s', async (window, basis, otd) => {
    const r = await run('kpi', '--orders', orders, '--deliveries', receipts, `--window=${window}`, '--basis', basis, '--as-of', '2026-06-15', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).kpis[0]).toMatchObject({ key: 'otd', value: otd });
  });

  it('gives the trend per month on request, and a readable table without --json', async () => {
    const json = await run('kpi', '--orders', orders, '--deliveries', receipts, '--as-of', '2026-06-15', '--period', 'month', '--json');
    expect(JSON.parse(json.stdout).kpis[0].periods.slice(0, 2)).toEqual([
      { period: '2026-03', value: 100, numerator: 2, denominator: 2 },
      { period: '2026-04', value: 66.67, numerator: 2, denominator: 3 },
    ]);
    io.out.length = 0;
    const text = await run('kpi', '--orders', orders, '--deliveries', receipts, '--as-of', '2026-06-15');
    expect(text.stdout).toMatch(/^OTD\s+80 %\s+\(4 of 5\)$/m);
    expect(text.stdout).toMatch(/DEFECT PPM\s+210,526 PPM/);
  });

  it('lines still inside their window on the as-of day are not counted yet (no data, not 0 %)', async () => {
    const r = await run('kpi', '--orders', orders, '--deliveries', receipts, '--as-of', '2026-03-01', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).kpis[0]).toMatchObject({ key: 'otd', value: null, noData: 'no_records' });
  });

  it.each([
    ['a bad number', () => ['--deliveries', file('bad.csv', DELIVERIES_CSV.replace('2000,2000', '2000,20x0'))], /bad\.csv line 5: rejectedQty "20x0" is not a number/],
    ['a missing column', () => ['--deliveries', file('nocol.csv', 'po,qty\nPO-1,5\n')], /nocol\.csv line 1: missing column for receivedAt/],
    ['a missing file', () => ['--deliveries', join(dir, 'nope.csv')], /cannot read .*nope\.csv: no such file/],
    ['a bad window', () => ['--deliveries', receipts, '--window', '3'], /--window is "-before,\+after"/],
    ['an unknown basis', () => ['--deliveries', receipts, '--basis', 'lot'], /--basis is line, order or quantity/],
  ])('exits 2 on %s, naming the file and line', async (_name, extra, message) => {
    const r = await run('kpi', '--orders', orders, ...extra());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a missing required option is a usage error (exit 2)', async () => {
    const r = await run('kpi', '--orders', orders);
    expect(r.code).toBe(2);
  });
});
