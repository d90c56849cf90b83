// Sample tests of the engagement: each with its conditions, who ran it, the evidence it became, and pass/fail
// per characteristic; the record form in a dialog.
import { Alert, Anchor, Badge, Button, Card, Collapse, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { ProvenanceBadge } from '../../components/engagement/badges.js';
import type { Engagement } from '../../components/engagement/types.js';
import { IconInfo, IconPlus } from '../../components/icons.js';
import { useEngagementSpecifications, useRefreshQuality, useSampleTests } from '../../components/quality/api.js';
import { CriticalityBadge, RunByBadge, VerdictBadge } from '../../components/quality/badges.js';
import { useQualityFormat, valueDecimals } from '../../components/quality/format.js';
import { IconFlask } from '../../components/quality/icons.js';
import { limitsText, SampleTestForm } from '../../components/quality/SampleTestForm.js';
import type { SampleTest } from '../../components/quality/types.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { isOpenPhase } from './open.js';
import type { Provenance } from '../../../../src/domain/browser.js';

export function SampleTestsTab({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const tests = useSampleTests(e.id);
  const specs = useEngagementSpecifications(e.id);
  const mayRecord = useCan('sample_test.record');
  const mayRecordEvidence = useCan('evidence.record');
  const canRecord = mayRecord && mayRecordEvidence && isOpenPhase(e.phase);
  const [opened, form] = useDisclosure(false);
  const refresh = useRefreshQuality(e.id);

  const record = canRecord && (
    <Button leftSection={<IconPlus size={16} />} onClick={form.open} disabled={!specs.data?.length} data-testid="sample-record">
      {t('quality.samples.record')}
    </Button>
  );
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={760}>
          {t('quality.samples.intro')}
        </Text>
        {record}
      </Group>
      {specs.data && specs.data.length === 0 && (
        <Alert variant="light" color="blue" icon={<IconInfo />} data-testid="no-specs">
          {e.myRole === 'buyer' ? (
            <>
              {t('quality.samples.noSpecsBuyer')}{' '}
              <Anchor component={Link} to="/specifications/new" size="sm">
                {t('quality.specs.new')}
              </Anchor>
            </>
          ) : (
            t('quality.samples.noSpecsSupplier')
          )}
        </Alert>
      )}
      {tests.isPending ? (
        <Loading />
      ) : tests.isError ? (
        <ErrorAlert error={tests.error} onRetry={() => void tests.refetch()} />
      ) : tests.data.length === 0 ? (
        <Card>
          <Empty icon={<IconFlask size={22} />} title={t('quality.samples.empty')} description={t('quality.samples.emptyHint')} />
        </Card>
      ) : (
        <Stack gap="md" data-testid="sample-tests">
          {tests.data.map((s) => (
            <SampleTestCard key={s.id} test={s} />
          ))}
        </Stack>
      )}
      <Modal opened={opened} onClose={form.close} title={<Text fw={600}>{t('quality.samples.formTitle')}</Text>} size={1100} closeOnClickOutside={false} data-testid="sample-test-modal">
        {specs.data && (
          <SampleTestForm
            engagementId={e.id}
            specifications={specs.data}
            onCancel={form.close}
            onDone={(created) => {
              form.close();
              void refresh();
              notify.success(t('quality.samples.recorded', { verdict: t(`quality.verdict.${created.verdict}`) }));
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

interface Conditions {
  method?: string;
  location?: string | null;
  equipment?: { name: string; identifier?: string | null; calibratedAt: string; calibrationDueAt?: string | null }[];
  environment?: { temperatureC?: number | null; relativeHumidityPct?: number | null; note?: string | null };
}

function SampleTestCard({ test: s }: { test: SampleTest }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQualityFormat();
  const [open, { toggle }] = useDisclosure(false);
  const c = s.conditions as Conditions;
  const env = c.environment ?? {};
  return (
    <Card data-testid="sample-test" data-verdict={s.verdict}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Group gap="xs">
            <Text fw={600}>
              {s.specification.product} · {s.specification.title}
            </Text>
            <Badge size="sm" variant="light" color="gray" tt="none" radius="sm">
              v{s.specification.version}
            </Badge>
            <VerdictBadge verdict={s.verdict} size="md" />
          </Group>
          <Group gap={6} mt={6}>
            <RunByBadge runBy={s.runBy} />
            <ProvenanceBadge provenance={s.evidence.provenance as Provenance} />
            <Text size="xs" c="dimmed">
              {t('quality.samples.testedOn', { date: fmt.date(s.testedAt), count: s.samples.length })}
              {s.lab ? ` · ${s.lab.name}` : ''}
              {s.lab?.accreditation ? ` (${s.lab.accreditation})` : ''}
              {s.lab?.reportNumber ? ` · ${t('quality.samples.report', { number: s.lab.reportNumber })}` : ''}
            </Text>
          </Group>
        </div>
        <Text size="xs" c="dimmed" ta="right">
          {t('quality.samples.recordedBy', { name: s.recordedBy.displayName, date: fmt.dateTime(s.createdAt) })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={780} mt="sm">
        <Table className="bf-table" verticalSpacing={6} data-testid="sample-results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('quality.samples.cols.characteristic')}</Table.Th>
              <Table.Th>{t('quality.samples.cols.limits')}</Table.Th>
              <Table.Th ta="right">n</Table.Th>
              <Table.Th ta="right">{t('quality.samples.cols.min')}</Table.Th>
              <Table.Th ta="right">{t('quality.samples.cols.mean')}</Table.Th>
              <Table.Th ta="right">{t('quality.samples.cols.max')}</Table.Th>
              <Table.Th>{t('quality.samples.cols.verdict')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.results.map((r) => {
              const d = valueDecimals(r);
              return (
                <Table.Tr key={r.key} data-testid="sample-result" data-key={r.key} data-verdict={r.verdict}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{r.name}</Text>
                      <CriticalityBadge criticality={r.criticality} size="xs" />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {limitsText(r, d, q.fixed)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{r.n}</Table.Td>
                  <Table.Td ta="right" ff="monospace" fz="sm">
                    {q.fixed(r.min, d)}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" fz="sm">
                    {q.fixed(r.mean, d)}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" fz="sm">
                    {q.fixed(r.max, d)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <VerdictBadge verdict={r.verdict} />
                      {r.failedSamples.length > 0 && (
                        <Text size="xs" c="red.8">
                          {t('quality.samples.failedSamples', { list: r.failedSamples.join(', ') })}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group gap="md" mt="xs">
        <Anchor component="button" type="button" size="xs" onClick={toggle} data-testid="sample-conditions-toggle">
          {open ? t('quality.samples.hideConditions') : t('quality.samples.showConditions')}
        </Anchor>
        <Anchor component={Link} to={`/engagements/${s.engagementId}?tab=evidence`} size="xs" data-testid="sample-evidence-link">
          {t('quality.samples.toEvidence')}
        </Anchor>
      </Group>
      <Collapse expanded={open}>
        <Stack gap={4} mt="xs" data-testid="sample-conditions">
          <Text size="sm">
            <Text span c="dimmed">
              {t('quality.samples.form.method')}:{' '}
            </Text>
            {c.method}
          </Text>
          {c.location && (
            <Text size="sm">
              <Text span c="dimmed">
                {t('quality.samples.form.location')}:{' '}
              </Text>
              {c.location}
            </Text>
          )}
          {(env.temperatureC != null || env.relativeHumidityPct != null || env.note) && (
            <Text size="sm">
              <Text span c="dimmed">
                {t('quality.samples.environment')}:{' '}
              </Text>
              {[env.temperatureC != null ? `${q.fixed(env.temperatureC, 1)} °C` : null, env.relativeHumidityPct != null ? `${q.fixed(env.relativeHumidityPct, 0)} % RH` : null, env.note].filter(Boolean).join(' · ')}
            </Text>
          )}
          {(c.equipment ?? []).map((eq, i) => (
            <Text size="sm" key={i}>
              <Text span c="dimmed">
                {t('quality.samples.form.equipment')}:{' '}
              </Text>
              {eq.name}
              {eq.identifier ? ` (${eq.identifier})` : ''} · {t('quality.samples.calibrated', { date: q.calendarDate(eq.calibratedAt) })}
              {eq.calibrationDueAt ? ` · ${t('quality.samples.calibrationDue', { date: q.calendarDate(eq.calibrationDueAt) })}` : ''}
            </Text>
          ))}
          {s.note && (
            <Text size="sm" c="dimmed" fs="italic">
              {s.note}
            </Text>
          )}
        </Stack>
      </Collapse>
    </Card>
  );
}
