import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, renderEmail, renderNotification } from './templates.js';

const PARAMS = {
  number: 'NCR-003',
  title: 'Bore oversize on lot HT-B07',
  severity: 'major',
  engagement: 'IP-7 housings',
  raisedBy: 'Nordlicht Medical GmbH',
  firstDueAt: '2026-03-02T08:00:00.000Z',
  step: 'D4',
  level: 2,
  dueAt: '2026-03-02T08:00:00.000Z',
  by: 'Anna Weber',
  inTime: 'yes',
  subject: 'Bore tolerance',
  everyDays: 7,
  title2: '',
  days: 30,
  validTo: '2026-03-02T00:00:00.000Z',
  supplier: 'Ningbo Hengtai',
  everyMonths: 24,
  inviter: 'Anna',
  organization: 'Nordlicht',
  role: 'member',
  expiresAt: '2026-03-09T08:00:00.000Z',
  buyer: 'Nordlicht',
  visit: 'Factory visit',
  start: '2026-03-02T08:00:00.000Z',
  at: '2026-03-02T08:00:00.000Z',
};

describe('notification templates', () => {
  it.each(NOTIFICATION_KINDS)('%s has an English and a Chinese text, without unfilled values', (kind) => {
    const en = renderNotification(kind, PARAMS, { locale: 'en', timeZone: 'Europe/Berlin' });
    const zh = renderNotification(kind, PARAMS, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    for (const t of [en.subject, en.body, zh.subject, zh.body]) {
      expect(t.length).toBeGreaterThan(5);
      expect(t).not.toMatch(/undefined|null|NaN/);
    }
    expect(zh.subject + zh.body).toMatch(/[\u4e00-\u9fff]/);
    expect(en.subject + en.body).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows times in the reader’s zone and words steps and severities in the reader’s language', () => {
    const en = renderNotification('discrepancy_escalated', PARAMS, { locale: 'en', timeZone: 'Europe/Berlin' });
    expect(en.subject).toBe('Escalated to level 2: NCR-003 D4 Root cause and escape point is overdue');
    expect(en.body).toContain('09:00');
    const zh = renderNotification('discrepancy_raised', PARAMS, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(zh.subject).toBe('新不符合项 NCR-003（主要）：Bore oversize on lot HT-B07');
    expect(zh.body).toContain('16:00');
  });

  it('an email carries the link and a subject prefix', () => {
    const mail = renderEmail('discrepancy_closed', PARAMS, { locale: 'en', link: 'https://bonafide.example/discrepancies/1' });
    expect(mail.subject).toBe('[Bonafide] NCR-003 closed in time');
    expect(mail.body).toContain('Open: https://bonafide.example/discrepancies/1');
  });
});
