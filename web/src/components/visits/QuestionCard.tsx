// One checklist question on the phone: large controls for the answer (yes/no toggles, score chips with their
// anchors, a number with its unit, text, the camera), and under it "not applicable", a note, photos and findings.
import { ActionIcon, Badge, Box, Button, Group, Image, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, UnstyledButton } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistQuestion } from '../../../../src/contracts/visits.js';
import { SeverityBadge } from './badges.js';
import { useLoc, useSiteTime } from './format.js';
import { IconBan, IconCamera, IconFlag, IconNote, IconX } from './icons.js';
import type { FindingRow, LocalAnswer, PhotoView } from './useRecorder.js';

export interface QuestionCardProps {
  question: ChecklistQuestion;
  answer: LocalAnswer | undefined;
  readOnly: boolean;
  onChange: (patch: Partial<Omit<LocalAnswer, 'clientUpdatedAt'>>, opts?: { debounce?: boolean }) => string | null;
  photos: PhotoView[];
  onPhoto: (file: File) => Promise<void>;
  onDiscardPhoto: (id: string) => void;
  findings: FindingRow[];
  onAddFinding: () => void;
}

export function QuestionCard(p: QuestionCardProps) {
  const { t } = useTranslation();
  const loc = useLoc();
  const q = p.question;
  const [error, setError] = useState<string | null>(null);
  const [noteOpen, setNoteOpen] = useState(Boolean(p.answer?.note));
  const change: QuestionCardProps['onChange'] = (patch, opts) => {
    const problem = p.onChange(patch, opts);
    // The domain's messages are English: say it in the UI language for the one case a user can type wrong.
    if (problem && q.type === 'number') {
      const range = [q.min !== undefined ? `≥ ${q.min}` : null, q.max !== undefined ? `≤ ${q.max}` : null].filter(Boolean).join(', ');
      setError(t(q.integer ? 'visits.form.wholeNumberInvalid' : 'visits.form.numberInvalid', { unit: q.unit, range: range || '—' }));
    } else setError(problem);
    return problem;
  };
  const na = Boolean(p.answer?.notApplicable);
  const gap = q.type === 'yes_no' && q.expected !== undefined && typeof p.answer?.value === 'boolean' && p.answer.value !== q.expected;

  return (
    <Paper withBorder p="md" radius="md" data-testid={`question-${q.id}`} data-answered={isAnsweredLocally(q, p.answer, p.photos.length) ? 'true' : 'false'}>
      <Stack gap="sm">
        <div>
          <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
            <Text fw={600} size="md" style={{ lineHeight: 1.35 }}>
              {loc(q.text)}
            </Text>
            {q.required && (
              <Badge size="xs" variant="light" color="red" tt="none" style={{ flexShrink: 0 }}>
                {t('visits.form.required')}
              </Badge>
            )}
          </Group>
          {q.help && (
            <Text size="sm" c="dimmed" mt={4}>
              {loc(q.help)}
            </Text>
          )}
        </div>

        {na ? (
          <Text size="sm" c="dimmed" fs="italic">
            {t('visits.form.notApplicableSet')}
          </Text>
        ) : (
          <AnswerControl question={q} answer={p.answer} readOnly={p.readOnly} onChange={change} photos={p.photos} onPhoto={p.onPhoto} onDiscardPhoto={p.onDiscardPhoto} />
        )}
        {error && (
          <Text size="sm" c="red" data-testid="answer-error">
            {error}
          </Text>
        )}
        {gap && !p.readOnly && (
          <Text size="sm" c="orange.8">
            {t('visits.form.gapHint')}
          </Text>
        )}

        {q.type !== 'photo' && p.photos.length > 0 && <PhotoGrid photos={p.photos} onDiscard={p.readOnly ? undefined : p.onDiscardPhoto} />}

        {(noteOpen || p.answer?.note) && (
          <Textarea
            label={t('visits.form.note')}
            value={p.answer?.note ?? ''}
            onChange={(e) => change({ note: e.currentTarget.value || null }, { debounce: true })}
            autosize
            minRows={2}
            readOnly={p.readOnly}
            data-testid={`note-${q.id}`}
          />
        )}

        {p.findings.length > 0 && (
          <Stack gap={6}>
            {p.findings.map((f) => (
              <FindingLine key={f.key} row={f} />
            ))}
          </Stack>
        )}

        {!p.readOnly && (
          <SimpleGrid cols={q.type === 'photo' ? 3 : 4} spacing={4} data-testid="question-tools">
            <ToolButton icon={<IconBan size={18} />} label={t('visits.form.naShort')} active={na} onClick={() => change({ notApplicable: !na, value: null })} testId={`na-${q.id}`} ariaLabel={t('visits.form.notApplicable')} />
            <ToolButton icon={<IconNote size={18} />} label={t('visits.form.addNote')} active={noteOpen || Boolean(p.answer?.note)} onClick={() => setNoteOpen(!noteOpen || Boolean(p.answer?.note))} testId={`note-open-${q.id}`} />
            {q.type !== 'photo' && <CameraButton compact onFile={p.onPhoto} testId={`photo-input-${q.id}`} />}
            <ToolButton icon={<IconFlag size={18} />} label={t('visits.form.addFinding')} onClick={p.onAddFinding} testId={`finding-open-${q.id}`} />
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}

export function isAnsweredLocally(q: ChecklistQuestion, a: LocalAnswer | undefined, photos: number): boolean {
  if (a?.notApplicable) return true;
  if (q.type === 'photo') return photos >= Math.max(1, q.minPhotos ?? 1);
  return a !== undefined && a.value !== null;
}

function AnswerControl({
  question: q,
  answer,
  readOnly,
  onChange,
  photos,
  onPhoto,
  onDiscardPhoto,
}: Pick<QuestionCardProps, 'question' | 'answer' | 'readOnly' | 'onChange' | 'photos' | 'onPhoto' | 'onDiscardPhoto'>) {
  const { t } = useTranslation();
  const loc = useLoc();
  const v = answer?.value ?? null;
  switch (q.type) {
    case 'yes_no':
      return (
        <SimpleGrid cols={2} spacing="sm">
          {([true, false] as const).map((b) => {
            const selected = v === b;
            const color = b ? 'teal' : 'orange';
            return (
              <Button
                key={String(b)}
                h={56}
                size="lg"
                radius="md"
                variant={selected ? 'filled' : 'default'}
                color={selected ? color : undefined}
                disabled={readOnly && !selected}
                onClick={() => !readOnly && onChange({ value: selected ? null : b })}
                aria-pressed={selected}
                data-testid={`answer-${q.id}-${b ? 'yes' : 'no'}`}
              >
                {b ? t('visits.form.yes') : t('visits.form.no')}
              </Button>
            );
          })}
        </SimpleGrid>
      );
    case 'score': {
      const { min, max, anchors } = q.scale;
      const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
      const selectedAnchor = typeof v === 'number' ? anchors.find((a) => a.value === v) : undefined;
      if (values.length > 11) return <NumberAnswer question={q} unit={`${min}–${max}`} answer={answer} readOnly={readOnly} onChange={onChange} />;
      return (
        <Stack gap="xs">
          <Group gap={8} wrap="wrap">
            {values.map((n) => {
              const selected = v === n;
              return (
                <Button
                  key={n}
                  w={52}
                  h={52}
                  p={0}
                  size="lg"
                  radius="xl"
                  variant={selected ? 'filled' : 'default'}
                  disabled={readOnly && !selected}
                  onClick={() => !readOnly && onChange({ value: selected ? null : n })}
                  aria-pressed={selected}
                  aria-label={`${n}${anchors.find((a) => a.value === n) ? ` — ${loc(anchors.find((a) => a.value === n)!.label)}` : ''}`}
                  data-testid={`answer-${q.id}-${n}`}
                >
                  {n}
                </Button>
              );
            })}
          </Group>
          <Stack gap={2}>
            {anchors.map((a) => (
              <Text key={a.value} size="sm" c={selectedAnchor?.value === a.value ? 'brand.8' : 'dimmed'} fw={selectedAnchor?.value === a.value ? 600 : 400}>
                <Text span fw={700} mr={6}>
                  {a.value}
                </Text>
                {loc(a.label)}
              </Text>
            ))}
          </Stack>
        </Stack>
      );
    }
    case 'number':
      return <NumberAnswer question={q} unit={q.unit} answer={answer} readOnly={readOnly} onChange={onChange} />;
    case 'text':
      return q.multiline ? (
        <Textarea
          size="md"
          autosize
          minRows={3}
          maxLength={q.maxLength ?? 5000}
          value={typeof v === 'string' ? v : ''}
          readOnly={readOnly}
          onChange={(e) => onChange({ value: e.currentTarget.value.trim() ? e.currentTarget.value : null }, { debounce: true })}
          aria-label={loc(q.text)}
          data-testid={`answer-${q.id}`}
        />
      ) : (
        <TextInput
          size="lg"
          maxLength={q.maxLength ?? 5000}
          value={typeof v === 'string' ? v : ''}
          readOnly={readOnly}
          onChange={(e) => onChange({ value: e.currentTarget.value.trim() ? e.currentTarget.value : null }, { debounce: true })}
          aria-label={loc(q.text)}
          data-testid={`answer-${q.id}`}
        />
      );
    case 'photo':
      return (
        <Stack gap="sm">
          {!readOnly && <CameraButton onFile={onPhoto} testId={`photo-input-${q.id}`} />}
          {photos.length > 0 ? (
            <PhotoGrid photos={photos} onDiscard={readOnly ? undefined : onDiscardPhoto} />
          ) : (
            <Text size="sm" c="dimmed">
              {q.minPhotos ? t('visits.form.photosNeeded', { count: q.minPhotos }) : t('visits.form.noPhotos')}
            </Text>
          )}
        </Stack>
      );
  }
}

/** A number as typed (decimal comma accepted); saved once it is a valid number for the question. */
function NumberAnswer({
  question: q,
  unit,
  answer,
  readOnly,
  onChange,
}: {
  question: ChecklistQuestion;
  unit: string;
  answer: LocalAnswer | undefined;
  readOnly: boolean;
  onChange: QuestionCardProps['onChange'];
}) {
  const loc = useLoc();
  const { t } = useTranslation();
  const value = typeof answer?.value === 'number' ? answer.value : null;
  const [raw, setRaw] = useState(value === null ? '' : String(value));
  const focused = useRef(false);
  useEffect(() => {
    // Follow changes from elsewhere (another device, a reload) unless the field is being typed in.
    if (!focused.current) setRaw(value === null ? '' : String(value));
  }, [value]);
  const bounds = q.type === 'number' ? [q.min !== undefined ? `≥ ${q.min}` : null, q.max !== undefined ? `≤ ${q.max}` : null].filter(Boolean).join(', ') : '';
  return (
    <TextInput
      size="lg"
      inputMode="decimal"
      value={raw}
      readOnly={readOnly}
      onFocus={() => (focused.current = true)}
      onBlur={() => (focused.current = false)}
      onChange={(e) => {
        const s = e.currentTarget.value;
        setRaw(s);
        const norm = s.trim().replace(',', '.');
        if (norm === '') onChange({ value: null }, { debounce: true });
        else if (/^-?\d*\.?\d+$|^-?\d+\.$/.test(norm)) onChange({ value: Number(norm) }, { debounce: true });
        else onChange({ value: Number.NaN }, { debounce: true });
      }}
      rightSection={
        <Text size="sm" c="dimmed" pr="sm" style={{ whiteSpace: 'nowrap' }}>
          {unit}
        </Text>
      }
      rightSectionWidth={Math.max(48, unit.length * 8 + 24)}
      description={bounds ? t('visits.form.range', { range: bounds }) : undefined}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      aria-label={loc(q.text)}
      data-testid={`answer-${q.id}`}
    />
  );
}

export function CameraButton({ onFile, testId, compact }: { onFile: (f: File) => Promise<void>; testId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      for (const f of Array.from(files)) await onFile(f);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <>
      <input ref={input} type="file" accept="image/*" capture="environment" hidden onChange={(e) => void pick(e.currentTarget.files)} data-testid={testId} />
      {compact ? (
        <ToolButton icon={<IconCamera size={18} />} label={t('visits.form.addPhoto')} loading={busy} onClick={() => input.current?.click()} />
      ) : (
        <Button h={56} size="lg" radius="md" variant="light" leftSection={<IconCamera size={22} />} loading={busy} onClick={() => input.current?.click()} fullWidth>
          {t('visits.form.takePhoto')}
        </Button>
      )}
    </>
  );
}

export function PhotoGrid({ photos, onDiscard }: { photos: PhotoView[]; onDiscard?: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={3} spacing="xs" data-testid="photo-grid">
      {photos.map((ph) => (
        <Box key={ph.key} pos="relative" data-testid="photo" data-pending={ph.pending ? 'true' : 'false'}>
          <UnstyledButton component="a" href={ph.url} target="_blank" rel="noreferrer" style={{ display: 'block' }} aria-label={ph.filename}>
            <Image src={ph.url} alt={ph.caption ?? ph.filename} h={96} radius="sm" fit="cover" />
          </UnstyledButton>
          {ph.pending && (
            <Badge pos="absolute" bottom={4} left={4} size="xs" color="orange" variant="filled" tt="none">
              {t('visits.form.onDevice')}
            </Badge>
          )}
          {ph.pending && onDiscard && (
            <ActionIcon pos="absolute" top={4} right={4} size="sm" radius="xl" color="dark" variant="filled" onClick={() => onDiscard(ph.id)} aria-label={t('visits.form.discardPhoto')}>
              <IconX size={12} />
            </ActionIcon>
          )}
        </Box>
      ))}
    </SimpleGrid>
  );
}

export function FindingLine({ row, extra }: { row: FindingRow; extra?: ReactNode }) {
  const { t } = useTranslation();
  const st = useSiteTime();
  const f = row.finding;
  return (
    <Paper withBorder p="xs" radius="sm" bg="gray.0" data-testid="finding" data-severity={f.severity} data-pending={row.pending ? 'true' : 'false'}>
      <Group gap={6} wrap="wrap" mb={4}>
        <SeverityBadge severity={f.severity} />
        {f.claimEffect && (
          <Badge size="sm" variant="light" color={f.claimEffect === 'contradicts' ? 'red' : 'green'} tt="none">
            {t(`visits.findings.effects.${f.claimEffect}`)}
          </Badge>
        )}
        {row.pending && (
          <Badge size="sm" variant="light" color="orange" tt="none">
            {t('visits.form.onDevice')}
          </Badge>
        )}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {f.text}
      </Text>
      {f.followUp && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('visits.findings.followUpLine', {
            owner: f.followUp.owner,
            side: t(`visits.sides.${f.followUp.ownerSide ?? 'supplier'}`),
            due: st.isoDay(f.followUp.dueDate),
            status: t(`visits.followUpStatus.${f.followUp.status ?? 'open'}`),
          })}
        </Text>
      )}
      {extra}
    </Paper>
  );
}

/** A small tool under a question: icon above a short label, big enough to hit with a thumb. */
function ToolButton({ icon, label, onClick, active, loading, testId, ariaLabel }: { icon: ReactNode; label: string; onClick: () => void; active?: boolean; loading?: boolean; testId?: string; ariaLabel?: string }) {
  return (
    <Button
      h={50}
      px={2}
      variant={active ? 'light' : 'subtle'}
      color={active ? 'brand' : 'gray'}
      onClick={onClick}
      loading={loading}
      aria-pressed={active}
      aria-label={ariaLabel}
      data-testid={testId}
      styles={{ inner: { flexDirection: 'column', gap: 2 }, section: { margin: 0 }, label: { fontSize: 12, fontWeight: 500 } }}
      leftSection={icon}
    >
      {label}
    </Button>
  );
}
