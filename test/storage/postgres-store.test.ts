import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationState } from '../../src/core/ports/storage.js';
import { openStore } from '../../src/storage/open-store.js';
import { migrate, PgDatabase } from '../../src/storage/postgres/pg-database.js';
import { PG_MIGRATIONS } from '../../src/storage/postgres/pg-migrations.js';
import { PgStore } from '../../src/storage/postgres/pg-store.js';
import { captureLogger, waitFor } from './capture-logger.js';
import { at, conversation, MINUTE, openSlot, subscribe, T0 } from './contract/fixtures.js';
import { schemaOf, TestDatabase } from './postgres-test-database.js';
import { type ContractTarget, storeContract } from './store-contract.js';

const silent = { info() {}, warn() {}, error() {} };
let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await TestDatabase.create();
});
afterAll(async () => {
  await testDb?.drop();
});

const postgresTarget: ContractTarget = {
  name: 'PostgreSQL',
  persistent: true,
  newDatabase: () => testDb.newSchema(),
  open: (database) => openStore(database, { logger: silent, poolSize: 4 }),
  async seedPreviousVersion(database: string, state: ConversationState, expiresAt: Date) {
    const db = new PgDatabase(database, { logger: silent });
    try {
      expect(await migrate(db, PG_MIGRATIONS.slice(0, -1))).toEqual(PG_MIGRATIONS.slice(0, -1).map((m) => m.version));
      await db.query('INSERT INTO conversations (id, state, expires_at) VALUES ($1, $2, $3)', [state.id, JSON.stringify(state), expiresAt]);
    } finally {
      await db.close();
    }
  },
  async schemaVersion(database: string) {
    const table = `${schemaOf(database)}.briefbot_migrations`;
    const { rows } = await testDb.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return { recorded: rows[0]?.n ?? 0, latest: PG_MIGRATIONS.length };
  },
};

storeContract(postgresTarget);

/** Each test's store connections carry their own application_name, so a test can find (and kill) exactly them. */
async function namedSchema(): Promise<{ url: string; app: string }> {
  const url = new URL(await testDb.newSchema());
  const app = `briefbot_${schemaOf(url.toString())}`;
  url.searchParams.set('application_name', app);
  return { url: url.toString(), app };
}

const backendsOf = async (app: string) => (await testDb.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [app])).rows;

