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

/** What a refusal says, from the client's schema check or the server: a code, its parameters and a sentence. */
export interface IssueLike {
  code?: string;
  params?: Record<string, unknown>;
  message?: string;
}

const asNumber = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v));

/**
 * One sentence for an issue in the UI language. Codes with their own wording (end before start, LSL above USL,
 * a claim beyond plausibility…) live under serverText.issues; Zod's generic codes are worded from their
 * parameters; anything else falls back to the server's sentence in English, or a generic one in other languages.
 */
export function issueText(issue: IssueLike, t: TFunction, opts: { empty?: boolean; field?: string } = {}): string {
  const { empty = false, field = '' } = opts;
  const p = issue.params ?? {};
  const code = issue.code ?? '';
  if (code && code !== 'custom') {
    const worded = t(`serverText.issues.${code}`, { ...p, defaultValue: '' });
    if (worded) return worded;
  }
  switch (code) {
    case 'too_small':
      if (p.origin === 'string') return empty ? t('validation.required') : t('validation.tooShort', { count: asNumber(p.minimum) });
      if (p.origin === 'array' || p.origin === 'set') return t('validation.tooFewItems', { count: asNumber(p.minimum) });
      if (p.minimum !== undefined) return p.inclusive === false ? t('serverText.issues.greaterThan', { min: asNumber(p.minimum) }) : t('validation.tooSmall', { min: asNumber(p.minimum) });
      break;
    case 'too_big':
      if (p.origin === 'string') return t('validation.tooLong', { count: asNumber(p.maximum) });
      if (p.origin === 'array' || p.origin === 'set') return t('validation.tooManyItems', { count: asNumber(p.maximum) });
      if (p.maximum !== undefined) return t('validation.tooBig', { max: asNumber(p.maximum) });
      break;
    case 'invalid_format':
      if (empty) return t('validation.required');
      if (p.format === 'email') return t('validation.email');
      if (p.format === 'url') return t('validation.url');
      if (p.format === 'date' || p.format === 'datetime') return t('serverText.issues.date');
      return t('validation.invalid');
    case 'invalid_value':
      return empty ? t('validation.required') : t('validation.choose');
    case 'invalid_type':
      return empty ? t('validation.required') : t('validation.invalid');
    case 'unknown_field':
    case 'unrecognized_keys':
      return t('serverText.issues.unknownField');
  }
  if (field === 'country') return t('validation.country');
  if (field === 'timeZone') return t('validation.timeZone');
  if (field === 'website') return t('validation.url');
  if (empty) return t('validation.required');
  // A refusal the web has no wording for yet: the server's own sentence is exact, but English only.
  if (issue.message && i18n.language.startsWith('en')) return capitalize(issue.message);
  return t('validation.invalid');
}

function message(issue: z.core.$ZodIssue, input: unknown, t: TFunction): string {
  const value = valueAt(input, issue.path);
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  const last = String(issue.path[issue.path.length - 1] ?? '');
  const raw = issue as unknown as Record<string, unknown>;
  const custom = issue.code === 'custom' ? (raw.params as Record<string, unknown> | undefined) : undefined;
  if (custom && typeof custom.code === 'string') {
    const { code, ...params } = custom;
    return issueText({ code, params, message: issue.message }, t, { empty, field: last });
  }
  const { code, path: _path, message: msg, input: _input, ...params } = raw;
  return issueText({ code: String(code), params, message: String(msg ?? '') }, t, { empty, field: last });
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

/** Field errors from a failed request (the server's issues, worded in the UI language), or {} for other errors. */
export function serverFieldErrors(e: unknown): FieldErrors {
  if (!(e instanceof ApiError)) return {};
  const t = i18n.t.bind(i18n);
  const out: FieldErrors = {};
  for (const issue of e.issues) if (!(issue.path in out)) out[issue.path] = issueText(issue, t, { field: issue.path.split('.').at(-1) });
  return out;
}

const DETAILED = new Set(['conflict', 'forbidden', 'not_found']);
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A sentence for a failed request, in the UI language where the error code (or its reason) is known. */
export function errorText(e: unknown, t: TFunction): string {
  if (e instanceof ApiError) {
    if (e.reason) {
      const worded = t(`serverText.reasons.${e.reason.code}`, { ...(e.reason.params ?? {}), defaultValue: '' });
      if (worded) return worded;
    }
    // The server's sentence is more specific ("an account with this email already exists") but English only.
    if (DETAILED.has(e.code) && i18n.language.startsWith('en')) return capitalize(e.message);
    const key = `errors.codes.${e.code}`;
    const known = t(key, { defaultValue: '' });
    if (known) return known;
    if (e.code === 'validation_failed' && e.issues.length === 1) return `${t('errors.fixFields')} ${issueText(e.issues[0], t, { field: e.issues[0].path.split('.').at(-1) })}`;
    if (e.code === 'validation_failed' && e.issues.length) return t('errors.fixFields');
    return i18n.language.startsWith('en') ? capitalize(e.message) : t('errors.title');
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
