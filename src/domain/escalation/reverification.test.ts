import { describe, expect, it } from 'vitest';
import { addMonths, reauditState } from './reverification.js';

describe('addMonths', () => {
  it.each([
    ['2026-01-31T10:00:00.000Z', 1, '2026-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00.000Z', 1, '2028-02-29T10:00:00.000Z'],
    ['2024-06-15T00:00:00.000Z', 24, '2026-06-15T00:00:00.000Z'],
    ['2026-11-30T00:00:00.000Z', 3, '2027-02-28T00:00:00.000Z'],
  ])('%s + %i months = %s', (from, n, to) => {
    expect(addMonths(new Date(from), n).toISOString()).toBe(to);
  });
});

describe('reauditState (every 24 months)', () => {
  const audit = new Date('2024-06-15T00:00:00Z');
  const since = new Date('2026-01-01T00:00:00Z');
  it.each([
    ['2026-03-01T00:00:00Z', 'ok', 106],
    ['2026-04-16T00:00:00Z', 'due_60', 60],
    ['2026-05-16T00:00:00Z', 'due_30', 30],
    ['2026-06-15T00:00:00Z', 'due_30', 0],
    ['2026-06-16T00:00:00Z', 'overdue', -1],
  ])('on %s: %s, %i days left', (now, state, daysLeft) => {
    const s = reauditState({ lastAuditAt: audit, everyMonths: 24, since, now: new Date(now) });
    expect(s.dueAt.toISOString()).toBe('2026-06-15T00:00:00.000Z');
    expect(s.state).toBe(state);
    expect(s.daysLeft).toBe(daysLeft);
    expect(s.basis).toBe('last_audit');
  });

  it('a supplier never audited is due from the start of the partnership', () => {
    const s = reauditState({ lastAuditAt: null, everyMonths: 24, since, now: new Date('2026-01-02T00:00:00Z') });
    expect(s).toMatchObject({ state: 'overdue', basis: 'never_audited', dueAt: since });
  });
});
