import { join, resolve } from 'node:path';
import { defaultDatabaseUrl, openDatabase, type Db } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureShippedPolicies } from './services/policies.js';
import { DEFAULT_SERVICE_CONFIG, type ServiceContext } from './services/context.js';
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
  const dataDir = resolve(opts.dataDir ?? process.env.BONAFIDE_DATA_DIR ?? 'data');
  const handle: Db = openDatabase(opts.databaseUrl ?? defaultDatabaseUrl());
  if (opts.migrate !== false) {
    await migrateToLatest(handle);
    await ensureShippedPolicies(handle.db);
  }
  const store = new FsFileStore(join(dataDir, 'files'));
  await store.cleanup();
  const maxUploadBytes = opts.maxUploadBytes ?? (process.env.BONAFIDE_MAX_UPLOAD_BYTES ? Number(process.env.BONAFIDE_MAX_UPLOAD_BYTES) : DEFAULT_SERVICE_CONFIG.maxUploadBytes);
  return {
    handle,
    store,
    config: {
      ...DEFAULT_SERVICE_CONFIG,
      maxUploadBytes,
      maxSpcValues: opts.maxSpcValues ?? (process.env.BONAFIDE_MAX_SPC_VALUES ? Number(process.env.BONAFIDE_MAX_SPC_VALUES) : DEFAULT_SERVICE_CONFIG.maxSpcValues),
    },
    close: () => handle.close(),
  };
}
