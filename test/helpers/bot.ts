import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config/config.js';
import { type Logger, silentLogger } from '../../src/core/ports/runtime.js';
import { type Bot, type BotOverrides, composeBot } from '../../src/main.js';

export const SEED_DIR = join(import.meta.dirname, '../../briefings');
export const SEED_ID = 'niger-russia-airbase-101';

/** A temporary copy of the shipped briefings, so a test may edit or break files freely. */
export function tempBriefingsDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-briefings-'));
  cpSync(SEED_DIR, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The configuration of a bot on the shipped briefings with an in-memory database and no platform: the console's. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    briefingsDir: SEED_DIR,
    database: ':memory:',
    databasePoolSize: 2,
    configDir: 'config',
    timezone: 'UTC',
    conversationTtlMs: 60 * 60_000,
    log: { level: 'silent', format: 'json' },
    digests: [],
    digestSettings: { catchUpMinutes: 15, nothingNew: 'skip', concurrency: 32 },
    ...overrides,
  };
}

export interface TestBotOptions extends BotOverrides {
  readonly briefingsDir?: string;
  readonly database?: string;
  readonly config?: Partial<Config>;
  readonly logger?: Logger;
}

/** The real composition root, as `briefbot start` builds it, with the test's briefings, database, clock and deliverers (none by default). */
export function testBot(options: TestBotOptions = {}): Promise<Bot> {
  const { briefingsDir, database, config, logger, ...overrides } = options;
  const paths = { ...(briefingsDir ? { briefingsDir } : {}), ...(database ? { database } : {}) };
  return composeBot(testConfig({ ...paths, ...config }), logger ?? silentLogger, { deliverers: [], ...overrides });
}
