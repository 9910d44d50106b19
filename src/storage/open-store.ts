import type { Store } from '../core/ports/storage.js';
import type { StoreLogger } from './postgres/pg-database.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Opens the store `BRIEFBOT_DATABASE` names: a `postgres://` or `postgresql://` URL is PostgreSQL (connected and
 * migrated before this resolves); anything else is a SQLite file path (or `:memory:`), the embedded default.
 * The one place that picks a store. The PostgreSQL driver is loaded only when one is asked for.
 */
export async function openStore(database: string, options: { poolSize?: number; logger: StoreLogger }): Promise<Store> {
  if (!POSTGRES_URL.test(database)) return SqliteStore.open(database);
  const [{ PgStore }, { describeError, describeTarget }] = await Promise.all([import('./postgres/pg-store.js'), import('./postgres/pg-database.js')]);
  try {
    return await PgStore.open(database, options);
  } catch (error) {
    // The URL may hold a password: name the server by host, port and database only.
    throw new Error(`cannot open the PostgreSQL database at ${describeTarget(database)} (BRIEFBOT_DATABASE): ${describeError(error)}`, { cause: error });
  }
}
