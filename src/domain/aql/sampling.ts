// ISO 2859-1 single sampling: Table I code letter + Tables II-A/B/C plan, with the arrow rule applied.
// Pure: no I/O. Data in tables.ts; facts from standards.md §1.1–§1.3.

import {
  AQL_VALUES,
  CODE_LETTERS,
  INSPECTION_LEVELS,
  LOT_SIZE_UPPER_BOUNDS,
  MASTER_TABLES,
  SAMPLE_SIZES,
  SEVERITIES,
  TABLE_I,
  type CodeLetter,
  type InspectionLevel,
  type PlanLetter,
  type Severity,
} from './tables.js';

export type AqlInputField = 'lotSize' | 'aql' | 'level' | 'severity' | 'nonconforming' | 'plan';

/** Invalid input to the sampling functions; `field` names the offending input. */
export class AqlInputError extends Error {
  override readonly name = 'AqlInputError';
  constructor(
    readonly field: AqlInputField,
    message: string,
  ) {
    super(message);
  }
}

export interface SamplingPlanInput {
  lotSize: number;
  /** One of the 26 table AQLs (0.010 … 1000), e.g. 0.65, 1, 2.5. */
  aql: number;
  level?: InspectionLevel;
  severity?: Severity;
}

export interface SamplingPlan {
  /** Table I code letter for the lot size and inspection level. */
  codeLetter: CodeLetter;
  /** Units to inspect: the plan's n, or the whole lot when n ≥ lot size (then `hundredPercent`). */
  sampleSize: number;
  /** Acceptance number Ac: accept the lot when nonconforming ≤ Ac. */
  accept: number;
  /** Rejection number Re: do not accept when nonconforming ≥ Re (reduced plans may have Re > Ac + 1). */
  reject: number;
  /** True when the plan's sample size equals or exceeds the lot size: inspect every unit (Table II footnote). */
  hundredPercent: boolean;
  /** The row the arrows landed on; its sample size is the plan's n (standards.md §1.3). */
  planLetter: PlanLetter;
  /** The plan's own n, before capping at the lot size. */
  planSampleSize: number;
}

interface ResolvedCell {
  row: number;
  accept: number;
  reject: number;
}

type Cell = { kind: 'plan'; accept: number; reject: number } | { kind: 'up' } | { kind: 'down' } | { kind: 'none' };

function parseCell(token: string): Cell {
  if (token === '↓') return { kind: 'down' };
  if (token === '↑') return { kind: 'up' };
  if (token === '·') return { kind: 'none' };
  const m = /^(\d+)\/(\d+)$/.exec(token);
  if (!m) throw new Error(`bad master-table cell ${JSON.stringify(token)}`);
  return { kind: 'plan', accept: Number(m[1]), reject: Number(m[2]) };
}

function parseTable(rows: readonly string[]): Cell[][] {
  return rows.map((row, i) => {
    const cells = row.trim().split(/\s+/).map(parseCell);
    if (cells.length !== AQL_VALUES.length) throw new Error(`master-table row ${i} has ${cells.length} cells`);
    return cells;
  });
}

/** Follow the arrows of one cell to the plan it points at (standards.md §1.3). */
function resolveCell(table: Cell[][], row: number, col: number): ResolvedCell {
  let r = row;
  for (let guard = 0; guard <= table.length; guard++) {
    const cell = table[r]?.[col];
    if (cell === undefined || cell.kind === 'none') break;
    if (cell.kind === 'plan') return { row: r, accept: cell.accept, reject: cell.reject };
    r += cell.kind === 'down' ? 1 : -1;
  }
  throw new Error(`arrow from row ${row}, column ${col} does not reach a plan`);
}

const PLAN_LETTERS: readonly PlanLetter[] = [...CODE_LETTERS, 'S'];

// Resolve every cell once at module load (3 × 16 × 26 cells): a bad table fails loudly at import time.
const RESOLVED: Readonly<Record<Severity, ResolvedCell[][]>> = (() => {
  const out = {} as Record<Severity, ResolvedCell[][]>;
  for (const severity of SEVERITIES) {
    const table = parseTable(MASTER_TABLES[severity]);
    if (table.length !== SAMPLE_SIZES[severity].length) throw new Error(`${severity}: row count mismatch`);
    out[severity] = CODE_LETTERS.map((_, row) => AQL_VALUES.map((__, col) => resolveCell(table, row, col)));
  }
  return out;
})();

