// Verification policies: versioned data. Each version reads as tables per phase and the visit advisor's rules;
// admins save a new version by editing the JSON or uploading a .json file. Invalid policies are refused with
// the exact path of each error. Engagements keep their version until the buyer moves them.
import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { AdvisorCondition, Requirement } from '../../../../src/contracts/policy.js';
import { OPEN_PHASES } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import { useCan } from '../../app/session.js';
import { usePolicies } from '../../components/engagement/api.js';
import { useLocalized } from '../../components/engagement/explain.js';
import { useFormat } from '../../lib/format.js';
import { useNumber } from '../../components/engagement/format.js';
import { IconClipboardCheck } from '../../components/engagement/icons.js';
import type { Policy } from '../../components/engagement/types.js';
import { IconPlus } from '../../components/icons.js';
import { PolicyFormEditor } from './PolicyForm.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { notify } from '../../lib/notify.js';
import { versionGroups } from '../../lib/versions.js';
import { policyDescription, policyName } from '../../lib/systemText.js';

export function PoliciesPage() {
  const { t } = useTranslation();
  const canManage = useCan('policy.manage');
  const policies = usePolicies();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const selectedId = params.get('id');
  const groups = useMemo(() => versionGroups(policies.data ?? []), [policies.data]);
  const selected = policies.data?.find((p) => p.id === selectedId) ?? groups[0]?.[0];

  return (
    <>
      <PageHeader
        title={t('policies.title')}
        subtitle={t('policies.subtitle')}
        actions={
          canManage &&
          selected && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(true)} data-testid="policy-new-version">
              {t('policies.newVersion')}
            </Button>
          )
        }
      />
      {policies.isPending ? (
        <Loading />
      ) : policies.isError ? (
        <ErrorAlert error={policies.error} onRetry={() => void policies.refetch()} />
      ) : groups.length === 0 ? (
        <Card>
          <Empty icon={<IconClipboardCheck size={22} />} title={t('policies.empty')} />
        </Card>
      ) : (
        <Stack gap="md">
          <Card padding={0}>
            <Table className="bf-table" data-testid="policies-table" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('policies.policy')}</Table.Th>
                  <Table.Th>{t('policies.key')}</Table.Th>
                  <Table.Th>{t('policies.scope')}</Table.Th>
                  <Table.Th>{t('policies.origin')}</Table.Th>
                  <Table.Th>{t('policies.versions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((versions) => (
                  <Table.Tr key={`${versions[0].shipped}:${versions[0].key}`} data-testid="policy-row">
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {policyName(t, versions[0])}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" className="bf-mono">
                        {versions[0].key}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`policies.scopes.${versions[0].scope}`, { defaultValue: versions[0].scope })}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={versions[0].shipped ? 'gray' : 'brand'} tt="none">
                        {versions[0].shipped ? t('policies.shipped') : t('policies.own')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {versions.map((v) => (
                          <UnstyledButton key={v.id} onClick={() => setParams({ id: v.id }, { replace: true })} data-testid="policy-version-button" aria-label={`${v.name} v${v.version}`}>
                            <Badge variant={selected?.id === v.id ? 'filled' : 'light'} tt="none" style={{ cursor: 'pointer' }}>
                              v{v.version}
                            </Badge>
                          </UnstyledButton>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          {selected && <PolicyDocument policy={selected} />}
        </Stack>
      )}
      <Modal opened={editing} onClose={() => setEditing(false)} size="xl" title={<Text fw={600}>{t('policies.editorTitle', { name: selected?.name ?? '' })}</Text>} data-testid="policy-editor">
        {editing && selected && (
          <PolicyEditor
            base={selected}
            onCancel={() => setEditing(false)}
            onSaved={(p) => {
              setEditing(false);
              setParams({ id: p.id }, { replace: true });
            }}
          />
        )}
      </Modal>
    </>
  );
}

function PolicyDocument({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const num = useNumber();
  const doc = policy.document;
  return (
    <Stack gap="md" data-testid="policy-document">
      <Card>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} fw={650}>
              {policyName(t, doc)}
            </Title>
            <Text size="sm" c="dimmed" className="bf-mono">
              {doc.key} · v{policy.version}
            </Text>
          </div>
          <Badge variant="light" tt="none">
            {t(`policies.scopes.${doc.scope}`, { defaultValue: doc.scope })}
          </Badge>
        </Group>
        <Text size="sm" mt="sm">
          {policyDescription(t, doc)}
        </Text>
        <Text size="sm" mt="xs" c="dimmed">
          {t('policies.tolerance', { percent: num(doc.claimTolerance.capacity * 100) })}
        </Text>
        <Text size="xs" mt={4} c="dimmed">
          {t('policies.created', { date: fmt.dateTime(policy.createdAt) })}
        </Text>
      </Card>
      {OPEN_PHASES.map((phase) => (
        <Card key={phase} padding={0} data-testid={`policy-phase-${phase}`}>
          <Title order={5} fw={600} p="md" pb="xs">
            {t(`vocab.phases.${phase}`)}
          </Title>
          {doc.phases[phase].length === 0 ? (
            <Text size="sm" c="dimmed" px="md" pb="md">
              {t('policies.noRequirements')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table className="bf-table" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('policies.requirement')}</Table.Th>
                    <Table.Th w={130}>{t('policies.type')}</Table.Th>
                    <Table.Th w={90}>{t('policies.required')}</Table.Th>
                    <Table.Th w={120}>{t('policies.minProvenance')}</Table.Th>
                    <Table.Th w={70}>{t('policies.count')}</Table.Th>
                    <Table.Th w={110}>{t('policies.maxAge')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {doc.phases[phase].map((r) => (
                    <RequirementRow key={r.id} r={r} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      ))}
      <Card padding={0} data-testid="policy-advisor">
        <Title order={5} fw={600} p="md" pb={4}>
          {t('policies.advisorTitle')}
        </Title>
        <Text size="sm" c="dimmed" px="md" pb="xs">
          {t('policies.advisorHint', {
            base: num(doc.visitAdvisor.baseScore),
            needed: num(doc.visitAdvisor.thresholds.needed),
            recommended: num(doc.visitAdvisor.thresholds.recommended),
          })}
        </Text>
        <Table.ScrollContainer minWidth={700}>
          <Table className="bf-table" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t('visitAdvice.effect')}</Table.Th>
                <Table.Th>{t('policies.condition')}</Table.Th>
                <Table.Th>{t('policies.explanation')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {doc.visitAdvisor.rules.map((r) => (
                <AdvisorRow key={r.id} effect={r.effect} weight={r.weight} condition={r.condition} explanation={r.explanation} id={r.id} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}

function RequirementRow({ r }: { r: Requirement }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const dash = t('common.none');
  const prov = 'minProvenance' in r ? t(`vocab.provenance.${r.minProvenance}`) : dash;
  const count = r.type === 'evidence' ? String(r.minCount) : r.type === 'response_time' ? String(r.minInquiries) : dash;
  const age =
    (r.type === 'evidence' || r.type === 'visit') && r.maxAgeDays
      ? t('policies.days', { count: r.maxAgeDays })
      : r.type === 'evidence' && r.mustBeValid
        ? t('policies.validToday')
        : dash;
  const details: string[] = [];
  if (r.type === 'evidence') {
    details.push(r.kinds.map((k) => t(`vocab.evidenceKinds.${k}`)).join(t('readiness.or')));
    if (r.subject) details.push(`${r.subject.attribute}: ${r.subject.anyOf.join(t('readiness.or'))}`);
    if (r.requiredAttributes) details.push(t('policies.requiredAttributes', { list: r.requiredAttributes.join(', ') }));
  }
  if (r.type === 'visit') details.push(r.kinds.map((k) => t(`vocab.evidenceKinds.${k}`)).join(t('readiness.or')), r.waivableByAdvisor ? t('policies.waivableByAdvisor') : '');
  if (r.type === 'response_time') details.push(t('policies.responseTime', { days: r.maxMedianBusinessDays }));
  if (r.type === 'pilot') details.push(t('policies.pilot', { min: r.minMonths, max: r.maxMonths }));
  if (r.type === 'cadence') details.push(t('policies.cadence', { days: r.progressUpdateEveryDays }));
  if (r.type === 'claims_with_limits') details.push(t(`vocab.claimTypes.${r.claimType}`), r.perProductLine ? t('policies.perProductLine') : '');
  if (r.type === 'reverification') details.push(t('policies.reaudit', { months: r.reaudit.everyMonths }));
  if (r.appliesWhen?.regulatedSector) details.push(t('policies.appliesSectors', { list: r.appliesWhen.regulatedSector.join(', ') }));
  if (r.appliesWhen?.categories) details.push(t('policies.appliesCategories', { list: r.appliesWhen.categories.join(', ') }));
  return (
    <Table.Tr data-testid="policy-requirement" data-requirement-id={r.id}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {loc(r.title)}
        </Text>
        <Text size="xs" c="dimmed">
          <span className="bf-mono">{r.id}</span>
          {details.filter(Boolean).length > 0 ? ` · ${details.filter(Boolean).join(' · ')}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>{t(`vocab.requirementTypes.${r.type}`)}</Table.Td>
      <Table.Td>
        <Badge size="sm" variant={r.required ? 'filled' : 'outline'} color={r.required ? 'dark' : 'gray'} tt="none">
          {r.required ? t('readiness.required') : t('readiness.optional')}
        </Badge>
      </Table.Td>
      <Table.Td>{prov}</Table.Td>
      <Table.Td>{count}</Table.Td>
      <Table.Td>{age}</Table.Td>
    </Table.Tr>
  );
}

function useConditionText() {
  const { t } = useTranslation();
  const num = useNumber();
  const one = (c: AdvisorCondition): string => {
    switch (c.kind) {
      case 'all_of':
        return c.conditions.map(one).join(t('policies.conditions.and'));
      case 'product_maturity':
        return t('policies.conditions.product_maturity', { value: t(`vocab.maturities.${c.equals}`) });
      case 'has_evidence':
        return t('policies.conditions.has_evidence', {
          kinds: c.evidenceKinds.map((k) => t(`vocab.evidenceKinds.${k}`)).join(t('readiness.or')),
          provenance: t(`vocab.provenance.${c.minProvenance}`),
          count: c.minCount ?? 1,
        });
      case 'verified_track_record':
        return t('policies.conditions.verified_track_record', { count: c.min });
      case 'attestations_from_other_buyers':
        return t('policies.conditions.attestations_from_other_buyers', { count: c.min });
      case 'certification_held':
        return t('policies.conditions.certification_held', { standard: c.standard });
      case 'regulated_sector':
        return t('policies.conditions.regulated_sector', { list: c.sectors.map((s) => t(`vocab.sectors.${s}`, { defaultValue: s })).join(', ') });
      case 'claimed_capacity_over':
        return t('policies.conditions.claimed_capacity_over', { units: num(c.units), period: t(`vocab.perPeriod.${c.period}`) });
      case 'contradicted_claims':
        return t('policies.conditions.contradicted_claims', { count: c.min });
      default:
        return t(`policies.conditions.${c.kind}`);
    }
  };
  return one;
}

function AdvisorRow({ id, effect, weight, condition, explanation }: { id: string; effect: 'waive' | 'raise'; weight: number; condition: AdvisorCondition; explanation: { en: string; zh: string } }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const num = useNumber();
  const text = useConditionText();
  return (
    <Table.Tr data-testid="policy-rule">
      <Table.Td>
        <Badge color={effect === 'raise' ? 'red' : 'green'} variant="light" tt="none">
          {effect === 'raise' ? `+${num(weight)}` : `−${num(weight)}`} · {t(`visitAdvice.effects.${effect}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{text(condition)}</Text>
        <Text size="xs" c="dimmed" className="bf-mono">
          {id}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{loc(explanation)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

function PolicyEditor({ base, onCancel, onSaved }: { base: Policy; onCancel: () => void; onSaved: (p: Policy) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <PolicyFormEditor
      initial={base.document}
      hint={t('policyForm.hint', { version: base.version })}
      save={(doc) => api.post<Policy>('/api/v1/policies', doc)}
      onSaved={(p) => {
        notify.success(t('policies.saved', { name: p.name, version: p.version }));
        void qc.invalidateQueries({ queryKey: ['policies'] });
        void qc.invalidateQueries({ queryKey: ['engagements'] });
        void qc.invalidateQueries({ queryKey: ['engagement'] });
        onSaved(p);
      }}
      onCancel={onCancel}
    />
  );
}
