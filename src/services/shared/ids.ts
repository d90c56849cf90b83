import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as clock from '../../clock.js';

export const newId = (): string => randomUUID();
export const nowIso = (): string => clock.nowIso();
export const sha256Hex = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');
/** A secret for a cookie, token or invitation link: 32 random bytes, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
