import { z } from 'zod';
import { isCountryCode } from './countries.js';
import { ORGANIZATION_KINDS, ROLES } from '../domain/model.js';

export const Id = z.string().uuid();
export const IsoDateTime = z.string().datetime({ offset: true });
export const Country = z
  .string()
  .max(64)
  .transform((s) => s.toUpperCase())
  .refine(isCountryCode, { message: 'must be an ISO 3166-1 alpha-2 country code, e.g. DE or CN' });
export const OrganizationKind = z.enum(ORGANIZATION_KINDS);
export const Role = z.enum(ROLES);
export const Email = z.string().max(320).trim().toLowerCase().pipe(z.email({ message: 'must be an email address' })).pipe(z.string().max(254));

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
  }),
});

export const IdParams = z.strictObject({ id: Id });

/** Text the system wrote, as the code and parameters it was written from, for the web to word in the reader's language. */
export const GeneratedText = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) });
