import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connection.js';

/**
 * A revision per organization that every recorded change of that organization raises: the audit log is written
 * in the same transaction as every write (services/shared/audit.ts), and a trigger on it raises the revision, so
 * nothing in the services has to remember to. Read paths that keep derived data (readiness inputs, portfolio
 * figures) key it by the revisions of the organizations it was derived from: a change lands in the same commit as
 * its revision, and a reader reads the revisions before the data, so a cached value is never served for data newer
 * than it (at worst it is recomputed once too often).
 *
 * PostgreSQL raises the revision at commit (a deferred constraint trigger): the row lock it takes is then held for
 * the commit only, not for the whole of a long transaction such as a bulk import.
 */
export function revisionsMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('organization_revisions')
        .addColumn('organization_id', 'text', (c) => c.primaryKey())
        .addColumn('revision', 'bigint', (c) => c.notNull())
        .execute();
      if (dialect === 'postgres') {
        await sql`CREATE FUNCTION organization_revision_raise() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            INSERT INTO organization_revisions (organization_id, revision) VALUES (NEW.organization_id, 1)
              ON CONFLICT (organization_id) DO UPDATE SET revision = organization_revisions.revision + 1;
            RETURN NULL;
          END $$`.execute(db);
        await sql`CREATE CONSTRAINT TRIGGER audit_log_raises_revision AFTER INSERT ON audit_log
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION organization_revision_raise()`.execute(db);
      } else {
        await sql`CREATE TRIGGER audit_log_raises_revision AFTER INSERT ON audit_log BEGIN
          INSERT INTO organization_revisions (organization_id, revision) VALUES (NEW.organization_id, 1)
            ON CONFLICT (organization_id) DO UPDATE SET revision = revision + 1;
          END`.execute(db);
      }
    },
  };
}
