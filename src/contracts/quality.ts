// Specifications, sample tests, AQL lot inspections, batch-record and production-log imports, SPC and verified
// capacity: the request and response shapes shared by HTTP, CLI and web.
import { z } from 'zod';
import { INSPECTION_LEVELS, SEVERITIES } from '../domain/aql/tables.js';
import { CAPACITY_PERIODS } from '../domain/capacity/types.js';
import { CRITICALITIES } from '../domain/quality/rows.js';
import { SAMPLE_TEST_RUNNERS } from '../domain/quality/sample-tests.js';
import { IMPORT_KINDS } from '../domain/quality/columns.js';
import { DECIMAL_SEPARATORS } from '../domain/quality/units.js';
import { Id, IsoDateTime } from './common.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const IsoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const DateOrDateTime = z.union([IsoDateTime, IsoDate]).transform((s) => (s.length === 10 ? `${s}T00:00:00.000Z` : new Date(s).toISOString()));
const Num = z.number().finite();

// ---------------------------------------------------------------------------------------------------------------
// Specifications

export const Criticality = z.enum(CRITICALITIES);
export const CharacteristicInput = z
  .strictObject({
    /** Stable key used in data files and sample results, e.g. "bore_diameter". */
    key: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, { message: 'a key starts with a letter and has letters, digits, _ . - (at most 64)' }),
    name: Text(200),
    unit: Text(40),
    nominal: Num.nullable().default(null),
    /** Lower specification limit; null for a one-sided (upper-only) specification. */
    lsl: Num.nullable().default(null),
    usl: Num.nullable().default(null),
    criticality: Criticality.default('major'),
    /** Test method or standard, e.g. "CMM, ISO 10360-2" or "ISO 2360 eddy current". */
    method: Text(300).nullable().default(null),
  })
  .superRefine((c, ctx) => {
    if (c.lsl === null && c.usl === null) ctx.addIssue({ code: 'custom', path: ['usl'], message: 'give LSL, USL or both', params: { code: 'limits_missing' } });
    if (c.lsl !== null && c.usl !== null && !(c.lsl < c.usl)) {
      const message = c.lsl === c.usl ? `LSL and USL are both ${c.lsl}: a tolerance needs room between them` : `LSL (${c.lsl}) is above USL (${c.usl}): the lower limit must be below the upper one — are they swapped?`;
      ctx.addIssue({ code: 'custom', path: ['usl'], message, params: { code: c.lsl === c.usl ? 'lsl_equals_usl' : 'lsl_above_usl', lsl: c.lsl, usl: c.usl } });
    }
    if (c.nominal !== null && ((c.lsl !== null && c.nominal < c.lsl) || (c.usl !== null && c.nominal > c.usl))) {
      ctx.addIssue({ code: 'custom', path: ['nominal'], message: 'nominal must lie within the limits', params: { code: 'nominal_outside_limits', nominal: c.nominal, lsl: c.lsl, usl: c.usl } });
    }
  });

const Characteristics = z
  .array(CharacteristicInput)
  .min(1)
  .max(100)
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((c, i) => {
      const k = c.key.toLowerCase().replace(/[^a-z0-9]/g, '');
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `same key as characteristic ${seen.get(k)! + 1}`, params: { code: 'duplicate_key', other: seen.get(k)! + 1 } });
      seen.set(k, i);
    });
  });

export const SpecificationInput = z.strictObject({
  /** The product as it is named in data files and in the engagement's scope, e.g. "NM-4472-A". */
  product: Text(200),
  title: Text(300),
  characteristics: Characteristics,
  note: z.string().trim().max(2000).nullable().optional(),
});
/** A change creates a new version; the characteristics are given in full. */
export const SpecificationUpdate = z.strictObject({
  title: Text(300).optional(),
  characteristics: Characteristics,
  note: z.string().trim().max(2000).nullable().optional(),
});
export const SpecificationListQuery = z.strictObject({ product: z.string().max(200).optional(), includeArchived: z.enum(['true', 'false']).optional() });
export const SpecificationParams = z.strictObject({ id: Id });
export const SpecificationGetQuery = z.strictObject({ version: z.coerce.number().int().positive().optional() });

