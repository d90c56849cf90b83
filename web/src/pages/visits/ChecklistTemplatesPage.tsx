// Checklist templates: versioned data like the policies. Each version reads as its sections and questions;
// admins save a new version by editing the JSON or uploading a .json file, and invalid documents are refused
// with the exact path of each error. Visits keep the version they were planned with.
import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { ChecklistQuestion } from '../../../../src/contracts/visits.js';
import { api } from '../../api/client.js';
import { useCan } from '../../app/session.js';
import { useChecklistTemplates, type Template } from '../../components/visits/api.js';
import { useLoc } from '../../components/visits/format.js';
import { IconChecklist } from '../../components/visits/icons.js';
import { IconPlus } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { JsonDocumentEditor } from '../../components/JsonDocumentEditor.js';
import { versionGroups } from '../../lib/versions.js';

export function ChecklistTemplatesPage() {
  const { t } = useTranslation();
  const loc = useLoc();
  const canManage = useCan('checklist.manage');
  const templates = useChecklistTemplates();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const groups = useMemo(() => {
    // Visit checklists first, your own before the shipped ones.
    const rank = (x: Template) => (x.purpose === 'visit_checklist' ? 0 : 2) + (x.shipped ? 1 : 0);
    return versionGroups(templates.data ?? []).sort((a, b) => rank(a[0]!) - rank(b[0]!) || a[0]!.key.localeCompare(b[0]!.key));
  }, [templates.data]);
  const selected = templates.data?.find((x) => x.id === params.get('id')) ?? groups[0]?.[0];

  return (
    <>
      <PageHeader
        title={t('visits.templates.title')}
        subtitle={t('visits.templates.subtitle')}
        actions={
          canManage &&
          selected && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(true)} data-testid="template-new-version">
              {t('visits.templates.newVersion')}
            </Button>
          )
        }
      />
      {templates.isPending ? (
        <Loading />
      ) : templates.isError ? (
        <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} />
      ) : groups.length === 0 ? (
        <Card>
          <Empty icon={<IconChecklist size={22} />} title={t('visits.templates.empty')} />
        </Card>
      ) : (
        <Stack gap="md">
          <Card padding={0}>
            <Table.ScrollContainer minWidth={560}>
              <Table className="bf-table" highlightOnHover data-testid="templates-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('visits.templates.name')}</Table.Th>
                    <Table.Th>{t('visits.templates.purpose')}</Table.Th>
                    <Table.Th>{t('visits.templates.origin')}</Table.Th>
                    <Table.Th>{t('visits.templates.versions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {groups.map((versions) => (
                    <Table.Tr key={`${versions[0].shipped}:${versions[0].key}`} data-testid="template-row">
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {loc(versions[0].name)}
                        </Text>
                        <Text size="xs" className="bf-mono" c="dimmed">
                          {versions[0].key}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`visits.templates.purposes.${versions[0].purpose}`)}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={versions[0].shipped ? 'gray' : 'brand'} tt="none">
                          {versions[0].shipped ? t('visits.templates.shipped') : t('visits.templates.own')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {versions.map((v) => (
                            <UnstyledButton key={v.id} onClick={() => setParams({ id: v.id }, { replace: true })} aria-label={`${loc(v.name)} v${v.version}`}>
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
            </Table.ScrollContainer>
          </Card>
          {selected && <TemplateDocument template={selected} />}
        </Stack>
      )}
      <TemplateEditorModal
        base={editing ? (selected ?? null) : null}
        onClose={() => setEditing(false)}
        onSaved={(tpl) => {
          setEditing(false);
          setParams({ id: tpl.id }, { replace: true });
        }}
      />
    </>
  );
}

function questionDetail(q: ChecklistQuestion, loc: ReturnType<typeof useLoc>): string {
  switch (q.type) {
    case 'score':
      return `${q.scale.min}–${q.scale.max}: ${q.scale.anchors.map((a) => `${a.value} ${loc(a.label)}`).join(' · ')}`;
    case 'number':
      return [q.unit, q.min !== undefined ? `≥ ${q.min}` : null, q.max !== undefined ? `≤ ${q.max}` : null, q.capacityInput ? `→ ${q.capacityInput}` : null].filter(Boolean).join(' · ');
    case 'yes_no':
      return q.expected === undefined ? '' : q.expected ? '✓ yes' : '✓ no';
    case 'photo':
      return q.minPhotos ? `≥ ${q.minPhotos}` : '';
    case 'text':
      return '';
  }
}

function TemplateDocument({ template }: { template: Template }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const fmt = useFormat();
  const doc = template.document;
  return (
    <Stack gap="md" data-testid="template-document">
      <Card>
        <Title order={3} fw={650}>
          {loc(doc.name)}
        </Title>
        <Text size="sm" c="dimmed" className="bf-mono">
          {doc.key} · v{template.version}
        </Text>
        {doc.description && (
          <Text size="sm" mt="sm">
            {loc(doc.description)}
          </Text>
        )}
        <Text size="xs" mt={4} c="dimmed">
          {t('visits.templates.created', { date: fmt.dateTime(template.createdAt) })}
        </Text>
      </Card>
      {doc.sections.map((s) => (
        <Card key={s.id} padding={0}>
          <Group justify="space-between" p="md" pb="xs">
            <Title order={5} fw={600}>
              {loc(s.title)}
            </Title>
            {s.focus && (
              <Badge variant="light" tt="none" size="sm">
                {t(`visits.templates.focus.${s.focus}`)}
              </Badge>
            )}
          </Group>
          <Table.ScrollContainer minWidth={560}>
            <Table className="bf-table" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('visits.templates.question')}</Table.Th>
                  <Table.Th w={110}>{t('visits.templates.type')}</Table.Th>
                  <Table.Th>{t('visits.templates.detail')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.questions.map((q) => (
                  <Table.Tr key={q.id}>
                    <Table.Td>
                      <Text size="sm">
                        {loc(q.text)}
                        {q.required && (
                          <Text span c="red">
                            {' '}
                            *
                          </Text>
                        )}
                      </Text>
                      <Text size="xs" c="dimmed" className="bf-mono">
                        {q.id}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color="gray" tt="none" size="sm">
                        {t(`visits.templates.types.${q.type}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {questionDetail(q, loc)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      ))}
    </Stack>
  );
}

function TemplateEditorModal({ base, onClose, onSaved }: { base: Template | null; onClose: () => void; onSaved: (t: Template) => void }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={base !== null} onClose={onClose} size="xl" fullScreen={phone} title={<Text fw={600}>{t('visits.templates.editorTitle', { name: base ? loc(base.name) : '' })}</Text>} data-testid="template-editor">
      {base && <TemplateEditor base={base} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function TemplateEditor({ base, onCancel, onSaved }: { base: Template; onCancel: () => void; onSaved: (t: Template) => void }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const qc = useQueryClient();
  return (
    <JsonDocumentEditor
      initial={base.document}
      save={(doc) => api.post<Template>('/api/v1/checklist-templates', doc)}
      onSaved={(tpl) => {
        notify.success(t('visits.templates.saved', { name: loc(tpl.name), version: tpl.version }));
        void qc.invalidateQueries({ queryKey: ['checklist-templates'] });
        onSaved(tpl);
      }}
      onCancel={onCancel}
      testId="template"
      text={{
        hint: t('visits.templates.editorHint', { version: base.version }),
        upload: t('visits.templates.upload'),
        loadedFrom: (name) => name,
        json: t('visits.templates.json'),
        syntaxError: t('visits.templates.syntaxError'),
        invalid: (count) => t('visits.templates.invalid', { count }),
        documentRoot: t('visits.templates.documentRoot'),
        save: t('visits.templates.save'),
      }}
    />
  );
}
