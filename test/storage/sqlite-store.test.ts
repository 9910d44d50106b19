import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationState, Store } from '../../src/core/ports/storage.js';
import { openStore } from '../../src/storage/open-store.js';
import { MIGRATIONS } from '../../src/storage/sqlite/migrations.js';
import { migrate, openSqlite } from '../../src/storage/sqlite/sqlite-database.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { type ContractTarget, storeContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'briefbot-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const silent = { info() {}, warn() {}, error() {} };

const sqliteTarget = (name: string, persistent: boolean): ContractTarget => ({
  name,
  persistent,
  newDatabase: async () => (persistent ? join(dir, `store-${++files}.db`) : ':memory:'),
  open: (database) => openStore(database, { logger: silent }),
  async seedPreviousVersion(database: string, state: ConversationState, expiresAt: Date) {
    const db = new Database(database);
    migrate(db, MIGRATIONS.slice(0, -1));
    // Before the last migration, conversations did not record their answers; they kept the last question instead.
    const { answers: _, ...before } = state;
    db.prepare('INSERT INTO conversations (id, state, expires_at) VALUES (?, ?, ?)').run(
      state.id,
      JSON.stringify({ ...before, lastQuestion: 'How many?', lastCitations: ['qa:how-many'] }),
      expiresAt.getTime(),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length - 1);
    db.close();
  },
  async schemaVersion(_database: string, store: Store) {
    return { recorded: (store as SqliteStore).db.pragma('user_version', { simple: true }) as number, latest: MIGRATIONS.length };
  },
});

storeContract(sqliteTarget('SQLite :memory:', false));
storeContract(sqliteTarget('SQLite file', true));

describe('SQLite store', () => {
  it('creates the database file and its folder on first open', async () => {
    const path = join(dir, 'nested', 'deeper', 'briefbot.db');
    const store = await openStore(path, { logger: silent });
    expect(store.kind).toBe('sqlite');
    await store.close();
    const db = openSqlite(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('anything that is not a postgres:// URL is a SQLite path, :memory: included', async () => {
    const store = await openStore(':memory:', { logger: silent });
    expect(store.kind).toBe('sqlite');
    await store.close();
  });
});
