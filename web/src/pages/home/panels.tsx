// Building blocks of the home page's panels: a titled card with a count and an empty state, and the chart of
// engagements by phase.
import { Badge, Card, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Children } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ENGAGEMENT_PHASES, type EngagementPhase } from '../../../../src/domain/browser.js';
import { useFormat } from '../../lib/format.js';

const PHASE_FILL: Record<EngagementPhase, string> = {
  proposed: 'var(--mantine-color-gray-5)',
  credibility: 'var(--mantine-color-blue-4)',
  capability_validation: 'var(--mantine-color-blue-6)',
  operational_compatibility: 'var(--mantine-color-indigo-6)',
  partnership: 'var(--mantine-color-teal-6)',
  rejected: 'var(--mantine-color-red-4)',
  withdrawn: 'var(--mantine-color-gray-4)',
  terminated: 'var(--mantine-color-red-6)',
};

/** A listed item (overdue review, 8D step, delivery, expiring evidence) worded in the UI language from its parts. */
export function useItemLabel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (o: { kind: string; subject: string; ref: string | null; pointKind: string | null; openQty: number | null }) => {
    if (o.kind === 'evaluation_point') return `${o.pointKind === 'custom' ? o.ref ?? '' : t(`pilots.points.kind.${o.pointKind}`)} · ${o.subject}`;
    if (o.kind === 'delivery_due') return `${o.ref} · ${o.subject} · ${t('portfolio.openQty', { qty: fmt.number(o.openQty ?? 0) })}`;
    return o.ref ? `${o.ref} · ${o.subject}` : o.subject;
  };
}

export function PanelCard({ title, count, testId, empty, maxHeight = 340, children }: { title: string; count?: number; testId: string; empty?: string; maxHeight?: number; children: ReactNode }) {
  const none = Children.count(children) === 0;
  return (
    <Card h="100%" data-testid={testId}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={5} fw={600}>
          {title}
        </Title>
        {count !== undefined && (
          <Badge variant="light" color={count ? 'red' : 'gray'} radius="sm" data-testid="panel-count">
            {count}
          </Badge>
        )}
      </Group>
      {none && empty ? (
        <Text size="sm" c="dimmed" data-testid="panel-empty">
          {empty}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={maxHeight}>
          <Stack gap="sm">{children}</Stack>
        </ScrollArea.Autosize>
      )}
    </Card>
  );
}

export function PhaseChart({ counts }: { counts: { phase: EngagementPhase; count: number }[] }) {
  const { t } = useTranslation();
  const by = new Map(counts.map((c) => [c.phase, c.count]));
  const data = ENGAGEMENT_PHASES.filter((p) => by.has(p) || ['credibility', 'capability_validation', 'operational_compatibility', 'partnership'].includes(p)).map((p) => ({ phase: p, label: t(`vocab.phases.${p}`), count: by.get(p) ?? 0 }));
  return (
    <div style={{ height: 180 }} data-testid="phase-chart" data-counts={JSON.stringify(Object.fromEntries(by))}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Bar dataKey="count" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.phase} fill={PHASE_FILL[d.phase]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
