// A log held in memory, with the same entry, chain and proof rules as the database-backed one: for tests,
// benchmarks and anyone checking the format by hand.
import { toHex } from './bytes.js';
import type { Ed25519Signer, RecordCrypto } from './crypto.js';
import { signRecord, type LogRecord } from './entry.js';
import { batchRanges, completedBy, leafHash, nodeHash, rangeHash, type PerfectNode } from './merkle.js';

export type NewRecord = Omit<LogRecord, 'v' | 'seq' | 'prev' | 'supersedes' | 'attachments'> & Partial<Pick<LogRecord, 'supersedes' | 'attachments'>>;

export class MemoryLog {
  readonly leaves: string[] = [];
  readonly leafHashes: Uint8Array[] = [];
  readonly records: LogRecord[] = [];
  private readonly nodes = new Map<string, Uint8Array>();
  private readonly heads = new Map<string, { seq: number; hash: string }>();

  constructor(private readonly crypto: Pick<RecordCrypto, 'sha256'>) {}

  get size(): number {
    return this.leaves.length;
  }

  append(input: NewRecord, signer: Ed25519Signer): number {
    const head = this.heads.get(input.stream);
    const record: LogRecord = {
      v: 1,
      supersedes: null,
      attachments: [],
      ...input,
      seq: (head?.seq ?? 0) + 1,
      prev: head?.hash ?? null,
    };
    const { leaf } = signRecord(record, signer);
    return this.appendLeaf(leaf, record);
  }

  appendLeaf(leaf: string, record: LogRecord): number {
    const index = this.leaves.length;
    const h = leafHash(this.crypto.sha256, leaf);
    this.leaves.push(leaf);
    this.leafHashes.push(h);
    this.records.push(record);
    this.heads.set(record.stream, { seq: record.seq, hash: toHex(h) });
    for (const node of completedBy(index)) {
      this.nodes.set(`${node.level}/${node.index}`, node.level === 0 ? h : nodeHash(this.crypto.sha256, this.perfect({ level: node.level - 1, index: node.index * 2 }), this.perfect({ level: node.level - 1, index: node.index * 2 + 1 })));
    }
    return index;
  }

  perfect = (node: PerfectNode): Uint8Array => {
    const h = this.nodes.get(`${node.level}/${node.index}`);
    if (!h) throw new Error(`no node ${node.level}/${node.index}`);
    return h;
  };

  root(size = this.size): Uint8Array {
    return rangeHash(this.crypto.sha256, { start: 0, end: size }, this.perfect);
  }

  batchProof(indexes: number[], size = this.size): Uint8Array[] {
    return batchRanges(indexes, size).map((r) => rangeHash(this.crypto.sha256, r, this.perfect));
  }
}
