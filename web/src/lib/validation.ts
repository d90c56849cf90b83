// Client-side validation with the same Zod schemas the API uses, with messages in the UI language.
// Server-side issues (ApiError.issues) use the same dotted paths, so forms show both the same way.
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../api/client.js';
import i18n from '../i18n/index.js';

export type FieldErrors = Record<string, string>;

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function message(issue: z.core.$ZodIssue, input: unknown, t: TFunction): string {
  const value = valueAt(input, issue.path);
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  const last = String(issue.path[issue.path.length - 1] ?? '');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return empty ? t('validation.required') : t('validation.tooShort', { min: Number(issue.minimum) });
      if (issue.origin === 'array') return t('validation.tooFewItems', { min: Number(issue.minimum) });
      return t('validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return t('validation.tooManyItems', { max: Number(issue.maximum) });
      return t('validation.tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (empty) return t('validation.required');
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'url') return t('validation.url');
      return t('validation.invalid');
    case 'invalid_value':
      return empty ? t('validation.required') : t('validation.choose');
    case 'invalid_type':
      return empty ? t('validation.required') : t('validation.invalid');
    default:
      if (last === 'country') return t('validation.country');
      if (last === 'timeZone') return t('validation.timeZone');
      if (last === 'website') return t('validation.url');
      return empty ? t('validation.required') : t('validation.invalid');
  }
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function validate<S extends z.ZodType>(schema: S, input: unknown, t: TFunction): Validated<z.output<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in errors)) errors[key] = message(issue, input, t);
  }
  return { ok: false, errors };
}

/** Field errors from a failed request (the server's issues), or {} for errors not about fields. */
export function serverFieldErrors(e: unknown): FieldErrors {
  return e instanceof ApiError ? e.fieldErrors() : {};
}

const DETAILED = new Set(['conflict', 'forbidden', 'not_found']);
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A sentence for a failed request, in the UI language where the error code is known. */
export function errorText(e: unknown, t: TFunction): string {
  if (e instanceof ApiError) {
    // The server's sentence is more specific ("an account with this email already exists") but English only.
    if (DETAILED.has(e.code) && i18n.language.startsWith('en')) return capitalize(e.message);
    const key = `errors.codes.${e.code}`;
    const known = t(key, { defaultValue: '' });
    if (known) return known;
    if (e.code === 'validation_failed' && e.issues.length) return t('errors.fixFields');
    return e.message;
  }
  if (e instanceof TypeError) return t('errors.network'); // fetch failed
  return e instanceof Error ? e.message : String(e);
}

/** Field errors of a form; a field's error goes away as soon as the user edits that field. */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const clear = useCallback((...keys: string[]) => {
    setErrors((e) => {
      const hit = Object.keys(e).filter((k) => keys.includes(k));
      if (hit.length === 0) return e;
      const next = { ...e };
      for (const k of hit) delete next[k];
      return next;
    });
  }, []);
  return { errors, setErrors, clear };
}
