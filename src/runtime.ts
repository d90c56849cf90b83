import { join, resolve } from 'node:path';
import { appConfig } from './config.js';
import { defaultDatabaseUrl, openDatabase, type Db } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureShippedPolicies } from './services/engagements/policies.js';
import { removeStaleSpools } from './services/quality/spool.js';
import { DEFAULT_SERVICE_CONFIG, type ServiceContext } from './services/shared/context.js';
import { FsFileStore } from './storage/fs-file-store.js';

export interface RuntimeOptions {
  databaseUrl?: string;
  dataDir?: string;
  maxUploadBytes?: number;
  maxSpcValues?: number;
  migrate?: boolean;
}

/** Opens the database and file store the way `serve`, the CLI and tests all do. */
export async function openRuntime(opts: RuntimeOptions = {}): Promise<ServiceContext & { close(): Promise<void> }> {
  const config = appConfig();
  const dataDir = resolve(opts.dataDir ?? config.dataDir);
  const handle: Db = openDatabase(opts.databaseUrl ?? defaultDatabaseUrl());
  if (opts.migrate !== false) {
    await migrateToLatest(handle);
    await ensureShippedPolicies(handle.db);
  }
  const store = new FsFileStore(join(dataDir, 'files'));
  await store.cleanup();
  // Uploads spooled for an import by a process that crashed.
  await removeStaleSpools();
  return {
    handle,
    store,
    config: {
      ...DEFAULT_SERVICE_CONFIG,
      maxUploadBytes: opts.maxUploadBytes ?? config.maxUploadBytes,
      maxSpcValues: opts.maxSpcValues ?? config.maxSpcValues,
      mail: config.mail,
    },
    close: () => handle.close(),
  };
}
