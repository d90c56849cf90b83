// The policy editor: a form for the common changes — which requirements are required, the provenance, age and
// count each asks for, the response-time bound and the capacity tolerance — and the JSON of the whole document
// for the rest. Both edit one document: the form writes into it, the JSON tab shows it (and what is typed there
// is what the form shows next). Saving posts the document as a new version, checked by the server's own schema;
// its refusals are shown next to the field they name (path "phases.credibility[2].minProvenance"), the others in a
// list above.
import { Alert, Button, Code, FileButton, Group, List, NumberInput, Select, Stack, Switch, Table, Tabs, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Requirement, VerificationPolicy } from '../../../../src/contracts/policy.js';
import { OPEN_PHASES, type OpenPhase, PROVENANCES } from '../../../../src/domain/browser.js';
import { isApiError, type FieldIssue } from '../../api/client.js';
import { useLocalized } from '../../components/engagement/explain.js';
import { IconAlert, IconUpload } from '../../components/icons.js';
import { errorText } from '../../lib/validation.js';

type Doc = VerificationPolicy;

/** The document with one requirement changed (a copy; the rest of the document is kept as it is). */
function withRequirement(doc: Doc, phase: OpenPhase, index: number, change: (r: Record<string, unknown>) => void): Doc {
  const next = structuredClone(doc);
  change(next.phases[phase][index] as unknown as Record<string, unknown>);
  return next;
}

