// The on-site form, made for a phone on the factory floor: one checklist section per screen with big previous /
// next buttons and a progress bar, large controls, photos from the camera, answers saved as they are typed, and
// nothing lost when the connection drops (every change goes through the outbox: IndexedDB first, then the API).
import { Alert, Anchor, Box, Button, Group, Menu, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useVisit, type VisitDetail } from '../../components/visits/api.js';
import { VisitStatusBadge } from '../../components/visits/badges.js';
import { CapacityPanel } from '../../components/visits/CapacityPanel.js';
import { FindingModal, type FindingTarget } from '../../components/visits/FindingModal.js';
import { useLoc, useSiteTime } from '../../components/visits/format.js';
import { IconChecklist, IconChevronLeft, IconChevronRight, IconVisit } from '../../components/visits/icons.js';
import { QuestionCard } from '../../components/visits/QuestionCard.js';
import { SyncPill } from '../../components/visits/SyncPill.js';
import { useRecorder } from '../../components/visits/useRecorder.js';
import '../../components/visits/outboxNotices.js';
import { IconChevronDown } from '../../components/icons.js';
import { Empty, LoadFailure, Loading } from '../../components/States.js';
import { visitTitle } from '../../lib/systemText.js';

export function VisitFormPage() {
  const { visitId = '' } = useParams();
  const { t } = useTranslation();
  const visit = useVisit(visitId);
  if (visit.isPending) return <Loading />;
  if (visit.isError) {
    return (
      <LoadFailure
        error={visit.error}
        onRetry={() => void visit.refetch()}
        icon={<IconVisit size={22} />}
        notFound={t('visits.notFound')}
        action={
          <Anchor component={Link} to="/visits">
            {t('visits.title')}
          </Anchor>
        }
      />
    );
  }
  return <VisitForm visit={visit.data} />;
}

