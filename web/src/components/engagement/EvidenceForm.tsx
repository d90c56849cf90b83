// Record one evidence item: kind, provenance, issuer, validity, kind-specific details, attached files (uploaded
// first, then referenced by id) and links to the claims it supports or contradicts. The server enforces the
// provenance rules; its issues are shown next to the fields they name.
import { ActionIcon, Button, FileInput, Grid, Group, Input, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EvidenceInput } from '../../../../src/contracts/engagements.js';
import { EVIDENCE_KINDS, type EvidenceKind, type Provenance } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import type { StoredFile } from '../../api/types.js';
import { serverFieldErrors, useFieldErrors, validate } from '../../lib/validation.js';
import { IconFiles, IconPlus, IconTrash } from '../icons.js';
import { localizeIssues } from './issues.js';
import { FormErrors } from '../FormErrors.js';
import type { Claim, Evidence } from './types.js';

/** Kind-specific attributes the readiness evaluation and the registry check read. */
export const KIND_ATTRIBUTES: Partial<Record<EvidenceKind, string[]>> = {
  registration: ['identifier', 'scheme'],
  certificate: ['standard', 'scope', 'accreditation', 'certificateNumber'],
  audit_report: ['standard', 'scope'],
  sample_test: ['specification', 'standard', 'lot'],
  batch_test_record: ['lot', 'specification'],
  qc_procedure: ['document'],
  production_log: ['productLine'],
  kpi_measurement: ['kpi'],
  corrective_action: ['reference'],
};

interface LinkRow {
  claimId: string | null;
  effect: string;
  observedValue: number | string;
}

export interface EvidenceFormProps {
  provenances: readonly Provenance[];
  kinds?: readonly EvidenceKind[];
  claims: Claim[];
  /** Posts the validated evidence; rejects with the server's ApiError. */
  submit: (body: unknown) => Promise<Evidence>;
  onDone: (e: Evidence) => void;
  onCancel: () => void;
  defaultKind?: EvidenceKind;
}

