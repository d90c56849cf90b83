import type { Db } from '../../db/connection.js';
import type { FileStore } from '../../storage/file-store.js';
import type { MailSettings } from '../notifications/settings.js';

export interface ServiceConfig {
  maxUploadBytes: number;
  sessionTtlHours: number;
  invitationTtlDays: number;
  /** Values one SPC request analyses at most (the most recent ones): bounds its memory and time. */
  maxSpcValues: number;
  /** Email and job-runner settings; absent: the process configuration's (src/config.ts). */
  mail?: MailSettings;
}

export const DEFAULT_SERVICE_CONFIG: ServiceConfig = {
  maxUploadBytes: 50 * 1024 * 1024,
  sessionTtlHours: 24 * 14,
  invitationTtlDays: 7,
  maxSpcValues: 1_000_000,
};

/** Everything a use case needs from the outside world, passed in so tests can build one per database. */
export interface ServiceContext {
  handle: Db;
  store: FileStore;
  config: ServiceConfig;
}
