import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePlatform } from '../../bench/fake-platform.js';
import type { DeliveryState } from '../../src/core/ports/storage.js';
import { testBot } from '../helpers/bot.js';
import { tempDir } from './helpers/digest-bot.js';

/**
 * Real processes on one SQLite file against the fake platform: a process killed with SIGKILL in the
 * middle of a 1,000-channel fan-out and started again, and two processes delivering the same slots.
 */
const ROOT = join(import.meta.dirname, '../..');
const SLOT = Date.parse('2025-01-15T09:00:00Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function prepare(platform: 'discord' | 'slack', channels: number) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const db = join(dir, 'digests.db');
  const app = await testBot({ database: db, clock: () => new Date(SLOT - 60_000) });
  const ids = Array.from({ length: channels }, (_, i) => `${platform === 'slack' ? 'C' : ''}9${String(i).padStart(17, '0')}`);
  for (const id of ids) await app.services.digests.subscribe({ platform, channelId: id, schedule: 'daily 09:00', timezone: 'UTC', userId: 'test' });
  await app.stop();
  const fake = await new FakePlatform({ latencyMs: 3 }).start();
  cleanups.push(() => fake.close());
  return { db, ids, fake };
}

function child(db: string, fake: FakePlatform, platform: 'discord' | 'slack', concurrency = 16): ChildProcess {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/run-ts.js'), join(ROOT, 'test/digests/fixtures/fanout-child.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DB: db,
      FAKE_URL: fake.url,
      PLATFORM: platform,
      CLOCK_OFFSET_MS: String(SLOT + 5_000 - Date.now()),
      LEASE_MS: '1000',
      CONCURRENCY: String(concurrency),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  cleanups.push(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  return proc;
}

const exited = (proc: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.exitCode);
    else proc.once('exit', (code) => resolve(code));
  });

/** SIGKILLs the child the moment the fake has created its n-th message, before the child hears back. */
async function killAfter(proc: ChildProcess, fake: FakePlatform, n: number): Promise<void> {
  fake.onCreated = () => {
    if (fake.created.length === n) proc.kill('SIGKILL');
  };
  const code = await exited(proc);
  fake.onCreated = undefined;
  if (code === 0) throw new Error(`child finished before it could be killed, after ${fake.created.length} messages`);
}

describe('crash and concurrency on one database (child processes)', () => {
  it('Discord: SIGKILL mid fan-out of 1,000, restart on the same database: every digest exactly once, none lost', async () => {
    const { db, ids, fake } = await prepare('discord', 1000);
    await killAfter(child(db, fake, 'discord'), fake, 300);
    const before = fake.created.length;
    expect(before).toBeLessThan(1000);
    expect(await exited(child(db, fake, 'discord'))).toBe(0);
    expect(fake.tally(ids)).toEqual({ sent: 1000, duplicated: 0, lost: 0 });
    // At least the message created at the kill was resent with the same nonce, and Discord returned the existing one.
    expect(fake.nonceReplays).toBeGreaterThanOrEqual(1);
    // Every subscription's one slot ended as sent, rows caught mid-send included.
    const app = await testBot({ database: db });
    cleanups.push(() => app.stop());
    const { store } = app.services;
    const states: Partial<Record<DeliveryState, number>> = {};
    for (const sub of await store.subscriptions.list()) {
      expect(await store.deliveries.lastSlot(sub.id)).toEqual(new Date(SLOT));
      const state = (await store.deliveries.latest(sub.id))?.state ?? 'pending';
      states[state] = (states[state] ?? 0) + 1;
    }
    expect(states).toEqual({ sent: 1000 });
  }, 90_000);

  it('Slack (no idempotency key): after SIGKILL and restart none is lost; duplicates only from attempts in flight at the kill', async () => {
    const concurrency = 8;
    const { db, ids, fake } = await prepare('slack', 400);
    await killAfter(child(db, fake, 'slack', concurrency), fake, 150);
    expect(await exited(child(db, fake, 'slack', concurrency))).toBe(0);
    const tally = fake.tally(ids);
    expect(tally.lost).toBe(0);
    expect(tally.sent).toBe(400);
    // The message created at the kill had no recorded outcome: it is sent again (at-least-once in that window).
    expect(tally.duplicated).toBeGreaterThanOrEqual(1);
    expect(tally.duplicated).toBeLessThanOrEqual(concurrency);
  }, 90_000);

  it('two processes delivering the same due slots: no duplicates (Slack, where nothing else would hide one)', async () => {
    const { db, ids, fake } = await prepare('slack', 500);
    const [a, b] = [child(db, fake, 'slack'), child(db, fake, 'slack')];
    expect(await Promise.all([exited(a as ChildProcess), exited(b as ChildProcess)])).toEqual([0, 0]);
    expect(fake.tally(ids)).toEqual({ sent: 500, duplicated: 0, lost: 0 });
  }, 90_000);
});
