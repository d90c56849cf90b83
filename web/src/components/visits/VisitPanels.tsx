// The cards of a visit's page: agenda and participants, checklist progress and sharing, claims checked with the
// observed capacity, findings with their follow-up, the supplier's assessment of the buyer, closing, and the
// report with its sign-offs.
import { Alert, Badge, Button, Card, Checkbox, Code, Group, Modal, Paper, Progress, Radio, Select, SimpleGrid, Stack, Switch, Table, Text, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CloseVisitInput, VISIT_OUTCOMES, type VisitOutcome } from '../../../../src/contracts/visits.js';
import { checkOutcome, followUpStatusesFor } from '../../../../src/domain/browser.js';
import { api, ApiError, download, request, sha256Hex } from '../../api/client.js';
import { useCan, useSession } from '../../app/session.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, validate } from '../../lib/validation.js';
import { usePendingItems } from '../../offline/useOutbox.js';
import { CopyField } from '../CopyField.js';
import { IconAlert, IconDownload } from '../icons.js';
import { useRefreshVisits, visitKey, type Finding, type Sincerity, type VisitDetail } from './api.js';
import { ClaimBadge, OutcomeBadge, SeverityBadge } from './badges.js';
import { ObservationResult } from './CapacityPanel.js';
import { useLoc, useNum, useSiteTime } from './format.js';
import { IconChecklist, IconFlag, IconPdf, IconSignature } from './icons.js';
import { FormErrors } from '../FormErrors.js';

const enc = encodeURIComponent;

function SectionTitle({ icon, children, right }: { icon?: ReactNode; children: ReactNode; right?: ReactNode }) {
  return (
    <Group justify="space-between" mb="sm" wrap="nowrap" gap="sm">
      <Group gap="xs" wrap="nowrap">
        {icon}
        <Title order={4} fw={600}>
          {children}
        </Title>
      </Group>
      {right}
    </Group>
  );
}

// --- agenda and participants --------------------------------------------------------------------------------------

