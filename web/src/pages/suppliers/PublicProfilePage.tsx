// The supplier chooses what its public verified profile shows — claims, evidence, sites — its address, and
// whether it is published. The public page itself is served by the server at /public/suppliers/{slug}, readable
// without an account; each claim there shows the standing its evidence gives it.
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.js';
import { useCan } from '../../app/session.js';
import { useClaims, useEvidenceLibrary, useSites } from '../../components/engagement/api.js';
import type { Claim } from '../../components/engagement/types.js';
import { CopyField } from '../../components/CopyField.js';
import { IconLink, IconWorld } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorAlert, Loading } from '../../components/States.js';
import { put, usePublicProfileSettings, type PublicProfileSettings } from '../../components/suppliers/api.js';
import { api } from '../../api/client.js';
import { notify } from '../../lib/notify.js';
import { serverFieldErrors } from '../../lib/validation.js';
import { useFormat } from '../../lib/format.js';
import { useEvidenceTitle } from '../../components/engagement/evidenceTitle.js';

const STANDING_COLORS = { verified: 'teal', self_declared: 'yellow', unverified: 'gray', contradicted: 'red' } as const;

/** The standing the public page will show, from the claim's status and strongest provenance. */
function standingOf(c: Claim): keyof typeof STANDING_COLORS {
  if (c.status === 'contradicted') return 'contradicted';
  if (c.status === 'supported') return c.strongestProvenance === 'self_declared' ? 'self_declared' : 'verified';
  return 'unverified';
}

export function PublicProfilePage() {
  const { t } = useTranslation();
  const settings = usePublicProfileSettings();
  return (
    <>
      <PageHeader title={t('suppliers.publicProfile.title')} subtitle={t('suppliers.publicProfile.subtitle')} />
      {settings.isPending ? <Loading /> : settings.isError ? <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} /> : <Editor initial={settings.data} />}
    </>
  );
}

