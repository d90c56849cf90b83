// A buyer opens an engagement with a supplier for a scope: products, categories, product lines, expected
// volumes, destination, product maturity and regulated sector; the policy defaults by the two countries.
import { ActionIcon, Alert, Button, Grid, Group, Input, Modal, NumberInput, SegmentedControl, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { NewEngagementInput } from '../../../../src/contracts/engagements.js';
import { PRODUCT_MATURITIES } from '../../../../src/contracts/policy.js';
import { CLAIM_PERIODS } from '../../../../src/domain/browser.js';
import { REGULATED_SECTORS } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import type { Organization } from '../../api/types.js';
import { useSession } from '../../app/session.js';
import { useCountryOptions } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, useFieldErrors, validate } from '../../lib/validation.js';
import { IconAlert, IconPlus, IconTrash } from '../icons.js';
import { useClaims, usePolicies } from './api.js';
import type { Engagement } from './types.js';
import { FormErrors } from '../FormErrors.js';

interface Volume {
  product: string;
  quantity: number | string;
  period: string;
}

export function OpenEngagementModal({ opened, onClose, supplier }: { opened: boolean; onClose: () => void; supplier?: Organization | null }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={<Text fw={600}>{t('engagements.open.title')}</Text>} data-testid="open-engagement-modal">
      {opened && <OpenEngagementForm supplier={supplier ?? null} onDone={onClose} />}
    </Modal>
  );
}