function VisitForm({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const st = useSiteTime();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const rec = useRecorder(visit);
  const sections = visit.templateDocument.sections;
  const index = Math.max(0, sections.findIndex((s) => s.id === params.get('section')));
  const section = sections[index];
  const readOnly = !visit.can.record;
  const [finding, setFinding] = useState<FindingTarget | null>(null);
  const done = rec.progress.answered;
  const total = rec.progress.total;
  const sectionProgress = rec.progress.sections.find((s) => s.id === section.id);
  const hasCapacity = useMemo(() => section.questions.some((q) => q.type === 'number' && q.capacityInput), [section]);

  const go = (i: number) => {
    rec.flush();
    setParams(i === 0 ? {} : { section: sections[i].id }, { replace: false });
  };
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [index]);

  if (!visit.answersVisible) {
    return (
      <Stack>
        <Anchor component={Link} to={`/visits/${visit.id}`} size="sm">
          ← {visitTitle(t, visit)}
        </Anchor>
        <Empty icon={<IconChecklist size={22} />} title={t('visits.form.notShared')} description={t('visits.form.notSharedHint')} />
      </Stack>
    );
  }

  return (
    <Box maw={720} mx="auto" pb={96} data-testid="visit-form" data-section={section.id}>
      {/* Sticky header: where am I, how far, is it saved */}
      <Box
        pos="sticky"
        top={56}
        bg="gray.0"
        py="xs"
        style={{ zIndex: 5, marginTop: 'calc(var(--mantine-spacing-lg) * -1)', paddingTop: 'var(--mantine-spacing-sm)', borderBottom: '1px solid var(--mantine-color-gray-2)' }}
      >
        <SyncPill visitId={visit.id} typing={rec.typing} />
        <Group justify="space-between" gap="xs" mt={6} wrap="nowrap">
          <Text size="xs" c="dimmed" data-testid="form-progress-text" style={{ flexShrink: 0 }}>
            {t('visits.form.progress', { done, total })}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {visit.site.name} · {st.day(visit.plannedStartLocal)}
          </Text>
        </Group>
        <Progress value={total ? (done / total) * 100 : 0} size="md" radius="xl" mt={4} data-testid="form-progress" aria-label={t('visits.form.progress', { done, total })} />
      </Box>

      {readOnly && (
        <Alert color="gray" variant="light" mt="md" data-testid="form-readonly">
          <Group gap="xs">
            <VisitStatusBadge status={visit.status} size="sm" />
            <Text size="sm">{t('visits.form.readOnly')}</Text>
          </Group>
        </Alert>
      )}

      <Group justify="space-between" mt="sm" gap="xs" wrap="nowrap">
        <Anchor component={Link} to={`/visits/${visit.id}`} size="sm" truncate style={{ minWidth: 0 }} data-testid="form-back">
          ← {visitTitle(t, visit)}
        </Anchor>
        <Menu position="bottom-end" shadow="md" width={280}>
          <Menu.Target>
            <Button variant="default" size="compact-md" rightSection={<IconChevronDown size={14} />} style={{ flexShrink: 0 }} data-testid="form-sections">
              {t('visits.form.sections')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {sections.map((s, i) => {
              const p = rec.progress.sections.find((x) => x.id === s.id);
              return (
                <Menu.Item key={s.id} onClick={() => go(i)} rightSection={<Text size="xs" c="dimmed">{p ? `${p.answered}/${p.total}` : ''}</Text>} fw={i === index ? 600 : 400}>
                  {i + 1}. {loc(s.title)}
                </Menu.Item>
              );
            })}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="sm" style={{ letterSpacing: 0.4 }}>
        {t('visits.form.sectionOf', { n: index + 1, total: sections.length })}
        {sectionProgress ? ` · ${t('visits.form.sectionAnswered', { done: sectionProgress.answered, total: sectionProgress.total })}` : ''}
      </Text>
      <Title order={3} fw={650} mb="sm" data-testid="form-section-title">
        {loc(section.title)}
      </Title>
      {section.description && (
        <Text size="sm" c="dimmed" mb="md">
          {loc(section.description)}
        </Text>
      )}

      <Stack gap="md">
        {section.questions.map((q) => (
          <QuestionCard
            key={q.id}
            question={q}
            answer={rec.answers.get(q.id)}
            readOnly={readOnly}
            onChange={(patch, opts) => rec.setAnswer(q.id, patch, opts)}
            photos={rec.photosOf(q.id)}
            onPhoto={(file) => rec.addPhoto(q.id, file)}
            onDiscardPhoto={(id) => void rec.discard(id)}
            findings={rec.findings.filter((f) => f.finding.questionId === q.id)}
            onAddFinding={() => setFinding({ questionId: q.id, questionText: loc(q.text) })}
          />
        ))}
        {hasCapacity && (
          <CapacityPanel
            draft={rec.draft}
            claims={visit.claims}
            rows={rec.observations}
            readOnly={readOnly}
            onSubmit={(claimId, note) => {
              const d = rec.draft!;
              const i = d.inputs;
              return rec.addCapacity({
                claimId,
                inputs: {
                  lines: i.lines!,
                  shiftsPerDay: i.shiftsPerDay!,
                  hoursPerShift: i.hoursPerShift!,
                  availability: i.availability!,
                  period: i.workingDaysPerPeriod !== undefined ? 'month' : 'day',
                  ...(i.workingDaysPerPeriod !== undefined ? { workingDaysPerPeriod: i.workingDaysPerPeriod } : {}),
                  ...(i.unitsPerHour !== undefined ? { unitsPerHour: i.unitsPerHour } : { cycleTimeSeconds: i.cycleTimeSeconds }),
                  ...(i.unitsPerHour === undefined && i.cavitiesOrUnitsPerCycle !== undefined ? { cavitiesOrUnitsPerCycle: i.cavitiesOrUnitsPerCycle } : {}),
                },
                ...(note.trim() ? { note: note.trim() } : {}),
                fileIds: visit.attachments.filter((a) => section.questions.some((q) => q.id === a.questionId)).map((a) => a.fileId).slice(0, 20),
              });
            }}
          />
        )}
        {!readOnly && (
          <Button variant="subtle" size="md" onClick={() => setFinding({})} data-testid="finding-open-general">
            {t('visits.form.generalFinding')}
          </Button>
        )}
      </Stack>

      {/* Sticky footer: big previous / next */}
      <Box
        pos="fixed"
        bottom={0}
        right={0}
        bg="white"
        p="sm"
        style={{ left: 'var(--app-shell-navbar-offset, 0rem)', zIndex: 6, borderTop: '1px solid var(--mantine-color-gray-3)', boxShadow: '0 -4px 12px rgba(0,0,0,0.04)' }}
      >
        <Group maw={720} mx="auto" grow gap="sm" wrap="nowrap">
          <Button h={52} size="lg" variant="default" leftSection={<IconChevronLeft size={20} />} disabled={index === 0} onClick={() => go(index - 1)} data-testid="form-prev">
            {t('visits.form.prev')}
          </Button>
          {index < sections.length - 1 ? (
            <Button h={52} size="lg" rightSection={<IconChevronRight size={20} />} onClick={() => go(index + 1)} data-testid="form-next">
              {t('visits.form.next')}
            </Button>
          ) : (
            <Button
              h={52}
              size="lg"
              color="teal"
              rightSection={<IconChevronRight size={20} />}
              onClick={() => {
                rec.flush();
                navigate(`/visits/${visit.id}#close`);
              }}
              data-testid="form-finish"
            >
              {t('visits.form.finish')}
            </Button>
          )}
        </Group>
      </Box>

      <FindingModal target={finding} claims={visit.claims} onClose={() => setFinding(null)} onSave={(body) => rec.addFinding(body)} />
    </Box>
  );
}
