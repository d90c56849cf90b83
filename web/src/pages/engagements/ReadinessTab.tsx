// Readiness, explained: each requirement of the current phase as met / partly met / unmet / waived, with the
// evidence that decided it and a sentence why; the formal and behavioural sub-scores with their inputs;
// contradicted claims; evidence that is expiring, expired or stale.
import { Alert, Badge, Button, Card, Grid, Group, Modal, Paper, Progress, RingProgress, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WaiverInput } from '../../../../src/contracts/engagements.js';
import { api } from '../../api/client.js';
import { useReadiness, useRefreshEngagement, useWaivers } from '../../components/engagement/api.js';
import { ClaimStatusBadge, RequirementStateBadge } from '../../components/engagement/badges.js';
import { EvidenceChips } from '../../components/engagement/EvidenceChips.js';
import { useAlertText, useExplain, useLocalized, useScoreDetail } from '../../components/engagement/explain.js';
import { useDay, useNumber } from '../../components/engagement/format.js';
import { IconClipboardCheck } from '../../components/engagement/icons.js';
import type { Alert as EvidenceAlert, Engagement, Readiness, RequirementRow, Score } from '../../components/engagement/types.js';
import { IconAlert, IconCheck, IconInfo } from '../../components/icons.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { useEvidenceMap } from './hooks.js';

export function ReadinessTab({ engagement: e, canDecide, onDecide }: { engagement: Engagement; canDecide: boolean; onDecide: () => void }) {
  const { t } = useTranslation();
  const readiness = useReadiness(e.id);
  const evidence = useEvidenceMap(e.id);
  const [waiving, setWaiving] = useState<RequirementRow | null>(null);
  const [unwaiving, setUnwaiving] = useState<RequirementRow | null>(null);
  if (readiness.isPending) return <Loading />;
  if (readiness.isError) return <ErrorAlert error={readiness.error} onRetry={() => void readiness.refetch()} />;
  const r = readiness.data;
  if (!r.phase) {
    return (
      <Card>
        <Empty icon={<IconInfo size={22} />} title={t('readiness.closed')} />
      </Card>
    );
  }
  return (
    <Stack gap="md" data-testid="readiness">
      <SummaryCard engagement={e} readiness={r} canDecide={canDecide} onDecide={onDecide} />
      <Alerts alerts={r.evidenceAlerts} />
      <Card padding={0}>
        <Group justify="space-between" p="md" pb="xs">
          <Title order={4} fw={600}>
            {t('readiness.requirementsTitle', { phase: t(`vocab.phases.${r.phase}`) })}
          </Title>
          <Text size="xs" c="dimmed">
            {t('readiness.policy', { key: r.policy.key, version: r.policy.version })}
          </Text>
        </Group>
        <Stack gap={0}>
          {r.requirements.map((req) => (
            <RequirementItem
              key={req.id}
              req={req}
              readiness={r}
              evidence={evidence}
              onWaive={canDecide && req.waivable !== false && req.state !== 'met' && req.state !== 'waived' ? () => setWaiving(req) : undefined}
              onUnwaive={canDecide && req.state === 'waived' ? () => setUnwaiving(req) : undefined}
            />
          ))}
          {r.notApplicable.map((na) => (
            <NotApplicableItem key={na.id} title={na.title} explanation={na.explanation} why={na.why} />
          ))}
        </Stack>
      </Card>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ScoreCard title={t('readiness.formalTitle')} hint={t('readiness.formalHint')} score={r.formalScore} evidence={evidence} testId="score-formal" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ScoreCard title={t('readiness.behaviouralTitle')} hint={t('readiness.behaviouralHint')} score={r.behaviouralScore} evidence={evidence} testId="score-behavioural" />
        </Grid.Col>
      </Grid>
      <ContradictedClaims readiness={r} evidence={evidence} />
      {canDecide && <WaiveModal engagement={e} requirement={waiving} onClose={() => setWaiving(null)} />}
      {canDecide && <UnwaiveModal engagement={e} phase={r.phase} requirement={unwaiving} onClose={() => setUnwaiving(null)} />}
    </Stack>
  );
}

