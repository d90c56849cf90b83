// SPC over the engagement's batch records and verified capacity from its production logs, shaped for charts.
//
// Capacity: the production logs of each capacity claim (matched by product line, see matchLineToClaim) give a
// demonstrated capacity (the domain's method: 90th percentile of good output per planned hour × planned hours per
// month), held against the claim at the engagement policy's tolerance. Each production-log import records the
// result as evidence: a `production_log` item with provenance `observed` ("measured from records over time"),
// recorded for the engagement's buyer — the verifying party — with the demonstrated value as the link's
// observedValue, so the claim's status follows through the ordinary claim logic. The previous such item for the
// claim is withdrawn from the engagement at the same time (it stays in the record).
import type { z } from 'zod';
import type { CapacityView, SpcCharacteristicsView, SpcQuery, SpcView } from '../../contracts/quality.js';
import { findPolicyById, type EngagementRow } from '../../db/repositories/engagements.js';
import { insertEvidence, insertEvidenceLinks, listEngagementEvidence, withdrawEvidenceFromEngagement, type EvidenceRow } from '../../db/repositories/evidence.js';
import type { DialectName } from '../../db/connection.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { listClaims, listSites, type ClaimRow } from '../../db/repositories/profile.js';
import { measurementOverview, measurementSeries, productionLogChunks } from '../../db/repositories/quality-imports.js';
import {
  CapacityInputError,
  compareToClaim,
  comparisonBasis,
  demonstratedCapacity,
  type CapacityPeriod,
  type ClaimPeriod,
  type ClaimComparison,
  type DemonstratedCapacity,
  type ProductionLogRow,
} from '../../domain/capacity/index.js';
import type { OrganizationKind } from '../../domain/model.js';
import { histogram, matchLineToClaim } from '../../domain/quality/index.js';
import { chartIndices } from '../../domain/spc/decimate.js';
import { assessClaims } from '../../domain/readiness/index.js';
import { capabilityVerdict, RECENT_POINTS, SIGNAL_LIST_LIMIT, signalList, type CapabilityVerdict } from '../../domain/spc/index.js';
import { recordAudit } from '../shared/audit.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { loadEngagement } from '../engagements/access.js';
import { AppError } from '../shared/errors.js';
import { loadEvidenceDetails, readinessClaim, readinessEvidence } from '../engagements/evidence-mapping.js';
import { newId, nowIso } from '../shared/ids.js';
import { policyDocument } from '../engagements/policies.js';
import { analyzeSeries, findCharacteristic, NELSON_RULES, recentCapability, specificationsForEngagement } from './data.js';
import * as clock from '../../clock.js';
import { shareAndLog } from '../record/hooks.js';

// ---------------------------------------------------------------------------------------------------------------
// SPC

function round(n: number | null, digits = 4): number | null {
  return n === null ? null : Number(n.toFixed(digits));
}

