import { describe, expect, it } from 'vitest';
import { analyzeSpc } from './analyze.js';
import { capabilityBand, capabilityVerdict } from './verdict.js';

describe('capability verdict', () => {
  it('bands Cpk for a process in control', () => {
    expect(capabilityVerdict(1.5, [], 100)).toMatchObject({ status: 'capable', inControl: true });
    expect(capabilityVerdict(1.1, [], 100).status).toBe('marginal');
    expect(capabilityVerdict(0.8, [], 100).status).toBe('not_capable');
    expect(capabilityVerdict(null, [], 100).status).toBe('not_computable');
    expect(capabilityBand(1.33)).toBe('capable');
  });

  it('a rule-1 point or two rules on the 25 most recent points make capability not meaningful, whatever the Cpk', () => {
    expect(capabilityVerdict(2.1, [{ rule: 1, points: [80] }], 100)).toMatchObject({ status: 'not_in_control', inControl: false, recentRules: [1] });
    expect(capabilityVerdict(2.1, [{ rule: 2, points: [80] }, { rule: 6, points: [99] }], 100)).toMatchObject({ status: 'not_in_control', recentRules: [2, 6] });
    // One sensitising rule alone is what chance gives a stable process now and then.
    expect(capabilityVerdict(2.1, [{ rule: 5, points: [80, 81] }], 100)).toMatchObject({ status: 'capable', inControl: true, recentRules: [5] });
    // Point 74 is the 26th from the end of 100: older than the recent window.
    expect(capabilityVerdict(2.1, [{ rule: 1, points: [74] }, { rule: 2, points: [74] }], 100).status).toBe('capable');
  });

  it('rule-1 points over the whole window count beyond what chance explains (1 %, at least two)', () => {
    expect(capabilityVerdict(1.5, [{ rule: 1, points: [10] }], 1000).status).toBe('capable');
    expect(capabilityVerdict(1.5, [{ rule: 1, points: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] }], 1000).status).toBe('capable');
    expect(capabilityVerdict(1.5, [{ rule: 1, points: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110] }], 1000)).toMatchObject({ status: 'not_in_control', rule1Points: 11 });
    expect(capabilityVerdict(1.5, [{ rule: 1, points: [3, 9] }], 60).status).toBe('not_in_control');
  });

  it('a drifting series with a high Cpk is not in control', () => {
    // Tight around 10 with wide limits (Cpk high), then a steady upward run at the end.
    const values = Array.from({ length: 60 }, (_, i) => 10 + (i % 2 ? 0.01 : -0.01));
    for (let i = 0; i < 8; i++) values.push(10.02 + i * 0.01);
    const r = analyzeSpc(values, { lsl: 9, usl: 11 });
    expect(r.cpk).toBeGreaterThan(1.33);
    const v = capabilityVerdict(r.cpk, r.signals, r.chart.points!.length);
    expect(v.status).toBe('not_in_control');
    expect(v.recentRules.length).toBeGreaterThan(0);
  });
});
