import { describe, expect, it } from 'vitest';
import type { ChecklistTemplate } from './checklist.js';
import { buyerSignals, sincerityBreakdown, validateSincerityScores, type SincerityScore } from './sincerity.js';
import { SHIPPED_SINCERITY_TEMPLATE } from './templates.js';

const all = (s: [number, number, number, number, number]): Record<string, SincerityScore> => ({
  technical_depth: { score: s[0] },
  preparation: { score: s[1] },
  specification_clarity: { score: s[2] },
  operational_understanding: { score: s[3] },
  beyond_price: { score: s[4] },
});

describe('sincerityBreakdown', () => {
  // normalized = (score − 1) ÷ 4 × 100: 1→0, 2→25, 3→50, 4→75, 5→100; index = mean (hand-computed).
  it.each<{ name: string; scores: Record<string, SincerityScore>; index: number | null; band: string }>([
    { name: 'all fives', scores: all([5, 5, 5, 5, 5]), index: 100, band: 'high' },
    { name: 'Nordlicht (demo): 5, 4, 5, 4, 4 → (100+75+100+75+75)/5 = 85', scores: all([5, 4, 5, 4, 4]), index: 85, band: 'high' },
    { name: 'exactly at the high band: 4,4,4,4,3 → (75×4+50)/5 = 70', scores: all([4, 4, 4, 4, 3]), index: 70, band: 'high' },
    { name: 'moderate: 3,3,3,3,3 → 50', scores: all([3, 3, 3, 3, 3]), index: 50, band: 'moderate' },
    { name: 'at the moderate band: 2,3,3,2,3 → (25+50+50+25+50)/5 = 40', scores: all([2, 3, 3, 2, 3]), index: 40, band: 'moderate' },
    { name: 'price only (Lakeshore): 1,2,1,2,1 → (0+25+0+25+0)/5 = 10', scores: all([1, 2, 1, 2, 1]), index: 10, band: 'low' },
    { name: 'four of five scored: incomplete', scores: { technical_depth: { score: 5 }, preparation: { score: 5 }, specification_clarity: { score: 5 }, beyond_price: { score: 5 } }, index: null, band: 'incomplete' },
    { name: 'nothing scored', scores: {}, index: null, band: 'incomplete' },
  ])('$name', ({ scores, index, band }) => {
    const b = sincerityBreakdown(SHIPPED_SINCERITY_TEMPLATE, scores);
    expect(b.index).toBe(index);
    expect(b.band).toBe(band);
    expect(b.total).toBe(5);
  });

  it('explains each dimension with its anchor and note', () => {
    const b = sincerityBreakdown(SHIPPED_SINCERITY_TEMPLATE, { ...all([5, 4, 5, 4, 4]), preparation: { score: 4, note: 'Sent the drawing pack two weeks ahead' } });
    expect(b.dimensions[0]).toMatchObject({ id: 'technical_depth', score: 5, normalized: 100, anchor: { en: 'Detailed questions on tolerances, process and inspection' } });
    // 4 sits between the anchors 3 and 5: no anchor describes it exactly.
    expect(b.dimensions[1]).toMatchObject({ score: 4, normalized: 75, anchor: null, note: 'Sent the drawing pack two weeks ahead' });
    expect(b.explanation).toBe(
      'Index 85 of 100: the mean of 5 dimensions, each normalized on its scale (technical depth of the questions asked 5/5, preparation for the visit 4/5, ' +
        'clarity of the specifications brought 5/5, understanding of operational details 4/5, interest beyond price 4/5). High (high ≥ 70, moderate ≥ 40).',
    );
  });

  it('weights from the template', () => {
    const t = structuredClone(SHIPPED_SINCERITY_TEMPLATE) as ChecklistTemplate;
    const q = t.sections[0].questions[4];
    if (q.type === 'score') q.weight = 3; // interest beyond price counts three times
    // (100+100+100+100 + 3×0) / 7 = 57.142… → 57.1
    const b = sincerityBreakdown(t, all([5, 5, 5, 5, 1]));
    expect(b.index).toBe(57.1);
    expect(b.explanation).toContain('weighted mean');
  });
});

describe('validateSincerityScores', () => {
  it.each<{ scores: Record<string, SincerityScore>; paths: string[] }>([
    { scores: all([5, 4, 5, 4, 4]), paths: [] },
    { scores: { technical_depth: { score: 6 } }, paths: ['scores.technical_depth.score'] },
    { scores: { technical_depth: { score: 2.5 } }, paths: ['scores.technical_depth.score'] },
    { scores: { price_sensitivity: { score: 3 } }, paths: ['scores.price_sensitivity'] },
  ])('$scores → $paths', ({ scores, paths }) => {
    expect(validateSincerityScores(SHIPPED_SINCERITY_TEMPLATE, scores).map((e) => e.path)).toEqual(paths);
  });
});

describe('buyerSignals', () => {
  const inquiry = (subject: string, body: string) => ({ kind: 'technical_inquiry', subject, body });
  it.each<{ name: string; messages: { kind: string; subject: string | null; body: string }[]; visits: { type: string; status: string; initiatedBy: string }[]; inquiries: number; price: number | null; visit: boolean }>([
    {
      name: 'technical buyer who visits',
      messages: [inquiry('Bore tolerance', 'Can you hold Ø 32 H7?'), inquiry('Anodising', 'Which thickness?'), { kind: 'progress_update', subject: null, body: 'price list attached' }],
      visits: [{ type: 'remote_video', status: 'closed', initiatedBy: 'buyer' }, { type: 'buyer_visit', status: 'confirmed', initiatedBy: 'buyer' }],
      inquiries: 2,
      price: 0,
      visit: true,
    },
    {
      name: 'price-driven buyer (Lakeshore)',
      messages: [inquiry('Price', 'What is your best price per piece at 5,000 a month?'), inquiry('Discount', 'Can you do USD 2.90 if we pay earlier?'), inquiry('Alloy', 'Is 6061 fine?')],
      visits: [],
      inquiries: 3,
      price: 67,
      visit: false,
    },
    { name: 'Chinese price terms count', messages: [inquiry('报价', '请给出最优价格')], visits: [{ type: 'buyer_visit', status: 'cancelled', initiatedBy: 'buyer' }], inquiries: 1, price: 100, visit: false },
    { name: 'no inquiries', messages: [], visits: [{ type: 'buyer_visit', status: 'proposed', initiatedBy: 'supplier' }], inquiries: 0, price: null, visit: false },
  ])('$name', ({ messages, visits, inquiries, price, visit }) => {
    const s = buyerSignals({ messages, visits });
    expect(s.map((x) => x.id)).toEqual(['technical_inquiries', 'price_focus', 'willingness_to_visit']);
    expect(s[0].value).toBe(inquiries);
    expect(s[1].value).toBe(price);
    expect(s[2].value).toBe(visit);
    for (const x of s) expect(x.explanation.length).toBeGreaterThan(5);
    // The counts the web words the signals from, in the reader's language.
    expect(s[0].params).toEqual({ inquiries });
    expect(s[1].params.inquiries).toBe(inquiries);
    expect(s[2].params.planned).toBe(visits.filter((v) => v.initiatedBy === 'buyer' && v.status !== 'cancelled').length);
  });
});