export const CharacteristicView = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  nominal: z.number().nullable(),
  lsl: z.number().nullable(),
  usl: z.number().nullable(),
  criticality: Criticality,
  method: z.string().nullable(),
});
export const SpecificationView = z.object({
  id: Id,
  organizationId: Id,
  product: z.string(),
  title: z.string(),
  /** The version shown (the current one unless ?version= asked for another). */
  version: z.number(),
  currentVersion: z.number(),
  characteristics: z.array(CharacteristicView),
  note: z.string().nullable(),
  versions: z.array(z.object({ version: z.number(), title: z.string(), note: z.string().nullable(), createdAt: IsoDateTime, createdBy: z.string() })),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  archivedAt: IsoDateTime.nullable(),
});

// ---------------------------------------------------------------------------------------------------------------
// Sample tests

export const SampleTestInput = z
  .strictObject({
    specificationId: Id,
    /** Default: the current version. */
    specificationVersion: z.int().positive().optional(),
    runBy: z.enum(SAMPLE_TEST_RUNNERS),
    lab: z
      .strictObject({
        name: Text(200),
        accreditation: Text(200).nullable().optional(),
        reportNumber: Text(100).nullable().optional(),
      })
      .optional(),
    conditions: z.strictObject({
      /** Test method or standard. */
      method: Text(300),
      location: Text(300).nullable().optional(),
      equipment: z
        .array(z.strictObject({ name: Text(200), identifier: Text(100).nullable().optional(), calibratedAt: IsoDate, calibrationDueAt: IsoDate.nullable().optional() }))
        .min(1)
        .max(20),
      environment: z
        .strictObject({
          temperatureC: z.number().min(-60).max(300).nullable().optional(),
          relativeHumidityPct: z.number().min(0).max(100).nullable().optional(),
          note: Text(500).nullable().optional(),
        })
        .default({}),
    }),
    testedAt: DateOrDateTime,
    /** The lab report (a file of yours, uploaded first); required unless the buyer ran the test itself. */
    reportFileId: Id.nullable().optional(),
    samples: z
      .array(z.strictObject({ sample: Text(50), values: z.record(z.string().max(100), Num) }))
      .min(1)
      .max(500),
    note: z.string().trim().max(5000).nullable().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.runBy === 'third_party_lab' && !t.lab) ctx.addIssue({ code: 'custom', path: ['lab'], message: 'a third-party lab test names its lab' });
  });

export const CharacteristicVerdictView = CharacteristicView.omit({ method: true }).extend({
  n: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  verdict: z.enum(['pass', 'fail', 'not_tested']),
  failedSamples: z.array(z.string()),
});
export const SampleTestView = z.object({
  id: Id,
  engagementId: Id,
  specification: z.object({ id: Id, version: z.number(), product: z.string(), title: z.string() }),
  runBy: z.enum(SAMPLE_TEST_RUNNERS),
  lab: z.object({ name: z.string(), accreditation: z.string().nullable().optional(), reportNumber: z.string().nullable().optional() }).nullable(),
  conditions: z.record(z.string(), z.unknown()),
  testedAt: IsoDateTime,
  samples: z.array(z.object({ sample: z.string(), values: z.record(z.string(), z.number()) })),
  results: z.array(CharacteristicVerdictView),
  verdict: z.enum(['pass', 'fail']),
  evidence: z.object({ id: Id, provenance: z.string(), kind: z.literal('sample_test') }),
  reportFileId: Id.nullable(),
  recordedBy: z.object({ organizationId: Id, userId: Id, displayName: z.string() }),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
});

// ---------------------------------------------------------------------------------------------------------------
// AQL

export const InspectionLevel = z.enum(INSPECTION_LEVELS);
export const Severity = z.enum(SEVERITIES);
export const AqlPlanQuery = z.strictObject({
  lotSize: z.coerce.number().int().min(2).max(100_000_000),
  aql: z.coerce.number().positive(),
  level: InspectionLevel.default('II'),
  severity: Severity.default('normal'),
});
export const AqlPlanView = z.object({
  lotSize: z.number(),
  aql: z.number(),
  level: InspectionLevel,
  severity: Severity,
  codeLetter: z.string(),
  planLetter: z.string(),
  planSampleSize: z.number(),
  sampleSize: z.number(),
  accept: z.number(),
  reject: z.number(),
  hundredPercent: z.boolean(),
  explanation: z.string(),
});

