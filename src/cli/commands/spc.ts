// `bonafide spc <file.csv> [--column value] [--subgroup-size N] [--lsl X] [--usl Y] [--json] [--points]`:
// control chart, capability and Nelson-rule signals of one measured characteristic (domain/spc).
//
// The CSV is streamed (the domain's RFC 4180 CsvReader, the one the imports and the web use) into a growable
// Float64Array. It has a header row naming the column (default
// "value"), or is a single column (with or without a header). Exit codes: 0 analysed, 1 bad data (a value that is
// not a number — with its line number —, too few values), 2 usage error (missing or unreadable file, bad option,
// column not found). Unknown options are commander usage errors, thrown as CommanderError (own exitOverride) for
// main.ts to map to exit 2.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  analyzeSpc,
  MAX_SUBGROUP_SIZE,
  SpcInputError,
  subgroupLayout,
  type SpcResult,
} from '../../domain/spc/index.js';
import { CsvReader } from '../../domain/quality/records.js';

export const EXIT_BAD_DATA = 1;
export const EXIT_USAGE = 2;

interface SpcCliOptions {
  column?: string;
  subgroupSize?: string;
  lsl?: string;
  usl?: string;
  json?: boolean;
  points?: boolean;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Strict decimal number ("1.5", "-2e-3"); undefined for anything else (empty, "1,5", "0x10", "NaN"). */
export function parseMeasurement(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

class UsageError extends Error {}
class DataError extends Error {}

/** A Float64Array that doubles when full. */
class GrowableFloat64 {
  private buf = new Float64Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  view(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

export interface ReadColumnResult {
  values: Float64Array;
  column: string;
  headerless: boolean;
}

/**
 * Stream one numeric column of a CSV file. `column` undefined means the default "value", which a single-column file
 * may name differently or not at all.
 */
export async function readCsvColumn(file: string, column: string | undefined): Promise<ReadColumnResult> {
  const wanted = column ?? 'value';
  const out = new GrowableFloat64();
  let index = -1;
  let name = wanted;
  let headerless = false;
  const onRecord = (fields: string[], line: number): void => {
    const record = fields.map((cell) => cell.trim());
    if (record.length === 1 && record[0] === '') return; // a line of blanks
    if (index < 0) {
      const found = record.findIndex((cell) => cell.toLowerCase() === wanted.toLowerCase());
      if (found >= 0) {
        index = found;
        name = record[found]!;
        return;
      }
      if (record.length === 1 && column === undefined) {
        index = 0;
        if (parseMeasurement(record[0]!) === undefined) {
          name = record[0]!; // a single column with its own header name
          return;
        }
        headerless = true;
        name = 'column 1';
      } else {
        throw new UsageError(
          `column "${wanted}" not found in the header (${record.map((c) => `"${c}"`).join(', ')}); use --column`,
        );
      }
    }
    const cell = record[index];
    if (cell === undefined || cell === '') throw new DataError(`line ${line}: no value in column "${name}"`);
    const v = parseMeasurement(cell);
    if (v === undefined) throw new DataError(`line ${line}: "${cell}" is not a number (column "${name}")`);
    out.push(v);
  };
  // Comma-separated: "3,5" is two cells, never a decimal comma (parseMeasurement accepts points only).
  const reader = new CsvReader({ delimiter: ',' });
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) reader.push(chunk as string, onRecord);
  reader.end(onRecord);
  if (index < 0) throw new DataError('the file has no rows');
  return { values: out.view(), column: name, headerless };
}

function fmt(v: number | null): string {
  if (v === null) return '—';
  if (v === 0) return '0';
  return Number(v.toPrecision(6)).toString();
}

const RULE_TEXT: Record<number, string> = {
  1: 'beyond 3σ',
  2: '9 in a row on one side',
  3: '6 in a row increasing or decreasing',
  4: '14 in a row alternating',
  5: '2 of 3 beyond 2σ',
  6: '4 of 5 beyond 1σ',
  7: '15 in a row within 1σ',
  8: '8 in a row beyond 1σ, both sides',
};

export function spcText(r: SpcResult, source: { file: string; column: string; subgroupSize: number }): string {
  const xbar = r.chart.type === 'xbar-r';
  const lines = [
    `${source.file}: ${r.n.toLocaleString('en-US')} values (${source.column}), ` +
      (xbar ? `x̄–R chart, subgroups of ${source.subgroupSize}` : 'individuals / moving-range chart'),
    `mean ${fmt(r.mean)}   σ within ${fmt(r.stdevWithin)}   σ overall ${fmt(r.stdevOverall)}`,
    `Cp ${fmt(r.cp)}   Cpk ${fmt(r.cpk)}   Pp ${fmt(r.pp)}   Ppk ${fmt(r.ppk)}`,
    `${xbar ? 'x̄' : 'individuals'} chart: center ${fmt(r.chart.center)}, LCL ${fmt(r.chart.lcl)}, UCL ${fmt(r.chart.ucl)}`,
    `${xbar ? 'R' : 'moving-range'} chart: center ${fmt(r.chart.rangeChart.center)}, LCL ${fmt(r.chart.rangeChart.lcl)}, ` +
      `UCL ${fmt(r.chart.rangeChart.ucl)}`,
  ];
  if (r.signals.length === 0) lines.push('Nelson rules: no signal');
  for (const s of r.signals) {
    const shown = s.points.slice(0, 10).join(', ');
    const more = s.points.length > 10 ? `, … (${s.points.length} in all)` : '';
    lines.push(`Nelson rule ${s.rule} (${RULE_TEXT[s.rule]}): ${xbar ? 'subgroups' : 'points'} ${shown}${more}`);
  }
  if (r.signals.length > 0) lines.push(`(${xbar ? 'subgroup' : 'point'} numbers start at 0)`);
  return lines.join('\n');
}

function optionalNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const v = parseMeasurement(text);
  if (v === undefined) throw new UsageError(`${option} must be a number (got "${text}")`);
  return v;
}

export function registerSpcCommand(program: Command): void {
  program
    .command('spc')
    .description('control chart, capability (Cp, Cpk, Pp, Ppk) and Nelson-rule signals of a measured characteristic')
    .argument('<file.csv>', 'CSV with a header row naming the column, or a single column of values')
    .option('--column <name>', 'column holding the measurements (default "value")')
    .option('--subgroup-size <n>', `1 = individuals chart (default); 2…${MAX_SUBGROUP_SIZE} = x̄–R chart of consecutive subgroups`)
    .option('--lsl <x>', 'lower specification limit')
    .option('--usl <y>', 'upper specification limit')
    .option('--json', 'print the analysis as JSON')
    .option('--points', 'with --json: include the plotted points arrays')
    .exitOverride()
    .action(async (file: string, opts: SpcCliOptions) => {
      try {
        const subgroupText = opts.subgroupSize?.trim() ?? '1';
        if (!/^\d+$/.test(subgroupText) || Number(subgroupText) < 1 || Number(subgroupText) > MAX_SUBGROUP_SIZE) {
          throw new UsageError(`--subgroup-size must be a whole number from 1 to ${MAX_SUBGROUP_SIZE} (got "${subgroupText}")`);
        }
        const subgroupSize = Number(subgroupText);
        const lsl = optionalNumber(opts.lsl, '--lsl');
        const usl = optionalNumber(opts.usl, '--usl');
        if (lsl !== undefined && usl !== undefined && !(lsl < usl)) {
          throw new UsageError(`--usl (${usl}) must be greater than --lsl (${lsl})`);
        }
        try {
          const s = await stat(file);
          if (!s.isFile()) throw new UsageError(`${file} is not a file`);
        } catch (e) {
          if (e instanceof UsageError) throw e;
          const code = (e as NodeJS.ErrnoException).code;
          throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
        }
        let data: ReadColumnResult;
        try {
          data = await readCsvColumn(file, opts.column);
        } catch (e) {
          if (e instanceof UsageError || e instanceof DataError) throw e;
          throw new DataError(`${file}: ${(e as Error).message}`);
        }
        const layout = subgroupLayout(data.values.length, subgroupSize);
        if (subgroupSize > 1 && layout.dropped > 0) {
          process.stderr.write(
            `note: the last ${layout.dropped} value(s) do not fill a subgroup of ${subgroupSize} and were not analysed\n`,
          );
        }
        const result = analyzeSpc(data.values, {
          subgroupSize,
          ...(lsl !== undefined ? { lsl } : {}),
          ...(usl !== undefined ? { usl } : {}),
          includePoints: opts.points === true,
        });
        const text =
          opts.json === true
            ? JSON.stringify(result)
            : spcText(result, { file, column: `column "${data.column}"`, subgroupSize });
        process.stdout.write(`${text}\n`);
        process.exitCode = 0;
      } catch (e) {
        if (e instanceof UsageError) {
          process.stderr.write(`error: ${e.message}\n`);
          process.exitCode = EXIT_USAGE;
        } else if (e instanceof DataError || (e instanceof SpcInputError && e.field === 'values')) {
          process.stderr.write(`error: ${e.message}\n`);
          process.exitCode = EXIT_BAD_DATA;
        } else if (e instanceof SpcInputError) {
          process.stderr.write(`error: ${e.message}\n`);
          process.exitCode = EXIT_USAGE;
        } else {
          throw e;
        }
      }
    });
}
