// Edit or upload a versioned JSON document (a verification policy, a checklist template): syntax errors are shown
// before sending, and the server's schema errors are listed by their exact path.
import { Alert, Button, Code, FileButton, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldIssue } from '../api/client.js';
import { errorText } from '../lib/validation.js';
import { IconAlert, IconUpload } from './icons.js';

export interface JsonDocumentEditorText {
  hint: string;
  upload: string;
  loadedFrom: (fileName: string) => string;
  json: string;
  syntaxError: string;
  invalid: (count: number) => string;
  documentRoot: string;
  save: string;
}

export function JsonDocumentEditor<T>({
  initial,
  save,
  onSaved,
  onCancel,
  text,
  testId,
}: {
  initial: unknown;
  save: (doc: unknown) => Promise<T>;
  onSaved: (saved: T) => void;
  onCancel: () => void;
  text: JsonDocumentEditorText;
  /** Prefix of the data-testid attributes, e.g. "policy" → policy-json, policy-save, policy-errors. */
  testId: string;
}) {
  const { t } = useTranslation();
  const [json, setJson] = useState(() => JSON.stringify(initial, null, 2));
  const [syntax, setSyntax] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [fileName, setFileName] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: onSaved,
    onError: (e) => setIssues(isApiError(e) ? e.issues : []),
    meta: { handlesErrors: true },
  });
  const submit = () => {
    setIssues([]);
    let doc: unknown;
    try {
      doc = JSON.parse(json);
    } catch (e) {
      setSyntax((e as Error).message);
      return;
    }
    setSyntax(null);
    mutation.mutate(doc);
  };
  const load = async (file: File | null) => {
    if (!file) return;
    setFileName(file.name);
    setJson(await file.text());
    setSyntax(null);
    setIssues([]);
  };
  return (
    <Stack gap="md" data-testid={`${testId}-editor-form`}>
      <Text size="sm" c="dimmed">
        {text.hint}
      </Text>
      <Group gap="xs">
        <FileButton onChange={(f) => void load(f)} accept="application/json,.json">
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconUpload size={16} />} data-testid={`${testId}-upload`}>
              {text.upload}
            </Button>
          )}
        </FileButton>
        {fileName && (
          <Text size="sm" c="dimmed">
            {text.loadedFrom(fileName)}
          </Text>
        )}
      </Group>
      {syntax && (
        <Alert color="red" variant="light" icon={<IconAlert />} title={text.syntaxError} data-testid={`${testId}-syntax-error`}>
          <Code>{syntax}</Code>
        </Alert>
      )}
      {issues.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlert />} title={text.invalid(issues.length)} data-testid={`${testId}-errors`}>
          <List size="sm" spacing={4}>
            {issues.map((i, n) => (
              <List.Item key={n} data-testid={`${testId}-error`}>
                <Code>{i.path || text.documentRoot}</Code> {i.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
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
        aria-label={text.json}
        data-testid={`${testId}-json`}
      />
      {mutation.isError && issues.length === 0 && (
        <Alert color="red" variant="light" icon={<IconAlert />}>
          {errorText(mutation.error, t)}
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={mutation.isPending} data-testid={`${testId}-save`}>
          {text.save}
        </Button>
      </Group>
    </Stack>
  );
}