export function EvidenceForm({ provenances, kinds = EVIDENCE_KINDS, claims, submit, onDone, onCancel, defaultKind }: EvidenceFormProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<EvidenceKind>(defaultKind ?? kinds[0]);
  const [provenance, setProvenance] = useState<Provenance>(provenances[0]);
  const [title, setTitle] = useState('');
  const [issuer, setIssuer] = useState('');
  const [issuedAt, setIssuedAt] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [description, setDescription] = useState('');
  const [attributes, setAttributes] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<File[]>([]);
  const [links, setLinks] = useState<LinkRow[]>([]);
  const { errors, setErrors, clear } = useFieldErrors();

  const record = useMutation({
    mutationFn: async (body: Record<string, unknown>) => {
      const fileIds: string[] = [];
      for (const f of files) {
        const form = new FormData();
        form.append('file', f, f.name);
        fileIds.push((await api.upload<StoredFile>('/api/v1/files', form)).id);
      }
      return submit({ ...body, fileIds });
    },
    onSuccess: onDone,
    onError: (e) => setErrors(localizeIssues(serverFieldErrors(e), t)),
    meta: { handlesErrors: true },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const attrs = Object.fromEntries(Object.entries(attributes).filter(([k, v]) => v.trim() && (KIND_ATTRIBUTES[kind] ?? []).includes(k)).map(([k, v]) => [k, v.trim()]));
    const body = {
      kind,
      provenance,
      title,
      description: description.trim() || null,
      issuer: issuer.trim() || null,
      issuedAt: issuedAt || null,
      validFrom: validFrom || null,
      validTo: validTo || null,
      attributes: attrs,
      fileIds: [],
      links: links
        .filter((l) => l.claimId)
        .map((l) => ({ claimId: l.claimId!, effect: l.effect, observedValue: l.observedValue === '' ? null : Number(l.observedValue) })),
    };
    const v = validate(EvidenceInput, body, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    record.mutate(body);
  };

  // The upload's refusal (path `file`: its type or size) and the attachments' belong to the files field.
  const fileError = errors.file ?? errors.fileIds ?? Object.entries(errors).find(([k]) => k.startsWith('fileIds.'))?.[1];
  const claimOptions = claims.filter((c) => !c.withdrawnAt).map((c) => ({ value: c.id, label: `${t(`vocab.claimTypes.${c.type}`)} · ${c.title}` }));

  return (
    <form onSubmit={onSubmit} noValidate data-testid="evidence-form">
      <Stack gap="md">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('evidence.kind')}
              data={kinds.map((k) => ({ value: k, label: t(`vocab.evidenceKinds.${k}`) }))}
              value={kind}
              allowDeselect={false}
              onChange={(v) => {
                if (v) setKind(v as EvidenceKind);
                clear('kind');
              }}
              error={errors.kind}
              data-testid="evidence-kind"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('evidence.provenance')}
              description={t(`vocab.provenanceHints.${provenance}`)}
              data={provenances.map((p) => ({ value: p, label: t(`vocab.provenance.${p}`) }))}
              value={provenance}
              allowDeselect={false}
              onChange={(v) => {
                if (v) setProvenance(v as Provenance);
                clear('provenance', 'fileIds', 'issuer');
              }}
              error={errors.provenance}
              data-testid="evidence-provenance"
            />
          </Grid.Col>
        </Grid>
        <TextInput
          label={t('evidence.title')}
          value={title}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            clear('title');
          }}
          error={errors.title}
          data-testid="evidence-title"
        />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('evidence.issuer')}
              description={t('evidence.issuerHint')}
              value={issuer}
              onChange={(e) => {
                setIssuer(e.currentTarget.value);
                clear('issuer');
              }}
              error={errors.issuer}
              data-testid="evidence-issuer"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput type="date" label={t('evidence.issuedAt')} value={issuedAt} onChange={(e) => setIssuedAt(e.currentTarget.value)} error={errors.issuedAt} mt={{ sm: 22 }} />
          </Grid.Col>
          <Grid.Col span={{ base: 6 }}>
            <TextInput type="date" label={t('evidence.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} error={errors.validFrom} />
          </Grid.Col>
          <Grid.Col span={{ base: 6 }}>
            <TextInput
              type="date"
              label={t('evidence.validTo')}
              value={validTo}
              onChange={(e) => {
                setValidTo(e.currentTarget.value);
                clear('validTo');
              }}
              error={errors.validTo}
            />
          </Grid.Col>
        </Grid>
        {(KIND_ATTRIBUTES[kind] ?? []).length > 0 && (
          <Grid gap="md">
            {(KIND_ATTRIBUTES[kind] ?? []).map((a) => (
              <Grid.Col key={a} span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t(`evidence.attributes.${a}`)}
                  value={attributes[a] ?? ''}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setAttributes((x) => ({ ...x, [a]: v }));
                    clear(`attributes.${a}`);
                  }}
                  error={errors[`attributes.${a}`]}
                  data-testid={`evidence-attr-${a}`}
                />
              </Grid.Col>
            ))}
          </Grid>
        )}
        <Textarea label={t('evidence.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} maxRows={6} error={errors.description} />
        <FileInput
          label={t('evidence.files')}
          description={t('evidence.filesHint')}
          placeholder={t('files.choosePlaceholder')}
          multiple
          clearable
          value={files}
          onChange={(f) => {
            setFiles(f);
            clear('fileIds', 'file');
          }}
          error={fileError}
          leftSection={<IconFiles size={16} />}
          data-testid="evidence-files"
        />
        <Input.Wrapper label={t('evidence.links')} description={t('evidence.linksHint')}>
          <Stack gap={6} mt={6}>
            {links.map((l, i) => (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                <Select
                  aria-label={t('evidence.claim')}
                  placeholder={t('evidence.claim')}
                  data={claimOptions}
                  value={l.claimId}
                  onChange={(v) => setLinks((x) => x.map((y, j) => (j === i ? { ...y, claimId: v } : y)))}
                  error={errors[`links.${i}.claimId`]}
                  searchable
                  style={{ flex: 1 }}
                  data-testid="evidence-link-claim"
                />
                <Select
                  aria-label={t('evidence.effect')}
                  data={['supports', 'contradicts'].map((v) => ({ value: v, label: t(`vocab.effects.${v}`) }))}
                  value={l.effect}
                  allowDeselect={false}
                  onChange={(v) => v && setLinks((x) => x.map((y, j) => (j === i ? { ...y, effect: v } : y)))}
                  w={130}
                />
                <NumberInput
                  aria-label={t('evidence.observedValue')}
                  placeholder={t('evidence.observedValue')}
                  value={l.observedValue}
                  onChange={(v) => setLinks((x) => x.map((y, j) => (j === i ? { ...y, observedValue: v } : y)))}
                  w={150}
                />
                <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('common.remove')} onClick={() => setLinks((x) => x.filter((_, j) => j !== i))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setLinks((x) => [...x, { claimId: null, effect: 'supports', observedValue: '' }])} disabled={claimOptions.length === 0}>
                {t('evidence.addLink')}
              </Button>
              {claimOptions.length === 0 && (
                <Text size="xs" c="dimmed">
                  {t('evidence.noClaims')}
                </Text>
              )}
            </Group>
          </Stack>
        </Input.Wrapper>
        <FormErrors errors={errors} error={record.isError ? record.error : undefined} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending} data-testid="evidence-submit">
            {t('evidence.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
