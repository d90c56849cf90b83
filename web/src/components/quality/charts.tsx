// The quality charts (recharts): the control chart with its center line, control limits, σ zones and the points
// that fired a Nelson rule marked in red; the moving-range / range chart; the capability histogram with the spec
// limits and a fitted normal curve; and claimed vs demonstrated capacity over months.
import { Group, Paper, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../lib/format.js';
import { useQualityFormat } from './format.js';
import type { CapacityLine, Spc } from './types.js';

const BLUE = 'var(--mantine-color-blue-6)';
const RED = 'var(--mantine-color-red-6)';
const GRAY = 'var(--mantine-color-gray-6)';
const GREEN = 'var(--mantine-color-teal-7)';
const AXIS = { fontSize: 11, fill: 'var(--mantine-color-gray-7)' };

function paddedDomain(values: number[], pad = 0.08): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi - lo || Math.abs(hi) * 0.01 || 1;
  return [lo - span * pad, hi + span * pad];
}

/** Round tick positions (1, 2 or 5 × 10^k apart) across a domain. */
export function niceTicks([lo, hi]: [number, number], count = 6): number[] {
  const raw = (hi - lo) / count;
  if (!(raw > 0)) return [lo];
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(12)));
  return out;
}

function limitLabel(text: string, color: string) {
  return { value: text, position: 'right' as const, fill: color, fontSize: 11 };
}

type ChartPoint = Spc['chart']['points'][number];