function Editor({ initial }: { initial: PublicProfileSettings }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const evidenceTitle = useEvidenceTitle();
  const { organization } = useSession();
  const canPublish = useCan('profile.publish');
  const qc = useQueryClient();
  const claims = useClaims(organization.id);
  const library = useEvidenceLibrary();
  const sites = useSites(organization.id);
  const [slug, setSlug] = useState(initial.slug);
  const [headline, setHeadline] = useState(initial.headline ?? '');
  const [published, setPublished] = useState(initial.published);
  const held = useQuery({
    queryKey: ['credentials'],
    queryFn: () => api.get<{ id: string; kind: string; issuer: { name: string }; subject: { organizationId: string }; issuedAt: string; revokedAt: string | null; summary?: string }[]>('/api/v1/credentials'),
  });
  const trackRecords = (held.data ?? []).filter((c) => c.kind === 'track_record' && c.subject.organizationId === organization.id && !c.revokedAt);
  const [chosen, setChosen] = useState({ claims: new Set(initial.claims), evidence: new Set(initial.evidence), sites: new Set(initial.sites), credentials: new Set(initial.credentials) });
  const toggle = (kind: keyof typeof chosen, id: string, on: boolean) => {
    const next = new Set(chosen[kind]);
    if (on) next.add(id);
    else next.delete(id);
    setChosen({ ...chosen, [kind]: next });
  };
  const save = useMutation({
    mutationFn: () =>
      put<PublicProfileSettings>('/api/v1/public-profile', {
        slug: slug.trim(),
        published,
        headline: headline.trim() || null,
        claims: [...chosen.claims],
        evidence: [...chosen.evidence],
        sites: [...chosen.sites],
        credentials: [...chosen.credentials],
      }),
    onSuccess: (s) => {
      notify.success(t('suppliers.publicProfile.saved'));
      qc.setQueryData(['public-profile'], s);
    },
    meta: { handlesErrors: true },
  });
  const errors = save.isError ? serverFieldErrors(save.error) : {};
  const saved = save.data ?? initial;
  const url = `${window.location.origin}${saved.path}`;
  // Per-lot batch records (dozens, from imports) are not what a public profile lists; everything else can be chosen.
  const ownEvidence = (library.data ?? []).filter((e) => e.subjectOrganizationId === organization.id && (e.kind !== 'batch_test_record' || chosen.evidence.has(e.id)));

  return (
    <Stack gap="md">
      <Card>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap="sm">
            <TextInput
              label={t('suppliers.publicProfile.address')}
              description={t('suppliers.publicProfile.addressHint')}
              leftSection={<IconWorld size={16} />}
              leftSectionWidth={36}
              value={slug}
              onChange={(e) => setSlug(e.currentTarget.value)}
              error={errors.slug}
              disabled={!canPublish}
              data-testid="public-slug"
            />
            <TextInput label={t('suppliers.publicProfile.headline')} value={headline} onChange={(e) => setHeadline(e.currentTarget.value)} disabled={!canPublish} error={errors.headline} data-testid="public-headline-input" />
            <Switch
              label={t('suppliers.publicProfile.published')}
              description={t('suppliers.publicProfile.publishedHint')}
              checked={published}
              onChange={(e) => setPublished(e.currentTarget.checked)}
              disabled={!canPublish}
              data-testid="public-published"
            />
            {canPublish && (
              <Group>
                <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="public-save">
                  {t('suppliers.publicProfile.save')}
                </Button>
              </Group>
            )}
            {save.isError && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
          </Stack>
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('suppliers.publicProfile.link')}
            </Text>
            <CopyField value={url} testId="public-link" />
            {saved.published ? (
              <Group gap="md">
                <Anchor href={saved.path} target="_blank" rel="noopener" size="sm" data-testid="public-open">
                  <Group gap={4}>
                    <IconLink size={14} />
                    {t('suppliers.publicProfile.open')}
                  </Group>
                </Anchor>
                <Anchor href={`${saved.path}.json`} target="_blank" rel="noopener" size="sm">
                  {t('suppliers.publicProfile.json')}
                </Anchor>
                <Anchor href={`${saved.path}/facilities.json`} target="_blank" rel="noopener" size="sm">
                  {t('suppliers.publicProfile.dfr')}
                </Anchor>
              </Group>
            ) : (
              <Alert variant="light" color="yellow" data-testid="public-not-published">
                {t('suppliers.publicProfile.notPublished')}
              </Alert>
            )}
            {saved.publishedAt && (
              <Text size="xs" c="dimmed">
                {t('suppliers.publicProfile.published')} · {fmt.dateTime(saved.publishedAt)}
              </Text>
            )}
          </Stack>
        </SimpleGrid>
      </Card>

      <Card data-testid="public-claims-choice">
        <Section title={t('suppliers.publicProfile.claims')} count={chosen.claims.size} total={claims.data?.length ?? 0} />
        {claims.isPending ? (
          <Loading />
        ) : claims.isError ? (
          <ErrorAlert error={claims.error} onRetry={() => void claims.refetch()} />
        ) : (
          <Stack gap={8}>
            {claims.data.map((c) => {
              const st = standingOf(c);
              return (
                <Group key={c.id} gap="xs" wrap="nowrap" align="flex-start">
                  <Checkbox checked={chosen.claims.has(c.id)} onChange={(e) => toggle('claims', c.id, e.currentTarget.checked)} disabled={!canPublish} aria-label={c.title} data-testid="public-claim" data-title={c.title} />
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm">{c.title}</Text>
                    {c.type === 'limitation' ? (
                      <Badge size="xs" variant="light" color="orange" tt="none">
                        {t('suppliers.publicProfile.limitation')}
                      </Badge>
                    ) : (
                      <Badge size="xs" variant="light" color={STANDING_COLORS[st]} tt="none">
                        {t(`suppliers.publicProfile.standing.${st}`)}
                      </Badge>
                    )}
                  </div>
                </Group>
              );
            })}
          </Stack>
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card data-testid="public-evidence-choice">
          <Section title={t('suppliers.publicProfile.evidence')} count={chosen.evidence.size} total={ownEvidence.length} />
          {library.isPending ? (
            <Loading />
          ) : (
            <Stack gap={8}>
              {ownEvidence.map((e) => (
                <Checkbox key={e.id} label={evidenceTitle(e)} description={e.validTo ? `→ ${fmt.date(e.validTo)}` : undefined} checked={chosen.evidence.has(e.id)} onChange={(ev) => toggle('evidence', e.id, ev.currentTarget.checked)} disabled={!canPublish} />
              ))}
            </Stack>
          )}
        </Card>
        <Card data-testid="public-sites-choice">
          <Section title={t('suppliers.publicProfile.sites')} count={chosen.sites.size} total={sites.data?.length ?? 0} />
          <Text size="xs" c="dimmed" mb="xs">
            {t('suppliers.publicProfile.sitesHint')}
          </Text>
          <Stack gap={8}>
            {(sites.data ?? []).map((s) => (
              <Checkbox key={s.id} label={s.name} description={s.address} checked={chosen.sites.has(s.id)} onChange={(e) => toggle('sites', s.id, e.currentTarget.checked)} disabled={!canPublish} />
            ))}
          </Stack>
        </Card>
      </SimpleGrid>

      <Card data-testid="public-credentials-choice">
        <Section title={t('suppliers.publicProfile.credentials')} count={chosen.credentials.size} total={trackRecords.length} />
        <Text size="xs" c="dimmed" mb="xs">
          {t('suppliers.publicProfile.credentialsHint')}
        </Text>
        {held.isError ? (
          <ErrorAlert error={held.error} onRetry={() => void held.refetch()} />
        ) : trackRecords.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('suppliers.publicProfile.credentialsNone')}
          </Text>
        ) : (
          <Stack gap={8}>
            {trackRecords.map((c) => (
              <Checkbox key={c.id} label={c.issuer.name} description={fmt.date(c.issuedAt)} checked={chosen.credentials.has(c.id)} onChange={(e) => toggle('credentials', c.id, e.currentTarget.checked)} disabled={!canPublish} />
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}

function Section({ title, count, total }: { title: string; count: number; total: number }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mb="sm">
      <Title order={4} fw={600}>
        {title}
      </Title>
      <Text size="xs" c="dimmed">
        {total ? t('suppliers.publicProfile.chosen', { count, total }) : t('suppliers.publicProfile.none')}
      </Text>
    </Group>
  );
}