export async function spcAnalysis(ctx: ServiceContext, actor: Actor, engagementId: string, q: z.infer<typeof SpcQuery>): Promise<z.infer<typeof SpcView>> {
  const e = await loadEngagement(ctx, actor, engagementId);
  const db = ctx.handle.db;
  const { spec, c } = findCharacteristic(await specificationsForEngagement(db, e), q.product, q.characteristic);
  const points = await measurementSeries(db, {
    engagementId: e.id,
    supplierOrganizationId: e.supplier_organization_id,
    product: spec.product,
    characteristic: c.key,
    line: q.line,
    from: q.from,
    to: q.to ? `${q.to}T23:59:59.999Z` : undefined,
    // One more than the cap: whether older values were left out.
    last: ctx.config.maxSpcValues + 1,
  });
  const window = points.length > ctx.config.maxSpcValues ? { limit: ctx.config.maxSpcValues, from: points[1]!.produced_at } : null;
  if (window) points.shift();
  if (points.length < 2) {
    throw new AppError(422, 'insufficient_data', `${points.length} value${points.length === 1 ? '' : 's'} of ${c.key} for ${spec.product}${q.line ? ` on ${q.line}` : ''}; SPC needs at least 2`, [
      { path: 'characteristic', message: 'not enough batch data' },
    ]);
  }
  const values = Float64Array.from(points, (p) => p.value);
  const lots = points.map((p) => p.lot);
  const { result, k, by, dropped } = analyzeSeries(values, lots, c, q.subgroupSize);
  const plotted = result.chart.points!;
  const ranges = result.chart.rangeChart.points!;
  // At most maxPoints points: each bucket's lowest and highest, the ends, and every signalled point (each rule in
  // every bucket where it fired when they do not all fit) — domain/spc/decimate.ts.
  const shown = chartIndices(plotted, result.signals, q.maxPoints).indices;
  const rulesAt = rulesOfShown(shown, result.signals);
  // A plotted point i is value i (individuals) or subgroup i, whose first value is i·k.
  const source = (i: number) => points[i * k]!;
  const sigma = (result.chart.ucl - result.chart.center) / 3;
  const hist = histogram(values.subarray(0, result.n), { lsl: c.lsl, usl: c.usl });
  const lotCount = new Set(lots).size;
  const cap = (name: string, v: number | null) => (v === null ? `${name} n/a` : `${name} ${v.toFixed(2)}`);
  const fired = result.signals.map((s) => `rule ${s.rule} (${s.points.length})`).join(', ');
  const verdict = capabilityVerdict(result.cpk, result.signals, plotted.length);
  return {
    product: spec.product,
    characteristic: c,
    specification: { id: spec.specificationId, version: spec.version },
    filters: { line: q.line ?? null, from: q.from ?? null, to: q.to ?? null },
    window,
    n: result.n,
    lots: lotCount,
    subgrouping: { size: k, by, dropped },
    mean: result.mean,
    stdevWithin: result.stdevWithin,
    stdevOverall: result.stdevOverall,
    cp: result.cp,
    cpk: result.cpk,
    pp: result.pp,
    ppk: result.ppk,
    chart: {
      type: result.chart.type,
      center: result.chart.center,
      lcl: result.chart.lcl,
      ucl: result.chart.ucl,
      sigma,
      totalPoints: plotted.length,
      decimated: shown.length < plotted.length,
      points: shown.map((i, j) => ({ index: i, value: plotted[i]!, lot: source(i).lot, producedAt: source(i).produced_at, line: source(i).line, rules: rulesAt[j]! })),
      range: {
        center: result.chart.rangeChart.center,
        lcl: result.chart.rangeChart.lcl,
        ucl: result.chart.rangeChart.ucl,
        // Moving range i−1 belongs to point i; a subgroup range to its subgroup.
        points: shown
          .map((i) => ({ index: i, value: k === 1 ? ranges[i - 1] : ranges[i] }))
          .filter((p): p is { index: number; value: number } => p.value !== undefined),
      },
    },
    // Each signal's count and runs, its points listed whole up to SIGNAL_LIST_LIMIT (domain/spc/signal-list.ts).
    signals: result.signals.map((s) => ({ rule: s.rule, description: NELSON_RULES[s.rule] ?? '', ...signalList(s.points, q.signalPoints === 'all' ? Infinity : SIGNAL_LIST_LIMIT) })),
    capability: verdictView(verdict),
    histogram: { bins: hist.bins, binWidth: hist.binWidth, min: hist.min, max: hist.max, lsl: c.lsl, usl: c.usl, nominal: c.nominal, belowLsl: hist.belowLsl, aboveUsl: hist.aboveUsl },
    explanation:
      `${result.n} values of ${c.name} (${c.unit}) from ${lotCount} lots, ` +
      (k === 1 ? 'individuals and moving-range chart' : `x̄–R chart over subgroups of ${k}${by === 'lot' ? ' (one per lot)' : ''}`) +
      `; σ within ${round(result.stdevWithin, 6)}, overall ${round(result.stdevOverall, 6)}; ${cap('Cp', result.cp)}, ${cap('Cpk', result.cpk)}, ${cap('Pp', result.pp)}, ${cap('Ppk', result.ppk)}` +
      (c.lsl === null || c.usl === null ? ' (one-sided specification: Cp and Pp need both limits)' : '') +
      `. ${result.signals.length ? `Nelson rules fired: ${fired}.` : 'No Nelson rule fired.'}` +
      (verdict.inControl ? '' : ' Not in statistical control: capability not meaningful.'),
  };
}

