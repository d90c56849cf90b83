import { describe, expect, it } from 'vitest';
import { AqlInputError } from './sampling.js';
import {
  initialInspectionState,
  lotDecision,
  nextInspectionState,
  replayInspectionHistory,
  stepInspection,
  tighterAcceptanceNumber,
  type InspectionState,
  type LotResult,
} from './switching.js';

// Sources: standards.md §1.6 (aqlrule.com/manual/switch.html; MIL-STD-105E §4.7–4.8 via altius-chinaservices.cn;
// sqconline.com ISO 2859-1 switching chart) and ISO 2859-1:1999 §9.3.3.2 for the switching score increments.

/** A lot on a 2/3 plan (e.g. J @ 1.0 normal, 80: 2/3). */
const ok = (d = 0, extra: Partial<LotResult> = {}): LotResult => ({ nonconforming: d, accept: 2, reject: 3, ...extra });
const bad = (extra: Partial<LotResult> = {}): LotResult => ({ nonconforming: 3, accept: 2, reject: 3, ...extra });

function run(lots: LotResult[], start: InspectionState = initialInspectionState()) {
  const statuses: string[] = [];
  let state = start;
  for (const lot of lots) {
    state = nextInspectionState(state, lot);
    statuses.push(state.status);
  }
  return { state, statuses };
}

describe('lotDecision', () => {
  it.each([
    { d: 0, ac: 0, re: 1, want: 'accepted' },
    { d: 1, ac: 0, re: 1, want: 'not-accepted' },
    { d: 2, ac: 2, re: 3, want: 'accepted' },
    { d: 3, ac: 2, re: 3, want: 'not-accepted' },
    // Reduced gap plan 1/3 (Table II-C): d = 2 accepts the lot but reinstates normal (MIL-STD-105E §4.7.4 b).
    { d: 1, ac: 1, re: 3, want: 'accepted' },
    { d: 2, ac: 1, re: 3, want: 'accepted-normal-reinstated' },
    { d: 3, ac: 1, re: 3, want: 'not-accepted' },
  ])('$d nonconforming on $ac/$re → $want', ({ d, ac, re, want }) => {
    expect(lotDecision(d, ac, re)).toBe(want);
  });

  it.each([
    { d: -1, ac: 0, re: 1, field: 'nonconforming' },
    { d: 1.5, ac: 0, re: 1, field: 'nonconforming' },
    { d: 0, ac: 2, re: 2, field: 'plan' },
    { d: 0, ac: -1, re: 1, field: 'plan' },
  ])('rejects $d on $ac/$re ($field)', ({ d, ac, re, field }) => {
    expect(() => lotDecision(d, ac, re)).toThrow(AqlInputError);
    try {
      lotDecision(d, ac, re);
    } catch (e) {
      expect((e as AqlInputError).field).toBe(field);
    }
  });
});

describe('normal → tightened: 2 of 5 or fewer consecutive lots not accepted (standards.md §1.6)', () => {
  it.each([
    { name: 'two in a row', lots: [bad(), bad()], statuses: ['normal', 'tightened'] },
    { name: '2 of 3', lots: [bad(), ok(), bad()], statuses: ['normal', 'normal', 'tightened'] },
    {
      name: '2 of 5 (rejections 4 lots apart)',
      lots: [ok(), bad(), ok(), ok(), ok(), bad()],
      statuses: ['normal', 'normal', 'normal', 'normal', 'normal', 'tightened'],
    },
    {
      name: 'rejections 5 lots apart are 2 of 6: no switch',
      lots: [bad(), ok(), ok(), ok(), ok(), bad()],
      statuses: ['normal', 'normal', 'normal', 'normal', 'normal', 'normal'],
    },
    {
      name: 'resubmitted lots are ignored',
      lots: [bad(), bad({ resubmitted: true }), ok()],
      statuses: ['normal', 'normal', 'normal'],
    },
  ])('$name', ({ lots, statuses }) => {
    expect(run(lots).statuses).toEqual(statuses);
  });

  it('reports the reason', () => {
    const s1 = stepInspection(initialInspectionState(), bad());
    const s2 = stepInspection(s1.state, bad());
    expect(s2.transitions).toEqual([
      expect.objectContaining({ from: 'normal', to: 'tightened', reason: 'two-of-five-not-accepted' }),
    ]);
    expect(s2.inspectedUnder).toBe('normal');
  });
});

