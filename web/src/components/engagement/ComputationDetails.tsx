// Evidence the system computed (demonstrated capacity from production logs): who computed it and from whose data,
// the computation step by step with its numbers, and why neither side can withdraw it — instead of the raw
// attribute keys and ids it is stored with.
import { Alert, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconInfo } from '../icons.js';
import { useNumber } from './format.js';
import type { Evidence } from './types.js';

export function ComputationDetails({ evidence: e }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const num = useNumber();
  const c = e.computed;
  if (!c) return null;
  const i = c.inputs;
  const n = (k: string) => (typeof i[k] === 'number' ? (i[k] as number) : null);
  const period = typeof i.period === 'string' ? i.period : 'month';
  const periodWord = t(`serverText.periods.${period}`, { defaultValue: period });
  const percentile = n('percentile') === null ? null : Math.round(n('percentile')! * 100);
  const pct = (v: number | null) => (v === null ? '—' : `${num(Math.round(v * 1000) / 10)} %`);
  return (
    <>
      <Text size="xs" data-testid="computed-attribution">
        <b>{t('serverText.computed.by')}</b>{' '}
        {t('serverText.computed.from', {
          organization: c.source.organizationName,
          records: t('serverText.counts.records', { count: c.source.records }),
          from: c.source.from ?? '—',
          to: c.source.to ?? '—',
        })}
        {c.triggeredBy ? ` · ${t('serverText.computed.triggeredBy', { name: c.triggeredBy })}` : ''}
      </Text>
      <Text size="xs" fw={600} mt={4}>
        {t('serverText.computed.title')}
      </Text>
      <Table withRowBorders={false} verticalSpacing={2} fz="xs" layout="fixed" data-testid="computation">
        <Table.Tbody>
          {typeof i.line === 'string' && <Row label={t('serverText.computed.line')}>{i.line}</Row>}
          {percentile !== null && (
            <Row label={t('serverText.computed.method')}>
              {t('serverText.computed.methodText', { percentile, rated: t('serverText.counts.records', { count: n('ratedRecords') ?? c.source.records }), period: periodWord })}
            </Row>
          )}
          {n('ratePerPlannedHour') !== null && percentile !== null && <Row label={t('serverText.computed.rate', { percentile })}>{num(n('ratePerPlannedHour'))}</Row>}
          {n('plannedHoursPerPeriod') !== null && (
            <Row label={t('serverText.computed.hours', { period: periodWord })}>
              {num(n('plannedHoursPerPeriod'))} ({i.plannedHoursSource === 'given' ? t('serverText.computed.hoursGiven') : t('serverText.computed.hoursFromLogs')})
            </Row>
          )}
          <Row label={t('serverText.computed.demonstrated')}>
            <b>{num(n('demonstrated') === null ? null : Math.round(n('demonstrated')!))}</b> {t(`vocab.perPeriod.${period}`, { defaultValue: '' })}
          </Row>
          {n('claimed') !== null && <Row label={t('serverText.computed.claimed')}>{num(n('claimed'))}</Row>}
          {n('ratio') !== null && <Row label={t('serverText.computed.ratio')}>{pct(n('ratio'))}</Row>}
          {n('tolerance') !== null && <Row label={t('serverText.computed.tolerance')}>≥ {pct(n('tolerance'))}</Row>}
          {typeof i.status === 'string' && (
            <Row label={t('serverText.computed.verdict')}>
              <Text span size="xs" fw={600} c={i.status === 'supported' ? 'green.8' : 'red.8'} data-testid="computation-verdict" data-status={i.status}>
                {t(`serverText.words.${i.status}`, { defaultValue: i.status })}
              </Text>
            </Row>
          )}
        </Table.Tbody>
      </Table>
      <Alert color="gray" variant="light" icon={<IconInfo />} p="xs" data-testid="computed-not-withdrawable">
        <Text size="xs">{t('serverText.computed.notWithdrawable')}</Text>
      </Alert>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={150} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Td>
      <Table.Td style={{ wordBreak: 'break-word' }}>{children}</Table.Td>
    </Table.Tr>
  );
}
