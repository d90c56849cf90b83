// Recording a finding (major, minor, observation), optionally on a question and against a supplier claim, with
// its follow-up (owner and due date; required for a major finding). Kept in the outbox like an answer.
import { Button, Group, Modal, SegmentedControl, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FindingInput } from '../../../../src/contracts/visits.js';
import { FINDING_SEVERITIES, type FindingSeverity } from '../../../../src/domain/browser.js';
import { validate } from '../../lib/validation.js';
import type { FindingBody } from '../../offline/outbox.js';
import type { ClaimCheck } from './api.js';
import { dayFromToday } from './format.js';

export interface FindingTarget {
  questionId?: string;
  questionText?: string;
  claimId?: string;
}

export function FindingModal({
  target,
  claims,
  onClose,
  onSave,
}: {
  target: FindingTarget | null;
  claims: ClaimCheck[];
  onClose: () => void;
  onSave: (body: Omit<FindingBody, 'clientId'>) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [severity, setSeverity] = useState<FindingSeverity>('minor');
  const [text, setText] = useState('');
  const [claimId, setClaimId] = useState<string | null>(null);
  const [effect, setEffect] = useState<'contradicts' | 'supports'>('contradicts');
  const [withFollowUp, setWithFollowUp] = useState(false);
  const [owner, setOwner] = useState('');
  const [ownerSide, setOwnerSide] = useState<'supplier' | 'buyer' | 'auditor'>('supplier');
  const [dueDate, setDueDate] = useState(dayFromToday(30));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!target) return;
    setSeverity('minor');
    setText('');
    setClaimId(target.claimId ?? null);
    setEffect('contradicts');
    setWithFollowUp(false);
    setOwner('');
    setOwnerSide('supplier');
    setDueDate(dayFromToday(30));
    setErrors({});
  }, [target]);

  const followUp = severity === 'major' || withFollowUp;
  const submit = async () => {
    const body: Omit<FindingBody, 'clientId'> = {
      severity,
      text,
      ...(target?.questionId ? { questionId: target.questionId } : {}),
      ...(claimId ? { claimId, claimEffect: effect } : {}),
      ...(followUp ? { followUp: { owner, ownerSide, dueDate, status: 'open' as const } } : {}),
    };
    const v = validate(FindingInput, { ...body, clientId: '00000000-0000-4000-8000-000000000000' }, t);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setBusy(true);
    try {
      await onSave(body);
      onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={target !== null} onClose={onClose} fullScreen={phone} size="lg" title={<Text fw={600}>{t('visits.findings.new')}</Text>} data-testid="finding-modal">
      <Stack gap="md">
        {target?.questionText && (
          <Text size="sm" c="dimmed">
            {target.questionText}
          </Text>
        )}
        <div>
          <Text size="sm" fw={500} mb={6}>
            {t('visits.findings.severity')}
          </Text>
          <SegmentedControl
            fullWidth
            size="md"
            value={severity}
            onChange={(v) => setSeverity(v as FindingSeverity)}
            data={[...FINDING_SEVERITIES].reverse().map((s) => ({ value: s, label: t(`visits.severity.${s}`) }))}
            color={severity === 'major' ? 'red' : severity === 'minor' ? 'orange' : 'blue'}
            data-testid="finding-severity-input"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t(`visits.findings.severityHints.${severity}`)}
          </Text>
        </div>
        <Textarea
          label={t('visits.findings.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          error={errors.text}
          data-testid="finding-text"
        />
        <Select
          label={t('visits.findings.claim')}
          placeholder={t('visits.findings.noClaim')}
          clearable
          data={claims.map((c) => ({ value: c.id, label: c.productLine ? `${c.productLine} — ${c.title}` : c.title }))}
          value={claimId}
          onChange={setClaimId}
          comboboxProps={{ withinPortal: true }}
          data-testid="finding-claim"
        />
        {claimId && (
          <SegmentedControl
            fullWidth
            value={effect}
            onChange={(v) => setEffect(v as 'contradicts' | 'supports')}
            data={[
              { value: 'contradicts', label: t('visits.findings.effects.contradicts') },
              { value: 'supports', label: t('visits.findings.effects.supports') },
            ]}
          />
        )}
        <Switch
          checked={followUp}
          disabled={severity === 'major'}
          onChange={(e) => setWithFollowUp(e.currentTarget.checked)}
          label={severity === 'major' ? t('visits.findings.followUpRequired') : t('visits.findings.withFollowUp')}
          data-testid="finding-followup-toggle"
        />
        {followUp && (
          <Stack gap="sm">
            <TextInput label={t('visits.findings.owner')} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} error={errors['followUp.owner'] ?? errors.followUp} data-testid="finding-owner" />
            <Group grow align="flex-start">
              <Select
                label={t('visits.findings.ownerSide')}
                data={(['supplier', 'buyer', 'auditor'] as const).map((s) => ({ value: s, label: t(`visits.sides.${s}`) }))}
                value={ownerSide}
                onChange={(v) => v && setOwnerSide(v as typeof ownerSide)}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput type="date" label={t('visits.findings.dueDate')} value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={errors['followUp.dueDate']} data-testid="finding-due" />
            </Group>
          </Stack>
        )}
        <Group justify="flex-end" gap="xs" mt="sm">
          <Button variant="default" size="md" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button size="md" onClick={() => void submit()} loading={busy} data-testid="finding-save">
            {t('visits.findings.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