/** Index of `aql` among the table AQLs, or -1. Tolerates decimal spelling (0.010 === 0.01, 1.0 === 1). */
export function aqlIndex(aql: number): number {
  if (typeof aql !== 'number' || !Number.isFinite(aql)) return -1;
  return AQL_VALUES.findIndex((v) => Math.abs(v - aql) <= v * 1e-9);
}

/** Table I lookup. Throws AqlInputError for a lot size that is not an integer ≥ 2 or an unknown level. */
export function codeLetterFor(lotSize: number, level: InspectionLevel = 'II'): CodeLetter {
  if (typeof lotSize !== 'number' || !Number.isSafeInteger(lotSize) || lotSize < 2) {
    throw new AqlInputError('lotSize', `lot size must be an integer ≥ 2 (got ${String(lotSize)})`);
  }
  const levelIndex = INSPECTION_LEVELS.indexOf(level);
  if (levelIndex < 0) {
    throw new AqlInputError(
      'level',
      `unknown inspection level ${JSON.stringify(level)}; expected one of ${INSPECTION_LEVELS.join(', ')}`,
    );
  }
  const range = LOT_SIZE_UPPER_BOUNDS.findIndex((upper) => lotSize <= upper);
  return TABLE_I[range]![levelIndex] as CodeLetter;
}

/**
 * The single sampling plan for a lot (ISO 2859-1 Table I + Table II-A/B/C).
 *
 * The arrow rule is applied and the sample size is the one of the row the arrows land on (`planLetter`), not of
 * the Table I letter. When that n equals or exceeds the lot size the whole lot is inspected: `sampleSize` is the
 * lot size, `hundredPercent` is true and Ac/Re stay those of the plan.
 */
export function samplingPlan(input: SamplingPlanInput): SamplingPlan {
  const { lotSize, aql, level = 'II', severity = 'normal' } = input;
  const codeLetter = codeLetterFor(lotSize, level);
  const col = aqlIndex(aql);
  if (col < 0) {
    throw new AqlInputError(
      'aql',
      `AQL ${String(aql)} is not in the table; expected one of ${AQL_VALUES.map(formatAql).join(', ')}`,
    );
  }
  if (!SEVERITIES.includes(severity)) {
    throw new AqlInputError(
      'severity',
      `unknown inspection severity ${JSON.stringify(severity)}; expected one of ${SEVERITIES.join(', ')}`,
    );
  }
  const cell = RESOLVED[severity][CODE_LETTERS.indexOf(codeLetter)]![col]!;
  const planSampleSize = SAMPLE_SIZES[severity][cell.row]!;
  const hundredPercent = planSampleSize >= lotSize;
  return {
    codeLetter,
    sampleSize: hundredPercent ? lotSize : planSampleSize,
    accept: cell.accept,
    reject: cell.reject,
    hundredPercent,
    planLetter: PLAN_LETTERS[cell.row]!,
    planSampleSize,
  };
}

/**
 * The plan of a given table cell (code letter × AQL), arrows followed, without a lot size.
 * Useful for displaying the master table; `samplingPlan` is the lot-level entry point.
 */
export function masterTablePlan(
  codeLetter: CodeLetter,
  aql: number,
  severity: Severity = 'normal',
): { planLetter: PlanLetter; sampleSize: number; accept: number; reject: number } {
  const row = CODE_LETTERS.indexOf(codeLetter);
  if (row < 0) throw new AqlInputError('plan', `unknown code letter ${JSON.stringify(codeLetter)}`);
  const col = aqlIndex(aql);
  if (col < 0) throw new AqlInputError('aql', `AQL ${String(aql)} is not in the table`);
  if (!SEVERITIES.includes(severity)) throw new AqlInputError('severity', `unknown severity ${String(severity)}`);
  const cell = RESOLVED[severity][row]![col]!;
  return {
    planLetter: PLAN_LETTERS[cell.row]!,
    sampleSize: SAMPLE_SIZES[severity][cell.row]!,
    accept: cell.accept,
    reject: cell.reject,
  };
}

/** "0.010", "0.10", "0.65", "1.0", "10" — the spelling used in the standard's column headings. */
export function formatAql(aql: number): string {
  if (aql < 0.1) return aql.toFixed(3);
  if (aql < 1) return aql.toFixed(2);
  if (aql < 10) return aql.toFixed(1);
  return String(aql);
}