describe('PostgreSQL store: start-up', () => {
  it('migrations are numbered 1, 2, 3… in order and named', () => {
    expect(PG_MIGRATIONS.map((m) => m.version)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
    for (const m of PG_MIGRATIONS) expect(m.name).not.toBe('');
  });

  it('three replicas starting at once on an empty database all start, and each migration is applied once', async () => {
    const { url } = await namedSchema();
    const stores = [1, 2, 3].map(() => new PgStore(url, { logger: silent }));
    try {
      const applied = await Promise.all(stores.map((s) => s.migrate()));
      expect(applied.flat().sort()).toEqual(PG_MIGRATIONS.map((m) => m.version));
      const { rows } = await testDb.query<{ version: number }>(`SELECT version FROM ${schemaOf(url)}.briefbot_migrations ORDER BY version`);
      expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      for (const s of stores) await s.ping();
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('openStore takes postgres:// and postgresql:// URLs, with the pool size asked for', async () => {
    const { url, app } = await namedSchema();
    const store = await openStore(url.replace(/^postgres:/, 'postgresql:'), { logger: silent, poolSize: 2 });
    try {
      expect(store.kind).toBe('postgres');
      await Promise.all(Array.from({ length: 8 }, () => store.conversations.get('x', T0)));
      expect((await backendsOf(app)).length).toBeLessThanOrEqual(2);
    } finally {
      await store.close();
    }
  });

  it('openStore on a server that is not there rejects, naming BRIEFBOT_DATABASE and the host but not the password', async () => {
    const error = await openStore('postgres://briefbot:s3cret-pw@127.0.0.1:1/briefbot', { logger: silent }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('BRIEFBOT_DATABASE');
    expect((error as Error).message).toContain('127.0.0.1:1/briefbot');
    expect((error as Error).message).not.toContain('s3cret-pw');
  });
});

describe('PostgreSQL store: lost connections', () => {
  it('when the server terminates the pool’s connections, the next calls still work and the loss is logged', async () => {
    const { url, app } = await namedSchema();
    const log = captureLogger();
    const store = await PgStore.open(url, { logger: log, poolSize: 4 });
    try {
      await Promise.all(Array.from({ length: 4 }, () => store.conversations.get('warm-up', T0)));
      const before = await backendsOf(app);
      expect(before.length).toBeGreaterThan(0);
      await testDb.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [app]);
      await store.conversations.save(conversation('after'), T0, MINUTE);
      expect(await store.conversations.get('after', T0)).toEqual(conversation('after'));
      await store.ping();
      await waitFor('a log line about the lost connection', () =>
        log.lines.some((l) => l.level === 'warn' && /PostgreSQL (closed an idle connection|connection failed)/.test(l.msg)),
      );
    } finally {
      await store.close();
    }
  });

  it('a statement whose connection is killed mid-flight is retried once on a new connection, with a log line naming why', async () => {
    const { url, app } = await namedSchema();
    const log = captureLogger();
    const store = await PgStore.open(url, { logger: log });
    const LOCK = 4242;
    try {
      // The test holds a lock the store's statement waits for, so the statement is surely in flight when killed.
      await testDb.query('BEGIN');
      await testDb.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
      const waiting = store.db.query<{ ok: number }>('SELECT 1 AS ok FROM pg_advisory_xact_lock($1)', [LOCK]);
      let blocked: { pid: number }[] = [];
      await waitFor('the statement to wait for the lock', async () => {
        blocked = (await testDb.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [app]))
          .rows;
        return blocked.length === 1;
      });
      await testDb.query('SELECT pg_terminate_backend($1)', [blocked[0]?.pid]);
      await waitFor('the retry line', () => log.lines.some((l) => /retrying the statement once on a new connection/.test(l.msg)));
      await testDb.query('COMMIT');
      expect((await waiting).rows).toEqual([{ ok: 1 }]);
      expect(log.lines.find((l) => /retrying the statement once/.test(l.msg))?.msg).toContain('57P01 admin_shutdown');
    } finally {
      await testDb.query('ROLLBACK').catch(() => {});
      await store.close();
    }
  });

  it('a claim whose reply is lost after it committed is recognised as this claim on the retry', async () => {
    const { url } = await namedSchema();
    const store = await PgStore.open(url, { logger: silent });
    try {
      const sub = await subscribe(store, 'ch-1');
      const id = await openSlot(store, sub.id, 0);
      const lostClaim = loseRepliesOnce(store, /UPDATE digest_deliveries d\s+SET claimed_from/);
      const claimed = await store.deliveries.claim(id, 'replica-a', at(1_000), at(MINUTE));
      expect(lostClaim.fired).toBe(true);
      expect(claimed).toMatchObject({ previous: 'pending', delivery: { owner: 'replica-a', attempts: 1 } });
      // The same for an event: its first sighting is still the first, not a repeat of itself.
      const lostEvent = loseRepliesOnce(store, /^\s*INSERT INTO handled_events/);
      expect(await store.events.firstTime('slack:Ev1', T0, MINUTE)).toBe(true);
      expect(lostEvent.fired).toBe(true);
      expect(await store.events.firstTime('slack:Ev1', T0, MINUTE)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('a database that is down makes ping and queries reject, logged, without ending the process', async () => {
    const log = captureLogger();
    const store = new PgStore('postgres://postgres@127.0.0.1:1/briefbot', { logger: log, connectionTimeoutMs: 2_000 });
    try {
      await expect(store.ping()).rejects.toThrow(/ECONNREFUSED/);
      await expect(store.conversations.get('c1', T0)).rejects.toThrow(/ECONNREFUSED/);
      expect(log.lines.filter((l) => /retrying the statement once/.test(l.msg))).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});

/**
 * Fault injection at the driver: the next statement matching `sql` runs and commits on the server, and then its
 * reply is "lost" as if the connection had died after the commit.
 */
function loseRepliesOnce(store: PgStore, sql: RegExp): { fired: boolean } {
  const pool = store.db.pool;
  const query = pool.query.bind(pool) as (text: string, params?: unknown[]) => Promise<unknown>;
  const fault = { fired: false };
  (pool as { query: unknown }).query = async (text: string, params?: unknown[]) => {
    const result = await query(text, params);
    if (!fault.fired && sql.test(text)) {
      fault.fired = true;
      throw new Error('Connection terminated unexpectedly');
    }
    return result;
  };
  return fault;
}
