import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const PG_URL = process.env.BONAFIDE_TEST_PG;
const skipReason = PG_URL ? undefined : 'BONAFIDE_TEST_PG is not set';
if (skipReason) console.warn(`[tests] skipping the PostgreSQL migration race: ${skipReason}`);

// Test files share one PostgreSQL database, one schema each. A CI run failed when one file's migration listed
// tables while another file dropped its schema ("schema t_… does not exist"): migrating must look at its own
// schema only.
describe('migrating a PostgreSQL schema while others are dropped', () => {
  it.skipIf(skipReason)('succeeds while neighbouring schemas with tables are created and dropped', async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const tag = `r_${Date.now().toString(36)}`;
    const own = `${tag}_own`;
    await admin.query(`create schema ${own}`);
    let churning = true;
    const churn = (async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      for (let i = 0; churning; i++) {
        const s = `${tag}_n${i}`;
        await c.query(`create schema ${s}`);
        for (let t = 0; t < 20; t++) await c.query(`create table ${s}.t${t} (id serial primary key, a text, b int)`);
        await c.query(`drop schema ${s} cascade`);
      }
      await c.end();
    })();
    try {
      for (let round = 0; round < 6; round++) {
        const u = new URL(PG_URL!);
        u.searchParams.set('schema', own);
        const db = openDatabase(u.toString());
        try {
          const applied = await migrateToLatest(db);
          expect(round === 0 ? applied.length > 0 : applied.length === 0).toBe(true);
        } finally {
          await db.close();
        }
      }
    } finally {
      churning = false;
      await churn;
      await admin.query(`drop schema ${own} cascade`);
      await admin.end();
    }
  });
});
