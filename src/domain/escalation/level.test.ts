import { describe, expect, it } from 'vitest';
import { escalationState, isOverdue, wasLate, type DueItem } from './level.js';

const T0 = Date.parse('2026-03-10T00:00:00Z');
const h = (n: number) => new Date(T0 + n * 3_600_000);
const open = (dueH: number): DueItem => ({ dueAt: h(dueH) });
const done = (dueH: number, doneH: number): DueItem => ({ dueAt: h(dueH), doneAt: h(doneH) });

describe('escalationState', () => {
  it.each<[string, DueItem[], number, number, number, number | null, number | null]>([
    // name, items, now (h), every (h), expected level, overdue since (h), next escalation (h)
    ['nothing due yet', [open(24), open(48)], 10, 24, 0, null, 24],
    ['exactly at the due time: still on time', [open(24)], 24, 24, 0, null, 24],
    ['a minute past due: level 1', [open(24)], 24 + 1 / 60, 24, 1, 24, 48],
    ['one interval later: level 2', [open(24)], 48, 24, 2, 24, 72],
    ['capped at the ladder depth', [open(24)], 24 * 30, 24, 3, 24, null],
    ['the earliest overdue item decides', [open(24), open(30)], 50, 24, 2, 24, 72],
    ['done on time: not overdue', [done(24, 20), open(100)], 50, 24, 0, null, 100],
    ['done late: no longer escalated', [done(24, 40)], 50, 24, 0, null, null],
    ['done late, the next one overdue', [done(24, 40), open(45)], 50, 24, 1, 45, 69],
    ['all done', [done(1, 1), done(2, 2)], 50, 24, 0, null, null],
  ])('%s', (_name, items, nowH, every, level, since, next) => {
    const s = escalationState(items, h(nowH), { escalateEveryHours: every, maxLevel: 3 });
    expect(s.level).toBe(level);
    expect(s.overdueSince?.getTime() ?? null).toBe(since === null ? null : h(since).getTime());
    expect(s.nextEscalationAt?.getTime() ?? null).toBe(next === null ? null : h(next).getTime());
  });

  it('lists the overdue items by index', () => {
    expect(escalationState([open(1), done(2, 3), open(4), open(99)], h(10), { escalateEveryHours: 24, maxLevel: 3 }).overdueItems).toEqual([0, 2]);
  });

  it('a ladder of one level never goes past it', () => {
    expect(escalationState([open(0)], h(1000), { escalateEveryHours: 1, maxLevel: 1 }).level).toBe(1);
  });

  it('refuses a non-positive interval', () => {
    expect(() => escalationState([], h(0), { escalateEveryHours: 0, maxLevel: 3 })).toThrow(RangeError);
  });
});

describe('isOverdue / wasLate', () => {
  it.each<[DueItem, number, boolean, boolean]>([
    [open(10), 9, false, false],
    [open(10), 10, false, false],
    [open(10), 11, true, false],
    [done(10, 12), 20, false, true],
    [done(10, 10), 20, false, false],
  ])('%#', (item, nowH, overdue, late) => {
    expect(isOverdue(item, h(nowH))).toBe(overdue);
    expect(wasLate(item)).toBe(late);
  });
});
