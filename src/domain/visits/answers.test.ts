import { describe, expect, it } from 'vitest';
import type { ChecklistQuestion } from './checklist.js';
import { capacityDraft, checklistProgress, validateAnswer, type AnswerScalar, type ProgressAnswer } from './answers.js';
import { SHIPPED_BUYER_CHECKLIST, SHIPPED_SINCERITY_TEMPLATE, findQuestion } from './templates.js';

const q = (id: string): ChecklistQuestion => findQuestion(SHIPPED_BUYER_CHECKLIST, id)!.question;

describe('validateAnswer', () => {
  it.each<{ id: string; value: AnswerScalar; notApplicable?: boolean; ok: boolean; stored?: AnswerScalar; message?: RegExp }>([
    { id: 'qc.calibration', value: true, ok: true, stored: true },
    { id: 'qc.calibration', value: false, ok: true, stored: false },
    { id: 'qc.calibration', value: 'yes', ok: false, message: /true \(yes\) or false \(no\)/ },
    { id: 'qc.calibration', value: 1, ok: false },
    { id: 'qc.calibration', value: null, ok: true, stored: null }, // cleared
    { id: 'qc.practice_score', value: null, ok: true, stored: null },
    { id: 'qc.practice_score', value: 4, ok: true, stored: 4 },
    { id: 'qc.practice_score', value: 1, ok: true, stored: 1 },
    { id: 'qc.practice_score', value: 6, ok: false, message: /from 1 to 5/ },
    { id: 'qc.practice_score', value: 0, ok: false },
    { id: 'qc.practice_score', value: 3.5, ok: false, message: /whole number/ },
    { id: 'cap.hours_per_shift', value: 7.5, ok: true, stored: 7.5 },
    { id: 'cap.hours_per_shift', value: 0.2, ok: false, message: /at least 0.5 h/ },
    { id: 'cap.hours_per_shift', value: '8', ok: false, message: /must be a number \(h\)/ },
    { id: 'cap.lines', value: 2.5, ok: false, message: /whole number \(lines\)/ },
    { id: 'cap.availability', value: 101, ok: false, message: /at most 100 %/ },
    { id: 'cap.availability', value: 85, ok: true, stored: 85 },
    { id: 'cap.limit', value: '  Anodising partner, 8,000 a week  ', ok: true, stored: 'Anodising partner, 8,000 a week' },
    { id: 'cap.limit', value: '   ', ok: false, message: /must not be empty/ },
    { id: 'cap.limit', value: false, ok: false },
    { id: 'cap.photo', value: null, ok: true, stored: null },
    { id: 'cap.photo', value: 'IMG_0042.jpg', ok: false, message: /attaching photos/ },
    { id: 'qc.calibration', value: null, notApplicable: true, ok: true, stored: null },
    { id: 'qc.calibration', value: true, notApplicable: true, ok: false, message: /not applicable/ },
  ])('$id = $value (n/a: $notApplicable) → ok $ok', ({ id, value, notApplicable, ok, stored, message }) => {
    const r = validateAnswer(q(id), { value, notApplicable });
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.value).toEqual(stored);
    else {
      expect(r.path).toBe('value');
      if (message) expect(r.message).toMatch(message);
    }
  });
});

const answers = (entries: [string, AnswerScalar, boolean?][]) => new Map<string, ProgressAnswer>(entries.map(([id, value, na]) => [id, { value, notApplicable: na ?? false }]));

