// A typed claim: the fields depend on the claim type (capacity per product line and period with its stated
// limit, lead time, MOQ, certification held, QC process with its procedure document, process capability,
// limitation disclosed).
import { Button, FileInput, Grid, Group, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ClaimInput } from '../../../../src/contracts/engagements.js';
import { CLAIM_PERIODS } from '../../../../src/domain/browser.js';
import { CLAIM_TYPES, type ClaimType } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import type { StoredFile } from '../../api/types.js';
import { serverFieldErrors, useFieldErrors, validate } from '../../lib/validation.js';
import { FormErrors } from '../FormErrors.js';
import { LengthHint } from '../LengthHint.js';
import { IconFiles } from '../icons.js';
import type { Claim, Site } from './types.js';

interface Fields {
  productLine: boolean | 'required';
  site: boolean;
  value: false | 'required' | 'optional';
  unit?: string;
  period: boolean;
  limit: boolean;
  attributes: string[];
  document?: boolean;
}

const FIELDS: Record<ClaimType, Fields> = {
  capacity: { productLine: 'required', site: true, value: 'required', unit: 'pcs', period: true, limit: true, attributes: ['shifts', 'note'] },
  lead_time: { productLine: true, site: false, value: 'required', unit: 'days', period: false, limit: false, attributes: ['incoterm'] },
  moq: { productLine: true, site: false, value: 'required', unit: 'pcs', period: false, limit: false, attributes: [] },
  certification: { productLine: false, site: true, value: false, period: false, limit: false, attributes: ['standard', 'scope', 'issuer', 'accreditation', 'certificateNumber', 'validFrom', 'validTo'] },
  qc_process: { productLine: true, site: true, value: false, period: false, limit: false, attributes: ['procedure'], document: true },
  process_capability: { productLine: true, site: true, value: 'required', period: false, limit: false, attributes: ['characteristic'] },
  limitation: { productLine: true, site: true, value: false, period: false, limit: false, attributes: ['note'] },
};
const DATE_ATTRIBUTES = new Set(['validFrom', 'validTo']);
/** An attribute's longest value (src/contracts/engagements.ts, Attributes). */
const ATTRIBUTE_MAX = 500;

