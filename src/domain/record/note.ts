// C2SP signed notes (https://c2sp.org/signed-note) and transparency-log checkpoints
// (https://c2sp.org/tlog-checkpoint). A note is UTF-8 text ending in a newline; a blank line; then one line per
// signature: "— <key name> <base64(key id ‖ signature)>". An Ed25519 key id is the first four bytes of
// SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key). A verifier key is written "<name>+<hex key id>+<base64(0x01 ‖ key)>".
import { bytesEqual, concatBytes, fromBase64, fromHex, toBase64, toHex, utf8 } from './bytes.js';
import type { Ed25519Signer, RecordCrypto, Sha256 } from './crypto.js';

const ED25519_ALG = 0x01;
const SIG_PREFIX = '\u2014 ';

export interface NoteVerifier {
  name: string;
  keyId: Uint8Array; // 4 bytes
  publicKey: Uint8Array; // 32 bytes
}

export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  signature: Uint8Array;
}

function checkKeyName(name: string): void {
  if (!name || /[\s+]/u.test(name)) throw new Error(`a key name is non-empty, without spaces or "+": ${JSON.stringify(name)}`);
}

export function noteKeyId(sha256: Sha256, name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(utf8(`${name}\n`), Uint8Array.of(ED25519_ALG), publicKey).slice(0, 4);
}

export function verifierKey(sha256: Sha256, name: string, publicKey: Uint8Array): string {
  checkKeyName(name);
  return `${name}+${toHex(noteKeyId(sha256, name, publicKey))}+${toBase64(concatBytes(Uint8Array.of(ED25519_ALG), publicKey))}`;
}

/** Reads "<name>+<hex id>+<base64 key>"; throws when malformed or when the id does not match the key. */
export function parseVerifierKey(sha256: Sha256, text: string): NoteVerifier {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(text.trim());
  if (!m) throw new Error('a verifier key reads <name>+<8 hex digits>+<base64 key>');
  const raw = fromBase64(m[3]!);
  if (raw.length !== 33 || raw[0] !== ED25519_ALG) throw new Error('only Ed25519 verifier keys are supported');
  const publicKey = raw.slice(1);
  const keyId = fromHex(m[2]!);
  if (!bytesEqual(keyId, noteKeyId(sha256, m[1]!, publicKey))) throw new Error('the key id does not match the key');
  return { name: m[1]!, keyId, publicKey };
}

export function signNote(sha256: Sha256, text: string, signers: { name: string; signer: Ed25519Signer }[]): string {
  if (!text.endsWith('\n')) throw new Error('a note ends with a newline');
  const lines = signers.map(({ name, signer }) => {
    checkKeyName(name);
    const sig = signer.sign(utf8(text));
    return `${SIG_PREFIX}${name} ${toBase64(concatBytes(noteKeyId(sha256, name, signer.publicKey), sig))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** Splits a signed note into its text and signature lines; throws when it is not one. */
export function parseSignedNote(note: string): { text: string; signatures: NoteSignature[] } {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('a signed note has its text, a blank line and signature lines');
  const text = note.slice(0, split + 1);
  const sigLines = note.slice(split + 2);
  if (!sigLines.endsWith('\n')) throw new Error('a signed note ends with a newline');
  const signatures = sigLines
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      if (!line.startsWith(SIG_PREFIX)) throw new Error(`not a signature line: ${line.slice(0, 40)}`);
      const [name, b64, extra] = line.slice(SIG_PREFIX.length).split(' ');
      if (!name || !b64 || extra !== undefined) throw new Error('a signature line is "— <name> <base64>"');
      const raw = fromBase64(b64);
      if (raw.length < 5) throw new Error('a signature is too short');
      return { name, keyId: raw.slice(0, 4), signature: raw.slice(4) };
    });
  if (signatures.length === 0) throw new Error('a signed note has at least one signature');
  return { text, signatures };
}

export interface NoteCheck {
  text: string;
  /** Names of the given verifiers whose signature is present and valid. */
  verifiedBy: string[];
  /** Signatures by a key that is none of the verifiers. */
  unknown: NoteSignature[];
  /** Signatures that name one of the verifiers but do not verify. */
  invalid: NoteSignature[];
}

export function checkSignedNote(crypto: RecordCrypto, note: string, verifiers: NoteVerifier[]): NoteCheck {
  const { text, signatures } = parseSignedNote(note);
  const msg = utf8(text);
  const out: NoteCheck = { text, verifiedBy: [], unknown: [], invalid: [] };
  for (const s of signatures) {
    const v = verifiers.find((k) => k.name === s.name && bytesEqual(k.keyId, s.keyId));
    if (!v) out.unknown.push(s);
    else if (crypto.verifyEd25519(v.publicKey, msg, s.signature)) out.verifiedBy.push(v.name);
    else out.invalid.push(s);
  }
  return out;
}

// --- checkpoints ----------------------------------------------------------------------------------------------

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  extensions: string[];
}

export function formatCheckpoint(c: Checkpoint): string {
  if (!c.origin || c.origin.includes('\n')) throw new Error('a checkpoint origin is one non-empty line');
  return [c.origin, String(c.size), toBase64(c.root), ...c.extensions].join('\n') + '\n';
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new Error('a checkpoint ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, size, root, ...extensions] = lines;
  if (!origin) throw new Error('a checkpoint starts with its origin line');
  if (!size || !/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) throw new Error('the second line of a checkpoint is the tree size');
  let rootBytes: Uint8Array;
  try {
    rootBytes = fromBase64(root ?? '');
  } catch {
    throw new Error('the third line of a checkpoint is the base64 root hash');
  }
  if (rootBytes.length !== 32) throw new Error('the root hash of a checkpoint is 32 bytes');
  if (extensions.some((l) => l === '')) throw new Error('a checkpoint has no empty lines');
  return { origin, size: Number(size), root: rootBytes, extensions };
}