export const DefectClass = Criticality;
export const LotInspectionInput = z.strictObject({
  product: Text(200),
  defectClass: DefectClass,
  lot: Text(100),
  lotSize: z.int().min(2).max(100_000_000),
  inspectionLevel: InspectionLevel.default('II'),
  aql: z.number().positive(),
  /** Nonconforming items found in the sample for this defect class. */
  nonconforming: z.int().min(0),
  inspectedAt: DateOrDateTime.optional(),
  /** A lot resubmitted after rejection: the switching rules ignore it. */
  resubmitted: z.boolean().default(false),
  productionSteady: z.boolean().default(true),
  /** The responsible authority approves reduced inspection once the switching score allows it. */
  authorityApprovesReduced: z.boolean().default(false),
  normalWarranted: z.boolean().default(false),
  /** While sampling is discontinued: the supplier's corrective action was accepted. */
  correctiveActionAccepted: z.boolean().default(false),
  note: z.string().trim().max(2000).nullable().optional(),
});
export const InspectionStatus = z.enum([...SEVERITIES, 'discontinued']);
export const TransitionView = z.object({ from: InspectionStatus, to: InspectionStatus, reason: z.string(), detail: z.string() });
export const LotInspectionView = z.object({
  id: Id,
  engagementId: Id,
  product: z.string(),
  defectClass: DefectClass,
  seq: z.number(),
  lot: z.string(),
  lotSize: z.number(),
  inspectionLevel: InspectionLevel,
  aql: z.number(),
  severity: InspectionStatus,
  plan: z.object({ codeLetter: z.string().nullable(), planLetter: z.string().nullable(), sampleSize: z.number().nullable(), accept: z.number(), reject: z.number(), hundredPercent: z.boolean() }),
  nonconforming: z.number(),
  decision: z.enum(['accepted', 'accepted-normal-reinstated', 'not-accepted']),
  resubmitted: z.boolean(),
  switchingScore: z.number(),
  statusAfter: InspectionStatus,
  transitions: z.array(TransitionView),
  inspectedAt: IsoDateTime,
  recordedBy: z.object({ userId: Id, displayName: z.string() }),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
});
export const LotInspectionQuery = z.strictObject({ product: z.string().max(200).optional(), defectClass: DefectClass.optional() });
export const LotInspectionsResponse = z.object({
  lots: z.array(LotInspectionView),
  /** One switching scheme per product and defect class: the severity now and how it got there. */
  schemes: z.array(
    z.object({
      product: z.string(),
      defectClass: DefectClass,
      status: InspectionStatus,
      switchingScore: z.number(),
      lots: z.number(),
      lastLot: z.string().nullable(),
      history: z.array(TransitionView.extend({ lot: z.string(), seq: z.number(), at: IsoDateTime })),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------------------------
// Imports

export const ImportKind = z.enum(IMPORT_KINDS);
export const ImportFormat = z.enum(['csv', 'jsonl']);
/** How the file writes decimals: "32.012" or "32,012" (no thousands separator either way). */
export const DecimalSeparator = z.enum(DECIMAL_SEPARATORS);
/** Source column per field, e.g. {"lot":"Batch No","value":"Messwert"}. */
export const ColumnMapping = z.record(z.string().max(60), z.string().trim().min(1).max(200)).refine((m) => Object.keys(m).length <= 30, { message: 'at most 30 mapped fields' });
export const ImportQuery = z.strictObject({
  /** csv or jsonl; by default from the content type or the file name. */
  format: ImportFormat.optional(),
  /**
   * A column mapping as JSON, e.g. {"lot":"Batch No","value":"Messwert"}; for a wide batch file (one column per
   * characteristic) "characteristic:<key>" names each characteristic's column.
   */
  mapping: z.string().max(32000).optional(),
  filename: z.string().max(300).optional(),
  /** "." (default) or "," for files with decimal commas ("32,012"); applies to every numeric field. */
  decimalSeparator: DecimalSeparator.optional(),
});
export const ImportView = z.object({
  id: Id,
  engagementId: Id,
  kind: ImportKind,
  format: ImportFormat,
  filename: z.string().nullable(),
  sha256: z.string(),
  bytes: z.number(),
  rows: z.number(),
  status: z.string(),
  mapping: z.record(z.string(), z.string()).nullable(),
  specificationVersions: z.record(z.string(), z.number()),
  summary: z.record(z.string(), z.unknown()),
  /** The decimal separator the file was read with. */
  decimalSeparator: DecimalSeparator,
  importedBy: z.object({ userId: Id, displayName: z.string() }),
  createdAt: IsoDateTime,
  completedAt: IsoDateTime.nullable(),
  /** Set when the supplier withdrew the import: its rows stay in the record but no analysis reads them. */
  withdrawal: z.object({ at: IsoDateTime, by: z.object({ userId: Id, displayName: z.string() }), reason: z.string() }).nullable(),
  /** True when this file had been imported before: nothing was added, this is the earlier import. */
  duplicate: z.boolean(),
});
export const WithdrawImportBody = z.strictObject({
  /** Why, for the buyer and the record (e.g. "wrong product: these are NM-4473 lots"). */
  reason: Text(500),
});
export const ImportIdParams = z.strictObject({ id: Id, importId: Id });
export const ImportRejectedBody = z.object({
  error: z.object({
    code: z.literal('import_rejected'),
    message: z.string(),
    line: z.number(),
    field: z.string().nullable(),
    reason: z.string(),
    /** The decimal separator that would read the refused value, when the file looks written with the other one. */
    suggestedDecimalSeparator: DecimalSeparator.nullable(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// SPC

export const SpcQuery = z.strictObject({
  product: Text(200),
  characteristic: Text(100),
  /** 1 = individuals/moving range; 2…10 = x̄–R over consecutive subgroups. Default: by lot when every lot has the same 2…10 values, else 1. */
  subgroupSize: z.coerce.number().int().min(1).max(10).optional(),
  line: z.string().max(200).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Points drawn at most (the series is decimated above it; signals are kept). */
  maxPoints: z.coerce.number().int().min(50).max(20_000).default(1000),
  /**
   * `all`: every signalled point and run in `signals[].points` and `signals[].ranges`, however many. Default
   * `capped`: each list whole up to 1,000 entries, else its first 1,000 (`signals[].truncated`); `count` is always exact.
   */
  signalPoints: z.enum(['capped', 'all']).default('capped'),
});
/** A Nelson rule that fired and the points it flagged (domain/spc/signal-list.ts). */
const Signal = z.object({
  rule: z.number(),
  description: z.string(),
  /** Indexes of the plotted points completing the rule's pattern, ascending: all of them when `count` ≤ 1,000 or with `signalPoints=all`, else the first 1,000. */
  points: z.array(z.number()),
  /** How many points the rule flagged (all of them, also when `points` lists only the first). */
  count: z.number(),
  /** The flagged points as runs of consecutive indexes, `[first, last]` inclusive, ascending: all of them when `rangeCount` ≤ 1,000 or with `signalPoints=all`, else the first 1,000. */
  ranges: z.array(z.tuple([z.number(), z.number()])),
  rangeCount: z.number(),
  /** `points` or `ranges` lists only the first 1,000 entries (ask with `signalPoints=all` for every one). */
  truncated: z.boolean(),
});
/** The capability verdict: Cpk bands, but "not_in_control" (capability not meaningful) when Nelson signals say the process is not in statistical control (src/domain/spc/verdict.ts decides which count). */
export const CapabilityVerdictView = z.object({
  status: z.enum(['capable', 'marginal', 'not_capable', 'not_in_control', 'not_computable']),
  inControl: z.boolean(),
  /** Rules that fired on the most recent plotted points. */
  recentRules: z.array(z.number()),
  recentPoints: z.number(),
  /** Points beyond 3σ (rule 1) over the analysed window, and the window's plotted points. */
  rule1Points: z.number(),
  points: z.number(),
});
export const SpcView = z.object({
  product: z.string(),
  characteristic: CharacteristicView,
  specification: z.object({ id: Id, version: z.number() }),
  filters: z.object({ line: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable() }),
  /** Set when more values match than one analysis takes: only the most recent `limit`, produced from `from`. */
  window: z.object({ limit: z.number(), from: z.string() }).nullable(),
  n: z.number(),
  lots: z.number(),
  subgrouping: z.object({ size: z.number(), by: z.enum(['none', 'lot', 'consecutive']), dropped: z.number() }),
  mean: z.number(),
  stdevWithin: z.number(),
  stdevOverall: z.number(),
  cp: z.number().nullable(),
  cpk: z.number().nullable(),
  pp: z.number().nullable(),
  ppk: z.number().nullable(),
  chart: z.object({
    type: z.enum(['individuals', 'xbar-r']),
    center: z.number(),
    lcl: z.number(),
    ucl: z.number(),
    /** Zone lines for the Nelson rules: center ± 1σ and ± 2σ of the plotted statistic. */
    sigma: z.number(),
    totalPoints: z.number(),
    decimated: z.boolean(),
    points: z.array(z.object({ index: z.number(), value: z.number(), lot: z.string(), producedAt: z.string(), line: z.string().nullable(), rules: z.array(z.number()) })),
    range: z.object({ center: z.number(), lcl: z.number(), ucl: z.number(), points: z.array(z.object({ index: z.number(), value: z.number() })) }),
  }),
  signals: z.array(Signal),
  capability: CapabilityVerdictView,
  histogram: z.object({
    bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
    binWidth: z.number(),
    min: z.number(),
    max: z.number(),
    lsl: z.number().nullable(),
    usl: z.number().nullable(),
    nominal: z.number().nullable(),
    belowLsl: z.number(),
    aboveUsl: z.number(),
  }),
  explanation: z.string(),
});
export const SpcCharacteristicsView = z.array(
  z.object({
    product: z.string(),
    specificationId: Id,
    characteristic: CharacteristicView,
    n: z.number(),
    lots: z.number(),
    firstProducedAt: z.string().nullable(),
    lastProducedAt: z.string().nullable(),
    cpk: z.number().nullable(),
    ppk: z.number().nullable(),
    signals: z.number(),
    /** Null without enough values to analyse. */
    capability: CapabilityVerdictView.nullable(),
    lines: z.array(z.string()),
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// Capacity

export const CapacityView = z.object({
  tolerance: z.number(),
  policy: z.object({ key: z.string(), version: z.number() }),
  logs: z.number(),
  lines: z.array(
    z.object({
      site: z.string(),
      line: z.string(),
      claim: z
        .object({ id: Id, title: z.string(), productLine: z.string().nullable(), value: z.number().nullable(), period: z.string().nullable(), statedLimit: z.number().nullable(), status: z.string() })
        .nullable(),
      demonstrated: z
        .object({
          /** Per `period`: the claim's own (month when there is no claim). */
          value: z.number(),
          period: z.enum(CAPACITY_PERIODS),
          ratePerPlannedHour: z.number(),
          plannedHoursPerPeriod: z.number(),
          plannedHoursPerMonth: z.number(),
          percentile: z.number(),
          logs: z.number(),
          method: z.string(),
        })
        .nullable(),
      comparison: z
        .object({ status: z.enum(['supported', 'contradicted']), ratio: z.number(), threshold: z.number(), explanation: z.string() })
        .nullable(),
      /** Why there is no comparison (no claim for the line, a claim per week without working days, …). */
      note: z.string().nullable(),
      /** The same as a code: no_claim, no_value, no_rate (no log with planned time), not_comparable. */
      noteCode: z.enum(['no_claim', 'no_value', 'no_rate', 'not_comparable']).nullable(),
      evidenceId: Id.nullable(),
      byMonth: z.array(
        z.object({
          period: z.string(),
          goodOutput: z.number(),
          scrap: z.number(),
          plannedHours: z.number(),
          downtimeHours: z.number(),
          utilisation: z.number().nullable(),
          yield: z.number().nullable(),
          claimed: z.number().nullable(),
          demonstrated: z.number().nullable(),
        }),
      ),
    }),
  ),
});
