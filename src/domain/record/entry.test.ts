// parseLeaf checks every entry of a dossier, so its checks are written without regular expressions or closures:
// they must reject exactly what the plain checks rejected, with the same messages.
import { describe, expect, it } from 'vitest';
import { parseLeaf, RECORD_KINDS } from './entry.js';

const HASH = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);
const record = (over: Record<string, unknown> = {}) => ({
  v: 1,
  kind: 'evidence',
  id: 'ev-1',
  stream: 'engagement:eng-1',
  seq: 2,
  prev: HASH,
  recordedAt: '2026-02-01T09:00:00.000Z',
  organizationId: 'org-supplier',
  keyId: 'z6MkTest',
  supersedes: null,
  content: { title: 'Batch record' },
  attachments: [{ sha256: HASH, size: 1, mediaType: 'application/pdf', filename: 'a.pdf' }],
  signature: 'sig',
  ...over,
});
const leaf = (over: Record<string, unknown> = {}) => JSON.stringify(record(over));

/** The checks as they were written with a regular expression, includes() and every(): the reference. */
function referenceError(text: string): string | null {
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'the entry is not JSON';
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(r)) return 'the entry is not a JSON object';
  if (r.v !== 1) return 'unknown entry version';
  if (typeof r.kind !== 'string' || !(RECORD_KINDS as readonly string[]).includes(r.kind)) return `unknown entry kind ${String(r.kind)}`;
  for (const k of ['id', 'stream', 'recordedAt', 'organizationId', 'keyId', 'signature'] as const) if (typeof r[k] !== 'string') return `the entry has no ${k}`;
  if (!Number.isSafeInteger(r.seq) || (r.seq as number) < 1) return 'the entry has no sequence number';
  if (r.prev !== null && (typeof r.prev !== 'string' || !/^[0-9a-f]{64}$/.test(r.prev))) return 'the entry’s previous hash is malformed';
  if (r.supersedes !== null && !Number.isSafeInteger(r.supersedes)) return 'supersedes is not a leaf index';
  if (!isObject(r.content)) return 'the entry has no content';
  if (!Array.isArray(r.attachments) || !r.attachments.every((a) => isObject(a) && typeof a.sha256 === 'string' && /^[0-9a-f]{64}$/.test(a.sha256))) {
    return 'the entry’s attachments are malformed';
  }
  return null;
}
const errorOf = (text: string): string | null => {
  try {
    parseLeaf(text);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

const BAD_HASHES: [string, unknown][] = [
  ['upper-case hex', HASH.toUpperCase()],
  ['one upper-case digit', HASH.slice(0, 63) + 'A'],
  ['63 characters', HASH.slice(1)],
  ['65 characters', HASH + '0'],
  ['a trailing newline', HASH.slice(1) + '\n'],
  ['a non-hex letter', 'g' + HASH.slice(1)],
  ['a character just past 9', ':' + HASH.slice(1)],
  ['a character just before a', '`' + HASH.slice(1)],
  ['a character just before 0', '/' + HASH.slice(1)],
  ['a non-ASCII digit', '٣' + HASH.slice(1)],
  ['the empty string', ''],
  ['a number', 12],
  ['an array', [HASH]],
];

describe('parseLeaf', () => {
  it('reads a well-formed entry, with prev null or a hash and no attachments', () => {
    expect(parseLeaf(leaf()).seq).toBe(2);
    expect(parseLeaf(leaf({ prev: null, seq: 1, attachments: [] })).prev).toBeNull();
    for (const kind of RECORD_KINDS) expect(parseLeaf(leaf({ kind })).kind).toBe(kind);
  });

  it.each(BAD_HASHES)('rejects a prev of %s as a malformed previous hash', (_name, prev) => {
    expect(() => parseLeaf(leaf({ prev }))).toThrow('the entry’s previous hash is malformed');
  });

  it.each(BAD_HASHES)('rejects an attachment hash of %s', (_name, sha256) => {
    expect(() => parseLeaf(leaf({ attachments: [{ sha256: HASH }, { sha256 }] }))).toThrow('the entry’s attachments are malformed');
  });

  it('rejects attachments that are not a list of objects, and unknown kinds', () => {
    for (const attachments of [null, {}, 'x', [null], [[HASH]], [HASH], [{}]]) {
      expect(() => parseLeaf(leaf({ attachments }))).toThrow('the entry’s attachments are malformed');
    }
    for (const kind of ['Evidence', 'evidence ', '', 'toString', '__proto__', 3]) expect(() => parseLeaf(leaf({ kind }))).toThrow(`unknown entry kind ${String(kind)}`);
  });

  it('rejects what the regular-expression checks rejected, with the same message, and nothing else', () => {
    const values: unknown[] = [undefined, null, 0, 1, 2.5, -1, 2 ** 53, '', 'x', [], {}, true, HASH, ...BAD_HASHES.map(([, v]) => v)];
    const members = ['v', 'kind', 'id', 'stream', 'seq', 'prev', 'recordedAt', 'organizationId', 'keyId', 'supersedes', 'content', 'attachments', 'signature'];
    const texts = ['', 'not json', '[]', 'null', '"a"', '{}', leaf()];
    for (const m of members) for (const v of values) texts.push(leaf({ [m]: v }));
    for (const v of values) texts.push(leaf({ attachments: [{ sha256: v }] }), leaf({ prev: v, attachments: [{ sha256: 'x' }] }));
    for (const text of texts) expect([text, errorOf(text)]).toEqual([text, referenceError(text)]);
  });
});
