// Is a factory visit needed? The advisor's recommendation with its score, every rule that fired (weight,
// direction, the evidence and claims behind it) and the policy's rules that did not fire.
import { Badge, Card, Grid, Group, Progress, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useClaims, usePolicy, useVisitAdvice } from '../../components/engagement/api.js';
import { EvidenceChips } from '../../components/engagement/EvidenceChips.js';
import { useAdviceText, useLocalized } from '../../components/engagement/explain.js';
import { useNumber } from '../../components/engagement/format.js';
import { IconFactory } from '../../components/engagement/icons.js';
import type { Engagement } from '../../components/engagement/types.js';
import { ErrorAlert, Loading } from '../../components/States.js';
import { useEvidenceMap } from './hooks.js';

const RECOMMENDATION_COLORS = { visit_needed: 'red', visit_recommended: 'yellow', visit_can_be_waived: 'green' } as const;

export function VisitAdviceTab({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const num = useNumber();
  const loc = useLocalized();
  const adviceText = useAdviceText();
  const advice = useVisitAdvice(e.id);
  const evidence = useEvidenceMap(e.id);
  const claims = useClaims(e.supplier.id);
  const policy = usePolicy(e.policy.id);
  if (advice.isPending) return <Loading />;
  if (advice.isError) return <ErrorAlert error={advice.error} onRetry={() => void advice.refetch()} />;
  const a = advice.data;
  const claimTitle = new Map((claims.data ?? []).map((c) => [c.id, c.title]));
  const fired = new Set(a.firedRules.map((r) => r.id));
  const notFired = (policy.data?.document.visitAdvisor.rules ?? []).filter((r) => !fired.has(r.id));
  // A scale from the lowest to the highest interesting score, with the two thresholds marked.
  const lo = Math.min(0, a.score, a.thresholds.recommended - 1);
  const hi = Math.max(a.thresholds.needed + 1, a.score + 1);
  const pos = (v: number) => ((v - lo) / (hi - lo)) * 100;

  return (
    <Stack gap="md" data-testid="visit-advice">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card h="100%">
            <Group gap="sm" mb="sm">
              <IconFactory size={22} />
              <Title order={4} fw={600}>
                {t('visitAdvice.title')}
              </Title>
            </Group>
            <Badge size="xl" color={RECOMMENDATION_COLORS[a.recommendation]} variant="filled" tt="none" fw={600} data-testid="visit-recommendation" data-recommendation={a.recommendation}>
              {t(`vocab.recommendations.${a.recommendation}`)}
            </Badge>
            <Text size="sm" mt="md" data-testid="visit-why">
              {adviceText(a)}
            </Text>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card h="100%">
            <Title order={5} fw={600} mb="xs">
              {t('visitAdvice.scoreTitle')}
            </Title>
            <Text size="sm" c="dimmed" mb="md">
              {t('visitAdvice.scoreHint', { base: num(a.baseScore), needed: num(a.thresholds.needed), recommended: num(a.thresholds.recommended) })}
            </Text>
            <div style={{ position: 'relative', paddingTop: 22, paddingBottom: 40 }}>
              <Progress.Root size={14}>
                <Progress.Section value={pos(a.thresholds.recommended)} color="green.3" />
                <Progress.Section value={pos(a.thresholds.needed) - pos(a.thresholds.recommended)} color="yellow.3" />
                <Progress.Section value={100 - pos(a.thresholds.needed)} color="red.3" />
              </Progress.Root>
              <Marker at={pos(a.score)} label={t('visitAdvice.score', { score: num(a.score) })} strong />
              <Marker at={pos(a.thresholds.recommended)} label={t('visitAdvice.recommendedAt', { value: num(a.thresholds.recommended) })} below />
              <Marker at={pos(a.thresholds.needed)} label={t('visitAdvice.neededAt', { value: num(a.thresholds.needed) })} below />
            </div>
            <Text size="sm">
              {t('visitAdvice.arithmetic', {
                base: num(a.baseScore),
                raise: num(a.firedRules.filter((r) => r.effect === 'raise').reduce((s, r) => s + r.weight, 0)),
                waive: num(a.firedRules.filter((r) => r.effect === 'waive').reduce((s, r) => s + r.weight, 0)),
                score: num(a.score),
              })}
            </Text>
          </Card>
        </Grid.Col>
      </Grid>
      <Card padding={0}>
        <Title order={5} fw={600} p="md" pb="xs">
          {t('visitAdvice.firedTitle', { count: a.firedRules.length })}
        </Title>
        {/* On a phone the three columns do not fit: the table scrolls sideways inside the card. */}
        <Table.ScrollContainer minWidth={560} type="native">
          <Table className="bf-table" verticalSpacing="sm" data-testid="fired-rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>{t('visitAdvice.effect')}</Table.Th>
                <Table.Th>{t('visitAdvice.rule')}</Table.Th>
                <Table.Th>{t('visitAdvice.basis')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.firedRules.map((r) => (
                <Table.Tr key={r.id} data-testid="fired-rule" data-rule-id={r.id}>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Badge color={r.effect === 'raise' ? 'red' : 'green'} variant="light" tt="none" fw={600}>
                      {r.effect === 'raise' ? `+${num(r.weight)}` : `−${num(r.weight)}`} · {t(`visitAdvice.effects.${r.effect}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Text size="sm">{loc(r.explanation)}</Text>
                    <Text size="xs" c="dimmed" className="bf-mono">
                      {r.id}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Stack gap={4}>
                      <EvidenceChips ids={r.evidenceIds} evidence={evidence} />
                      {r.claimIds.map((c) => (
                        <Text key={c} size="xs">
                          {t('visitAdvice.claim')} {claimTitle.get(c) ?? c}
                        </Text>
                      ))}
                      {r.evidenceIds.length === 0 && r.claimIds.length === 0 && (
                        <Text size="xs" c="dimmed">
                          {t('visitAdvice.fromScope')}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {notFired.length > 0 && (
          <Stack gap={4} p="md" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('visitAdvice.notFired')}
            </Text>
            {notFired.map((r) => (
              <Tooltip key={r.id} label={r.id}>
                <Text size="xs" c="dimmed">
                  {r.effect === 'raise' ? `+${num(r.weight)}` : `−${num(r.weight)}`} · {loc(r.explanation)}
                </Text>
              </Tooltip>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}

function Marker({ at, label, strong, below }: { at: number; label: string; strong?: boolean; below?: boolean }) {
  const left = `${Math.min(Math.max(at, 0), 100)}%`;
  return (
    <>
      <div style={{ position: 'absolute', left, top: below ? 18 : 16, width: strong ? 3 : 1, height: strong ? 26 : 22, background: strong ? 'var(--mantine-color-dark-7)' : 'var(--mantine-color-gray-6)', transform: 'translateX(-50%)' }} />
      <Text
        size="xs"
        fw={strong ? 700 : 400}
        c={strong ? 'dark' : 'dimmed'}
        style={{ position: 'absolute', left, top: below ? 42 : 0, transform: 'translateX(-50%)', whiteSpace: 'nowrap' }}
      >
        {label}
      </Text>
    </>
  );
}