export function AgendaCard({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const st = useSiteTime();
  return (
    <Card data-testid="visit-agenda">
      <SectionTitle>{t('visits.detail.agenda')}</SectionTitle>
      {visit.agenda.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('visits.detail.noAgenda')}
        </Text>
      ) : (
        <Stack gap={8}>
          {visit.agenda.map((a, i) => (
            <Group key={i} gap="sm" wrap="nowrap" align="flex-start">
              <Text size="sm" fw={600} w={118} style={{ flexShrink: 0 }}>
                {a.date ? `${st.isoDay(a.date).replace(/,? \d{4}$/, '')} ` : ''}
                {a.time ?? ''}
              </Text>
              <div style={{ minWidth: 0 }}>
                <Text size="sm">{a.topic}</Text>
                {a.durationMinutes && (
                  <Text size="xs" c="dimmed">
                    {t('visits.detail.minutes', { count: a.durationMinutes })}
                  </Text>
                )}
              </div>
            </Group>
          ))}
          <Text size="xs" c="dimmed">
            {t('visits.detail.agendaZone', { zone: visit.timeZone })}
          </Text>
        </Stack>
      )}
      <Title order={5} fw={600} mt="lg" mb="xs">
        {t('visits.detail.participants')}
      </Title>
      <Stack gap={6}>
        {visit.participants.map((p, i) => (
          <Group key={i} gap="xs" wrap="nowrap" data-testid="visit-participant">
            <Badge size="sm" variant="light" color={p.side === 'buyer' ? 'brand' : p.side === 'supplier' ? 'teal' : 'grape'} tt="none" w={84} style={{ flexShrink: 0 }}>
              {t(`visits.sides.${p.side}`)}
            </Badge>
            {/* The name and role wrap within the card (a long role was cut off past a phone's edge). */}
            <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {p.name}
              {p.role ? (
                <Text span c="dimmed" size="sm">
                  {' '}
                  · {p.role}
                </Text>
              ) : null}
            </Text>
          </Group>
        ))}
        {visit.auditors.map((a) => (
          <Group key={a.id} gap="xs" wrap="nowrap">
            <Badge size="sm" variant="outline" color="grape" tt="none" w={84} style={{ flexShrink: 0 }}>
              {t('visits.sides.auditor')}
            </Badge>
            <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {t('visits.detail.invitedOrg', { name: a.name })}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

// --- checklist progress and sharing -------------------------------------------------------------------------------

export function ChecklistCard({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const refresh = useRefreshVisits();
  const share = useMutation({
    mutationFn: (shared: boolean) => request<VisitDetail>('PUT', `/api/v1/visits/${enc(visit.id)}/checklist-sharing`, { body: { shared } }),
    onSuccess: (v) => {
      void refresh(v);
      notify.success(v.checklistShared ? t('visits.detail.sharedOn') : t('visits.detail.sharedOff'));
    },
  });
  const p = visit.progress;
  const titles = new Map(visit.templateDocument.sections.map((s) => [s.id, loc(s.title)]));
  const qText = new Map(visit.templateDocument.sections.flatMap((s) => s.questions.map((q) => [q.id, loc(q.text)] as const)));
  return (
    <Card data-testid="visit-checklist">
      <SectionTitle icon={<IconChecklist size={20} />}>{loc(visit.template.name)}</SectionTitle>
      {!visit.answersVisible ? (
        <Text size="sm" c="dimmed" data-testid="checklist-hidden">
          {t('visits.detail.checklistHidden', { buyer: visit.buyer.name })}
        </Text>
      ) : (
        <>
          <Group justify="space-between" mb={4}>
            <Text size="sm">{t('visits.form.progress', { done: p.answered, total: p.total })}</Text>
            <Text size="sm" c="dimmed">
              {p.total ? Math.round((p.answered / p.total) * 100) : 0} %
            </Text>
          </Group>
          <Progress value={p.total ? (p.answered / p.total) * 100 : 0} radius="xl" mb="sm" />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6}>
            {p.sections.map((s) => (
              <Group key={s.id} justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" truncate>
                  {titles.get(s.id) ?? s.id}
                </Text>
                <Text size="sm" c={s.answered === s.total ? 'teal' : 'dimmed'} fw={500}>
                  {s.answered}/{s.total}
                </Text>
              </Group>
            ))}
          </SimpleGrid>
          {p.requiredMissing.length > 0 && (
            <Text size="xs" c="orange.8" mt="sm">
              {t('visits.detail.requiredMissing', { count: p.requiredMissing.length, list: p.requiredMissing.map((q) => qText.get(q) ?? q).slice(0, 3).join(' · ') })}
            </Text>
          )}
        </>
      )}
      {visit.answersVisible && (
        <Button component={Link} to={`/visits/${visit.id}/form`} mt="md" fullWidth variant={visit.can.record ? 'filled' : 'default'} leftSection={<IconChecklist size={16} />} data-testid="checklist-open">
          {visit.can.record ? t('visits.detail.openForm') : t('visits.detail.viewForm')}
        </Button>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        {t('visits.detail.templateVersion', { key: visit.template.key, version: visit.template.version })}
      </Text>
      {visit.can.shareChecklist && (
        <Switch
          mt="md"
          checked={visit.checklistShared}
          disabled={share.isPending}
          onChange={(e) => share.mutate(e.currentTarget.checked)}
          label={t('visits.detail.shareChecklist', { supplier: visit.supplier.name })}
          description={t('visits.detail.shareChecklistHint')}
          data-testid="checklist-share"
        />
      )}
    </Card>
  );
}

// --- claims checked -----------------------------------------------------------------------------------------------

export function ClaimsCard({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const num = useNum();
  if (visit.claims.length === 0 && visit.capacityObservations.length === 0) return null;
  return (
    <Card data-testid="visit-claims">
      <SectionTitle>{t('visits.detail.claims')}</SectionTitle>
      <Stack gap="xs">
        {visit.claims.map((c) => (
          <Group key={c.id} justify="space-between" wrap="nowrap" gap="sm" data-testid="visit-claim" data-claim={c.productLine ?? c.title}>
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={500}>
                {c.productLine ?? c.title}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {t(`vocab.claimTypes.${c.type}`)}
                {c.value !== null ? ` · ${num.int(c.value)} ${c.unit ?? ''} ${c.period ? t(`visits.capacity.periods.${c.period}`, { defaultValue: c.period }) : ''}` : ''}
              </Text>
            </div>
            <span style={{ flexShrink: 0 }}>
              <ClaimBadge status={c.status} size="sm" />
            </span>
          </Group>
        ))}
      </Stack>
      {visit.capacityObservations.length > 0 && (
        <Stack gap="sm" mt="md">
          {[...visit.capacityObservations].reverse().map((o) => (
            <ObservationResult key={o.id} obs={{ ...o, claimStatus: null }} claim={visit.claims.find((c) => c.id === o.claimId)} />
          ))}
        </Stack>
      )}
    </Card>
  );
}

// --- findings -----------------------------------------------------------------------------------------------------

export function FindingsCard({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const st = useSiteTime();
  const qc = useQueryClient();
  const qText = new Map(visit.templateDocument.sections.flatMap((s) => s.questions.map((q) => [q.id, loc(q.text)] as const)));
  const patch = useMutation({
    mutationFn: ({ id, status }: { id: string; status: string }) => api.patch<Finding>(`/api/v1/visits/${enc(visit.id)}/findings/${enc(id)}`, { followUp: { status } }),
    onSuccess: (f) => {
      qc.setQueryData<VisitDetail>(visitKey(visit.id), (d) => (d ? { ...d, findings: d.findings.map((x) => (x.id === f.id ? f : x)) } : d));
      notify.success(t('visits.findings.updated'));
    },
  });
  const mySide = visit.myRole;
  const { organization } = useSession();
  const canRespond = useCan('visit.respond');
  const canRecord = useCan('visit.record');
  // The supplier reports progress; the side that recorded the finding verifies it (src/domain/visits/follow-ups.ts).
  const statusOptions = (f: Finding) =>
    followUpStatusesFor({ recordedByOrganizationId: f.organizationId, status: f.followUp?.status ?? null }, organization.id).map((s) => ({ value: s, label: t(`visits.followUpStatus.${s}`) }));
  const canEdit = (f: Finding) => f.followUp !== null && (mySide === 'supplier' ? canRespond && f.followUp.status !== 'verified' : canRecord);
  const counts = { major: 0, minor: 0, observation: 0 };
  for (const f of visit.findings) counts[f.severity] += 1;
  return (
    <Card data-testid="visit-findings">
      <SectionTitle
        icon={<IconFlag size={20} />}
        right={
          <Group gap={4}>
            {(['major', 'minor', 'observation'] as const).map((s) =>
              counts[s] ? (
                <Badge key={s} size="sm" variant="light" color={s === 'major' ? 'red' : s === 'minor' ? 'orange' : 'blue'} tt="none">
                  {counts[s]} {t(`visits.severity.${s}`)}
                </Badge>
              ) : null,
            )}
          </Group>
        }
      >
        {t('visits.detail.findings')}
      </SectionTitle>
      {visit.findings.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('visits.detail.noFindings')}
        </Text>
      ) : (
        <Stack gap="sm">
          {visit.findings.map((f) => (
            <Paper key={f.id} withBorder p="sm" radius="sm" data-testid="visit-finding" data-severity={f.severity}>
              <Group gap={6} mb={4} wrap="wrap">
                <SeverityBadge severity={f.severity} />
                {f.claimId && (
                  <Badge size="sm" variant="light" color={f.claimEffect === 'supports' ? 'green' : 'red'} tt="none">
                    {t(`visits.findings.effects.${f.claimEffect ?? 'contradicts'}`)}: {visit.claims.find((c) => c.id === f.claimId)?.productLine ?? visit.claims.find((c) => c.id === f.claimId)?.title ?? ''}
                  </Badge>
                )}
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {f.text}
              </Text>
              {f.questionId && (
                <Text size="xs" c="dimmed" mt={2}>
                  {qText.get(f.questionId) ?? f.questionId}
                </Text>
              )}
              {f.followUp && (
                <Group gap="xs" mt="xs" wrap="wrap" align="center">
                  <Text size="xs" c="dimmed">
                    {t('visits.findings.followUpShort', { owner: f.followUp.owner, side: t(`visits.sides.${f.followUp.ownerSide}`), due: st.isoDay(f.followUp.dueDate) })}
                  </Text>
                  {canEdit(f) ? (
                    <Select
                      size="xs"
                      w={150}
                      data={statusOptions(f)}
                      value={f.followUp.status}
                      onChange={(v) => v && v !== f.followUp?.status && patch.mutate({ id: f.id, status: v })}
                      allowDeselect={false}
                      comboboxProps={{ withinPortal: true }}
                      aria-label={t('visits.findings.followUpStatus')}
                    />
                  ) : (
                    <Badge size="sm" variant="light" color="gray" tt="none">
                      {t(`visits.followUpStatus.${f.followUp.status}`)}
                    </Badge>
                  )}
                </Group>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Card>
  );
}

// --- the supplier's assessment of the buyer ---------------------------------------------------------------------

export function SincerityCard({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  if (visit.myRole === 'auditor') return null;
  if (visit.myRole === 'buyer') {
    return (
      <Card data-testid="sincerity">
        <SectionTitle>{t('visits.sincerity.titleBuyer', { supplier: visit.supplier.name })}</SectionTitle>
        {visit.sincerity ? (
          <SincerityView s={visit.sincerity} visit={visit} />
        ) : (
          <Text size="sm" c="dimmed" data-testid="sincerity-not-shared">
            {t('visits.sincerity.notShared', { supplier: visit.supplier.name })}
          </Text>
        )}
      </Card>
    );
  }
  return <SincerityForm visit={visit} />;
}

function SincerityView({ s, visit }: { s: Sincerity; visit: VisitDetail }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const num = useNum();
  const b = s.breakdown;
  return (
    <Stack gap="sm" data-testid="sincerity-view">
      <Group gap="sm">
        <Text size="xl" fw={700}>
          {b.index === null ? '—' : num.int(b.index)}
        </Text>
        <Badge variant="light" color={b.band === 'high' ? 'green' : b.band === 'moderate' ? 'yellow' : b.band === 'low' ? 'red' : 'gray'} tt="none">
          {t(`visits.sincerity.bands.${b.band}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('visits.sincerity.indexHint')}
        </Text>
      </Group>
      {b.dimensions.map((d) => (
        <div key={d.id}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{loc(d.title)}</Text>
            <Text size="sm" fw={600}>
              {d.score ?? '—'} / {d.max}
            </Text>
          </Group>
          <Progress value={d.normalized ?? 0} size="sm" radius="xl" />
          {(d.anchor || d.note) && (
            <Text size="xs" c="dimmed" mt={2}>
              {[d.anchor ? loc(d.anchor) : null, d.note].filter(Boolean).join(' — ')}
            </Text>
          )}
        </div>
      ))}
      {s.comment && (
        <Text size="sm" fs="italic">
          “{s.comment}”
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('visits.sincerity.by', { name: s.assessedBy.displayName, org: visit.supplier.name })}
      </Text>
    </Stack>
  );
}

/** What the buyer did, worded from the signal's counts in the UI language (the server's English is the fallback). */
function buyerSignalExplanation(t: TFunction, s: VisitDetail['buyerSignals'][number]): string {
  const p = s.params;
  const key = `visits.sincerity.signal.${s.id}`;
  switch (s.id) {
    case 'technical_inquiries':
      return t(`${key}.explanation`, { count: p.inquiries ?? 0, defaultValue: s.explanation });
    case 'price_focus':
      return p.inquiries
        ? t(`${key}.explanation`, { count: p.inquiries, priced: p.priced ?? 0, percent: Math.round(((p.priced ?? 0) / p.inquiries) * 100), defaultValue: s.explanation })
        : t(`${key}.none`);
    case 'willingness_to_visit':
      return t(`${key}.explanation`, { count: p.planned ?? 0, onSite: p.onSite ?? 0, remote: p.remote ?? 0, held: p.held ?? 0, defaultValue: s.explanation });
    default:
      return s.explanation;
  }
}

function SincerityForm({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const qc = useQueryClient();
  const existing = visit.sincerity;
  const questions = visit.sincerityTemplateDocument.sections.flatMap((s) => s.questions).filter((q) => q.type === 'score');
  const [scores, setScores] = useState<Record<string, { score: number; note?: string }>>(() => ({ ...(existing?.scores ?? {}) }));
  const [comment, setComment] = useState(existing?.comment ?? '');
  const [shared, setShared] = useState(existing?.shared ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: unknown) => request<Sincerity>('PUT', `/api/v1/visits/${enc(visit.id)}/sincerity`, { body }),
    onSuccess: (s) => {
      qc.setQueryData<VisitDetail>(visitKey(visit.id), (d) => (d ? { ...d, sincerity: s } : d));
      notify.success(s.shared ? t('visits.sincerity.savedShared') : t('visits.sincerity.saved'));
      setErrors({});
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });
  if (!visit.can.assessBuyer && !existing) return null;
  const readOnly = !visit.can.assessBuyer;
  return (
    <Card data-testid="sincerity">
      <SectionTitle>{t('visits.sincerity.title', { buyer: visit.buyer.name })}</SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        {t('visits.sincerity.hint')}
      </Text>
      {visit.buyerSignals.length > 0 && (
        <Paper withBorder p="sm" radius="sm" mb="md" bg="gray.0" data-testid="buyer-signals">
          <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={6}>
            {t('visits.sincerity.signals')}
          </Text>
          <Stack gap={6}>
            {visit.buyerSignals.map((s) => (
              <div key={s.id}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm">{t(`visits.sincerity.signal.${s.id}.label`, { defaultValue: s.label })}</Text>
                  <Text size="sm" fw={600}>
                    {s.value === null ? '—' : typeof s.value === 'boolean' ? (s.value ? t('visits.form.yes') : t('visits.form.no')) : String(s.value)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {buyerSignalExplanation(t, s)}
                </Text>
              </div>
            ))}
          </Stack>
        </Paper>
      )}
      <Stack gap="md">
        {questions.map((q) => {
          if (q.type !== 'score') return null;
          const v = scores[q.id]?.score;
          const values = Array.from({ length: q.scale.max - q.scale.min + 1 }, (_, i) => q.scale.min + i);
          const anchor = q.scale.anchors.find((a) => a.value === v);
          // Between two anchors (e.g. 4 on a 1–3–5 scale): show the two it lies between.
          const below = v === undefined ? undefined : [...q.scale.anchors].filter((a) => a.value < v).sort((a, b) => b.value - a.value)[0];
          const above = v === undefined ? undefined : [...q.scale.anchors].filter((a) => a.value > v).sort((a, b) => a.value - b.value)[0];
          return (
            <div key={q.id} data-testid={`sincerity-${q.id}`}>
              <Text size="sm" fw={600} mb={6}>
                {loc(q.text)}
              </Text>
              <Group gap={6}>
                {values.map((n) => (
                  <Button
                    key={n}
                    w={44}
                    h={44}
                    p={0}
                    radius="xl"
                    variant={v === n ? 'filled' : 'default'}
                    disabled={readOnly}
                    onClick={() => setScores({ ...scores, [q.id]: { ...scores[q.id], score: n } })}
                    aria-pressed={v === n}
                    data-testid={`sincerity-${q.id}-${n}`}
                  >
                    {n}
                  </Button>
                ))}
              </Group>
              <Text size="xs" c={v !== undefined ? 'brand.8' : 'dimmed'} mt={4}>
                {anchor
                  ? loc(anchor.label)
                  : v !== undefined && below && above
                    ? t('visits.sincerity.between', { low: `${below.value} ${loc(below.label)}`, high: `${above.value} ${loc(above.label)}` })
                    : q.scale.anchors.map((a) => `${a.value} ${loc(a.label)}`).join(' · ')}
              </Text>
              {errors[`scores.${q.id}.score`] && (
                <Text size="xs" c="red">
                  {errors[`scores.${q.id}.score`]}
                </Text>
              )}
            </div>
          );
        })}
        <Textarea label={t('visits.sincerity.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} readOnly={readOnly} />
        <Switch checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} disabled={readOnly} label={t('visits.sincerity.share', { buyer: visit.buyer.name })} description={t('visits.sincerity.shareHint')} data-testid="sincerity-share" />
        {existing && (
          <Text size="xs" c="dimmed">
            {t('visits.sincerity.current', { index: existing.breakdown.index ?? '—', band: t(`visits.sincerity.bands.${existing.breakdown.band}`) })}
          </Text>
        )}
        {!readOnly && (
          <Group justify="flex-end">
            <Button
              loading={save.isPending}
              onClick={() => save.mutate({ scores: Object.fromEntries(Object.entries(scores).filter(([, s]) => Number.isInteger(s.score))), ...(comment.trim() ? { comment: comment.trim() } : {}), shared })}
              data-testid="sincerity-save"
            >
              {t('visits.sincerity.save')}
            </Button>
          </Group>
        )}
        <FormErrors errors={errors} error={save.isError ? save.error : undefined} />
      </Stack>
    </Card>
  );
}

// --- closing ------------------------------------------------------------------------------------------------------

export function CloseCard({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const refresh = useRefreshVisits();
  const pending = usePendingItems(visit.id);
  const [outcome, setOutcome] = useState<VisitOutcome | null>(null);
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const close = useMutation({
    mutationFn: (body: unknown) => api.post<VisitDetail>(`/api/v1/visits/${enc(visit.id)}/close`, body),
    onSuccess: (v) => {
      void refresh(v);
      notify.success(t('visits.close.done'));
      window.scrollTo({ top: 0, behavior: 'smooth' });
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });
  const findings = visit.findings.map((f) => ({ severity: f.severity, hasFollowUp: f.followUp !== null }));
  const majors = findings.filter((f) => f.severity === 'major').length;
  const problem = outcome ? checkOutcome(outcome, findings) : null;
  const problemText = problem ? (outcome === 'satisfactory' ? t('visits.close.majorsBlock', { count: majors }) : t('visits.close.needsActions')) : null;
  const submit = () => {
    const v = validate(CloseVisitInput, { outcome: outcome ?? undefined, summary }, t);
    if (!v.ok) return setErrors(v.errors);
    if (problem) return;
    close.mutate({ outcome, summary: summary.trim() });
  };
  return (
    <Card id="close" data-testid="close-card">
      <SectionTitle>{t('visits.close.title')}</SectionTitle>
      <Stack gap="md">
        {pending.length > 0 && (
          <Alert color="orange" variant="light" icon={<IconAlert />} data-testid="close-pending">
            {t('visits.close.pending', { count: pending.length })}
          </Alert>
        )}
        {visit.progress.requiredMissing.length > 0 && (
          <Text size="sm" c="orange.8">
            {t('visits.close.missing', { count: visit.progress.requiredMissing.length })}
          </Text>
        )}
        <Radio.Group label={t('visits.close.outcome')} value={outcome} onChange={(v) => setOutcome(v as VisitOutcome)} error={errors.outcome}>
          <Stack gap={6} mt={6}>
            {VISIT_OUTCOMES.map((o) => (
              <Radio.Card key={o} value={o} p="sm" radius="md" withBorder data-testid={`close-outcome-${o}`}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator mt={2} />
                  <div>
                    <Text size="sm" fw={600}>
                      {t(`visits.outcomes.${o}`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`visits.outcomeHints.${o}`)}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            ))}
          </Stack>
        </Radio.Group>
        {problemText && (
          <Text size="sm" c="red" data-testid="close-problem">
            {problemText}
          </Text>
        )}
        <Textarea
          label={t('visits.close.summary')}
          description={t('visits.close.summaryHint')}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          autosize
          minRows={4}
          error={errors.summary}
          data-testid="close-summary"
        />
        <FormErrors errors={errors} error={close.isError ? close.error : undefined} />
        <Button h={48} size="md" onClick={submit} loading={close.isPending} disabled={pending.length > 0 || Boolean(problem)} data-testid="close-submit">
          {t('visits.close.submit')}
        </Button>
      </Stack>
    </Card>
  );
}

export function OutcomeCard({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!visit.outcome) return null;
  return (
    <Card data-testid="outcome-card">
      <SectionTitle right={<OutcomeBadge outcome={visit.outcome} />}>{t('visits.close.outcomeTitle')}</SectionTitle>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="outcome-summary">
        {visit.summary}
      </Text>
      <Text size="xs" c="dimmed" mt="sm">
        {t('visits.close.closedBy', { name: visit.closedBy?.displayName ?? '—', when: fmt.dateTime(visit.closedAt) })}
      </Text>
    </Card>
  );
}

// --- report and sign-offs -----------------------------------------------------------------------------------------

export function ReportCard({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [signing, setSigning] = useState(false);
  const closed = visit.status === 'closed';
  return (
    <Card data-testid="report-card">
      <SectionTitle icon={<IconPdf size={20} />}>{t('visits.report.title')}</SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        {closed ? t('visits.report.hint') : t('visits.report.draftHint')}
      </Text>
      <Group gap="xs">
        <Button
          component="a"
          href={`/api/v1/visits/${enc(visit.id)}/report.pdf`}
          download
          leftSection={<IconDownload size={16} />}
          variant={closed ? 'filled' : 'default'}
          data-testid="report-download"
        >
          {closed ? t('visits.report.download') : t('visits.report.downloadDraft')}
        </Button>
        {visit.can.signOff && (
          <Button variant="light" leftSection={<IconSignature size={16} />} onClick={() => setSigning(true)} data-testid="signoff-open">
            {t('visits.report.sign')}
          </Button>
        )}
      </Group>
      {visit.signOffs.length > 0 && (
        <Table.ScrollContainer minWidth={520} mt="md">
          <Table className="bf-table" data-testid="signoffs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('visits.report.signedBy')}</Table.Th>
                <Table.Th>{t('visits.report.signedAt')}</Table.Th>
                <Table.Th>SHA-256</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visit.signOffs.map((s) => (
                <Table.Tr key={s.id} data-testid="signoff-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {s.signedBy.displayName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {s.organizationName} · {t(`visits.sides.${s.side}`)}
                    </Text>
                    {s.statement && (
                      <Text size="xs" fs="italic">
                        “{s.statement}”
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fmt.dateTime(s.signedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Code style={{ wordBreak: 'break-all', whiteSpace: 'normal' }} data-testid="signoff-sha">
                      {s.sha256}
                    </Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SignOffModal visit={visit} opened={signing} onClose={() => setSigning(false)} />
    </Card>
  );
}

/**
 * Signing binds to the exact PDF the signer read: the modal downloads the report, shows it and its SHA-256, and
 * sends that hash with the signature; if the report changed in between (someone recorded a finding), the server
 * refuses and the modal fetches the new report to read again.
 */
function SignOffModal({ visit, opened, onClose }: { visit: VisitDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const qc = useQueryClient();
  const refresh = useRefreshVisits();
  const [statement, setStatement] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [changed, setChanged] = useState(false);
  const [sha, setSha] = useState<string | null>(null);
  const review = useQuery({
    queryKey: [...visitKey(visit.id), 'report-under-review'],
    enabled: opened && sha === null,
    staleTime: 0,
    gcTime: 0,
    queryFn: async ({ signal }) => {
      const file = await download(`/api/v1/visits/${enc(visit.id)}/report.pdf`, signal);
      return { sha256: await sha256Hex(file.bytes), blob: new Blob([file.bytes], { type: file.type }) };
    },
  });
  const url = useMemo(() => (review.data ? URL.createObjectURL(review.data.blob) : null), [review.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const sign = useMutation({
    mutationFn: () =>
      api.post<{ sha256: string }>(`/api/v1/visits/${enc(visit.id)}/sign-off`, {
        reviewedSha256: review.data!.sha256,
        ...(statement.trim() ? { statement: statement.trim() } : {}),
      }),
    onSuccess: (s) => {
      setSha(s.sha256);
      void qc.invalidateQueries({ queryKey: visitKey(visit.id) });
      void refresh();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.issues.some((i) => i.path === 'reviewedSha256')) {
        setChanged(true);
        setConfirmed(false);
        void review.refetch();
      }
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} size="lg" fullScreen={phone} title={<Text fw={600}>{t('visits.report.signTitle')}</Text>} data-testid="signoff-modal">
      {sha ? (
        <Stack gap="sm">
          <Alert color="teal" variant="light">
            {t('visits.report.signed')}
          </Alert>
          <CopyField value={sha} label="SHA-256" testId="signoff-sha-new" />
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">{t('visits.report.signHint')}</Text>
          {changed && (
            <Alert color="orange" variant="light" icon={<IconAlert />} data-testid="signoff-changed">
              {t('visits.report.reviewChanged')}
            </Alert>
          )}
          <Paper withBorder p="sm" radius="sm" bg="gray.0" data-testid="signoff-review">
            <Text size="sm" fw={600} mb={6}>
              {t('visits.report.reviewTitle')}
            </Text>
            {review.isError ? (
              <Text size="sm" c="red">
                {errorText(review.error, t)}
              </Text>
            ) : !review.data || review.isFetching ? (
              <Text size="sm" c="dimmed">
                {t('visits.report.reviewLoading')}
              </Text>
            ) : (
              <Stack gap="xs">
                <Button component="a" href={url ?? undefined} target="_blank" rel="noopener" variant="default" leftSection={<IconPdf size={16} />} w="fit-content" data-testid="signoff-open-pdf">
                  {t('visits.report.reviewOpen')}
                </Button>
                <CopyField value={review.data.sha256} label="SHA-256" testId="signoff-reviewed-sha" />
              </Stack>
            )}
          </Paper>
          <Checkbox
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
            disabled={!review.data || review.isFetching}
            label={t('visits.report.reviewConfirm')}
            data-testid="signoff-confirm"
          />
          <Textarea label={t('visits.report.statement')} value={statement} onChange={(e) => setStatement(e.currentTarget.value)} autosize minRows={2} placeholder={t('visits.report.statementPlaceholder')} />
          {sign.isError && !changed && (
            <Alert color="red" variant="light" icon={<IconAlert />}>
              {errorText(sign.error, t)}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              leftSection={<IconSignature size={16} />}
              loading={sign.isPending}
              disabled={!confirmed || !review.data || review.isFetching}
              onClick={() => {
                setChanged(false);
                sign.mutate();
              }}
              data-testid="signoff-submit"
            >
              {t('visits.report.signSubmit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

