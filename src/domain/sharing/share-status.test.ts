import { describe, expect, it } from 'vitest';
import { periodEnd, shareStatus, type SharePeriod } from './share-status.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');

describe('shareStatus', () => {
  it.each<{ name: string; s: SharePeriod; status: string }>([
    { name: 'started, no end', s: { validFrom: '2026-03-01T00:00:00.000Z', validUntil: null, revokedAt: null }, status: 'active' },
    { name: 'inside its month', s: { validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2026-03-31T00:00:00.000Z', revokedAt: null }, status: 'active' },
    { name: 'starts exactly now', s: { validFrom: '2026-03-10T12:00:00.000Z', validUntil: null, revokedAt: null }, status: 'active' },
    { name: 'not started yet', s: { validFrom: '2026-03-11T00:00:00.000Z', validUntil: null, revokedAt: null }, status: 'scheduled' },
    { name: 'ends exactly now: over', s: { validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2026-03-10T12:00:00.000Z', revokedAt: null }, status: 'expired' },
    { name: 'ended', s: { validFrom: '2026-02-01T00:00:00.000Z', validUntil: '2026-03-01T00:00:00.000Z', revokedAt: null }, status: 'expired' },
    { name: 'revoked inside its period', s: { validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2026-03-31T00:00:00.000Z', revokedAt: '2026-03-05T00:00:00.000Z' }, status: 'revoked' },
    { name: 'revoked before it started', s: { validFrom: '2026-04-01T00:00:00.000Z', validUntil: null, revokedAt: '2026-03-05T00:00:00.000Z' }, status: 'revoked' },
  ])('$name → $status', ({ s, status }) => {
    expect(shareStatus(s, NOW)).toBe(status);
  });

  it('a month from now is 30 days', () => {
    expect(periodEnd(NOW, 30).toISOString()).toBe('2026-04-09T12:00:00.000Z');
  });
});