/**
 * The rules that flagged each drawn point (`shown` ascending, each signal's points ascending): one walk along each
 * signal, so a million signalled points cost one pass, not a map of them.
 */
function rulesOfShown(shown: readonly number[], signals: readonly { rule: number; points: readonly number[] }[]): number[][] {
  const out: number[][] = shown.map(() => []);
  for (const s of signals) {
    let k = 0;
    for (let j = 0; j < shown.length && k < s.points.length; j++) {
      const i = shown[j]!;
      while (k < s.points.length && s.points[k]! < i) k++;
      if (s.points[k] === i) out[j]!.push(s.rule);
    }
  }
  return out;
}

function verdictView(v: CapabilityVerdict) {
  return { status: v.status, inControl: v.inControl, recentRules: v.recentRules, recentPoints: RECENT_POINTS, rule1Points: v.rule1Points, points: v.points };
}

export async function spcCharacteristics(ctx: ServiceContext, actor: Actor, engagementId: string): Promise<z.infer<typeof SpcCharacteristicsView>> {
  const e = await loadEngagement(ctx, actor, engagementId);
  const db = ctx.handle.db;
  const specs = await specificationsForEngagement(db, e);
  const overview = await measurementOverview(db, e.id, e.supplier_organization_id);
  const out: z.infer<typeof SpcCharacteristicsView> = [];
  for (const spec of specs) {
    for (const c of spec.characteristics) {
      const o = overview.find((x) => x.product === spec.product && x.characteristic === c.key);
      const recent = o && o.n >= 4 ? await recentCapability(db, e, spec, c) : null;
      out.push({
        product: spec.product,
        specificationId: spec.specificationId,
        characteristic: c,
        n: o?.n ?? 0,
        lots: o?.lots ?? 0,
        firstProducedAt: o?.firstAt ?? null,
        lastProducedAt: o?.lastAt ?? null,
        cpk: recent?.result.cpk ?? null,
        ppk: recent?.result.ppk ?? null,
        signals: recent?.result.signals.length ?? 0,
        capability: recent ? verdictView(capabilityVerdict(recent.result.cpk, recent.result.signals, recent.result.chart.points!.length)) : null,
        lines: o?.lines ?? [],
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Capacity

interface CapacityGroup {
  key: string;
  sites: Set<string>;
  lines: Set<string>;
  claim: ClaimRow | null;
  logs: ProductionLogRow[];
}

interface CapacityLine {
  group: CapacityGroup;
  demonstrated: DemonstratedCapacity | null;
  comparison: ClaimComparison | null;
  /** Claim period ÷ comparison basis: 3 for a claim per quarter compared per month, 12 per year, else 1. */
  factor: number;
  note: string | null;
  /** Why there is no comparison, as a code the web app words in the reader's language. */
  noteCode: CapacityNoteCode | null;
}

export type CapacityNoteCode = 'no_claim' | 'no_value' | 'no_rate' | 'not_comparable';

async function computeCapacity(db: Executor, dialect: DialectName, e: EngagementRow, opts: { yieldBetweenChunks?: boolean } = {}) {
  const policyRow = (await findPolicyById(db, e.policy_id))!;
  const policy = policyDocument(policyRow);
  const tolerance = policy.claimTolerance.capacity;
  const claims = (await listClaims(db, e.supplier_organization_id)).filter((c) => c.type === 'capacity');
  const sites = await listSites(db, e.supplier_organization_id);
  const matching = claims.map((c) => ({ id: c.id, productLine: c.product_line, siteName: sites.find((s) => s.id === c.site_id)?.name ?? null }));
  // Production months are the plant's local months.
  const timeZone = sites[0]?.time_zone;
  const groups = new Map<string, CapacityGroup>();
  let logs = 0;
  for await (const chunk of productionLogChunks(db, dialect, e.id, e.supplier_organization_id)) {
    logs += chunk.length;
    // Inside an import's transaction (its own connection), the event loop turns between chunks: half a million logs
    // take seconds, and the server's other requests must not wait for them. Only inside a transaction: a read
    // outside one is grouped with the others of its turn (db/statement-cache.ts) and ends when the loop turns.
    if (opts.yieldBetweenChunks) await new Promise((resolve) => setImmediate(resolve));
    for (const l of chunk) {
      const claimId = matchLineToClaim(l.site, l.line, matching);
      const key = claimId ?? `line:${l.site}\u0000${l.line}`;
      let g = groups.get(key);
      if (!g) {
        g = { key, sites: new Set(), lines: new Set(), claim: claims.find((c) => c.id === claimId) ?? null, logs: [] };
        groups.set(key, g);
      }
      g.sites.add(l.site);
      g.lines.add(l.line);
      g.logs.push({
        site: l.site,
        line: l.line,
        periodStart: new Date(l.period_start),
        periodEnd: new Date(l.period_end),
        plannedMinutes: l.planned_minutes,
        downtimeMinutes: l.downtime_minutes,
        goodOutput: l.good_output,
        scrap: l.scrap,
      });
    }
  }
  const lines: CapacityLine[] = [];
  for (const g of groups.values()) {
    if (opts.yieldBetweenChunks) await new Promise((resolve) => setImmediate(resolve));
    let demonstrated: DemonstratedCapacity | null = null;
    let comparison: ClaimComparison | null = null;
    let note: string | null = null;
    let noteCode: CapacityNoteCode | null = null;
    // On the claim's own basis: a claim per week is held against the demonstrated capacity per week; one per
    // quarter or year per month (comparisonBasis).
    const basis = comparisonBasis((g.claim?.period ?? 'month') as ClaimPeriod);
    try {
      demonstrated = demonstratedCapacity(g.logs, { claimPeriod: basis.period, ...(timeZone ? { timeZone } : {}) });
    } catch (err) {
      if (!(err instanceof CapacityInputError)) throw err;
      note = err.message;
      noteCode = 'no_rate';
    }
    if (demonstrated && !g.claim) {
      note = `no capacity claim of the supplier names the product line "${[...g.lines].join(', ')}"`;
      noteCode = 'no_claim';
    } else if (demonstrated && g.claim) {
      if (g.claim.value == null || g.claim.value <= 0) {
        note = 'the claim states no capacity value';
        noteCode = 'no_value';
      } else {
        const workingDays = Number(JSON.parse(g.claim.attributes).workingDaysPerPeriod ?? NaN);
        try {
          comparison = compareToClaim({
            claimed: { value: g.claim.value / basis.factor, period: demonstrated.claimPeriod, ...(Number.isFinite(workingDays) ? { workingDaysPerPeriod: workingDays } : {}) },
            observed: { value: demonstrated.value, period: demonstrated.claimPeriod, ...(Number.isFinite(workingDays) ? { workingDaysPerPeriod: workingDays } : {}) },
            tolerance,
          });
        } catch (err) {
          if (!(err instanceof CapacityInputError)) throw err;
          note = `cannot compare with the claim per ${g.claim.period}: ${err.message}`;
          noteCode = 'not_comparable';
        }
      }
    }
    lines.push({ group: g, demonstrated, comparison, factor: basis.factor, note, noteCode });
  }
  return { tolerance, policy: { key: policyRow.key, version: policyRow.version }, logs, lines };
}

/** A demonstrated capacity this module derived (for the claim, when given). */
function isDerivedCapacity(r: EvidenceRow, claimId?: string): boolean {
  if (r.kind !== 'production_log' || r.provenance !== 'observed') return false;
  const a = JSON.parse(r.attributes) as Record<string, string>;
  return a.derivedFrom === 'production_logs' && (claimId === undefined || a.claimId === claimId);
}

const PER: Record<CapacityPeriod, string> = { day: 'per production day', week: 'per week', month: 'per month' };

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * Recomputes the demonstrated capacity of every claimed product line from the engagement's production logs and
 * records it as observed evidence linked to the claim (replacing the previous one). Runs inside the transaction of
 * the import or withdrawal that changed the logs.
 */
export async function refreshDemonstratedCapacity(trx: Executor, dialect: DialectName, actor: Actor, e: EngagementRow) {
  const cap = await computeCapacity(trx, dialect, e, { yieldBetweenChunks: true });
  // Every earlier derivation goes, also for a claim that has no logs left (its import was withdrawn): a claim
  // keeps a demonstrated capacity only while logs show one.
  const withdrawnAt = nowIso();
  for (const old of await listEngagementEvidence(trx, e.id)) {
    if (isDerivedCapacity(old)) await withdrawEvidenceFromEngagement(trx, e.id, old.id, withdrawnAt);
  }
  const out: { claimId: string; line: string; demonstrated: number; claimed: number; ratio: number; status: string; evidenceId: string }[] = [];
  for (const l of cap.lines) {
    const claim = l.group.claim;
    if (!claim || !l.demonstrated || !l.comparison) continue;
    const at = nowIso();
    const d = l.demonstrated;
    const c = l.comparison;
    const periods = d.byPeriod.map((p) => p.period);
    const row: EvidenceRow = {
      id: newId(),
      organization_id: e.buyer_organization_id,
      subject_organization_id: e.supplier_organization_id,
      kind: 'production_log',
      provenance: 'observed',
      title: `Demonstrated capacity, ${claim.product_line ?? [...l.group.lines].join(', ')}: ${fmt(d.value)} ${PER[d.claimPeriod]} from production logs (${Math.round(c.ratio * 100)} % of the claimed ${fmt(claim.value!)}${l.factor === 1 ? '' : ` per ${claim.period}`})`,
      description: `${d.method} ${c.explanation}`,
      issuer: 'Bonafide, computed from the supplier’s production logs',
      title_key: 'demonstrated_capacity',
      title_params: JSON.stringify({
        line: claim.product_line ?? [...l.group.lines].join(', '),
        value: Math.round(d.value),
        period: d.claimPeriod,
        percent: Math.round(c.ratio * 100),
        claimed: claim.value!,
      }),
      issued_at: at,
      valid_from: null,
      valid_to: null,
      attributes: JSON.stringify({
        derivedFrom: 'production_logs',
        claimId: claim.id,
        line: [...l.group.lines].join(', '),
        site: [...l.group.sites].join(', '),
        demonstrated: String(d.value),
        period: d.claimPeriod,
        ratio: c.ratio.toFixed(4),
        tolerance: String(cap.tolerance),
        status: c.status,
        logs: String(d.logCount),
        from: periods[0] ?? '',
        to: periods[periods.length - 1] ?? '',
        // The computation's inputs, so its detail view shows how the number came about.
        claimed: String(claim.value),
        percentile: String(d.percentile),
        ratePerPlannedHour: String(d.ratePerPlannedHour),
        plannedHoursPerPeriod: String(d.plannedHoursPerPeriod),
        plannedHoursSource: d.plannedHoursSource,
        ratedLogs: String(d.ratedLogCount),
      }),
      recorded_by: actor.userId,
      created_at: at,
    };
    await insertEvidence(trx, row);
    await insertEvidenceLinks(trx, [
      // On the claim's own period, as the claim logic compares it.
      { evidence_id: row.id, claim_id: claim.id, effect: c.status === 'supported' ? 'supports' : 'contradicts', observed_value: c.observed * l.factor, note: c.explanation },
    ]);
    await shareAndLog(trx, { engagement_id: e.id, evidence_id: row.id, shared_by_organization_id: e.buyer_organization_id, shared_by: actor.userId, shared_at: at });
    // The buyer's log shows the measurement made on its behalf; the supplier's log has the import that caused it.
    await recordAudit(trx, { organizationId: e.buyer_organization_id, userId: null }, 'evidence.derived', 'evidence', row.id, {
      engagementId: e.id,
      claimId: claim.id,
      demonstrated: d.value,
      status: c.status,
      triggeredBy: actor.userId,
    });
    out.push({ claimId: claim.id, line: [...l.group.lines].join(', '), demonstrated: d.value, claimed: claim.value!, ratio: c.ratio, status: c.status, evidenceId: row.id });
  }
  return out;
}

export async function capacityView(ctx: ServiceContext, actor: Actor, engagementId: string): Promise<z.infer<typeof CapacityView>> {
  const e = await loadEngagement(ctx, actor, engagementId);
  const db = ctx.handle.db;
  const cap = await computeCapacity(db, ctx.handle.dialect, e);
  // Claim status as the engagement's readiness judges it (all the evidence shared into it).
  const evidenceRows = await listEngagementEvidence(db, e.id);
  const details = await loadEvidenceDetails(db, evidenceRows.map((r) => r.id));
  const kinds = new Map<string, OrganizationKind>();
  for (const r of evidenceRows) if (!kinds.has(r.organization_id)) kinds.set(r.organization_id, ((await findOrganization(db, r.organization_id))?.kind ?? 'supplier') as OrganizationKind);
  const evidence = evidenceRows.map((r) => readinessEvidence(r, details, kinds.get(r.organization_id) ?? null, r.shared_at));
  const claims = cap.lines.map((l) => l.group.claim).filter((c): c is ClaimRow => c !== null);
  const assessed = assessClaims(claims.map(readinessClaim), evidence, { now: clock.now(), capacityTolerance: cap.tolerance });
  return {
    tolerance: cap.tolerance,
    policy: cap.policy,
    logs: cap.logs,
    lines: cap.lines.map((l) => {
      const claim = l.group.claim;
      const d = l.demonstrated;
      const months = new Map<string, { goodOutput: number; scrap: number; plannedHours: number; downtimeHours: number }>();
      for (const p of d?.byPeriod ?? []) {
        const m = months.get(p.period) ?? { goodOutput: 0, scrap: 0, plannedHours: 0, downtimeHours: 0 };
        m.goodOutput += p.goodOutput;
        m.scrap += p.scrap;
        m.plannedHours += p.plannedHours;
        m.downtimeHours += p.downtimeHours;
        months.set(p.period, m);
      }
      // The series is on the comparison basis (per week for a weekly claim, per month for a quarterly one).
      const claimed = claim && claim.value != null ? claim.value / l.factor : null;
      const current = evidenceRows.find((r) => claim && isDerivedCapacity(r, claim.id));
      return {
        site: [...l.group.sites].join(', '),
        line: [...l.group.lines].join(', '),
        claim: claim
          ? {
              id: claim.id,
              title: claim.title,
              productLine: claim.product_line,
              value: claim.value,
              period: claim.period,
              statedLimit: claim.stated_limit,
              status: assessed.find((a) => a.claimId === claim.id)?.status ?? 'unverified',
            }
          : null,
        demonstrated: d
          ? {
              value: d.value,
              period: d.claimPeriod,
              ratePerPlannedHour: d.ratePerPlannedHour,
              plannedHoursPerPeriod: d.plannedHoursPerPeriod,
              plannedHoursPerMonth: d.plannedHoursPerMonth ?? 0,
              percentile: d.percentile,
              logs: d.logCount,
              method: d.method,
            }
          : null,
        comparison: l.comparison ? { status: l.comparison.status, ratio: l.comparison.ratio, threshold: l.comparison.threshold, explanation: l.comparison.explanation } : null,
        note: l.note,
        noteCode: l.noteCode,
        evidenceId: current?.id ?? null,
        byMonth: (d?.series ?? []).map((s) => {
          const m = months.get(s.period);
          return {
            period: s.period,
            goodOutput: m?.goodOutput ?? 0,
            scrap: m?.scrap ?? 0,
            plannedHours: Number((m?.plannedHours ?? 0).toFixed(2)),
            downtimeHours: Number((m?.downtimeHours ?? 0).toFixed(2)),
            utilisation: m && m.plannedHours > 0 ? Number(((m.plannedHours - m.downtimeHours) / m.plannedHours).toFixed(4)) : null,
            yield: m && m.goodOutput + m.scrap > 0 ? Number((m.goodOutput / (m.goodOutput + m.scrap)).toFixed(4)) : null,
            claimed,
            demonstrated: s.demonstrated,
          };
        }),
      };
    }),
  };
}
