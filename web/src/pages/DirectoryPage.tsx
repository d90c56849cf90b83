import { Anchor, Autocomplete, Badge, Card, Group, Loader, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ORGANIZATION_KINDS } from '../../../src/domain/browser.js';
import { api } from '../api/client.js';
import type { Organization } from '../api/types.js';
import { useSession } from '../app/session.js';
import { IconBuildings, IconSearch } from '../components/icons.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../components/States.js';
import { useCountryOptions, useFormat } from '../lib/format.js';

export function DirectoryPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { organization: own } = useSession();
  const countries = useCountryOptions();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const country = params.get('country') ?? '';
  const category = params.get('category') ?? '';
  const certification = params.get('certification') ?? '';
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [debouncedCategory] = useDebouncedValue(category, 250);
  const [debouncedCertification] = useDebouncedValue(certification, 250);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const filters = { q: debouncedQ.trim(), kind, country, category: debouncedCategory.trim(), certification: debouncedCertification.trim() };
  const list = useQuery({
    queryKey: ['directory', filters],
    queryFn: ({ signal }) => api.get<Organization[]>('/api/v1/organizations', { ...filters, limit: 100 }, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(q || kind || country || category || certification);

  return (
    <>
      <PageHeader title={t('directory.title')} subtitle={t('directory.subtitle')} />
      <Card padding={0}>
        <Group p="md" gap="sm" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <TextInput
            placeholder={t('directory.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            rightSection={list.isFetching ? <Loader size={14} /> : null}
            value={q}
            onChange={(e) => set('q', e.currentTarget.value)}
            w={{ base: '100%', sm: 280 }}
            aria-label={t('directory.searchPlaceholder')}
            data-testid="directory-search"
          />
          <Select
            placeholder={t('directory.kindAny')}
            data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            value={kind || null}
            onChange={(v) => set('kind', v)}
            clearable
            w={{ base: '100%', sm: 170 }}
            aria-label={t('directory.kind')}
            data-testid="directory-kind"
          />
          <Select
            placeholder={t('directory.countryAny')}
            data={countries}
            value={country || null}
            onChange={(v) => set('country', v)}
            searchable
            clearable
            w={{ base: '100%', sm: 220 }}
            aria-label={t('directory.country')}
            data-testid="directory-country"
          />
          <TextInput
            placeholder={t('directory.category')}
            value={category}
            onChange={(e) => set('category', e.currentTarget.value)}
            w={{ base: '100%', sm: 200 }}
            aria-label={t('directory.category')}
            data-testid="directory-category"
          />
          <Autocomplete
            placeholder={t('directory.certification')}
            data={CERTIFICATION_SUGGESTIONS}
            value={certification}
            onChange={(v) => set('certification', v)}
            w={{ base: '100%', sm: 200 }}
            aria-label={t('directory.certification')}
            title={t('directory.certificationHint')}
            data-testid="directory-certification"
          />
          {filtered && (
            <Anchor component="button" type="button" size="sm" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('common.clear')}
            </Anchor>
          )}
          {list.data && (
            <Text size="xs" c="dimmed" ml="auto">
              {t('common.showing', { count: list.data.length })}
            </Text>
          )}
        </Group>

        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : list.data.length === 0 ? (
          <Empty icon={<IconBuildings size={22} />} title={t('directory.empty')} description={filtered ? t('directory.emptyHint') : undefined} />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table className="bf-table" highlightOnHover data-testid="directory-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('directory.name')}</Table.Th>
                  <Table.Th>{t('directory.kind')}</Table.Th>
                  <Table.Th>{t('directory.country')}</Table.Th>
                  <Table.Th>{t('directory.categories')}</Table.Th>
                  <Table.Th>{t('directory.identifiers')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((o) => (
                  <Table.Tr key={o.id} data-testid="directory-row">
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Anchor component={Link} to={`/directory/${o.id}`} fw={500} size="sm">
                          {o.name}
                        </Anchor>
                        {o.id === own.id && (
                          <Badge size="xs" variant="light" color="teal">
                            {t('directory.yours')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <KindBadge kind={o.kind} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.country(o.country)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {o.categories.slice(0, 3).map((c) => (
                          <Badge key={c} variant="outline" color="gray" tt="none" fw={500} size="sm">
                            {c}
                          </Badge>
                        ))}
                        {o.categories.length > 3 && (
                          <Text size="xs" c="dimmed">
                            +{o.categories.length - 3}
                          </Text>
                        )}
                        {o.categories.length === 0 && <Text c="dimmed">{t('common.none')}</Text>}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {o.identifiers.length ? (
                        <Text size="xs" className="bf-mono">
                          {o.identifiers.map((i) => `${i.scheme} ${i.value}`).join(' · ')}
                        </Text>
                      ) : (
                        <Text c="dimmed">{t('common.none')}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </>
  );
}

/** Common standards; any other text is matched too (a supplier's certification claims, e.g. "ISO 13485"). */
const CERTIFICATION_SUGGESTIONS = ['ISO 9001', 'ISO 13485', 'IATF 16949', 'AS9100', 'ISO 14001', 'ISO 45001'];

const KIND_COLORS = { buyer: 'brand', supplier: 'orange', auditor: 'grape' } as const;

export function KindBadge({ kind }: { kind: Organization['kind'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={KIND_COLORS[kind]} radius="sm" tt="none" fw={500}>
      {t(`kinds.${kind}`)}
    </Badge>
  );
}