describe('tightened → normal after 5 consecutive accepted; discontinue after 5 not accepted (standards.md §1.6)', () => {
  const tightened = initialInspectionState('tightened');

  it('5 consecutive accepted lots return to normal', () => {
    expect(run([ok(), ok(), ok(), ok(), ok()], tightened).statuses).toEqual([
      'tightened',
      'tightened',
      'tightened',
      'tightened',
      'normal',
    ]);
  });

  it('a rejection restarts the count of consecutive accepted lots', () => {
    const { statuses } = run([ok(), ok(), ok(), ok(), bad(), ok(), ok(), ok(), ok(), ok()], tightened);
    expect(statuses.indexOf('normal')).toBe(9);
  });

  it('the 5th lot not accepted on tightened (cumulative) discontinues inspection', () => {
    const { statuses, state } = run([bad(), ok(), bad(), ok(), bad(), ok(), bad(), bad()], tightened);
    expect(statuses).toEqual([
      'tightened',
      'tightened',
      'tightened',
      'tightened',
      'tightened',
      'tightened',
      'tightened',
      'discontinued',
    ]);
    expect(state.tightenedNotAccepted).toBe(5);
  });

  it('while discontinued lots do not change the state; corrective action resumes on tightened', () => {
    const { state: stopped } = run([bad(), bad(), bad(), bad(), bad()], tightened);
    expect(stopped.status).toBe('discontinued');
    const ignored = stepInspection(stopped, ok());
    expect(ignored.inspectedUnder).toBe('discontinued');
    expect(ignored.state).toBe(stopped);
    const resumed = stepInspection(stopped, ok(0, { correctiveActionAccepted: true }));
    expect(resumed.inspectedUnder).toBe('tightened');
    expect(resumed.state).toMatchObject({ status: 'tightened', tightenedAcceptedRun: 1, tightenedNotAccepted: 0 });
    expect(resumed.transitions[0]).toMatchObject({ from: 'discontinued', to: 'tightened' });
  });
});

describe('switching score, ISO 2859-1:1999 §9.3.3.2 (standards.md §1.6)', () => {
  it.each([
    { ac: 2, want: 1 },
    { ac: 3, want: 2 },
    { ac: 5, want: 3 },
    { ac: 7, want: 5 },
    { ac: 10, want: 7 },
    { ac: 14, want: 10 },
    { ac: 21, want: 14 },
    { ac: 30, want: 21 },
    { ac: 44, want: 30 },
  ])('one AQL step tighter than Ac $ac in the same Table II-A row is Ac $want', ({ ac, want }) => {
    expect(tighterAcceptanceNumber(ac)).toBe(want);
  });

  it.each([
    // Ac ≥ 2 (plan 5/6, tighter Ac 3): +3 when d ≤ 3, reset when accepted with d 4–5, reset when rejected.
    { name: 'Ac 5, d 3 → +3', lot: { nonconforming: 3, accept: 5, reject: 6 }, from: 6, to: 9 },
    { name: 'Ac 5, d 4 → accepted but reset', lot: { nonconforming: 4, accept: 5, reject: 6 }, from: 6, to: 0 },
    { name: 'Ac 2, d 1 → +3', lot: { nonconforming: 1, accept: 2, reject: 3 }, from: 0, to: 3 },
    { name: 'Ac 2, d 2 → reset', lot: { nonconforming: 2, accept: 2, reject: 3 }, from: 27, to: 0 },
    // Ac 0 or 1: +2 when accepted, reset otherwise.
    { name: 'Ac 1, d 1 → +2', lot: { nonconforming: 1, accept: 1, reject: 2 }, from: 4, to: 6 },
    { name: 'Ac 0, d 0 → +2', lot: { nonconforming: 0, accept: 0, reject: 1 }, from: 0, to: 2 },
    { name: 'Ac 0, d 1 → reset', lot: { nonconforming: 1, accept: 0, reject: 1 }, from: 8, to: 0 },
  ])('$name', ({ lot, from, to }) => {
    const state = { ...initialInspectionState(), switchingScore: from };
    expect(nextInspectionState(state, lot).switchingScore).toBe(to);
  });

  it('normal → reduced once the score reaches 30 with steady production and approval', () => {
    // Ten lots on a 2/3 plan with at most 1 nonconforming: +3 each → 30 at the 10th lot.
    const approve = { authorityApprovesReduced: true };
    const { statuses } = run(Array.from({ length: 10 }, () => ok(1, approve)));
    expect(statuses.slice(0, 9).every((s) => s === 'normal')).toBe(true);
    expect(statuses[9]).toBe('reduced');
  });

  it('Ac 0/1 plans need 15 accepted lots (+2 each)', () => {
    const lot: LotResult = { nonconforming: 0, accept: 0, reject: 1, authorityApprovesReduced: true };
    const { statuses } = run(Array.from({ length: 15 }, () => lot));
    expect(statuses.indexOf('reduced')).toBe(14);
  });

  it.each([
    { name: 'without the authority approval', extra: {} },
    { name: 'when production is not steady', extra: { authorityApprovesReduced: true, productionSteady: false } },
  ])('stays on normal $name', ({ extra }) => {
    const { state } = run(Array.from({ length: 12 }, () => ok(0, extra)));
    expect(state.status).toBe('normal');
    expect(state.switchingScore).toBe(36);
    // Approval given later switches at the next qualifying lot.
    expect(nextInspectionState(state, ok(0, { authorityApprovesReduced: true })).status).toBe('reduced');
  });

  it('a lot accepted with d above the tighter Ac resets the score and delays reduced inspection', () => {
    const approve = { authorityApprovesReduced: true };
    const lots = [...Array.from({ length: 9 }, () => ok(1, approve)), ok(2, approve), ok(0, approve)];
    const { state } = run(lots);
    expect(state).toMatchObject({ status: 'normal', switchingScore: 3 });
  });

  it('the score restarts from 0 when normal inspection is re-entered', () => {
    const tightened = initialInspectionState('tightened');
    const { state } = run([ok(), ok(), ok(), ok(), ok()], tightened);
    expect(state).toMatchObject({ status: 'normal', switchingScore: 0, recentNormal: [] });
  });
});

