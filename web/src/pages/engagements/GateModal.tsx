// The buyer's gate decision: advance, hold or reject, with a rationale and the evidence relied on. Advancing
// while required requirements are unmet lists them and needs an explicit override with its reason.
import { Alert, Button, Checkbox, Group, Modal, MultiSelect, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { GateDecisionInput } from '../../../../src/contracts/engagements.js';
import { type GateDecision, nextPhase } from '../../../../src/domain/browser.js';
import { api, isApiError } from '../../api/client.js';
import { useReadiness, useRefreshEngagement } from '../../components/engagement/api.js';
import { RequirementStateBadge } from '../../components/engagement/badges.js';
import { useExplain, useLocalized } from '../../components/engagement/explain.js';
import type { Engagement } from '../../components/engagement/types.js';
import { IconAlert } from '../../components/icons.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, useFieldErrors, validate } from '../../lib/validation.js';
import { useEvidenceMap } from './hooks.js';

export function GateModal({ engagement: e, opened, onClose }: { engagement: Engagement; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={<Text fw={600}>{t('engagements.gate.title', { phase: t(`vocab.phases.${e.phase}`) })}</Text>} data-testid="gate-modal">
      {opened && <GateForm engagement={e} onDone={onClose} />}
    </Modal>
  );
}

function GateForm({ engagement: e, onDone }: { engagement: Engagement; onDone: () => void }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const readiness = useReadiness(e.id);
  const evidence = useEvidenceMap(e.id);
  const explain = useExplain({ firedRules: readiness.data?.visitAdvice.firedRules });
  const refresh = useRefreshEngagement(e.id);
  const [, setParams] = useSearchParams();
  const [decision, setDecision] = useState<GateDecision>('advance');
  const [rationale, setRationale] = useState('');
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();

  // Preselect the evidence that counted for the phase's requirements.
  useEffect(() => {
    if (readiness.data && evidenceIds.length === 0) {
      const counted = readiness.data.requirements.flatMap((r) => r.considered.filter((c) => c.verdict === 'counted').map((c) => c.evidenceId));
      setEvidenceIds([...new Set(counted)].filter((id) => evidence.has(id)));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readiness.data, evidence]);

  const decide = useMutation({
    mutationFn: (body: unknown) => api.post<Engagement>(`/api/v1/engagements/${e.id}/gates`, body),
    onSuccess: async (fresh) => {
      notify.success(t(`engagements.gate.done.${decision}`, { phase: t(`vocab.phases.${fresh.phase}`) }));
      onDone();
      setParams({}, { replace: true });
      await refresh();
    },
    onError: async (err) => {
      // Someone decided this gate first (another tab, a colleague): the decision is not repeated on the next phase.
      if (isApiError(err, 409) && err.code === 'phase_changed') {
        notify.error(t('engagements.gate.phaseChanged'));
        onDone();
        await refresh();
        return;
      }
      setErrors(serverFieldErrors(err));
      // Readiness changed since it was loaded (evidence withdrawn, expired): show the current blocking list.
      if (isApiError(err, 409)) void readiness.refetch();
    },
    meta: { handlesErrors: true },
  });

  const blocking = (readiness.data?.requirements ?? []).filter((r) => readiness.data?.summary.blocking.includes(r.id));
  const needsOverride = decision === 'advance' && blocking.length > 0;
  const next = nextPhase(e.phase);

  const submit = () => {
    const body = {
      decision,
      expectedPhase: e.phase,
      rationale,
      evidenceIds,
      override: needsOverride ? override : false,
      ...(needsOverride && override ? { overrideReason } : {}),
    };
    const v = validate(GateDecisionInput, body, t);
    if (!v.ok) return setErrors(v.errors);
    if (needsOverride && !override) return setErrors({ override: t('engagements.gate.overrideRequired') });
    if (needsOverride && !overrideReason.trim()) return setErrors({ overrideReason: t('validation.required') });
    setErrors({});
    decide.mutate(v.data);
  };

  const options = [...evidence.values()].map((ev) => ({ value: ev.id, label: `${ev.title} (${t(`vocab.provenance.${ev.provenance}`)})` }));
  const otherError = decide.isError && !isApiError(decide.error, 409) && Object.keys(serverFieldErrors(decide.error)).length === 0;

  return (
    <Stack gap="md" data-testid="gate-form">
      <SegmentedControl
        fullWidth
        value={decision}
        onChange={(v) => {
          setDecision(v as GateDecision);
          clear('override', 'overrideReason', 'decision');
        }}
        data={[
          { value: 'advance', label: next ? t('engagements.gate.advanceTo', { phase: t(`vocab.phases.${next}`) }) : t('vocab.decisions.advance'), disabled: !next },
          { value: 'hold', label: t('engagements.gate.options.hold') },
          { value: 'reject', label: t('engagements.gate.options.reject') },
        ]}
        data-testid="gate-decision"
      />
      <Text size="xs" c="dimmed">
        {t(`engagements.gate.hint.${decision}`)}
      </Text>
      {needsOverride && (
        <Alert color="red" variant="light" icon={<IconAlert />} title={t('engagements.gate.blockingTitle', { count: blocking.length })} data-testid="gate-blocking">
          <Stack gap="xs">
            {blocking.map((r) => (
              <Group key={r.id} gap="sm" align="flex-start" wrap="nowrap" data-testid="gate-blocking-item" data-requirement-id={r.id}>
                <div style={{ paddingTop: 1 }}>
                  <RequirementStateBadge state={r.state} />
                </div>
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {loc(r.title)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {explain(r.explanation, r.why)}
                  </Text>
                </div>
              </Group>
            ))}
          </Stack>
        </Alert>
      )}
      <Textarea
        label={t('engagements.gate.rationale')}
        description={t('engagements.gate.rationaleHint')}
        value={rationale}
        onChange={(ev) => {
          setRationale(ev.currentTarget.value);
          clear('rationale');
        }}
        error={errors.rationale}
        autosize
        minRows={3}
        data-testid="gate-rationale"
      />
      <MultiSelect
        label={t('engagements.gate.evidence')}
        data={options}
        value={evidenceIds}
        onChange={setEvidenceIds}
        searchable
        clearable
        error={errors.evidenceIds ?? Object.entries(errors).find(([k]) => k.startsWith('evidenceIds.'))?.[1]}
        data-testid="gate-evidence"
      />
      {needsOverride && (
        <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-orange-3)', borderRadius: 8, background: 'var(--mantine-color-orange-0)' }}>
          <Checkbox
            label={t('engagements.gate.override', { count: blocking.length })}
            description={t('engagements.gate.overrideHint')}
            checked={override}
            onChange={(ev) => {
              setOverride(ev.currentTarget.checked);
              clear('override');
            }}
            error={errors.override}
            color="orange"
            data-testid="gate-override"
          />
          {override && (
            <Textarea
              label={t('engagements.gate.overrideReason')}
              value={overrideReason}
              onChange={(ev) => {
                setOverrideReason(ev.currentTarget.value);
                clear('overrideReason');
              }}
              error={errors.overrideReason}
              autosize
              minRows={2}
              data-testid="gate-override-reason"
            />
          )}
        </Stack>
      )}
      {isApiError(decide.error, 409) && (
        <Alert color="red" variant="light" icon={<IconAlert />} data-testid="gate-conflict">
          {decide.error.code === 'requirements_unmet' ? t('engagements.gate.unmetConflict') : errorText(decide.error, t)}
        </Alert>
      )}
      {otherError && (
        <Alert color="red" variant="light" icon={<IconAlert />}>
          {errorText(decide.error, t)}
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button color={decision === 'reject' ? 'red' : needsOverride ? 'orange' : undefined} loading={decide.isPending} onClick={submit} data-testid="gate-submit">
          {needsOverride ? t('engagements.gate.submitOverride') : t(`engagements.gate.submit.${decision}`)}
        </Button>
      </Group>
    </Stack>
  );
}
