// Raising a discrepancy: the engagement, the record it is about (problems first), severity, what happened and how
// many parts. The 8D due dates follow from the engagement's policy; the server refuses what is wrong, field by field.
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { DISCREPANCY_SEVERITIES, type DiscrepancySeverity } from '../../../../src/domain/browser.js';
import { useEngagementsWith } from '../../components/engagement/api.js';
import { discrepancyApi, useRefreshDiscrepancy, useTargets } from '../../components/discrepancies/api.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, useFieldErrors } from '../../lib/validation.js';
import { useTargetLabel } from '../../components/discrepancies/targetLabel.js';

export function RaiseModal({ opened, onClose, engagementId: fixed }: { opened: boolean; onClose: () => void; engagementId?: string }) {
  const { t } = useTranslation();
  const targetLabel = useTargetLabel();
  const navigate = useNavigate();
  const refresh = useRefreshDiscrepancy();
  const engagements = useEngagementsWith(null, opened && !fixed);
  const [engagementId, setEngagementId] = useState<string | null>(fixed ?? null);
  const targets = useTargets(opened ? engagementId : null);
  const [target, setTarget] = useState<string | null>(null);
  const [severity, setSeverity] = useState<DiscrepancySeverity>('major');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState<number | string>('');
  const [unit, setUnit] = useState('pcs');
  const { errors, setErrors, clear } = useFieldErrors();
  const options = [...(targets.data ?? [])].sort((a, b) => Number(b.problem) - Number(a.problem));
  const raise = useMutation({
    mutationFn: () => {
      const picked = options.find((o) => `${o.kind}:${o.id}` === target);
      return discrepancyApi.raise(engagementId!, {
        severity,
        title,
        description,
        quantityAffected: quantity === '' ? null : Number(quantity),
        quantityUnit: quantity === '' ? null : unit || null,
        target: picked ? { kind: picked.kind, id: picked.id } : { kind: 'delivery', id: '' },
      });
    },
    onSuccess: (d) => {
      refresh(d);
      notify.success(t('discrepancies.raise.raised', { reference: d.reference }));
      onClose();
      navigate(`/discrepancies/${d.id}`);
    },
    onError: (e) => {
      setErrors(serverFieldErrors(e));
      notify.error(errorText(e, t));
    },
    meta: { handlesErrors: true },
  });
  const openEngagements = (engagements.data ?? []).filter((e) => ['credibility', 'capability_validation', 'operational_compatibility', 'partnership'].includes(e.phase));
  return (
    <Modal opened={opened} onClose={onClose} title={t('discrepancies.raise.title')} size="lg" data-testid="raise-modal">
      <Stack gap="sm">
        {!fixed && (
          <Select
            label={t('discrepancies.raise.engagement')}
            data={openEngagements.map((e) => ({ value: e.id, label: `${e.title} — ${e.myRole === 'buyer' ? e.supplier.name : e.buyer.name}` }))}
            value={engagementId}
            onChange={(v) => {
              setEngagementId(v);
              setTarget(null);
            }}
            searchable
            data-testid="raise-engagement"
          />
        )}
        <Select
          label={t('discrepancies.raise.target')}
          description={t('discrepancies.raise.targetHint')}
          data={options.map((o) => ({ value: `${o.kind}:${o.id}`, label: `${t(`discrepancies.target.${o.kind}`)} · ${targetLabel(o)}${o.problem ? ` ⚠` : ''}` }))}
          value={target}
          onChange={(v) => {
            setTarget(v);
            clear('target.id', 'target.kind');
          }}
          disabled={!engagementId}
          searchable
          error={errors['target.id'] ?? errors['target.kind']}
          nothingFoundMessage={t('discrepancies.raise.noTargets')}
          data-testid="raise-target"
        />
        {engagementId && targets.data && targets.data.length === 0 && (
          <Alert color="gray" variant="light">
            {t('discrepancies.raise.noTargets')}
          </Alert>
        )}
        <Select
          label={t('discrepancies.raise.severity')}
          description={t('discrepancies.raise.severityHint')}
          data={DISCREPANCY_SEVERITIES.map((s) => ({ value: s, label: t(`discrepancies.severity.${s}`) }))}
          value={severity}
          onChange={(v) => v && setSeverity(v as DiscrepancySeverity)}
          allowDeselect={false}
          data-testid="raise-severity"
        />
        <TextInput label={t('discrepancies.raise.titleLabel')} value={title} onChange={(e) => (setTitle(e.currentTarget.value), clear('title'))} error={errors.title} maxLength={200} required data-testid="raise-title" />
        <Textarea
          label={t('discrepancies.raise.description')}
          description={t('discrepancies.raise.descriptionHint')}
          value={description}
          onChange={(e) => (setDescription(e.currentTarget.value), clear('description'))}
          error={errors.description}
          autosize
          minRows={3}
          maxLength={5000}
          required
          data-testid="raise-description"
        />
        <Group grow>
          <NumberInput label={t('discrepancies.raise.quantity')} value={quantity} onChange={(v) => (setQuantity(v), clear('quantityAffected'))} min={0} error={errors.quantityAffected} data-testid="raise-quantity" />
          <TextInput label={t('discrepancies.raise.unit')} value={unit} onChange={(e) => setUnit(e.currentTarget.value)} maxLength={20} error={errors.quantityUnit} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => raise.mutate()} loading={raise.isPending} disabled={!engagementId || !target} data-testid="raise-submit">
            {t('discrepancies.raise.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