describe('checklistProgress', () => {
  it('counts values, "not applicable" and enough photos; lists required questions still open', () => {
    const p = checklistProgress(
      SHIPPED_BUYER_CHECKLIST,
      answers([
        ['cap.lines', 2],
        ['cap.shifts', 2],
        ['cap.limit', null], // cleared
        ['qc.control_plan_at_station', true],
        ['qc.inspection_as_written', null, true],
        ['qc.photo', null], // a note only: no photo yet
      ]),
      new Map([['cap.photo', 1]]),
    );
    expect(p.sections.map((s) => [s.id, s.answered, s.total])).toEqual([
      ['capacity', 3, 11],
      ['qc', 2, 7],
      ['responsiveness', 0, 4],
      ['fit', 0, 4],
    ]);
    expect(p.answered).toBe(5);
    expect(p.total).toBe(26);
    expect(p.requiredMissing).toEqual(['cap.hours_per_shift', 'cap.availability', 'cap.working_days', 'qc.practice_score', 'resp.unplanned_request', 'fit.technical_communication']);
  });

  it('an empty sincerity form misses all five dimensions', () => {
    expect(checklistProgress(SHIPPED_SINCERITY_TEMPLATE, new Map(), new Map()).requiredMissing).toHaveLength(5);
  });
});

describe('capacityDraft from the capacity answers', () => {
  it.each<{ name: string; entries: [string, AnswerScalar, boolean?][]; value: number | null; formula?: string; missing?: string[]; error?: string }>([
    {
      name: 'demo: 2 lines × 2 shifts × 10 h at a 90 s cycle, 85 %, 22 days (29,920 a month, hand-computed)',
      entries: [['cap.lines', 2], ['cap.shifts', 2], ['cap.hours_per_shift', 10], ['cap.cycle_time', 90], ['cap.availability', 85], ['cap.working_days', 22]],
      value: 29_920,
      formula: '2 lines × 2 shifts × 10 h × 40 units/h (3,600 s ÷ 90 s cycle × 1 unit per cycle) × 0.85 availability × 22 days = 29,920 per month',
    },
    {
      name: 'counted rate instead of a cycle time; no working days: per day',
      entries: [['cap.lines', 1], ['cap.shifts', 2], ['cap.hours_per_shift', 8], ['cap.units_per_hour', 120], ['cap.availability', 85]],
      value: 1_632,
    },
    {
      name: 'two fixtures per cycle',
      entries: [['cap.lines', 1], ['cap.shifts', 1], ['cap.hours_per_shift', 8], ['cap.cycle_time', 45], ['cap.units_per_cycle', 2], ['cap.availability', 90], ['cap.working_days', 20]],
      value: 23_040,
    },
    {
      name: 'incomplete: the form says what is missing',
      entries: [['cap.lines', 2], ['cap.availability', 85]],
      value: null,
      missing: ['shiftsPerDay', 'hoursPerShift', 'unitsPerHour or cycleTimeSeconds'],
    },
    {
      name: 'both a rate and a cycle time: the formula refuses',
      entries: [['cap.lines', 2], ['cap.shifts', 2], ['cap.hours_per_shift', 8], ['cap.cycle_time', 90], ['cap.units_per_hour', 40], ['cap.availability', 85]],
      value: null,
      error: 'unitsPerHour',
    },
    {
      name: 'more than 24 hours a day',
      entries: [['cap.lines', 2], ['cap.shifts', 3], ['cap.hours_per_shift', 10], ['cap.cycle_time', 90], ['cap.availability', 85]],
      value: null,
      error: 'hoursPerShift',
    },
    {
      name: '"not applicable" does not count as an input',
      entries: [['cap.lines', null, true], ['cap.shifts', 2], ['cap.hours_per_shift', 8], ['cap.cycle_time', 90], ['cap.availability', 85]],
      value: null,
      missing: ['lines'],
    },
  ])('$name', ({ entries, value, formula, missing, error }) => {
    const d = capacityDraft(SHIPPED_BUYER_CHECKLIST, answers(entries))!;
    if (value === null) expect(d.preview).toBeNull();
    else expect(d.preview!.value).toBeCloseTo(value, 6);
    if (formula) expect(d.preview!.formula).toBe(formula);
    if (missing) expect(d.missing).toEqual(missing);
    expect(d.error?.field ?? null).toBe(error ?? null);
  });

  it('is null for a template that asks no capacity inputs', () => {
    expect(capacityDraft(SHIPPED_SINCERITY_TEMPLATE, new Map())).toBeNull();
  });
});
