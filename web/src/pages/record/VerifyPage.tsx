// The public verify page: anyone drops a dossier (or a verifiable credential) and it is checked here, in the
// browser, with the domain code `bonafide dossier verify` and `bonafide credential verify` run. Nothing is uploaded.
import { Alert, Anchor, Badge, Box, Group, Stack, Text, Title } from '@mantine/core';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { verifyCredential, type CredentialCheck } from '../../../../src/domain/record/credential.js';
import { verifyDossier, type DossierCheck } from '../../../../src/domain/record/dossier.js';
import { Brand } from '../../app/Shell.js';
import { IconUpload } from '../../components/icons.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { DossierResult } from '../../components/record/DossierResult.js';
import { CredentialStatus } from '../../components/record/CredentialStatus.js';
import { browserRecordCrypto } from '../../lib/record-crypto.js';

type Outcome = { kind: 'dossier'; check: DossierCheck } | { kind: 'credential'; check: CredentialCheck } | { kind: 'unreadable'; reason: string };

export function verifyFileText(text: string): Outcome {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { kind: 'unreadable', reason: (e as Error).message };
  }
  const o = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  try {
    if (o.format !== undefined) return { kind: 'dossier', check: verifyDossier(browserRecordCrypto, doc) };
    if (o['@context'] !== undefined) return { kind: 'credential', check: verifyCredential(browserRecordCrypto, doc, new Date()) };
    return { kind: 'unreadable', reason: 'neither a bonafide-dossier/1 file nor a credential' };
  } catch (e) {
    return { kind: 'unreadable', reason: (e as Error).message };
  }
}

export function VerifyPage() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [file, setFile] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const read = async (f: File | undefined) => {
    if (!f) return;
    setFile(f.name);
    setOutcome(verifyFileText(await f.text()));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void read(e.dataTransfer.files[0]);
  };

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)">
      <Group justify="space-between" p="md">
        <Anchor component={Link} to="/" underline="never">
          <Brand />
        </Anchor>
        <LanguageSwitch />
      </Group>
      <Stack maw={860} mx="auto" px="md" pb="xl" gap="md">
        <Title order={2} fw={650} data-testid="verify-title">
          {t('record.drop.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('record.drop.subtitle')}
        </Text>
        <Box
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          onClick={() => input.current?.click()}
          role="button"
          tabIndex={0}
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && input.current?.click()}
          p="xl"
          style={{
            border: `2px dashed var(--mantine-color-${over ? 'brand-6' : 'gray-4'})`,
            borderRadius: 12,
            background: over ? 'var(--mantine-color-brand-0)' : 'white',
            cursor: 'pointer',
            textAlign: 'center',
          }}
          data-testid="verify-drop"
        >
          <Stack align="center" gap="xs">
            <IconUpload size={28} />
            <Text fw={500}>{t('record.drop.zone')}</Text>
            {file && (
              <Badge variant="light" tt="none">
                {t('record.drop.file', { name: file })}
              </Badge>
            )}
          </Stack>
          <input ref={input} type="file" accept="application/json,.json" hidden onChange={(e) => void read(e.target.files?.[0])} data-testid="verify-input" />
        </Box>
        {outcome?.kind === 'unreadable' && (
          <Alert color="red" variant="light" data-testid="verify-unreadable">
            {t('record.drop.unreadable', { reason: outcome.reason })}
          </Alert>
        )}
        {outcome?.kind === 'dossier' && <DossierResult result={outcome.check} browser />}
        {outcome?.kind === 'credential' && (
          <Alert color={outcome.check.valid ? 'teal' : 'red'} variant="light" data-testid="credential-result">
            <CredentialStatus check={{ valid: outcome.check.valid, issuer: outcome.check.issuer, issuerName: outcome.check.issuer, checked: outcome.check.checked, errors: [...outcome.check.errors, ...outcome.check.warnings] }} />
          </Alert>
        )}
      </Stack>
    </Box>
  );
}
