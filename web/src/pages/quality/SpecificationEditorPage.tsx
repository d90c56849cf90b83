// One specification: create it, or revise it (each save is a new version; sample tests and data keep the
// version they were judged against), or archive it.
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { SpecificationInput, SpecificationUpdate } from '../../../../src/contracts/quality.js';
import { useCan } from '../../app/session.js';
import { useConfirm } from '../../components/Confirm.js';
import { IconAlert } from '../../components/icons.js';
import { SPECIFICATIONS_KEY, specificationsApi, useSpecification } from '../../components/quality/api.js';
import { CharacteristicsEditor, emptyRow, rowToInput, type CharacteristicRow } from '../../components/quality/CharacteristicsEditor.js';
import { IconRuler } from '../../components/quality/icons.js';
import type { Specification } from '../../components/quality/types.js';
import { LoadFailure, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, useFieldErrors, validate } from '../../lib/validation.js';
import { FormErrors } from '../../components/FormErrors.js';

export function SpecificationEditorPage() {
  const { id = 'new' } = useParams();
  const { t } = useTranslation();
  const isNew = id === 'new';
  const spec = useSpecification(isNew ? null : id);
  const back = (
    <Anchor component={Link} to="/specifications" size="sm">
      ← {t('quality.specs.title')}
    </Anchor>
  );
  if (!isNew && spec.isPending) return <Loading />;
  if (!isNew && spec.isError) {
    return (
      <Stack>
        {back}
        <LoadFailure error={spec.error} onRetry={() => void spec.refetch()} icon={<IconRuler size={22} />} notFound={t('quality.specs.notFound')} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {back}
      <Editor key={spec.data ? `${spec.data.id}-${spec.data.currentVersion}` : 'new'} spec={spec.data ?? null} />
    </Stack>
  );
}

function rowsOf(spec: Specification | null): CharacteristicRow[] {
  if (!spec) return [emptyRow()];
  return spec.characteristics.map((c) => ({
    key: c.key,
    keyTouched: true,
    name: c.name,
    unit: c.unit,
    nominal: c.nominal ?? '',
    lsl: c.lsl ?? '',
    usl: c.usl ?? '',
    criticality: c.criticality,
    method: c.method ?? '',
  }));
}

function Editor({ spec }: { spec: Specification | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const canManage = useCan('specification.manage');
  const readOnly = !canManage || Boolean(spec?.archivedAt);
  const [product, setProduct] = useState(spec?.product ?? '');
  const [title, setTitle] = useState(spec?.title ?? '');
  const [note, setNote] = useState(spec?.note ?? '');
  const [rows, setRows] = useState<CharacteristicRow[]>(() => rowsOf(spec));
  const { errors, setErrors, clear } = useFieldErrors();
  const { confirm, modal } = useConfirm();
  const lockedUnits = useMemo(() => new Set(spec?.characteristics.map((c) => c.key) ?? []), [spec]);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => (spec ? specificationsApi.update(spec.id, body) : specificationsApi.create(body)),
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: SPECIFICATIONS_KEY });
      qc.setQueryData([...SPECIFICATIONS_KEY, saved.id], saved);
      notify.success(spec ? t('quality.specs.savedVersion', { version: saved.currentVersion }) : t('quality.specs.created', { product: saved.product }));
      if (!spec) navigate(`/specifications/${saved.id}`, { replace: true });
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });

  const archive = useMutation({
    mutationFn: () => specificationsApi.archive(spec!.id),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: SPECIFICATIONS_KEY });
      notify.success(t('quality.specs.archivedDone', { product: spec!.product }));
      navigate('/specifications');
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const characteristics = rows.map(rowToInput);
    const body = spec ? { title, note: note.trim() || null, characteristics } : { product, title, note: note.trim() || null, characteristics };
    const v = spec ? validate(SpecificationUpdate, body, t) : validate(SpecificationInput, body, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    save.mutate(body);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="spec-form">
      {modal}
      <Group justify="space-between" align="flex-end" mb="md" wrap="nowrap">
        <div>
          <Group gap="sm">
            <Title order={2} fw={650} data-testid="page-title">
              {spec ? `${spec.product} · ${spec.title}` : t('quality.specs.newTitle')}
            </Title>
            {spec && (
              <Badge variant="light" color="gray" tt="none" size="lg" radius="sm">
                v{spec.currentVersion}
              </Badge>
            )}
            {spec?.archivedAt && (
              <Badge variant="light" color="gray" tt="none" radius="sm">
                {t('quality.specs.archived')}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm" mt={4} maw={760}>
            {spec ? t('quality.specs.reviseHint') : t('quality.specs.newHint')}
          </Text>
        </div>
        {spec && canManage && !spec.archivedAt && (
          <Button
            variant="default"
            color="red"
            onClick={() =>
              confirm({
                title: t('quality.specs.archiveTitle', { product: spec.product }),
                body: t('quality.specs.archiveBody'),
                confirmLabel: t('quality.specs.archive'),
                onConfirm: () => archive.mutateAsync(),
              })
            }
            data-testid="spec-archive"
          >
            {t('quality.specs.archive')}
          </Button>
        )}
      </Group>
      <Grid gap="md">
        <Grid.Col span={12}>
          <Card>
            <Stack gap="md">
              <Grid gap="md">
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <TextInput
                    label={t('quality.specs.product')}
                    description={t('quality.specs.productHint')}
                    withAsterisk={!spec}
                    value={product}
                    onChange={(e) => {
                      setProduct(e.currentTarget.value);
                      clear('product');
                    }}
                    readOnly={Boolean(spec) || readOnly}
                    error={errors.product}
                    data-testid="spec-product"
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 8 }}>
                  <TextInput
                    label={t('quality.specs.specTitle')}
                    description={t('quality.specs.titleHint')}
                    withAsterisk
                    value={title}
                    onChange={(e) => {
                      setTitle(e.currentTarget.value);
                      clear('title');
                    }}
                    readOnly={readOnly}
                    error={errors.title}
                    data-testid="spec-title"
                  />
                </Grid.Col>
              </Grid>
              <div>
                <Text size="sm" fw={500} mb={4}>
                  {t('quality.specs.characteristics')}
                </Text>
                <CharacteristicsEditor rows={rows} onChange={setRows} errors={errors} clear={clear} lockedUnits={lockedUnits} readOnly={readOnly} />
              </div>
              <Textarea
                label={t('quality.specs.note')}
                placeholder={t('quality.specs.notePlaceholder')}
                autosize
                minRows={2}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                readOnly={readOnly}
                error={errors.note}
                data-testid="spec-note"
              />
              <FormErrors errors={errors} error={save.isError ? save.error : undefined} testId="spec-error" />
              {Object.keys(errors).length > 0 && !save.isError && (
                <Text size="sm" c="red" data-testid="spec-field-errors">
                  {t('errors.fixFields')}
                </Text>
              )}
              {!readOnly && (
                <Group justify="flex-end">
                  <Button type="submit" loading={save.isPending} data-testid="spec-save">
                    {spec ? t('quality.specs.saveVersion', { version: spec.currentVersion + 1 }) : t('quality.specs.create')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        {spec && (
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Card>
              <Text fw={600} size="sm" mb="sm">
                {t('quality.specs.versions')}
              </Text>
              <Timeline bulletSize={14} lineWidth={2} active={0} data-testid="spec-versions">
                {[...spec.versions].reverse().map((v) => (
                  <Timeline.Item key={v.version} title={<Text size="sm" fw={500}>v{v.version} · {v.title}</Text>}>
                    <Text size="xs" c="dimmed">
                      {fmt.dateTime(v.createdAt)} · {v.createdBy}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Card>
          </Grid.Col>
        )}
      </Grid>
    </form>
  );
}
