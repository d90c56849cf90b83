import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openRuntime } from '../../src/runtime.js';
import type { ServiceContext } from '../../src/services/shared/context.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Undefined when this database can run here; otherwise why it is skipped. */
  skipReason?: string;
}

const PG_URL = process.env.BONAFIDE_TEST_PG;

/**
 * Every repository and route test runs on both databases. PostgreSQL runs where BONAFIDE_TEST_PG names one;
 * without it the PostgreSQL cases are reported as skipped, and under CI=true its absence is a failure.
 */
export const TEST_DATABASES: TestDatabase[] = [
  { name: 'sqlite' },
  PG_URL
    ? { name: 'postgres' }
    : process.env.CI === 'true'
      ? (() => {
          throw new Error('CI=true but BONAFIDE_TEST_PG is not set: PostgreSQL tests must run in CI');
        })()
      : { name: 'postgres', skipReason: 'BONAFIDE_TEST_PG is not set' },
];

for (const d of TEST_DATABASES) {
  if (d.skipReason) console.warn(`[tests] skipping ${d.name} cases: ${d.skipReason}`);
}

export type TestContext = ServiceContext & { cleanup(): Promise<void>; dataDir: string };

/** A fresh, migrated database (a new PostgreSQL schema, or a new SQLite file) and file store. */
export async function createTestContext(name: TestDatabase['name'], opts: { maxUploadBytes?: number; maxSpcValues?: number } = {}): Promise<TestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonafide-test-'));
  let url: string;
  let dropSchema: (() => Promise<void>) | null = null;
  if (name === 'postgres') {
    const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const u = new URL(PG_URL!);
    u.searchParams.set('schema', schema);
    url = u.toString();
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
  } else {
    url = `sqlite:${join(dataDir, 'test.sqlite')}`;
  }
  process.env.BONAFIDE_PG_POOL ??= '4';
  const ctx = await openRuntime({ databaseUrl: url, dataDir, maxUploadBytes: opts.maxUploadBytes, maxSpcValues: opts.maxSpcValues });
  return {
    ...ctx,
    dataDir,
    async cleanup() {
      await ctx.close();
      if (dropSchema) await dropSchema();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