export function ClaimForm({ organizationId, sites, onDone, onCancel }: { organizationId: string; sites: Site[]; onDone: (c: Claim) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<ClaimType>('capacity');
  const [title, setTitle] = useState('');
  const [productLine, setProductLine] = useState('');
  const [siteId, setSiteId] = useState<string | null>(null);
  const [value, setValue] = useState<number | string>('');
  const [unit, setUnit] = useState('pcs');
  const [period, setPeriod] = useState<string | null>('month');
  const [limit, setLimit] = useState<number | string>('');
  const [attributes, setAttributes] = useState<Record<string, string>>({});
  const [doc, setDoc] = useState<File | null>(null);
  const { errors, setErrors, clear } = useFieldErrors();
  const f = FIELDS[type];

  const create = useMutation({
    mutationFn: async (body: Record<string, unknown>) => {
      let documentFileId: string | null = null;
      if (doc) {
        const form = new FormData();
        form.append('file', doc, doc.name);
        documentFileId = (await api.upload<StoredFile>('/api/v1/files', form)).id;
      }
      return api.post<Claim>(`/api/v1/organizations/${organizationId}/claims`, { ...body, ...(documentFileId ? { documentFileId } : {}) });
    },
    onSuccess: onDone,
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const attrs = Object.fromEntries(
      Object.entries(attributes)
        .filter(([k, v]) => f.attributes.includes(k) && v.trim())
        .map(([k, v]) => [k, v.trim()]),
    );
    const body = {
      type,
      title,
      productLine: f.productLine && productLine.trim() ? productLine.trim() : null,
      siteId: f.site ? siteId : null,
      value: f.value && value !== '' ? Number(value) : null,
      unit: f.value && unit.trim() ? unit.trim() : null,
      period: f.period ? period : null,
      statedLimit: f.limit && limit !== '' ? Number(limit) : null,
      attributes: attrs,
    };
    const v = validate(ClaimInput, body, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    create.mutate(body);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="claim-form">
      <Stack gap="md">
        <Select
          label={t('supplier.claims.type')}
          data={CLAIM_TYPES.map((c) => ({ value: c, label: t(`vocab.claimTypes.${c}`) }))}
          value={type}
          allowDeselect={false}
          onChange={(v) => {
            if (!v) return;
            setType(v as ClaimType);
            setUnit(FIELDS[v as ClaimType].unit ?? '');
            setErrors({});
          }}
          description={t(`supplier.claims.typeHints.${type}`)}
          data-testid="claim-type"
        />
        <TextInput
          label={t('supplier.claims.titleField')}
          placeholder={t(`supplier.claims.titlePlaceholders.${type}`)}
          value={title}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            clear('title');
          }}
          error={errors.title}
          data-testid="claim-title"
        />
        {(f.productLine || f.site) && (
          <Grid gap="md">
            {f.productLine && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('supplier.claims.productLine')}
                  withAsterisk={f.productLine === 'required'}
                  value={productLine}
                  onChange={(e) => {
                    setProductLine(e.currentTarget.value);
                    clear('productLine');
                  }}
                  error={errors.productLine}
                  data-testid="claim-product-line"
                />
              </Grid.Col>
            )}
            {f.site && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select label={t('supplier.claims.site')} data={sites.map((s) => ({ value: s.id, label: s.name }))} value={siteId} onChange={setSiteId} clearable error={errors.siteId} />
              </Grid.Col>
            )}
          </Grid>
        )}
        {f.value && (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: f.period ? 3 : 6 }}>
              <NumberInput
                label={type === 'process_capability' ? t('supplier.claims.cpk') : t('supplier.claims.value')}
                withAsterisk={f.value === 'required'}
                value={value}
                onChange={(v) => {
                  setValue(v);
                  clear('value');
                }}
                thousandSeparator=","
                decimalScale={type === 'process_capability' ? 2 : undefined}
                error={errors.value}
                data-testid="claim-value"
              />
            </Grid.Col>
            {type !== 'process_capability' && (
              <Grid.Col span={{ base: 12, sm: f.period ? 3 : 6 }}>
                <TextInput label={t('supplier.claims.unit')} value={unit} onChange={(e) => setUnit(e.currentTarget.value)} error={errors.unit} />
              </Grid.Col>
            )}
            {f.period && (
              <Grid.Col span={{ base: 12, sm: 3 }}>
                <Select
                  label={t('supplier.claims.period')}
                  withAsterisk
                  data={CLAIM_PERIODS.map((p) => ({ value: p, label: t(`vocab.perPeriod.${p}`) }))}
                  value={period}
                  onChange={(v) => {
                    setPeriod(v);
                    clear('period');
                  }}
                  error={errors.period}
                />
              </Grid.Col>
            )}
            {f.limit && (
              <Grid.Col span={{ base: 12, sm: 3 }}>
                <NumberInput
                  label={t('supplier.claims.statedLimit')}
                  description={t('supplier.claims.statedLimitHint')}
                  value={limit}
                  onChange={(v) => {
                    setLimit(v);
                    clear('statedLimit');
                  }}
                  thousandSeparator=","
                  min={0}
                  error={errors.statedLimit}
                  data-testid="claim-limit"
                />
              </Grid.Col>
            )}
          </Grid>
        )}
        {f.attributes.length > 0 && (
          <Grid gap="md">
            {f.attributes.map((a) => (
              <Grid.Col key={a} span={{ base: 12, sm: a === 'scope' || a === 'note' ? 12 : 6 }}>
                {a === 'note' ? (
                  <Textarea
                    label={t(`evidence.attributes.${a}`)}
                    value={attributes[a] ?? ''}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setAttributes((x) => ({ ...x, [a]: v }));
                      clear(`attributes.${a}`);
                    }}
                    autosize
                    minRows={2}
                    description={<LengthHint value={attributes[a] ?? ''} max={ATTRIBUTE_MAX} />}
                    error={errors[`attributes.${a}`]}
                    data-testid={`claim-attr-${a}`}
                  />
                ) : (
                  <TextInput
                    type={DATE_ATTRIBUTES.has(a) ? 'date' : 'text'}
                    label={t(`evidence.attributes.${a}`)}
                    withAsterisk={type === 'certification' && a === 'standard'}
                    placeholder={a === 'standard' ? 'ISO 9001' : undefined}
                    value={attributes[a] ?? ''}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setAttributes((x) => ({ ...x, [a]: v }));
                      clear(`attributes.${a}`);
                    }}
                    error={errors[`attributes.${a}`]}
                    data-testid={`claim-attr-${a}`}
                  />
                )}
              </Grid.Col>
            ))}
          </Grid>
        )}
        {f.document && (
          <FileInput
            label={t('supplier.claims.procedureDocument')}
            placeholder={t('files.choosePlaceholder')}
            value={doc}
            onChange={setDoc}
            clearable
            leftSection={<IconFiles size={16} />}
            error={errors.documentFileId}
          />
        )}
        {type === 'certification' && (
          <Text size="xs" c="dimmed">
            {t('supplier.claims.certificationHint')}
          </Text>
        )}
        <FormErrors errors={errors} error={create.isError ? create.error : undefined} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="claim-submit">
            {t('supplier.claims.publish')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
