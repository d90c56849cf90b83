import { hash, randomBytes, randomUUID } from 'node:crypto';
import * as clock from '../../clock.js';

export const newId = (): string => randomUUID();
export const nowIso = (): string => clock.nowIso();
/** One-shot crypto.hash: every authenticated request hashes its token or cookie, and a Hash object per call cost twice as much. */
export const sha256Hex = (s: string | Buffer): string => hash('sha256', s, 'hex');
/** A secret for a cookie, token or invitation link: 32 random bytes, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
