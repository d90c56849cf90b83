import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerAqlCommand } from '../../src/cli/commands/aql.js';
import { registerSpcCommand } from '../../src/cli/commands/spc.js';
import { captureCliOutput } from '../support/cli-output.js';

// In-process harness: a commander program with the two commands, stdout/stderr captured. A CommanderError (usage
// error) becomes exit 2 here, as src/cli/main.ts does for the binary.
const { out, err } = captureCliOutput();

async function run(...args: string[]): Promise<{ stdout: string; stderr: string; code: number | undefined }> {
  const program = new Command();
  program.name('bonafide').exitOverride();
  registerAqlCommand(program);
  registerSpcCommand(program);
  try {
    await program.parseAsync(['node', 'bonafide', ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    process.exitCode = 2;
  }
  const code = process.exitCode === undefined ? undefined : Number(process.exitCode);
  return { stdout: out.join(''), stderr: err.join(''), code };
}

describe('bonafide aql', () => {
  it.each([
    // standards.md §1.1 Table I + §1.4: lot 1,000 level II → J; J @ 1.0 normal = 80: 2/3, tightened 80: 1/2,
    // reduced 32: 1/3.
    { args: ['--lot-size', '1000', '--aql', '1.0'], want: { codeLetter: 'J', sampleSize: 80, accept: 2, reject: 3 } },
    {
      args: ['--lot-size', '1000', '--aql', '1', '--inspection', 'tightened'],
      want: { codeLetter: 'J', sampleSize: 80, accept: 1, reject: 2 },
    },
    {
      args: ['--lot-size', '1000', '--aql', '1.0', '--inspection', 'reduced'],
      want: { codeLetter: 'J', sampleSize: 32, accept: 1, reject: 3 },
    },
    // Special level: lot 10,000 at S-2 → D; D @ 2.5 normal points up to C's plan, 5: 0/1.
    {
      args: ['--lot-size', '10000', '--aql', '2.5', '--level', 'S-2'],
      want: { codeLetter: 'D', sampleSize: 5, accept: 0, reject: 1 },
    },
    // Level III, lot ≥ 500,001 → R; R @ 0.65 = 2000: 21/22.
    {
      args: ['--lot-size', '600000', '--aql', '0.65', '--level', 'III'],
      want: { codeLetter: 'R', sampleSize: 2000, accept: 21, reject: 22 },
    },
    // Lot 8 → A; the plan (n 20) covers the whole lot: inspect all 8.
    { args: ['--lot-size', '8', '--aql', '0.65'], want: { codeLetter: 'A', sampleSize: 8, accept: 0, reject: 1 } },
  ])('--json $args', async ({ args, want }) => {
    const r = await run('aql', ...args, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 4)).toEqual(['codeLetter', 'sampleSize', 'accept', 'reject']);
    expect(json).toMatchObject(want);
  });

  it('reports 100 % inspection and the plan landed on', async () => {
    const r = await run('aql', '--lot-size', '8', '--aql', '0.65', '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ hundredPercent: true, planLetter: 'F', planSampleSize: 20 });
  });

  it('prints a readable plan without --json', async () => {
    const r = await run('aql', '--lot-size', '1000', '--aql', '1.0', '--inspection', 'reduced', '--level', 'ii');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Lot of 1,000, inspection level II, AQL 1.0, reduced inspection');
    expect(r.stdout).toContain('Inspect 32 units (code letter J)');
    expect(r.stdout).toContain('Accept with ≤ 1 nonconforming; reject with ≥ 3');
    expect(r.stdout).toContain('Between 2 and 2: accept the lot but reinstate normal inspection');
  });

  it.each([
    { args: ['--aql', '1.0'], message: '--lot-size <n> is required' },
    { args: ['--lot-size', '1000'], message: '--aql <value> is required' },
    { args: ['--lot-size', 'many', '--aql', '1.0'], message: '--lot-size must be a whole number' },
    { args: ['--lot-size', '1', '--aql', '1.0'], message: 'lot size must be an integer ≥ 2' },
    { args: ['--lot-size', '1000', '--aql', 'one'], message: '--aql must be a number' },
    { args: ['--lot-size', '1000', '--aql', '0.7'], message: 'AQL 0.7 is not in the table' },
    { args: ['--lot-size', '1000', '--aql', '1.0', '--level', 'IV'], message: '--level must be one of' },
    { args: ['--lot-size', '1000', '--aql', '1.0', '--inspection', 'loose'], message: '--inspection must be one of' },
  ])('usage error: $args', async ({ args, message }) => {
    const r = await run('aql', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('an unknown option is a commander usage error (exit 2)', async () => {
    const r = await run('aql', '--lot-size', '1000', '--aql', '1.0', '--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });
});

// qcc data/pistonrings.txt samples 1–25 and data/viscosity.txt batches 1–20 (see src/domain/spc/analyze.test.ts).
const PISTONRINGS = [
  74.03, 74.002, 74.019, 73.992, 74.008, 73.995, 73.992, 74.001, 74.011, 74.004, 73.988, 74.024, 74.021, 74.005,
  74.002, 74.002, 73.996, 73.993, 74.015, 74.009, 73.992, 74.007, 74.015, 73.989, 74.014, 74.009, 73.994, 73.997,
  73.985, 73.993, 73.995, 74.006, 73.994, 74.0, 74.005, 73.985, 74.003, 73.993, 74.015, 73.988, 74.008, 73.995,
  74.009, 74.005, 74.004, 73.998, 74.0, 73.99, 74.007, 73.995, 73.994, 73.998, 73.994, 73.995, 73.99, 74.004, 74.0,
  74.007, 74.0, 73.996, 73.983, 74.002, 73.998, 73.997, 74.012, 74.006, 73.967, 73.994, 74.0, 73.984, 74.012,
  74.014, 73.998, 73.999, 74.007, 74.0, 73.984, 74.005, 73.998, 73.996, 73.994, 74.012, 73.986, 74.005, 74.007,
  74.006, 74.01, 74.018, 74.003, 74.0, 73.984, 74.002, 74.003, 74.005, 73.997, 74.0, 74.01, 74.013, 74.02, 74.003,
  73.988, 74.001, 74.009, 74.005, 73.996, 74.004, 73.999, 73.99, 74.006, 74.009, 74.01, 73.989, 73.99, 74.009,
  74.014, 74.015, 74.008, 73.993, 74.0, 74.01, 73.982, 73.984, 73.995, 74.017, 74.013,
];
const VISCOSITY = [
  34.05, 34.4, 33.59, 35.96, 34.7, 33.51, 33.79, 34.04, 34.52, 33.75, 33.27, 33.71, 34.03, 34.58, 34.02, 33.97,
  34.05, 34.04, 33.73, 34.05,
];

const dir = mkdtempSync(join(tmpdir(), 'bonafide-spc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function csv(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const pistonCsv = csv(
  'pistonrings.csv',
  `sample,value\n${PISTONRINGS.map((v, i) => `${Math.floor(i / 5) + 1},${v}`).join('\n')}\n`,
);
const viscosityHeaderless = csv('viscosity.csv', `${VISCOSITY.join('\n')}\n`);
const namedColumn = csv('named.csv', `batch,viscosity,trial\n${VISCOSITY.map((v, i) => `${i + 1},${v},TRUE`).join('\n')}\n`);

describe('bonafide spc', () => {
  it('x̄–R JSON for pistonrings (qcc vignette: center 74.00118, σ 0.009785039, Cp 1.70, Cpk 1.66)', async () => {
    const r = await run('spc', pistonCsv, '--subgroup-size', '5', '--lsl', '73.95', '--usl', '74.05', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['n', 'mean', 'stdevWithin', 'stdevOverall', 'cp', 'cpk', 'pp', 'ppk', 'chart', 'signals']);
    expect(Object.keys(json.chart)).toEqual(['type', 'center', 'lcl', 'ucl', 'rangeChart']);
    expect(json.n).toBe(125);
    expect(json.chart.type).toBe('xbar-r');
    expect(json.chart.center).toBeCloseTo(74.00118, 5);
    expect(json.stdevWithin).toBeCloseTo(0.009785039, 8);
    expect(json.cp).toBeCloseTo(1.703, 3);
    expect(json.cpk).toBeCloseTo(1.663, 3);
    expect(Array.isArray(json.signals)).toBe(true);
  });

  it('reads a headerless single-column file as individuals (qcc viscosity: batch 4 beyond 3σ)', async () => {
    const r = await run('spc', viscosityHeaderless, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.chart).toMatchObject({ type: 'individuals' });
    expect(json.chart.lcl).toBeCloseTo(32.56504, 5);
    expect(json.chart.ucl).toBeCloseTo(35.61096, 5);
    expect(json.signals).toEqual([{ rule: 1, points: [3] }]);
    expect(json.cp).toBeNull();
  });

  it('--column picks a named column; --points adds the plotted arrays', async () => {
    const r = await run('spc', namedColumn, '--column', 'viscosity', '--json', '--points');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.chart.points).toEqual(VISCOSITY);
    expect(json.chart.rangeChart.points).toHaveLength(19);
  });

  it('prints a readable summary without --json', async () => {
    const r = await run('spc', viscosityHeaderless, '--usl', '36');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('20 values (column "column 1"), individuals / moving-range chart');
    expect(r.stdout).toContain('individuals chart: center 34.088, LCL 32.565, UCL 35.611');
    expect(r.stdout).toContain('Nelson rule 1 (beyond 3σ): points 3');
    expect(r.stdout).toMatch(/Cp — {3}Cpk 1\.2\d+/);
  });

  it('notes a trailing incomplete subgroup on stderr', async () => {
    const file = csv('tail.csv', `value\n${[...PISTONRINGS, 74.01, 74.02].join('\n')}\n`);
    const r = await run('spc', file, '--subgroup-size', '5', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the last 2 value(s) do not fill a subgroup of 5');
    expect(JSON.parse(r.stdout).n).toBe(125);
  });

  it('a value that is not a number is bad data: exit 1 with the line number', async () => {
    const file = csv('bad.csv', 'value\n1.5\n2.5\n3,5\nabc\n');
    const r = await run('spc', file, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 5: "abc" is not a number (column "value")');
  });

  it('too few values is bad data (exit 1)', async () => {
    const r = await run('spc', csv('one.csv', 'value\n1.5\n'), '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('needs at least 2 values');
  });

  it.each([
    { args: [join(dir, 'missing.csv')], message: 'no such file' },
    { args: [namedColumn], message: 'column "value" not found in the header ("batch", "viscosity", "trial")' },
    { args: [namedColumn, '--column', 'temperature'], message: 'column "temperature" not found' },
    { args: [pistonCsv, '--subgroup-size', '11'], message: '--subgroup-size must be a whole number from 1 to 10' },
    { args: [pistonCsv, '--subgroup-size', 'five'], message: '--subgroup-size must be a whole number' },
    { args: [pistonCsv, '--lsl', 'low'], message: '--lsl must be a number' },
    { args: [pistonCsv, '--lsl', '74.1', '--usl', '74.0'], message: '--usl (74) must be greater than --lsl (74.1)' },
  ])('usage error: $args', async ({ args, message }) => {
    const r = await run('spc', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('a missing file argument is a commander usage error (exit 2)', async () => {
    const r = await run('spc');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'file.csv'");
  });
});