function SummaryCard({ engagement: e, readiness: r, canDecide, onDecide }: { engagement: Engagement; readiness: Readiness; canDecide: boolean; onDecide: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = r.summary;
  const total = r.requirements.length;
  const pct = (n: number) => (n / Math.max(total, 1)) * 100;
  return (
    <Card data-testid="readiness-summary">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <div>
          <Title order={4} fw={600}>
            {t('readiness.summaryTitle', { phase: t(`vocab.phases.${r.phase!}`) })}
          </Title>
          <Text size="xs" c="dimmed" mt={2}>
            {t('readiness.evaluatedAt', { date: fmt.dateTime(r.evaluatedAt) })}
          </Text>
        </div>
        {canDecide && (
          <Button variant={s.readyToAdvance ? 'filled' : 'light'} leftSection={<IconClipboardCheck size={16} />} onClick={onDecide}>
            {t('engagements.gate.button')}
          </Button>
        )}
      </Group>
      <Group gap="lg" mt="md" wrap="wrap">
        <Count label={t('vocab.requirementStates.met')} value={s.met} color="green" />
        <Count label={t('vocab.requirementStates.partly_met')} value={s.partlyMet} color="yellow" />
        <Count label={t('vocab.requirementStates.unmet')} value={s.unmet} color="red" />
        <Count label={t('vocab.requirementStates.waived')} value={s.waived} color="violet" />
        <Text size="sm" c="dimmed">
          {t('readiness.requiredOf', { required: s.required, total })}
        </Text>
      </Group>
      <Progress.Root size="md" mt="sm">
        <Progress.Section value={pct(s.met)} color="green" />
        <Progress.Section value={pct(s.waived)} color="violet" />
        <Progress.Section value={pct(s.partlyMet)} color="yellow" />
        <Progress.Section value={pct(s.unmet)} color="red" />
      </Progress.Root>
      {s.blocking.length > 0 ? (
        <Alert mt="md" color="red" variant="light" icon={<IconAlert />} data-testid="readiness-blocking">
          {t('readiness.blocking', { count: s.blocking.length, phase: s.nextPhase ? t(`vocab.phases.${s.nextPhase}`) : '' })}
        </Alert>
      ) : (
        <Alert mt="md" color="green" variant="light" icon={<IconCheck />} data-testid="readiness-ready">
          {s.nextPhase ? t('readiness.readyFor', { phase: t(`vocab.phases.${s.nextPhase}`) }) : t('readiness.allSatisfied')}
        </Alert>
      )}
      {e.myRole === 'supplier' && s.blocking.length > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('readiness.supplierHint')}
        </Text>
      )}
    </Card>
  );
}

function Count({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <Group gap={6}>
      <Badge color={color} variant="filled" circle size="lg">
        {value}
      </Badge>
      <Text size="sm">{label}</Text>
    </Group>
  );
}

function Alerts({ alerts }: { alerts: EvidenceAlert[] }) {
  const { t } = useTranslation();
  const day = useDay();
  const text = useAlertText();
  if (alerts.length === 0) return null;
  const color = { expired: 'red', expiring_30: 'orange', expiring_60: 'yellow', stale: 'gray' } as const;
  return (
    <Stack gap="xs" data-testid="evidence-alerts">
      {alerts.map((a) => (
        <Alert key={`${a.evidenceId}-${a.state}`} color={color[a.state]} variant="light" icon={<IconAlert />} title={t(`readiness.alertTitles.${a.state}`, { count: a.daysLeft ?? 0 })} data-testid="evidence-alert" data-state={a.state}>
          <Text size="sm">{text(a, day)}</Text>
        </Alert>
      ))}
    </Stack>
  );
}