function OpenEngagementForm({ supplier: fixed, onDone }: { supplier: Organization | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { organization } = useSession();
  const countries = useCountryOptions();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [supplierId, setSupplierId] = useState<string | null>(fixed?.id ?? null);
  const suppliers = useQuery({
    queryKey: ['directory', { kind: 'supplier' }],
    queryFn: () => api.get<Organization[]>('/api/v1/organizations', { kind: 'supplier', limit: 200 }),
    enabled: !fixed,
  });
  const claims = useClaims(supplierId ?? '', Boolean(supplierId));
  const policies = usePolicies();
  const lineOptions = [...new Set((claims.data ?? []).filter((c) => c.productLine && !c.withdrawnAt).map((c) => c.productLine!))];

  const [title, setTitle] = useState('');
  const [products, setProducts] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [productLines, setProductLines] = useState<string[]>([]);
  const [volumes, setVolumes] = useState<Volume[]>([]);
  const [destination, setDestination] = useState<string | null>(organization.country);
  const [maturity, setMaturity] = useState<string>('custom');
  const [sector, setSector] = useState<string | null>(null);
  const [policyId, setPolicyId] = useState<string | null>(null);
  const { errors, setErrors, clear } = useFieldErrors();

  const create = useMutation({
    mutationFn: (body: unknown) => api.post<Engagement>('/api/v1/engagements', body),
    onSuccess: (e) => {
      notify.success(t('engagements.open.created', { supplier: e.supplier.name }));
      void qc.invalidateQueries({ queryKey: ['engagements'] });
      onDone();
      navigate(`/engagements/${e.id}`);
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      supplierOrganizationId: supplierId ?? '',
      title,
      scope: {
        products,
        categories,
        productLines,
        expectedVolumes: volumes
          .filter((v) => v.product.trim() || v.quantity !== '')
          .map((v) => ({ product: v.product.trim(), quantity: typeof v.quantity === 'number' ? v.quantity : Number(v.quantity), period: v.period })),
        destinationCountry: destination ?? '',
        productMaturity: maturity,
        regulatedSector: sector,
      },
      ...(policyId ? { policyId } : {}),
    };
    const v = validate(NewEngagementInput, body, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    create.mutate(v.data);
  };
  const firstError = (prefix: string) => errors[prefix] ?? Object.entries(errors).find(([k]) => k.startsWith(`${prefix}.`))?.[1];
  const policyOptions = (policies.data ?? []).map((p) => ({ value: p.id, label: `${p.name} · v${p.version}${p.shipped ? '' : ` (${t('policies.own')})`}` }));

  return (
    <form onSubmit={submit} noValidate data-testid="open-engagement-form">
      <Stack gap="md">
        {fixed ? (
          <Text size="sm">
            {t('engagements.open.with')} <b>{fixed.name}</b>
          </Text>
        ) : (
          <Select
            label={t('engagements.open.supplier')}
            data={(suppliers.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
            value={supplierId}
            onChange={(v) => {
              setSupplierId(v);
              clear('supplierOrganizationId');
            }}
            searchable
            error={errors.supplierOrganizationId}
            data-testid="open-supplier"
          />
        )}
        <TextInput
          label={t('engagements.open.engagementTitle')}
          placeholder={t('engagements.open.titlePlaceholder')}
          value={title}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            clear('title');
          }}
          error={errors.title}
          data-testid="open-title"
        />
        <TagsInput
          label={t('engagements.open.products')}
          description={t('engagements.open.productsHint')}
          value={products}
          onChange={(v) => {
            setProducts(v);
            clear('scope.products');
          }}
          error={firstError('scope.products')}
          data-testid="open-products"
          acceptValueOnBlur
        />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TagsInput
              label={t('engagements.open.categories')}
              value={categories}
              onChange={(v) => {
                setCategories(v);
                clear('scope.categories');
              }}
              error={firstError('scope.categories')}
              data-testid="open-categories"
              acceptValueOnBlur
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TagsInput
              label={t('engagements.open.productLines')}
              description={lineOptions.length ? undefined : t('engagements.open.productLinesHint')}
              data={lineOptions}
              value={productLines}
              onChange={(v) => {
                setProductLines(v);
                clear('scope.productLines');
              }}
              error={firstError('scope.productLines')}
              data-testid="open-product-lines"
              acceptValueOnBlur
            />
          </Grid.Col>
        </Grid>
        <Input.Wrapper label={t('engagements.open.volumes')} description={t('engagements.open.volumesHint')}>
          <Stack gap={6} mt={6}>
            {volumes.map((v, i) => (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  placeholder={t('engagements.open.volumeProduct')}
                  aria-label={t('engagements.open.volumeProduct')}
                  value={v.product}
                  onChange={(e) => {
                    const val = e.currentTarget.value;
                    setVolumes((l) => l.map((x, j) => (j === i ? { ...x, product: val } : x)));
                  }}
                  error={errors[`scope.expectedVolumes.${i}.product`]}
                  style={{ flex: 1 }}
                />
                <NumberInput
                  placeholder={t('engagements.open.quantity')}
                  aria-label={t('engagements.open.quantity')}
                  value={v.quantity}
                  min={1}
                  thousandSeparator=","
                  onChange={(q) => setVolumes((l) => l.map((x, j) => (j === i ? { ...x, quantity: q } : x)))}
                  error={errors[`scope.expectedVolumes.${i}.quantity`]}
                  w={140}
                />
                <Select
                  aria-label={t('engagements.open.period')}
                  data={CLAIM_PERIODS.map((p) => ({ value: p, label: t(`vocab.perPeriod.${p}`) }))}
                  value={v.period}
                  allowDeselect={false}
                  onChange={(p) => p && setVolumes((l) => l.map((x, j) => (j === i ? { ...x, period: p } : x)))}
                  w={130}
                />
                <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('common.remove')} onClick={() => setVolumes((l) => l.filter((_, j) => j !== i))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setVolumes((l) => [...l, { product: products[0] ?? '', quantity: '', period: 'month' }])}>
                {t('engagements.open.addVolume')}
              </Button>
            </Group>
          </Stack>
        </Input.Wrapper>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('engagements.open.destination')}
              data={countries}
              value={destination}
              onChange={(v) => {
                setDestination(v);
                clear('scope.destinationCountry');
              }}
              searchable
              error={errors['scope.destinationCountry']}
              data-testid="open-destination"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('engagements.open.sector')}
              placeholder={t('engagements.open.sectorNone')}
              data={REGULATED_SECTORS.map((s) => ({ value: s, label: t(`vocab.sectors.${s}`) }))}
              value={sector}
              onChange={setSector}
              clearable
              data-testid="open-sector"
            />
          </Grid.Col>
        </Grid>
        <Input.Wrapper label={t('engagements.open.maturity')} description={t('engagements.open.maturityHint')}>
          <SegmentedControl
            mt={6}
            fullWidth
            data={PRODUCT_MATURITIES.map((m) => ({ value: m, label: t(`vocab.maturities.${m}`) }))}
            value={maturity}
            onChange={setMaturity}
            data-testid="open-maturity"
          />
        </Input.Wrapper>
        <Select
          label={t('engagements.open.policy')}
          placeholder={t('engagements.open.policyDefault')}
          description={t('engagements.open.policyHint')}
          data={policyOptions}
          value={policyId}
          onChange={setPolicyId}
          clearable
          error={errors.policyId}
        />
        <FormErrors errors={errors} error={create.isError ? create.error : undefined} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="open-submit">
            {t('engagements.open.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
