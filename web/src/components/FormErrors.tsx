// What a form could not place next to one of its fields: a refusal that names no field (a conflict, a lost
// connection), or one that names a field the form does not show (the uploaded file's type, an attribute). Put at
// the end of a form, it reads which field errors the form shows and lists the rest, so no refusal goes unseen.
import { Alert, List } from '@mantine/core';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, serverFieldErrors, type FieldErrors } from '../lib/validation.js';
import { IconAlert } from './icons.js';

/** Marks an element that shows a field's error in a form's own way (not a Mantine input's error line). */
export const FIELD_ERROR_ATTR = 'data-field-error';

export function FormErrors({ errors, error, testId }: { errors: FieldErrors; error?: unknown; testId?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const messages = [...new Set(Object.values(errors))];
  useLayoutEffect(() => {
    const slot = ref.current;
    const root = slot?.closest('form') ?? slot?.closest('[role="dialog"]') ?? slot?.parentElement;
    if (!slot || !root) return;
    const shown = new Set<string>();
    for (const e of root.querySelectorAll(`[class*="mantine-"][class*="-error"], [${FIELD_ERROR_ATTR}]`)) if (!slot.contains(e)) shown.add((e.textContent ?? '').trim());
    const rest = messages.filter((m) => !shown.has(m.trim()));
    setUnplaced((prev) => (prev.length === rest.length && prev.every((m, i) => m === rest[i]) ? prev : rest));
  });
  // A refusal without field issues (or with issues the form words itself) is said once, in the UI language.
  const general = error && Object.keys(serverFieldErrors(error)).length === 0 ? errorText(error, t) : null;
  return (
    <div ref={ref}>
      {(general || unplaced.length > 0) && (
        <Alert color="red" variant="light" icon={<IconAlert />} role="alert" data-testid={testId ?? 'form-errors'}>
          {general}
          {unplaced.length === 1 && !general ? (
            unplaced[0]
          ) : unplaced.length > 0 ? (
            <List size="sm" spacing={2}>
              {unplaced.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
      )}
    </div>
  );
}