describe('reduced → normal (standards.md §1.6)', () => {
  const reduced = initialInspectionState('reduced');
  it.each([
    { name: 'a lot not accepted', lot: { nonconforming: 3, accept: 1, reject: 3 }, reason: 'not-accepted-on-reduced' },
    {
      name: 'a lot accepted between Ac and Re (Z1.4 gap plan)',
      lot: { nonconforming: 2, accept: 1, reject: 3 },
      reason: 'accepted-between-ac-and-re',
    },
    {
      name: 'production irregular or delayed',
      lot: { nonconforming: 0, accept: 1, reject: 3, productionSteady: false },
      reason: 'production-irregular',
    },
    {
      name: 'other conditions warrant',
      lot: { nonconforming: 0, accept: 1, reject: 3, normalWarranted: true },
      reason: 'other-conditions',
    },
  ])('$name', ({ lot, reason }) => {
    const step = stepInspection(reduced, lot);
    expect(step.state.status).toBe('normal');
    expect(step.transitions).toEqual([expect.objectContaining({ from: 'reduced', to: 'normal', reason })]);
  });

  it('stays on reduced while lots are accepted within Ac', () => {
    const { statuses } = run(Array.from({ length: 20 }, () => ({ nonconforming: 1, accept: 1, reject: 3 })), reduced);
    expect(new Set(statuses)).toEqual(new Set(['reduced']));
  });
});

describe('replayInspectionHistory — severity, plan and transitions per lot', () => {
  // Lot 1,000 at level II → code letter J (Table I). AQL 1.0: normal J = 80: 2/3, tightened J = 80: 1/2,
  // reduced J = 32: 1/3 (standards.md §1.4).
  const base = { lotSize: 1000, aql: 1.0 } as const;

  it('walks normal → tightened → normal → reduced → normal with the plan of each severity', () => {
    const lots = [
      { ...base, id: 'L1', nonconforming: 3 }, // normal 2/3: not accepted
      { ...base, id: 'L2', nonconforming: 4 }, // normal: 2nd rejection → tightened
      ...Array.from({ length: 5 }, (_, i) => ({ ...base, id: `T${i + 1}`, nonconforming: 1 })), // tightened 1/2
      ...Array.from({ length: 10 }, (_, i) => ({
        ...base,
        id: `N${i + 1}`,
        nonconforming: 1,
        authorityApprovesReduced: true,
      })),
      { ...base, id: 'R1', nonconforming: 2 }, // reduced 1/3: accepted, between Ac and Re → normal
      { ...base, id: 'N11', nonconforming: 0 },
    ];
    const history = replayInspectionHistory(lots);
    const bySeverity = history.lots.map((l) => `${l.id}:${l.severity}:${l.plan.sampleSize}:${l.plan.accept}/${l.plan.reject}`);
    expect(bySeverity).toEqual([
      'L1:normal:80:2/3',
      'L2:normal:80:2/3',
      'T1:tightened:80:1/2',
      'T2:tightened:80:1/2',
      'T3:tightened:80:1/2',
      'T4:tightened:80:1/2',
      'T5:tightened:80:1/2',
      ...Array.from({ length: 10 }, (_, i) => `N${i + 1}:normal:80:2/3`),
      'R1:reduced:32:1/3',
      'N11:normal:80:2/3',
    ]);
    expect(history.lots[0]!.plan).toMatchObject({ codeLetter: 'J', planLetter: 'J' });
    expect(history.lots[17]!.decision).toBe('accepted-normal-reinstated');
    expect(history.transitions.map((t) => `${t.lotId}:${t.from}→${t.to}:${t.reason}`)).toEqual([
      'L2:normal→tightened:two-of-five-not-accepted',
      'T5:tightened→normal:five-consecutive-accepted',
      'N10:normal→reduced:switching-score',
      'R1:reduced→normal:accepted-between-ac-and-re',
    ]);
    expect(history.lots.slice(7, 17).map((l) => l.switchingScore)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    expect(history.finalState.status).toBe('normal');
  });

  it('accepts explicit plans and requires one of plan or lot size', () => {
    const h = replayInspectionHistory([{ nonconforming: 0, accept: 0, reject: 1 }]);
    expect(h.lots[0]).toMatchObject({ severity: 'normal', decision: 'accepted', switchingScore: 2 });
    expect(() => replayInspectionHistory([{ nonconforming: 0 }])).toThrow(AqlInputError);
  });
});
