import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the tests use (.ci/run starts it): `BRIEFBOT_TEST_POSTGRES`, by default the local
 * server's `postgres` database, used only to create and drop this run's own database.
 */
export const ADMIN_URL = process.env.BRIEFBOT_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `url` with another database name (and any query parameters). */
export function withDatabase(url: string, database: string, query = ''): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  u.search = query;
  return u.toString();
}

/**
 * A database of this test run's own, `briefbot_test_<random>`, dropped at the end with every connection still
 * on it. Each test gets a schema of its own in it (`newSchema`), reached through a URL whose `options` set the
 * search_path: as isolated as a new database and much cheaper to create.
 */
export class TestDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly client: pg.Client,
  ) {}

  static async create(): Promise<TestDatabase> {
    // The creation time in the name lets a later run drop what an interrupted one left behind.
    const name = `briefbot_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client(ADMIN_URL);
    try {
      await admin.connect();
      await dropAbandoned(admin);
      await admin.query(`CREATE DATABASE ${name}`);
    } catch (error) {
      throw new Error(
        `cannot create a test database on ${ADMIN_URL} (set BRIEFBOT_TEST_POSTGRES, or start the server: see .ci/run): ${(error as Error).message}`,
      );
    } finally {
      await admin.end().catch(() => {});
    }
    const url = withDatabase(ADMIN_URL, name);
    const client = new pg.Client(url);
    await client.connect();
    return new TestDatabase(name, url, client);
  }

  private schemas = 0;

  /** A new empty schema; returns the URL whose connections use it. */
  async newSchema(): Promise<string> {
    const schema = `t${++this.schemas}_${randomBytes(3).toString('hex')}`;
    await this.client.query(`CREATE SCHEMA ${schema}`);
    return withDatabase(this.url, this.name, `?options=${encodeURIComponent(`-c search_path=${schema}`)}`);
  }

  /** Runs SQL on the test database from a connection of its own (not a store's). */
  query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.client.query<R>(sql, params);
  }

  async drop(): Promise<void> {
    await this.client.end().catch(() => {});
    const admin = new pg.Client(ADMIN_URL);
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}

/** Drops test databases older than a few hours: runs that were killed before their afterAll. */
async function dropAbandoned(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'briefbot\\_test\\_%'`);
  const cutoff = Date.now() / 1000 - 6 * 3600;
  for (const { datname } of rows) {
    const created = Number(/^briefbot_test_(\d+)_/.exec(datname)?.[1]);
    if (created < cutoff) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => {});
  }
}

/** The schema a test URL points at (see newSchema). */
export function schemaOf(url: string): string {
  const match = /search_path=(\w+)/.exec(decodeURIComponent(new URL(url).search));
  if (!match?.[1]) throw new Error(`no schema in ${url}`);
  return match[1];
}
