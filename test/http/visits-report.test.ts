import { describe, expect, it } from 'vitest';
import { renderVisitReportPdf, reportFontsAvailable, type VisitReportData } from '../../src/services/visits/report-pdf.js';

const data: VisitReportData = {
  title: 'Factory visit — Plant 1',
  typeLabel: 'Factory visit',
  engagementTitle: 'Pump housings 2027',
  status: 'closed',
  draft: false,
  parties: [
    { role: 'Buyer', name: 'Rhein Medtech GmbH', country: 'DE' },
    { role: 'Supplier', name: '苏州精密 Suzhou Apex Machining', country: 'CN' },
  ],
  site: { name: 'Plant 1', address: '88 Xinghai Rd, Suzhou', timeZone: 'Asia/Shanghai' },
  planned: 'Mon 21 Sep 2026, 09:00 – Tue 22 Sep 2026, 17:00 (Asia/Shanghai, UTC+08:00)',
  closedAt: 'Tue 22 Sep 2026, 16:40 (Asia/Shanghai, UTC+08:00)',
  lead: 'Jonas Richter',
  participants: [{ side: 'buyer', name: 'Jonas Richter', role: 'Lead' }],
  agenda: ['09:00  Line walk'],
  outcome: 'Satisfactory with actions',
  summary: 'Line A meets its claim (≥ 80 %); 两条产线均已清点。',
  claims: [{ title: 'Housings, line A', claimed: '40,000 pcs per month', status: 'supported', provenance: 'observed' }],
  capacity: [{ claim: 'Housings, line A', formula: '1 line × 2 shifts × 8 h × 120 units/h × 0.85 availability × 22 days = 35,904 per month', explanation: 'Observed 35,904 is 89.8 % of the claimed 40,000.', status: 'supported', provenance: 'observed', recordedBy: 'Jonas Richter', at: 'Mon 21 Sep 2026, 11:00' }],
  findings: Array.from({ length: 40 }, (_, i) => ({ n: i + 1, severity: i % 3 ? 'minor' : 'major', text: `Finding ${i + 1}: bore checked on every 5th part, not 100 %. 抽检比例不符。`, claim: null, followUp: 'Wang Fang (supplier), due 2026-10-15, open', recordedBy: 'Jonas Richter' })),
  checklist: null,
  photos: [{ label: 'Photo', caption: 'not an image', mediaType: 'image/png', bytes: Buffer.from('not a png') }, { label: 'HEIC', caption: null, mediaType: 'image/heic', bytes: null }],
  sincerity: null,
  signOffs: [{ side: 'Buyer', organization: 'Rhein Medtech GmbH', signed: null }],
  viewer: 'copy for Rhein Medtech GmbH',
  creationDate: new Date('2026-09-22T08:40:00Z'),
};

describe('visit report PDF', () => {
  it.each([
    { fonts: 'system', builtinFonts: false },
    { fonts: 'built-in (no font installed)', builtinFonts: true },
  ])('renders many pages with $fonts fonts, the same bytes for the same data', async ({ builtinFonts }) => {
    const a = await renderVisitReportPdf(data, { builtinFonts });
    const b = await renderVisitReportPdf(data, { builtinFonts });
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    expect((a.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('embeds a CJK font for Chinese text where one is installed', async () => {
    const pdf = (await renderVisitReportPdf(data)).toString('latin1');
    if (reportFontsAvailable().cjk) expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+(WenQuanYi|NotoSansCJK|AR)/);
    else expect(pdf).not.toMatch(/NotoSansCJK|WenQuanYi/);
  });
});
