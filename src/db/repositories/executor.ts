import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

/** A repository function runs on the database or inside a caller's transaction alike. */
export type Executor = Kysely<Database> | Transaction<Database>;
