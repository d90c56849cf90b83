// Closing an evaluation point (the buyer): the KPI values of today are frozen with their records, the comment is
// recorded, and the decision taken — continue, adjust (changed targets recorded from → to) or stop. At the final
// point, "continue" passes the pilot.
import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../icons.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors } from '../../lib/validation.js';
import { pilotsApi, useRefreshPilot } from './api.js';
import { useKpiFormat } from './format.js';
import type { Pilot } from './types.js';

type Decision = 'continue' | 'adjust' | 'stop';

export function ReviewModal({ pilot, opened, onClose, pointId }: { pilot: Pilot; opened: boolean; onClose: () => void; pointId: string | null }) {
  const { t } = useTranslation();
  const f = useKpiFormat();
  const refresh = useRefreshPilot();
  const open = pilot.evaluationPoints.filter((p) => p.state !== 'reviewed');
  const [point, setPoint] = useState<string | null>(pointId);
  const [decision, setDecision] = useState<Decision>('continue');
  const [comment, setComment] = useState('');
  const [targets, setTargets] = useState<Record<string, { target: number; atRisk: number; weight: number }>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!opened) return;
    setPoint(pointId ?? open[0]?.id ?? null);
    setDecision('continue');
    setComment('');
    setErrors({});
    setTargets(Object.fromEntries(pilot.kpis.map((k) => [k.key, { target: k.target, atRisk: k.atRisk, weight: k.weight }])));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, pointId]);
  const chosen = pilot.evaluationPoints.find((p) => p.id === point);
  const final = chosen?.kind === 'final';
  const adjustments = useMemo(
    () =>
      pilot.kpis.flatMap((k) => {
        const v = targets[k.key];
        if (!v) return [];
        const a: { key: string; target?: number; atRisk?: number; weight?: number } = { key: k.key };
        if (v.target !== k.target) a.target = v.target;
        if (v.atRisk !== k.atRisk) a.atRisk = v.atRisk;
        if (v.weight !== k.weight) a.weight = v.weight;
        return Object.keys(a).length > 1 ? [a] : [];
      }),
    [pilot.kpis, targets],
  );
  const save = useMutation({
    mutationFn: () => pilotsApi.review(pilot.id, { evaluationPointId: point, decision, comment, adjustments: decision === 'adjust' ? adjustments : [] }),
    onSuccess: async () => {
      notify.success(t(final && decision === 'continue' ? 'pilots.review.passed' : 'pilots.review.recorded'));
      await refresh(pilot.id, pilot.engagementId);
      onClose();
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
  });
  const submit = () => {
    const local: Record<string, string> = {};
    if (!point) local.evaluationPointId = t('validation.required');
    if (comment.trim().length === 0) local.comment = t('validation.required');
    if (decision === 'adjust' && adjustments.length === 0) local.adjustments = t('pilots.review.adjustNothing');
    setErrors(local);
    if (Object.keys(local).length === 0) save.mutate();
  };
  const decisions: Decision[] = final ? ['continue', 'stop'] : ['continue', 'adjust', 'stop'];
  return (
    <Modal opened={opened} onClose={onClose} title={t('pilots.review.title')} size="lg" data-testid="review-modal">
      <Stack gap="sm">
        <Select
          label={t('pilots.review.point')}
          data={open.map((p) => ({ value: p.id, label: `${t(`pilots.points.kind.${p.kind}`, { defaultValue: p.label ?? p.kind })} · ${p.dueDate}` }))}
          value={point}
          onChange={(v) => {
            setPoint(v);
            if (pilot.evaluationPoints.find((p) => p.id === v)?.kind === 'final' && decision === 'adjust') setDecision('continue');
          }}
          error={errors.evaluationPointId}
          data-testid="review-point"
          allowDeselect={false}
        />
        <Text size="xs" c="dimmed">
          {t('pilots.review.frozenHint')}
        </Text>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('pilots.review.decisionLabel')}
          </Text>
          <SegmentedControl
            fullWidth
            value={decision}
            onChange={(v) => setDecision(v as Decision)}
            data={decisions.map((d) => ({ value: d, label: t(final && d === 'continue' ? 'pilots.review.decision.pass' : `pilots.review.decision.${d}`) }))}
            data-testid="review-decision-input"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t(final ? `pilots.review.hintFinal.${decision}` : `pilots.review.hint.${decision}`)}
          </Text>
        </div>
        {decision === 'adjust' && (
          <Table fz="sm" data-testid="review-adjustments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pilots.setup.kpi')}</Table.Th>
                <Table.Th>{t('pilots.setup.target')}</Table.Th>
                <Table.Th>{t('pilots.setup.atRisk')}</Table.Th>
                <Table.Th>{t('pilots.setup.weight')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pilot.kpis.map((k) => (
                <Table.Tr key={k.key}>
                  <Table.Td>{f.name(k)}</Table.Td>
                  {(['target', 'atRisk', 'weight'] as const).map((field) => (
                    <Table.Td key={field}>
                      <NumberInput
                        size="xs"
                        w={90}
                        value={targets[k.key]?.[field] ?? k[field]}
                        onChange={(v) => setTargets((s) => ({ ...s, [k.key]: { ...s[k.key]!, [field]: typeof v === 'number' ? v : Number(v) || 0 } }))}
                        data-testid={`adjust-${k.key}-${field}`}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {errors.adjustments && (
          <Text size="xs" c="red">
            {errors.adjustments}
          </Text>
        )}
        <Textarea label={t('pilots.review.comment')} placeholder={t('pilots.review.commentPlaceholder')} autosize minRows={3} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={errors.comment} data-testid="review-comment" />
        {save.isError && Object.keys(serverFieldErrors(save.error)).length === 0 && (
          <Alert color="red" icon={<IconAlert />} data-testid="review-error">
            {errorText(save.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending} color={decision === 'stop' ? 'red' : undefined} data-testid="review-submit">
            {t('pilots.review.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
