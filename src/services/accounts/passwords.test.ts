import { describe, expect, it } from 'vitest';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.js';

/** Everything but the salt and key: algorithm, N, r, p, and the key's length in bytes. */
const shape = (stored: string) => {
  const [alg, n, r, p, salt, key] = stored.split('$');
  return { alg, n, r, p, saltBytes: Buffer.from(salt!, 'base64').length, keyBytes: Buffer.from(key!, 'base64').length };
};

describe('passwords', () => {
  it('the dummy hash (unknown emails) costs what a real one costs to check: same algorithm, parameters and key length', async () => {
    expect(shape(DUMMY_PASSWORD_HASH)).toEqual(shape(await hashPassword('a real password 1')));
  });

  it('no password matches the dummy hash; a real hash matches its password only', async () => {
    expect(await verifyPassword('', DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword('not a real password', DUMMY_PASSWORD_HASH)).toBe(false);
    const stored = await hashPassword('a real password 1');
    expect(await verifyPassword('a real password 1', stored)).toBe(true);
    expect(await verifyPassword('a real password 2', stored)).toBe(false);
  });
});
