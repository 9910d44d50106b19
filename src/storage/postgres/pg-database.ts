import pg from 'pg';
import { PG_MIGRATIONS, type PgMigration } from './pg-migrations.js';

/** What the store logs with: pino's logger and the core's `Logger` both fit. */
export interface StoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface PgOptions {
  /** Connections this process keeps at most (default 10). Replicas × poolSize must stay under the server's max_connections. */
  readonly poolSize?: number;
  readonly logger: StoreLogger;
  /** How long to wait for a connection from the pool or the server before a query fails (default 10 s). */
  readonly connectionTimeoutMs?: number;
}

export type Row = pg.QueryResultRow;

/**
 * bigint (ids, counts) would arrive as strings; ours stay far below 2^53, so they are numbers.
 * Set on this pool only, not on pg's global parsers, so other users of `pg` in the process are unaffected.
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** Errors that mean the connection (not the statement) failed: the query may be retried on a new connection. */
const CONNECTION_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);
const SQLSTATE_NAMES: Record<string, string> = { '57P01': 'admin_shutdown', '57P02': 'crash_shutdown', '57P03': 'cannot_connect_now' };

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'))) return true;
  // pg raises these without a code when the socket closes under it.
  return /^Connection terminated|not queryable/.test(error.message);
}

/** "57P01 admin_shutdown: terminating connection…", "ECONNRESET: read ECONNRESET": what happened, for log lines. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error.message;
  return `${code}${SQLSTATE_NAMES[code] ? ` ${SQLSTATE_NAMES[code]}` : ''}: ${error.message}`;
}

/** host:port/database of a connection URL, never its password: safe for logs and error messages. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    return `${host}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'an unparsable PostgreSQL URL';
  }
}

/** Where a statement runs: the pool, or (for a retry) a connection of its own. */
export type Queryable = Pick<pg.Pool, 'query'>;

/**
 * A `pg` pool with the store's conventions: numbers for bigint, a log line instead of a crash when the server
 * drops a connection, and one retry, on a new connection, of a statement whose connection failed.
 */
export class PgDatabase {
  readonly pool: pg.Pool;
  readonly target: string;
  readonly logger: StoreLogger;
  private readonly config: pg.ClientConfig;
  private closed = false;

  constructor(url: string, options: PgOptions) {
    this.target = describeTarget(url);
    this.logger = options.logger;
    this.config = {
      connectionString: url,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      // Names the connections in pg_stat_activity, unless the URL's application_name says otherwise.
      fallback_application_name: 'briefbot',
      keepAlive: true,
      types: TYPES,
    };
    this.pool = new pg.Pool({ ...this.config, max: options.poolSize ?? 10 });
    // An idle connection the server closes (restart, failover, pg_terminate_backend) is reported here. Without a
    // listener Node would throw it and end the process; the pool has already discarded the connection.
    this.pool.on('error', (error) => {
      this.logger.warn({ err: describeError(error), database: this.target }, 'PostgreSQL closed an idle connection; the pool opens a new one when next needed');
    });
  }

  /** Runs `sql`, and once more on a new connection if the first one's connection failed. */
  query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.attempt(sql, (db) => db.query<R>(sql, params as unknown[]));
  }

  async rows<R extends Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await this.query<R>(sql, params)).rows;
  }

  /** How many rows the statement inserted, updated or deleted. */
  async changes(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  /**
   * The retry policy on its own, for work that must know whether it is the retry: a statement whose connection
   * broke may or may not have committed, so work that is not idempotent checks before repeating (see claim).
   *
   * The retry runs on a connection opened for it, not on one from the pool: when the server restarts, every idle
   * connection in the pool is dead, and the pool learns it one socket event at a time.
   */
  async attempt<T>(what: string, run: (db: Queryable, retry: boolean) => Promise<T>): Promise<T> {
    try {
      return await run(this.pool, false);
    } catch (error) {
      if (this.closed || !isConnectionError(error)) throw error;
      this.logger.warn(
        { err: describeError(error), database: this.target, query: what.trim().split('\n')[0]?.slice(0, 80) },
        `PostgreSQL connection failed (${describeError(error).split(':')[0]}); retrying the statement once on a new connection`,
      );
      return this.onNewConnection((client) => run(client, true));
    }
  }

  /** Runs `work` in one transaction on one connection (retried once, whole, if the connection fails). */
  async transaction<T>(what: string, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
    const inTransaction = async (client: pg.ClientBase) => {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    };
    return this.attempt(what, async (_, retry) => {
      if (retry) return this.onNewConnection(inTransaction);
      const client = await this.pool.connect();
      // A checked-out connection has no pool listener: without this, its death would be thrown process-wide.
      const onError = (error: Error) => this.logger.warn({ err: describeError(error), database: this.target }, `PostgreSQL connection lost during ${what}`);
      client.on('error', onError);
      let failure: unknown;
      try {
        return await inTransaction(client);
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        client.off('error', onError);
        // A connection that failed is destroyed rather than returned to the pool.
        client.release(isConnectionError(failure) ? (failure as Error) : undefined);
      }
    });
  }

  /** Opens a connection outside the pool for `work`, and closes it after. */
  private async onNewConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client(this.config);
    client.on('error', (error) => this.logger.warn({ err: describeError(error), database: this.target }, 'PostgreSQL connection lost during a retry'));
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => {});
    }
  }

  /** One round trip, without the retry: readiness should report the database as it is now. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * Replicas starting together serialise on this transaction-scoped advisory lock, so each migration runs once.
 * The key is arbitrary but must be briefbot's alone on the database: the ASCII of "brfb".
 */
export const MIGRATION_LOCK_KEY = 0x62726662;

/** Applies the migrations the database has not recorded, in one transaction; returns the versions it applied. */
export async function migrate(db: PgDatabase, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  const applied = await db.transaction('migrations', async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    // Under the lock, so two first starts cannot both try to create it.
    await client.query(`CREATE TABLE IF NOT EXISTS briefbot_migrations (
                          version integer PRIMARY KEY,
                          name text NOT NULL,
                          applied_at timestamptz NOT NULL DEFAULT now()
                        )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM briefbot_migrations');
    const done = new Set(rows.map((r) => r.version));
    const newer = rows.filter((r) => !migrations.some((m) => m.version === r.version));
    if (newer.length > 0) {
      // A newer release has migrated the database (a rolling upgrade): migrations only add, so this one still works.
      db.logger.warn({ database: db.target, versions: newer.map((r) => r.version) }, 'the database has migrations this release does not know');
    }
    const versions: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO briefbot_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      versions.push(m.version);
    }
    return versions;
  });
  if (applied.length > 0) db.logger.info({ database: db.target, versions: applied }, 'PostgreSQL schema migrated');
  return applied;
}
