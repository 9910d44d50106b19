import type { Store } from '../core/ports/storage.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

/**
 * The store `BRIEFBOT_DATABASE` names: today always a SQLite file (or `:memory:`). The one place that
 * picks a store, so a PostgreSQL URL (`postgres://…`) only has to be recognised here.
 */
export async function openStore(database: string): Promise<Store> {
  return SqliteStore.open(database);
}
