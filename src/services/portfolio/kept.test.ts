import { describe, expect, it } from 'vitest';
import type { KpiData, PilotKpiEvaluation } from '../../domain/pilots/index.js';
import type { ReadinessEvidence } from '../../domain/readiness/types.js';
import { keepClaims, keepEvaluation, keptClaims, keptEvaluation } from './kept.js';

const at = (iso: string) => new Date(iso);
const piece = (validFrom: string | null, validTo: string | null): ReadinessEvidence =>
  ({ id: `${validFrom}-${validTo}`, kind: 'certificate', provenance: 'documented', title: 't', validFrom: validFrom ? at(validFrom) : null, validTo: validTo ? at(validTo) : null, sharedAt: at('2026-01-01T00:00:00Z') }) as ReadinessEvidence;

describe('kept claim statuses', () => {
  it('hold from the last validity boundary of their evidence up to the next, at the same revision only', () => {
    const owner = {};
    const now = at('2026-06-15T12:00:00.000Z');
    // In force from 06-10 to 06-20 (inclusive), and a piece valid from 06-18.
    keepClaims(owner, 'e1', '7', now, [piece('2026-06-10T00:00:00.000Z', '2026-06-20T00:00:00.000Z'), piece('2026-06-18T00:00:00.000Z', null)], ['x']);
    expect(keptClaims(owner, 'e1', '7', now)).toEqual(['x']);
    expect(keptClaims(owner, 'e1', '8', now)).toBeUndefined();
    expect(keptClaims(owner, 'e1', '7', at('2026-06-10T00:00:00.000Z'))).toEqual(['x']);
    expect(keptClaims(owner, 'e1', '7', at('2026-06-09T23:59:59.999Z'))).toBeUndefined();
    expect(keptClaims(owner, 'e1', '7', at('2026-06-17T23:59:59.999Z'))).toEqual(['x']);
    expect(keptClaims(owner, 'e1', '7', at('2026-06-18T00:00:00.000Z'))).toBeUndefined();
    expect(keptClaims({}, 'e1', '7', now)).toBeUndefined();
  });

  it('end one millisecond after a piece stops being valid', () => {
    const owner = {};
    keepClaims(owner, 'e1', '1', at('2026-06-15T00:00:00.000Z'), [piece(null, '2026-06-20T00:00:00.000Z')], []);
    expect(keptClaims(owner, 'e1', '1', at('2026-06-20T00:00:00.000Z'))).toEqual([]);
    expect(keptClaims(owner, 'e1', '1', at('2026-06-20T00:00:00.001Z'))).toBeUndefined();
  });

  it('are not kept for an engagement without a revision', () => {
    const owner = {};
    keepClaims(owner, 'e1', null, at('2026-06-15T00:00:00.000Z'), [], ['x']);
    expect(keptClaims(owner, 'e1', null, at('2026-06-15T00:00:00.000Z'))).toBeUndefined();
  });
});

describe('kept pilot evaluations', () => {
  const evaluation = { kpis: [] } as unknown as PilotKpiEvaluation;
  const data = (answeredAt: string | null) => ({ inquiries: [{ id: 'q', askedAt: '2026-06-01T08:00:00.000Z', answeredAt, businessDays: 1 }] }) as unknown as KpiData;

  it('hold for their day and revision', () => {
    const owner = {};
    keepEvaluation(owner, 'p1', { revision: '3', day: '2026-06-15', evaluation, labels: new Map() }, data('2026-06-02T08:00:00.000Z'));
    expect(keptEvaluation(owner, 'p1', '3', '2026-06-15')?.evaluation).toBe(evaluation);
    expect(keptEvaluation(owner, 'p1', '3', '2026-06-16')).toBeUndefined();
    expect(keptEvaluation(owner, 'p1', '4', '2026-06-15')).toBeUndefined();
  });

  it('are not kept while an inquiry is unanswered (it ages by the instant)', () => {
    const owner = {};
    keepEvaluation(owner, 'p1', { revision: '3', day: '2026-06-15', evaluation, labels: new Map() }, data(null));
    expect(keptEvaluation(owner, 'p1', '3', '2026-06-15')).toBeUndefined();
  });
});
