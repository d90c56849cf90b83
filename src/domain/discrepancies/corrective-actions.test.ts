import { describe, expect, it } from 'vitest';
import { closedInTime, countCorrectiveActions, type CorrectiveActionRecord } from './corrective-actions.js';

const d = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
const rec = (id: string, closedAt: number | null, dueDay: number, stepDue: number[] = [], evidenceIds: string[] = []): CorrectiveActionRecord => ({
  id,
  closedAt: closedAt === null ? null : d(closedAt),
  closureDueAt: d(dueDay),
  steps: stepDue.map((x) => ({ dueAt: d(x) })),
  evidenceIds,
});

describe('corrective actions closed in time', () => {
  it.each<[string, CorrectiveActionRecord, boolean | null]>([
    ['closed before D8 was due', rec('a', 10, 20), true],
    ['closed on the due day itself', rec('b', 20, 20), true],
    ['closed after', rec('c', 21, 20), false],
    ['still open', rec('d', null, 20), null],
  ])('%s', (_n, r, expected) => {
    expect(closedInTime(r)).toBe(expected);
  });

  it('counts closed on time, late, open and overdue, and leaves open ones on track out', () => {
    const now = d(30);
    const counts = countCorrectiveActions(
      [rec('on-time', 10, 20, [], ['e1']), rec('late', 25, 20, [], ['e2']), rec('open-overdue', null, 60, [5], ['e3']), rec('open-on-track', null, 60, [40], ['e4']), rec('past-closure', null, 29)],
      now,
    );
    expect(counts).toEqual({ closedOnTime: 1, closedLate: 1, openOverdue: 2, openOnTrack: 1, evidenceIds: ['e1', 'e2', 'e3'] });
  });
});
