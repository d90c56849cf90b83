// `bonafide aql --lot-size N --aql A [--level II] [--inspection normal|tightened|reduced] [--json]`:
// the ISO 2859-1 single sampling plan for one lot (domain/aql). Exit codes: 0 plan printed, 2 usage error
// (missing or malformed option, AQL not in the table, unknown level or inspection). Unknown options are commander
// usage errors, thrown as CommanderError (own exitOverride) for main.ts to map to exit 2.
import type { Command } from 'commander';
import {
  AqlInputError,
  AQL_VALUES,
  formatAql,
  INSPECTION_LEVELS,
  samplingPlan,
  SEVERITIES,
  type InspectionLevel,
  type SamplingPlan,
  type Severity,
} from '../../domain/aql/index.js';

export const EXIT_USAGE = 2;

interface AqlOptions {
  lotSize?: string;
  aql?: string;
  level: string;
  inspection: string;
  json?: boolean;
}

function usage(message: string): void {
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = EXIT_USAGE;
}

/** "S1", "s-1", "ii" → "S-1", "II"; undefined when not a level. */
export function parseLevel(text: string): InspectionLevel | undefined {
  const t = text.trim().toUpperCase().replace(/^S-?([1-4])$/, 'S-$1');
  return (INSPECTION_LEVELS as readonly string[]).includes(t) ? (t as InspectionLevel) : undefined;
}

/** The --json document: the four contract fields first, then the details. */
export function aqlJson(plan: SamplingPlan, input: { lotSize: number; aql: number; level: string; inspection: string }) {
  return {
    codeLetter: plan.codeLetter,
    sampleSize: plan.sampleSize,
    accept: plan.accept,
    reject: plan.reject,
    hundredPercent: plan.hundredPercent,
    planLetter: plan.planLetter,
    planSampleSize: plan.planSampleSize,
    lotSize: input.lotSize,
    aql: input.aql,
    level: input.level,
    inspection: input.inspection,
  };
}

export function aqlText(plan: SamplingPlan, input: { lotSize: number; aql: number; level: string; inspection: string }): string {
  const lines = [
    `Lot of ${input.lotSize.toLocaleString('en-US')}, inspection level ${input.level}, AQL ${formatAql(input.aql)}, ` +
      `${input.inspection} inspection (ISO 2859-1 single sampling)`,
  ];
  const via =
    plan.planLetter === plan.codeLetter
      ? `code letter ${plan.codeLetter}`
      : `code letter ${plan.codeLetter}, arrow to the plan of ${plan.planLetter}`;
  lines.push(
    plan.hundredPercent
      ? `Inspect all ${plan.sampleSize} units (${via}: the plan's sample of ${plan.planSampleSize} is not smaller than the lot)`
      : `Inspect ${plan.sampleSize} units (${via})`,
  );
  lines.push(
    plan.accept === 0
      ? `Accept only with no nonconforming unit; reject with ≥ ${plan.reject}`
      : `Accept with ≤ ${plan.accept} nonconforming; reject with ≥ ${plan.reject}`,
  );
  if (plan.reject > plan.accept + 1) {
    lines.push(
      `Between ${plan.accept + 1} and ${plan.reject - 1}: accept the lot but reinstate normal inspection (reduced plan)`,
    );
  }
  return lines.join('\n');
}

export function registerAqlCommand(program: Command): void {
  program
    .command('aql')
    .description('ISO 2859-1 / ANSI Z1.4 single sampling plan: code letter, sample size, acceptance and rejection numbers')
    .option('--lot-size <n>', 'lot or batch size (integer ≥ 2)')
    .option('--aql <value>', `acceptance quality limit, one of ${AQL_VALUES.map(formatAql).join(' ')}`)
    .option('--level <level>', `inspection level: ${INSPECTION_LEVELS.join(', ')}`, 'II')
    .option('--inspection <severity>', `inspection severity: ${SEVERITIES.join(', ')}`, 'normal')
    .option('--json', 'print the plan as JSON')
    .exitOverride()
    .action((opts: AqlOptions) => {
      if (opts.lotSize === undefined) return usage('--lot-size <n> is required');
      if (opts.aql === undefined) return usage('--aql <value> is required');
      if (!/^\d+$/.test(opts.lotSize.trim())) {
        return usage(`--lot-size must be a whole number ≥ 2 (got "${opts.lotSize}")`);
      }
      const lotSize = Number(opts.lotSize.trim());
      const aqlArg = opts.aql.trim();
      if (!/^(\d+\.?\d*|\.\d+)$/.test(aqlArg)) return usage(`--aql must be a number (got "${opts.aql}")`);
      const aql = Number(aqlArg);
      const level = parseLevel(opts.level);
      if (level === undefined) {
        return usage(`--level must be one of ${INSPECTION_LEVELS.join(', ')} (got "${opts.level}")`);
      }
      const inspection = opts.inspection.trim().toLowerCase();
      if (!(SEVERITIES as readonly string[]).includes(inspection)) {
        return usage(`--inspection must be one of ${SEVERITIES.join(', ')} (got "${opts.inspection}")`);
      }
      let plan: SamplingPlan;
      try {
        plan = samplingPlan({ lotSize, aql, level, severity: inspection as Severity });
      } catch (e) {
        if (e instanceof AqlInputError) {
          const option = { lotSize: '--lot-size', aql: '--aql', level: '--level', severity: '--inspection' }[
            e.field as 'lotSize' | 'aql' | 'level' | 'severity'
          ];
          return usage(option ? `${option}: ${e.message}` : e.message);
        }
        throw e;
      }
      const input = { lotSize, aql, level, inspection };
      process.stdout.write(`${opts.json === true ? JSON.stringify(aqlJson(plan, input)) : aqlText(plan, input)}\n`);
      process.exitCode = 0;
    });
}
