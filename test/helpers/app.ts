import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../src/app.js';
import { silentLogger } from '../../src/core/ports.js';

export const SEED_DIR = join(import.meta.dirname, '../../briefings');
export const SEED_ID = 'niger-russia-airbase-101';

/** A temporary copy of the shipped briefings, so a test may edit or break files freely. */
export function tempBriefingsDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-briefings-'));
  cpSync(SEED_DIR, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The real app on the shipped briefings with an in-memory database. */
export async function seedApp(options: { briefingsDir?: string; database?: string } = {}): Promise<App> {
  return createApp({
    briefingsDir: options.briefingsDir ?? SEED_DIR,
    database: options.database ?? ':memory:',
    conversationTtlMs: 60 * 60_000,
    logger: silentLogger,
  });
}
