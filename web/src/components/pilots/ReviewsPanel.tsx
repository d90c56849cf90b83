// The pilot's evaluation points in order: each with its state, and once reviewed, the decision, the KPI values frozen
// on that day (each opens its records as they were), what an "adjust" changed, and the comments of both sides.
import { Button, Card, Group, Stack, Table, Text, Textarea, Timeline } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText } from '../../lib/validation.js';
import { pilotsApi, useRefreshPilot } from './api.js';
import { DecisionBadge, KpiStatusBadge, PointStateBadge } from './badges.js';
import { useKpiFormat } from './format.js';
import type { Kpi, Pilot, Review } from './types.js';

export function ReviewsPanel({ pilot, onReview, onRecords }: { pilot: Pilot; onReview: (pointId: string) => void; onRecords: (kpi: Kpi, reviewId: string) => void }) {
  const { t } = useTranslation();
  const reviews = new Map(pilot.reviews.map((r) => [r.evaluationPoint.id, r]));
  const active = pilot.evaluationPoints.reduce((last, p, i) => (p.state === 'reviewed' ? i : last), -1);
  return (
    <Timeline active={active} bulletSize={22} lineWidth={2} data-testid="evaluation-points">
      {pilot.evaluationPoints.map((p) => {
        const review = reviews.get(p.id);
        return (
          <Timeline.Item
            key={p.id}
            data-testid="evaluation-point"
            data-kind={p.kind}
            data-state={p.state}
            title={
              <Group gap="xs" wrap="wrap">
                <Text fw={600} size="sm">
                  {p.kind === 'custom' ? p.label : t(`pilots.points.kind.${p.kind}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {p.dueDate}
                </Text>
                <PointStateBadge state={p.state} />
                {!review && pilot.can.review && (
                  <Button size="compact-xs" variant={p.state === 'overdue' || p.state === 'due' ? 'filled' : 'light'} onClick={() => onReview(p.id)} data-testid="point-review">
                    {t('pilots.review.open')}
                  </Button>
                )}
              </Group>
            }
          >
            {review && <ReviewCard pilot={pilot} review={review} onRecords={onRecords} />}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

function ReviewCard({ pilot, review, onRecords }: { pilot: Pilot; review: Review; onRecords: (kpi: Kpi, reviewId: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const f = useKpiFormat();
  const refresh = useRefreshPilot();
  const [body, setBody] = useState('');
  const comment = useMutation({
    mutationFn: () => pilotsApi.comment(pilot.id, review.id, { body }),
    onSuccess: async () => {
      setBody('');
      notify.success(t('pilots.review.commented'));
      await refresh(pilot.id, pilot.engagementId);
    },
    onError: (e) => notify.error(errorText(e, t)),
  });
  return (
    <Card withBorder mt="xs" padding="sm" data-testid="review-card">
      <Group gap="xs" wrap="wrap">
        <DecisionBadge decision={review.decision} final={review.evaluationPoint.kind === 'final'} />
        <Text size="xs" c="dimmed">
          {t('pilots.review.by', { name: review.recordedBy.displayName, date: fmt.dateTime(review.reviewedAt), asOf: fmt.date(review.asOf) })}
        </Text>
      </Group>
      <Table fz="xs" mt="xs" verticalSpacing={4}>
        <Table.Tbody>
          {review.kpis.map((k) => (
            <Table.Tr key={k.key} data-testid="review-kpi" data-key={k.key}>
              <Table.Td>
                {f.name(k)}
                <Text size="xs" c="dimmed">
                  {f.target(k)}
                </Text>
              </Table.Td>
              <Table.Td w={1}>
                <Button variant="subtle" size="compact-xs" style={{ whiteSpace: 'nowrap' }} onClick={() => onRecords(pilot.kpis.find((x) => x.key === k.key) ?? ({ ...k, formula: null, params: {} } as Kpi), review.id)} data-testid="review-kpi-records">
                  {f.value(k, k.value)}
                </Button>
              </Table.Td>
              <Table.Td w={1} style={{ whiteSpace: 'nowrap' }}>
                <KpiStatusBadge status={k.status} size="xs" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {review.changes.length > 0 && (
        <Stack gap={2} mt="xs" data-testid="review-changes">
          {review.changes.map((c) => (
            <Text key={`${c.key}-${c.field}`} size="xs">
              {t('pilots.review.change', { kpi: f.name({ key: c.key, label: pilot.kpis.find((k) => k.key === c.key)?.label ?? null }), field: t(`pilots.setup.${c.field}`), from: c.from, to: c.to })}
            </Text>
          ))}
        </Stack>
      )}
      <Stack gap={6} mt="sm">
        {review.comments.map((c) => (
          <div key={c.id} data-testid="review-comment-item" data-side={c.side}>
            <Text size="xs" c="dimmed">
              {c.author.displayName} · {t(`kinds.${c.side}`)} · {fmt.dateTime(c.createdAt)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.body}
            </Text>
          </div>
        ))}
      </Stack>
      {pilot.can.comment && (
        <Group align="flex-end" gap="xs" mt="sm" wrap="nowrap">
          <Textarea style={{ flex: 1 }} size="xs" autosize minRows={1} placeholder={t('pilots.review.addComment')} value={body} onChange={(e) => setBody(e.currentTarget.value)} data-testid="comment-input" />
          <Button size="xs" disabled={body.trim().length === 0} loading={comment.isPending} onClick={() => comment.mutate()} data-testid="comment-submit">
            {t('pilots.review.send')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