function RequirementItem({
  req,
  readiness,
  evidence,
  onWaive,
  onUnwaive,
}: {
  req: RequirementRow;
  readiness: Readiness;
  evidence: ReturnType<typeof useEvidenceMap>;
  onWaive?: () => void;
  onUnwaive?: () => void;
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const explain = useExplain({ firedRules: readiness.visitAdvice.firedRules });
  const verdicts = useMemo(() => new Map(req.considered.map((c) => [c.evidenceId, c.verdict])), [req.considered]);
  const shown = [...new Set([...req.evidenceIds, ...req.considered.map((c) => c.evidenceId)])];
  const claims = readiness.claims.filter((c) => req.claimIds.includes(c.claimId));
  return (
    <Paper px="md" py="sm" radius={0} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="requirement" data-requirement-id={req.id} data-state={req.state}>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <div style={{ paddingTop: 2 }}>
          <RequirementStateBadge state={req.state} />
        </div>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={8} wrap="wrap">
            <Text fw={600} size="sm" data-testid="requirement-title">
              {loc(req.title)}
            </Text>
            <Badge size="xs" variant="outline" color={req.required ? 'dark' : 'gray'} tt="none" fw={500}>
              {req.required ? t('readiness.required') : t('readiness.optional')}
            </Badge>
            <Tooltip label={t(`vocab.requirementTypes.${req.type}`)}>
              <Text size="xs" c="dimmed" className="bf-mono">
                {req.id}
              </Text>
            </Tooltip>
          </Group>
          <Text size="sm" c="gray.8" data-testid="requirement-why">
            {explain(req.explanation, req.why)}
          </Text>
          {shown.length > 0 && <EvidenceChips ids={shown} evidence={evidence} verdicts={verdicts} />}
          {claims.length > 0 && (
            <Group gap={6}>
              {claims.map((c) => (
                <Group key={c.claimId} gap={4} wrap="nowrap">
                  <Text size="xs">{c.title}</Text>
                  <ClaimStatusBadge status={c.status} provenance={c.strongestProvenance} />
                </Group>
              ))}
            </Group>
          )}
          {req.messageIds.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('readiness.messagesConsidered', { count: req.messageIds.length })}
            </Text>
          )}
        </Stack>
        {onWaive && (
          <Button size="compact-sm" variant="subtle" color="violet" onClick={onWaive} data-testid="requirement-waive">
            {t('readiness.waive')}
          </Button>
        )}
        {onUnwaive && (
          <Button size="compact-sm" variant="subtle" color="gray" onClick={onUnwaive} data-testid="requirement-unwaive">
            {t('readiness.unwaive')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function NotApplicableItem({ title, explanation, why }: { title: { en: string; zh: string }; explanation: RequirementRow['explanation']; why: string }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const explain = useExplain();
  return (
    <Paper px="md" py="sm" radius={0} bg="gray.0" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="requirement-na">
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Badge variant="outline" color="gray" tt="none" fw={500} miw={84}>
          {t('readiness.notApplicable')}
        </Badge>
        <div>
          <Text size="sm" c="dimmed" fw={500}>
            {loc(title)}
          </Text>
          <Text size="xs" c="dimmed">
            {explain(explanation, why)}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

function ScoreCard({ title, hint, score, evidence, testId }: { title: string; hint: string; score: Score; evidence: ReturnType<typeof useEvidenceMap>; testId: string }) {
  const { t } = useTranslation();
  const num = useNumber();
  const detail = useScoreDetail();
  const color = score.score === null ? 'gray' : score.score >= 75 ? 'green' : score.score >= 50 ? 'yellow' : 'red';
  return (
    <Card h="100%" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={5} fw={600}>
            {title}
          </Title>
          <Text size="xs" c="dimmed" maw={380}>
            {hint}
          </Text>
        </div>
        <RingProgress
          size={84}
          thickness={8}
          roundCaps
          sections={[{ value: score.score ?? 0, color }]}
          label={
            <Text ta="center" fw={700} size="lg" data-testid={`${testId}-value`}>
              {score.score === null ? '—' : score.score}
            </Text>
          }
        />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {score.score === null ? t('readiness.noInputs') : t('readiness.points', { points: num(score.points), max: num(score.max) })}
      </Text>
      <Table className="bf-table" verticalSpacing={6} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('readiness.input')}</Table.Th>
            <Table.Th w={110}>{t('readiness.pointsColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {score.inputs.map((i) => (
            <Table.Tr key={`${i.key}:${i.claimId ?? ''}`} data-testid="score-input" data-key={i.key} data-claim={i.claimId} style={{ opacity: i.available ? 1 : 0.6 }}>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text size="sm" fw={500}>
                  {t(`readiness.scoreInputs.${i.key}`, { defaultValue: i.label })}
                </Text>
                <Text size="xs" c="dimmed">
                  {detail(i)}
                </Text>
                {i.evidenceIds.length > 0 && (
                  <div style={{ marginTop: 4 }}>
                    <EvidenceChips ids={i.evidenceIds} evidence={evidence} />
                  </div>
                )}
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                {i.available && i.max === 0 ? (
                  // A deduction (a contradicted claim): points taken off, no maximum of its own.
                  <Text size="sm" fw={600} c="red.7" data-testid="score-deduction">
                    −{num(-i.points)}
                  </Text>
                ) : i.available ? (
                  <>
                    <Text size="sm" fw={500}>
                      {num(i.points)} / {num(i.max)}
                    </Text>
                    <Progress value={(i.points / Math.max(i.max, 1)) * 100} size="sm" color={i.points >= i.max ? 'green' : i.points > 0 ? 'yellow' : 'red'} mt={4} />
                  </>
                ) : (
                  <Tooltip label={t('readiness.notMeasuredHint')} multiline maw={260}>
                    <Badge variant="outline" color="gray" tt="none" fw={500} size="sm">
                      {t('readiness.notMeasured')}
                    </Badge>
                  </Tooltip>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function ContradictedClaims({ readiness: r, evidence }: { readiness: Readiness; evidence: ReturnType<typeof useEvidenceMap> }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="contradicted-claims">
      <Title order={5} fw={600} mb="xs">
        {t('readiness.contradictedTitle')}
      </Title>
      {r.contradictedClaims.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('readiness.noContradicted', { count: r.claims.length })}
        </Text>
      ) : (
        <Stack gap="sm">
          {r.contradictedClaims.map((c) => (
            <Paper key={c.claimId} withBorder p="sm" data-testid="contradicted-claim">
              <Group gap="xs" mb={4}>
                <ClaimStatusBadge status={c.status} />
                <Text size="sm" fw={600}>
                  {c.title}
                </Text>
                {c.productLine && (
                  <Text size="xs" c="dimmed">
                    {c.productLine}
                  </Text>
                )}
              </Group>
              <EvidenceChips ids={c.contradictingEvidenceIds} evidence={evidence} />
            </Paper>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function WaiveModal({ engagement: e, requirement, onClose }: { engagement: Engagement; requirement: RequirementRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const refresh = useRefreshEngagement(e.id);
  return (
    <ReasonModal
      opened={requirement !== null}
      onClose={onClose}
      title={t('readiness.waiveTitle')}
      subject={requirement ? loc(requirement.title) : ''}
      body={t('readiness.waiveBody')}
      label={t('readiness.waiveReason')}
      submitLabel={t('readiness.waive')}
      color="violet"
      schema={WaiverInput}
      field="reason"
      extra={{ requirementId: requirement?.id ?? '' }}
      send={(body) => api.post(`/api/v1/engagements/${e.id}/waivers`, body)}
      doneMessage={t('readiness.waived')}
      onDone={refresh}
      testIds={{ modal: 'waive-modal', text: 'waive-reason', submit: 'waive-submit' }}
    />
  );
}

/** Withdrawing a waiver: the requirement counts by its evidence again (every waiver of it in this phase goes). */
function UnwaiveModal({ engagement: e, phase, requirement, onClose }: { engagement: Engagement; phase: string | null; requirement: RequirementRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormat();
  const refresh = useRefreshEngagement(e.id);
  const waivers = useWaivers(e.id, requirement !== null);
  const mine = (waivers.data ?? []).filter((w) => requirement && w.requirementId === requirement.id && w.phase === phase);
  const withdraw = useMutation({
    mutationFn: async () => {
      for (const w of mine) await api.delete(`/api/v1/engagements/${e.id}/waivers/${w.id}`);
    },
    onSuccess: async () => {
      notify.success(t('readiness.unwaived'));
      onClose();
      await refresh();
    },
  });
  return (
    <Modal opened={requirement !== null} onClose={onClose} centered title={<Text fw={600}>{t('readiness.unwaiveTitle')}</Text>} data-testid="unwaive-modal">
      <Stack gap="md">
        <Text size="sm" fw={500}>
          {requirement ? loc(requirement.title) : ''}
        </Text>
        {waivers.isError ? (
          <ErrorAlert error={waivers.error} onRetry={() => void waivers.refetch()} />
        ) : waivers.isPending ? (
          <Loading />
        ) : (
          mine.map((w) => (
            <Paper key={w.id} withBorder p="sm" radius="sm" bg="gray.0" data-testid="unwaive-waiver">
              <Text size="xs" c="dimmed">
                {t('readiness.waivedByAt', { name: w.waivedBy.displayName, date: fmt.dateTime(w.waivedAt) })}
              </Text>
              <Text size="sm">“{w.reason}”</Text>
            </Paper>
          ))
        )}
        <Text size="sm" c="dimmed">
          {t('readiness.unwaiveBody')}
        </Text>
        {withdraw.isError && <ErrorAlert error={withdraw.error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="violet" variant="light" loading={withdraw.isPending} disabled={mine.length === 0} onClick={() => withdraw.mutate()} data-testid="unwaive-submit">
            {t('readiness.unwaive')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