export function PolicyFormEditor<T>({
  initial,
  save,
  onSaved,
  onCancel,
  hint,
}: {
  initial: Doc;
  save: (doc: unknown) => Promise<T>;
  onSaved: (saved: T) => void;
  onCancel: () => void;
  hint: string;
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [doc, setDoc] = useState<Doc>(() => structuredClone(initial));
  const [json, setJson] = useState(() => JSON.stringify(initial, null, 2));
  const [syntax, setSyntax] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [fileName, setFileName] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: onSaved,
    onError: (e) => {
      setIssues(isApiError(e) ? e.issues : []);
      // Bring the first refused field of the form into view (the list of the others is above the buttons).
      requestAnimationFrame(() => document.querySelector('[data-testid="policy-form"] [data-error]')?.scrollIntoView({ block: 'center' }));
    },
    meta: { handlesErrors: true },
  });

  const update = (next: Doc) => {
    setDoc(next);
    setJson(JSON.stringify(next, null, 2));
  };
  /** The document as the JSON tab has it; null (and the syntax error shown) when it does not parse. */
  const parsed = (): Doc | null => {
    try {
      const d = JSON.parse(json) as Doc;
      setSyntax(null);
      return d;
    } catch (e) {
      setSyntax((e as Error).message);
      return null;
    }
  };
  const switchTab = (v: string | null) => {
    if (v === 'form' && tab === 'json') {
      const d = parsed();
      // The form shows phases and tolerances: a document without them stays in the JSON tab.
      if (!d || typeof d !== 'object' || !d.phases || !d.claimTolerance) {
        if (d) setSyntax(t('policyForm.notAPolicy'));
        return;
      }
      setDoc(d);
    }
    setTab(v === 'json' ? 'json' : 'form');
  };
  const submit = () => {
    setIssues([]);
    const d = tab === 'json' ? parsed() : doc;
    if (!d) return;
    mutation.mutate(d);
  };
  const load = async (file: File | null) => {
    if (!file) return;
    setFileName(file.name);
    setJson(await file.text());
    setIssues([]);
    setTab('json');
  };

  // Refusals by the path they name; those of fields the form shows are shown there, the rest in the list.
  const byPath = new Map(issues.map((i) => [i.path, i.message]));
  const shown = new Set<string>();
  const errorAt = (path: string) => {
    const m = byPath.get(path);
    if (m !== undefined && tab === 'form') shown.add(path);
    return m;
  };
  const provenanceOptions = PROVENANCES.map((p) => ({ value: p, label: t(`vocab.provenance.${p}`) }));

  const formBody = (
    <Stack gap="md" data-testid="policy-form">
      <Group gap="md" align="flex-start" wrap="wrap">
        <NumberInput
          label={t('policyForm.capacityTolerance')}
          description={t('policyForm.capacityToleranceHint')}
          suffix=" %"
          min={1}
          max={100}
          decimalScale={1}
          w={300}
          value={Math.round(doc.claimTolerance.capacity * 1000) / 10}
          onChange={(v) => update({ ...doc, claimTolerance: { ...doc.claimTolerance, capacity: typeof v === 'number' ? v / 100 : Number.NaN } })}
          error={errorAt('claimTolerance.capacity')}
          data-testid="policy-form-tolerance"
        />
      </Group>
      {OPEN_PHASES.map((phase) => (
        <div key={phase} data-testid={`policy-form-phase-${phase}`}>
          <Text fw={600} size="sm" mb={4}>
            {t(`vocab.phases.${phase}`)}
          </Text>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing={4} className="bf-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('policyForm.requirement')}</Table.Th>
                  <Table.Th w={90}>{t('policyForm.required')}</Table.Th>
                  <Table.Th w={160}>{t('policyForm.minProvenance')}</Table.Th>
                  <Table.Th w={120}>{t('policyForm.maxAgeDays')}</Table.Th>
                  <Table.Th w={110}>{t('policyForm.minCount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {doc.phases[phase].map((r: Requirement, i) => {
                  const at = `phases.${phase}[${i}]`;
                  const set = (change: (x: Record<string, unknown>) => void) => update(withRequirement(doc, phase, i, change));
                  const rec = r as unknown as Record<string, unknown>;
                  const hasProvenance = typeof rec.minProvenance === 'string';
                  const hasAge = r.type === 'evidence' || r.type === 'visit';
                  return (
                    <Table.Tr key={`${r.id}:${i}`} data-testid="policy-form-req" data-requirement-id={r.id}>
                      <Table.Td>
                        <Text size="sm">{loc(r.title)}</Text>
                        <Text size="xs" c="dimmed" className="bf-mono">
                          {r.id} · {t(`vocab.requirementTypes.${r.type}`)}
                        </Text>
                        {r.type === 'response_time' && (
                          <NumberInput
                            size="xs"
                            mt={4}
                            w={220}
                            label={t('policyForm.maxMedianBusinessDays')}
                            min={0.5}
                            step={0.5}
                            decimalScale={1}
                            value={r.maxMedianBusinessDays}
                            onChange={(v) => set((x) => (x.maxMedianBusinessDays = typeof v === 'number' ? v : Number.NaN))}
                            error={errorAt(`${at}.maxMedianBusinessDays`)}
                            data-testid="policy-form-response-days"
                          />
                        )}
                        {errorAt(`${at}.id`) && (
                          <Text size="xs" c="red">
                            {errorAt(`${at}.id`)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Switch
                          checked={r.required}
                          onChange={(e) => {
                            const v = e.currentTarget.checked;
                            set((x) => (x.required = v));
                          }}
                          aria-label={t('policyForm.required')}
                          error={errorAt(`${at}.required`)}
                          data-testid="policy-form-required"
                        />
                      </Table.Td>
                      <Table.Td>
                        {hasProvenance ? (
                          <Select
                            size="xs"
                            data={provenanceOptions}
                            value={rec.minProvenance as string}
                            onChange={(v) => v && set((x) => (x.minProvenance = v))}
                            allowDeselect={false}
                            miw={130}
                            aria-label={t('policyForm.minProvenance')}
                            error={errorAt(`${at}.minProvenance`)}
                            data-testid="policy-form-provenance"
                          />
                        ) : (
                          <Text size="xs" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {hasAge ? (
                          <NumberInput
                            size="xs"
                            min={1}
                            allowDecimal={false}
                            placeholder={t('policyForm.noLimit')}
                            value={(rec.maxAgeDays as number | undefined) ?? ''}
                            onChange={(v) =>
                              set((x) => {
                                if (v === '' || v === undefined) delete x.maxAgeDays;
                                else x.maxAgeDays = typeof v === 'number' ? v : Number(v);
                              })
                            }
                            aria-label={t('policyForm.maxAgeDays')}
                            error={errorAt(`${at}.maxAgeDays`)}
                            data-testid="policy-form-age"
                          />
                        ) : (
                          <Text size="xs" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {r.type === 'evidence' ? (
                          <NumberInput
                            size="xs"
                            min={1}
                            allowDecimal={false}
                            value={r.minCount}
                            onChange={(v) => set((x) => (x.minCount = typeof v === 'number' ? v : Number(v)))}
                            aria-label={t('policyForm.minCount')}
                            error={errorAt(`${at}.minCount`)}
                            data-testid="policy-form-count"
                          />
                        ) : (
                          <Text size="xs" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      ))}
    </Stack>
  );
  // Rendered before the list below, so the fields shown have registered their paths.
  const rest = issues.filter((i) => !(tab === 'form' && shown.has(i.path)));

  return (
    <Stack gap="md" data-testid="policy-editor-form">
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
      <Tabs value={tab} onChange={switchTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="form" data-testid="policy-tab-form">
            {t('policyForm.formTab')}
          </Tabs.Tab>
          <Tabs.Tab value="json" data-testid="policy-tab-json">
            {t('policyForm.jsonTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="form" pt="sm">
          {formBody}
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="sm">
          <Stack gap="sm">
            <Group gap="xs">
              <FileButton onChange={(f) => void load(f)} accept="application/json,.json">
                {(props) => (
                  <Button {...props} variant="default" leftSection={<IconUpload size={16} />} data-testid="policy-upload">
                    {t('policies.upload')}
                  </Button>
                )}
              </FileButton>
              {fileName && (
                <Text size="sm" c="dimmed">
                  {t('policies.loadedFrom', { name: fileName })}
                </Text>
              )}
            </Group>
            <Textarea
              value={json}
              onChange={(e) => {
                setJson(e.currentTarget.value);
                setSyntax(null);
              }}
              autosize
              minRows={16}
              maxRows={24}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12.5 } }}
              aria-label={t('policies.json')}
              data-testid="policy-json"
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {syntax && (
        <Alert color="red" variant="light" icon={<IconAlert />} title={t('policies.syntaxError')} data-testid="policy-syntax-error">
          <Code>{syntax}</Code>
        </Alert>
      )}
      {rest.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlert />} title={t('policies.invalid', { count: rest.length })} data-testid="policy-errors">
          <List size="sm" spacing={4}>
            {rest.map((i, n) => (
              <List.Item key={n} data-testid="policy-error">
                <Code>{i.path || t('policies.documentRoot')}</Code> {i.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {issues.length > 0 && rest.length < issues.length && (
        <Text size="sm" c="red" data-testid="policy-errors-inline">
          {t('policyForm.fixMarked', { count: issues.length - rest.length })}
        </Text>
      )}
      {mutation.isError && issues.length === 0 && (
        <Alert color="red" variant="light" icon={<IconAlert />}>
          {errorText(mutation.error, t)}
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={mutation.isPending} data-testid="policy-save">
          {t('policies.save')}
        </Button>
      </Group>
    </Stack>
  );
}
