import type { Kysely } from 'kysely';
import type { DialectName } from '../connection.js';
import type { Executor } from '../repositories/executor.js';
import { newKeyMaterial } from '../../services/record/signers.js';
import { backfillLog } from '../../services/record/backfill.js';
import * as clock from '../../clock.js';
import { appConfig } from '../../config.js';
import { randomUUID } from 'node:crypto';

/** The log's origin line (C2SP checkpoint): a name that says whose log this is; fixed when the log is made. */
export function logOrigin(): string {
  return appConfig().logOrigin;
}

/**
 * The verifiable record: organizations' Ed25519 keys, the Merkle log (entries, perfect-subtree hashes, the size
 * row that orders appends, signed checkpoints) and credentials. Every organization gets its key and every record
 * made before this migration is appended in its original order.
 */
export function verifiableRecordMigration(dialect: DialectName) {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('signing_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('cascade'))
        .addColumn('key_id', 'text', (c) => c.notNull().unique())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revocation_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('signing_keys_org_idx').on('signing_keys').columns(['organization_id', 'valid_from']).execute();

      await db.schema
        .createTable('log_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('size', big, (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('log_entries')
        .addColumn('leaf_index', big, (c) => c.primaryKey())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('engagement_id', 'text')
        .addColumn('leaf', 'text', (c) => c.notNull())
        .addColumn('leaf_hash', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('log_entries_stream_seq', ['stream', 'seq'])
        .execute();
      await db.schema.createIndex('log_entries_record_idx').on('log_entries').columns(['record_id']).execute();
      await db.schema.createIndex('log_entries_org_kind_idx').on('log_entries').columns(['organization_id', 'kind']).execute();
      await db.schema
        .createTable('log_nodes')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('idx', big, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('log_nodes_pk', ['level', 'idx'])
        .execute();
      await db.schema
        .createTable('log_checkpoints')
        .addColumn('size', big, (c) => c.primaryKey())
        .addColumn('root', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('credentials')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('issuer_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('subject_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('engagement_id', 'text', (c) => c.references('engagements.id'))
        .addColumn('source_kind', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revocation_reason', 'text')
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('credentials_subject_idx').on('credentials').columns(['subject_organization_id', 'issued_at']).execute();
      await db.schema.createIndex('credentials_issuer_idx').on('credentials').columns(['issuer_organization_id', 'issued_at']).execute();
      await db.schema
        .createTable('presented_credentials')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('credential_id', 'text', (c) => c.notNull())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id'))
        .addColumn('presented_by', 'text', (c) => c.notNull())
        .addColumn('presented_by_organization_id', 'text', (c) => c.notNull())
        .addColumn('presented_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('presented_credentials_once', ['engagement_id', 'credential_id'])
        .execute();

      const at = clock.nowIso();
      await db.insertInto('log_state').values({ id: 1, size: 0, origin: logOrigin() }).execute();
      const m = newKeyMaterial();
      await db
        .insertInto('signing_keys')
        .values({ id: randomUUID(), organization_id: null, key_id: m.keyId, private_key: m.privateKey, valid_from: at, revoked_at: null, revocation_reason: null, created_at: at })
        .execute();
      await backfillLog(db as unknown as Executor);
    },
  };
}