/** X̄ or individuals chart: center line, UCL/LCL, ±1σ/±2σ zone lines, points with signals in red. */
export function ControlChart({ spc, decimals, height = 320 }: { spc: Spc; decimals: number; height?: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQualityFormat();
  const c = spc.chart;
  const data = useMemo(() => c.points.map((p) => ({ ...p, x: p.index + 1 })), [c.points]);
  const domain = useMemo(() => paddedDomain([c.lcl, c.ucl, ...c.points.map((p) => p.value)]), [c]);
  const f = (n: number) => q.fixed(n, decimals);
  const many = data.length > 150;
  return (
    <div data-testid="control-chart" data-points={data.length} data-signal-points={data.filter((p) => p.rules.length > 0).length}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 10, right: 96, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="var(--mantine-color-gray-2)" vertical={false} />
          <XAxis dataKey="x" type="number" domain={[1, Math.max(2, c.totalPoints)]} tick={AXIS} tickLine={false} allowDecimals={false} label={{ value: t(c.type === 'xbar-r' ? 'quality.spc.chart.subgroup' : 'quality.spc.chart.observation'), position: 'insideBottom', offset: -2, fontSize: 11, fill: GRAY }} height={34} />
          <YAxis type="number" domain={domain} ticks={niceTicks(domain, 5)} tick={AXIS} tickLine={false} axisLine={false} width={72} tickFormatter={f} />
          {[-2, -1, 1, 2].map((k) => (
            <ReferenceLine key={k} y={c.center + k * c.sigma} stroke={GRAY} strokeOpacity={0.35} strokeDasharray="2 4" ifOverflow="hidden" />
          ))}
          <ReferenceLine y={c.ucl} stroke={RED} strokeDasharray="6 4" label={limitLabel(`UCL ${f(c.ucl)}`, RED)} />
          <ReferenceLine y={c.center} stroke={GREEN} label={limitLabel(`${c.type === 'xbar-r' ? 'X̿' : 'X̄'} ${f(c.center)}`, GREEN)} />
          <ReferenceLine y={c.lcl} stroke={RED} strokeDasharray="6 4" label={limitLabel(`LCL ${f(c.lcl)}`, RED)} />
          <Tooltip content={(props) => <PointTooltip active={props.active} payload={props.payload} decimals={decimals} dateTime={fmt.dateTime} />} isAnimationActive={false} />
          <Line
            dataKey="value"
            type="linear"
            stroke={BLUE}
            strokeWidth={many ? 1 : 1.5}
            isAnimationActive={false}
            dot={(props) => {
              const p = props.payload as ChartPoint;
              const signal = p.rules.length > 0;
              if (props.cx === undefined || props.cy === undefined) return null;
              return (
                <circle
                  key={`dot-${p.index}`}
                  cx={props.cx}
                  cy={props.cy}
                  r={signal ? (many ? 3.5 : 4.5) : many ? 1.5 : 2.5}
                  fill={signal ? RED : BLUE}
                  stroke={signal ? 'white' : 'none'}
                  strokeWidth={1}
                  data-testid={signal ? 'signal-point' : undefined}
                  data-rules={signal ? p.rules.join(',') : undefined}
                />
              );
            }}
            activeDot={{ r: 5 }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

function PointTooltip({ active, payload, decimals, dateTime }: { active?: boolean; payload?: readonly { payload?: unknown }[]; decimals: number; dateTime: (iso: string) => string }) {
  const { t } = useTranslation();
  const q = useQualityFormat();
  const p = payload?.[0]?.payload as (ChartPoint & { x: number }) | undefined;
  if (!active || !p) return null;
  return (
    <Paper withBorder shadow="sm" p="xs" radius="sm" style={{ pointerEvents: 'none' }}>
      <Text size="xs" fw={600}>
        #{p.x} · {p.lot}
      </Text>
      <Text size="xs" c="dimmed">
        {dateTime(p.producedAt)}
        {p.line ? ` · ${p.line}` : ''}
      </Text>
      <Text size="sm" ff="monospace">
        {q.fixed(p.value, decimals)}
      </Text>
      {p.rules.length > 0 && (
        <Text size="xs" c="red.7" fw={600}>
          {p.rules.map((r) => t('quality.spc.ruleShort', { rule: r })).join(', ')}
        </Text>
      )}
    </Paper>
  );
}

/** Moving range (I-MR) or range (X̄-R) chart with its center line and limits. */
export function RangeChart({ spc, decimals, height = 180 }: { spc: Spc; decimals: number; height?: number }) {
  const q = useQualityFormat();
  const r = spc.chart.range;
  const data = useMemo(() => r.points.map((p) => ({ ...p, x: p.index + 1 })), [r.points]);
  const domain = useMemo(() => paddedDomain([0, r.ucl, ...r.points.map((p) => p.value)]), [r]);
  const f = (n: number) => q.fixed(n, decimals);
  const label = spc.chart.type === 'xbar-r' ? 'R' : 'MR';
  return (
    <div data-testid="range-chart">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 10, right: 96, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="var(--mantine-color-gray-2)" vertical={false} />
          <XAxis dataKey="x" type="number" domain={[1, Math.max(2, spc.chart.totalPoints)]} tick={AXIS} tickLine={false} allowDecimals={false} />
          <YAxis type="number" domain={[Math.max(0, domain[0]), domain[1]]} ticks={niceTicks([Math.max(0, domain[0]), domain[1]], 3)} tick={AXIS} tickLine={false} axisLine={false} width={72} tickFormatter={f} />
          <ReferenceLine y={r.ucl} stroke={RED} strokeDasharray="6 4" label={limitLabel(`UCL ${f(r.ucl)}`, RED)} />
          <ReferenceLine y={r.center} stroke={GREEN} label={limitLabel(`${label}̄ ${f(r.center)}`, GREEN)} />
          {r.lcl > 0 && <ReferenceLine y={r.lcl} stroke={RED} strokeDasharray="6 4" label={limitLabel(`LCL ${f(r.lcl)}`, RED)} />}
          <Tooltip formatter={(v) => [f(Number(v)), label]} labelFormatter={(x) => `#${String(x)}`} isAnimationActive={false} />
          <Line dataKey="value" type="linear" stroke="var(--mantine-color-indigo-4)" strokeWidth={1.2} dot={data.length > 150 ? false : { r: 2 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * Histogram of the values (drawn as a stepped area over the bin edges, so the bins keep their true widths on a
 * numeric axis) with LSL/USL, the nominal and the mean, and the normal curve of the overall mean and σ.
 */
export function CapabilityHistogram({ spc, decimals, height = 280 }: { spc: Spc; decimals: number; height?: number }) {
  const { t } = useTranslation();
  const q = useQualityFormat();
  const h = spc.histogram;
  const f = (n: number) => q.fixed(n, decimals);
  const data = useMemo(() => {
    const sd = spc.stdevOverall;
    const fit = (x: number) => (sd > 0 ? (Math.exp(-0.5 * ((x - spc.mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI))) * spc.n * h.binWidth : null);
    const rows: { x: number; count: number; fit: number | null; from: number; to: number }[] = [];
    for (const b of h.bins) {
      rows.push({ x: b.from, count: b.count, fit: null, from: b.from, to: b.to });
      rows.push({ x: (b.from + b.to) / 2, count: b.count, fit: fit((b.from + b.to) / 2), from: b.from, to: b.to });
    }
    const last = h.bins[h.bins.length - 1];
    if (last) rows.push({ x: last.to, count: last.count, fit: null, from: last.from, to: last.to });
    // The curve continues into the tails beyond the bins, out to ±3.2σ.
    if (sd > 0) {
      const lo = h.bins[0]?.from ?? h.min;
      const hi = last?.to ?? h.max;
      const left = spc.mean - 3.2 * sd;
      const right = spc.mean + 3.2 * sd;
      for (let k = 0; k < 6; k++) {
        if (left < lo) rows.push({ x: left + ((lo - left) * k) / 6, count: NaN, fit: fit(left + ((lo - left) * k) / 6), from: lo, to: lo });
        if (right > hi) rows.push({ x: hi + ((right - hi) * (k + 1)) / 6, count: NaN, fit: fit(hi + ((right - hi) * (k + 1)) / 6), from: hi, to: hi });
      }
    }
    return rows.sort((a, b) => a.x - b.x).map((r) => ({ ...r, count: Number.isNaN(r.count) ? null : r.count }));
  }, [h, spc.mean, spc.stdevOverall, spc.n]);
  const domain = useMemo(() => {
    const lo = Math.min(h.bins[0]?.from ?? h.min, h.lsl ?? Infinity, spc.mean - 3.2 * spc.stdevOverall);
    const hi = Math.max(h.bins[h.bins.length - 1]?.to ?? h.max, h.usl ?? -Infinity, spc.mean + 3.2 * spc.stdevOverall);
    return paddedDomain([lo, hi], 0.06);
  }, [h, spc.mean, spc.stdevOverall]);
  return (
    <div data-testid="capability-histogram">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 24, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="var(--mantine-color-gray-2)" vertical={false} />
          <XAxis dataKey="x" type="number" domain={domain} ticks={niceTicks(domain)} tick={AXIS} tickLine={false} tickFormatter={(v: number) => f(v)} />
          <YAxis tick={AXIS} tickLine={false} axisLine={false} width={40} allowDecimals={false} />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) => {
              const b = payload?.[0]?.payload as (typeof data)[number] | undefined;
              if (!active || !b || b.count === null) return null;
              return (
                <Paper withBorder shadow="sm" p="xs" radius="sm">
                  <Text size="xs" ff="monospace">
                    {f(b.from)} … {f(b.to)}
                  </Text>
                  <Text size="sm" fw={600}>
                    {t('quality.spc.histogram.count', { count: b.count })}
                  </Text>
                </Paper>
              );
            }}
          />
          <Area dataKey="count" type="stepAfter" fill="var(--mantine-color-blue-3)" fillOpacity={0.8} stroke="var(--mantine-color-blue-6)" strokeWidth={1} isAnimationActive={false} connectNulls={false} />
          <Line dataKey="fit" type="monotone" stroke="var(--mantine-color-indigo-7)" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
          {h.lsl !== null && <ReferenceLine x={h.lsl} stroke={RED} strokeWidth={2} strokeDasharray="6 3" label={{ value: `LSL ${f(h.lsl)}`, position: 'top', fill: RED, fontSize: 11 }} />}
          {h.usl !== null && <ReferenceLine x={h.usl} stroke={RED} strokeWidth={2} strokeDasharray="6 3" label={{ value: `USL ${f(h.usl)}`, position: 'top', fill: RED, fontSize: 11 }} />}
          {h.nominal !== null && h.nominal !== h.lsl && h.nominal !== h.usl && <ReferenceLine x={h.nominal} stroke={GRAY} strokeWidth={1.5} strokeDasharray="2 3" />}
          <ReferenceLine x={spc.mean} stroke={GREEN} strokeWidth={1.5} />
        </ComposedChart>
      </ResponsiveContainer>
      <Group gap="md" justify="center" mt={4}>
        <LegendItem color="var(--mantine-color-blue-3)" kind="box" label={t('quality.spc.histogram.values')} />
        <LegendItem color="var(--mantine-color-indigo-7)" kind="line" label={t('quality.spc.histogram.fit')} />
        <LegendItem color={RED} kind="dash" label={t('quality.spc.histogram.limits')} />
        <LegendItem color={GREEN} kind="line" label={t('quality.spc.histogram.mean', { value: f(spc.mean) })} />
        {h.nominal !== null && h.nominal !== h.lsl && h.nominal !== h.usl && <LegendItem color={GRAY} kind="dot-line" label={t('quality.spc.histogram.nominalValue', { value: f(h.nominal) })} />}
      </Group>
      {(h.belowLsl > 0 || h.aboveUsl > 0) && (
        <Text size="xs" c="red.7" fw={600} ta="center" mt={4} data-testid="histogram-outside">
          {t('quality.spc.histogram.outside', { below: h.belowLsl, above: h.aboveUsl })}
        </Text>
      )}
    </div>
  );
}

export function LegendItem({ color, kind, label }: { color: string; kind: 'box' | 'line' | 'dash' | 'dot' | 'dot-line'; label: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <svg width={18} height={10} aria-hidden="true">
        {kind === 'box' && <rect x={2} y={1} width={14} height={8} fill={color} />}
        {kind === 'line' && <line x1={0} y1={5} x2={18} y2={5} stroke={color} strokeWidth={2} />}
        {kind === 'dash' && <line x1={0} y1={5} x2={18} y2={5} stroke={color} strokeWidth={2} strokeDasharray="4 3" />}
        {kind === 'dot' && <circle cx={9} cy={5} r={4} fill={color} />}
        {kind === 'dot-line' && <line x1={0} y1={5} x2={18} y2={5} stroke={color} strokeWidth={2} strokeDasharray="2 3" />}
      </svg>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}

/** Months with less than half the line's median planned hours (e.g. a log that starts or ends mid-month). */
export function partialMonths(months: CapacityLine['byMonth']): Set<string> {
  const hours = months.map((m) => m.plannedHours).sort((a, b) => a - b);
  const median = hours.length ? hours[Math.floor((hours.length - 1) / 2)]! : 0;
  return new Set(months.filter((m) => median > 0 && m.plannedHours < median * 0.5).map((m) => m.period));
}

/** Claimed vs demonstrated capacity per month, with the claim and the tolerance line, and the monthly output. */
export function CapacityChart({ line, tolerance, height = 280 }: { line: CapacityLine; tolerance: number; height?: number }) {
  const { t } = useTranslation();
  const q = useQualityFormat();
  const { locale } = useFormat();
  const compact = useMemo(() => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }), [locale]);
  const data = useMemo(() => {
    const partial = partialMonths(line.byMonth);
    return line.byMonth.map((m) => ({ ...m, partial: partial.has(m.period), label: q.month(m.period), threshold: m.claimed === null ? null : m.claimed * tolerance }));
  }, [line.byMonth, q, tolerance]);
  const claim = line.claim?.value ?? null;
  return (
    <Stack gap={4} data-testid="capacity-chart">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 12, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="var(--mantine-color-gray-2)" vertical={false} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} />
          <YAxis tick={AXIS} tickLine={false} axisLine={false} width={56} tickFormatter={(v: number) => compact.format(v)} domain={[0, (max: number) => Math.max(max, (claim ?? 0) * 1.1)]} />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) => {
              const m = payload?.[0]?.payload as (typeof data)[number] | undefined;
              if (!active || !m) return null;
              return (
                <Paper withBorder shadow="sm" p="xs" radius="sm">
                  <Text size="xs" fw={600}>
                    {m.label}
                  </Text>
                  <Text size="xs">{t('quality.capacity.chart.output')}: {q.integer(m.goodOutput)}</Text>
                  <Text size="xs" c="blue.8">
                    {t('quality.capacity.chart.demonstrated')}: {q.integer(m.demonstrated)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('quality.capacity.chart.claimed')}: {q.integer(m.claimed)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('quality.capacity.cols.utilisation')}: {q.percent(m.utilisation)} · {t('quality.capacity.cols.plannedHours')}: {q.integer(m.plannedHours)}
                  </Text>
                  {m.partial && (
                    <Text size="xs" c="orange.8">
                      {t('quality.capacity.partial')}
                    </Text>
                  )}
                </Paper>
              );
            }}
          />
          <Bar dataKey="goodOutput" fill="var(--mantine-color-gray-3)" barSize={28} isAnimationActive={false} />
          <Line dataKey="claimed" type="stepAfter" stroke="var(--mantine-color-dark-4)" strokeWidth={2} strokeDasharray="7 4" dot={false} isAnimationActive={false} connectNulls />
          <Line dataKey="threshold" type="stepAfter" stroke={RED} strokeWidth={1.5} strokeDasharray="2 3" dot={false} isAnimationActive={false} connectNulls />
          <Line dataKey="demonstrated" type="linear" stroke={BLUE} strokeWidth={2.5} dot={{ r: 3.5, fill: BLUE }} isAnimationActive={false} connectNulls />
        </ComposedChart>
      </ResponsiveContainer>
      <Group gap="md" justify="center">
        <LegendItem color={BLUE} kind="line" label={t('quality.capacity.chart.demonstrated')} />
        <LegendItem color="var(--mantine-color-dark-4)" kind="dash" label={t('quality.capacity.chart.claimed')} />
        <LegendItem color={RED} kind="dash" label={t('quality.capacity.chart.threshold', { pct: Math.round(tolerance * 100) })} />
        <LegendItem color="var(--mantine-color-gray-3)" kind="box" label={t('quality.capacity.chart.output')} />
      </Group>
    </Stack>
  );
}
