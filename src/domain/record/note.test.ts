// C2SP signed notes: the golang.org/x/mod sumdb/note reference note (PeterNeumann) signed and verified byte for
// byte, malformed notes refused, and checkpoints formatted as tlog-checkpoint says.
import { describe, expect, it } from 'vitest';
import { nodeRecordCrypto as crypto, nodeSha256 as sha, signerFromSeed } from '../../crypto/node-record-crypto.js';
import { fromBase64, toBase64, toHex } from './bytes.js';
import { checkSignedNote, formatCheckpoint, parseCheckpoint, parseSignedNote, parseVerifierKey, signNote, verifierKey } from './note.js';

const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SEED = fromBase64('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz').slice(1);
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE = `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
const signer = signerFromSeed(SEED);

describe('signed notes', () => {
  it('reproduces the reference verifier key and signed note', () => {
    expect(verifierKey(sha, 'PeterNeumann', signer.publicKey)).toBe(VKEY);
    expect(signNote(sha, TEXT, [{ name: 'PeterNeumann', signer }])).toBe(NOTE);
  });

  it('verifies the reference note and says which signatures it does not know or that fail', () => {
    const v = parseVerifierKey(sha, VKEY);
    expect(checkSignedNote(crypto, NOTE, [v])).toMatchObject({ text: TEXT, verifiedBy: ['PeterNeumann'], unknown: [], invalid: [] });
    expect(checkSignedNote(crypto, NOTE, []).unknown).toHaveLength(1);
    const changed = NOTE.replace('problem,', 'problem;');
    expect(checkSignedNote(crypto, changed, [v]).invalid).toHaveLength(1);
  });

  it.each([
    ['no blank line', TEXT.replace('\n', ' ')],
    ['no signature lines', `${TEXT}\n`],
    ['a line that is not a signature', `${TEXT}\nPeterNeumann x08go\n`],
    ['a signature line without its newline', NOTE.slice(0, -1)],
  ])('refuses a note with %s', (_, note) => {
    expect(() => parseSignedNote(note)).toThrow();
  });

  it.each([
    ['a key id that does not match', 'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['another name', 'PeterNeuman+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['another algorithm', `PeterNeumann+c74f20a3+${toBase64(Uint8Array.of(2, ...signer.publicKey))}`],
    ['no key', 'PeterNeumann+c74f20a3'],
  ])('refuses a verifier key with %s', (_, key) => {
    expect(() => parseVerifierKey(sha, key)).toThrow();
  });
});

describe('checkpoints', () => {
  it('formats origin, size, base64 root and extension lines, and reads them back', () => {
    const root = sha('root');
    const text = formatCheckpoint({ origin: 'bonafide.example/log', size: 42, root, extensions: [] });
    expect(text).toBe(`bonafide.example/log\n42\n${toBase64(root)}\n`);
    const back = parseCheckpoint(text);
    expect({ ...back, root: toHex(back.root) }).toEqual({ origin: 'bonafide.example/log', size: 42, root: toHex(root), extensions: [] });
  });

  it.each([
    ['a size with a leading zero', 'o\n042\nAAAA\n'],
    ['a short root', `o\n1\n${toBase64(new Uint8Array(31))}\n`],
    ['no final newline', `o\n1\n${toBase64(new Uint8Array(32))}`],
    ['an empty line', `o\n1\n${toBase64(new Uint8Array(32))}\n\nx\n`],
  ])('refuses %s', (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow();
  });
});
