import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordDeliverer } from '../src/adapters/discord/discord-deliverer.js';
import { SlackDeliverer } from '../src/adapters/slack/slack-deliverer.js';
import type { Briefing } from '../src/core/briefing/briefing.js';
import { testBot } from '../test/helpers/bot.js';
import { FakePlatform } from './fake-platform.js';

/**
 * Digest fan-out benchmark: 1,000 channels due in the same minute, delivered by the real delivery
 * service through the real Discord deliverer (@discordjs/rest, with its own 429 handling) to a fake
 * Discord on 127.0.0.1 that allows 50 requests/second and answers 429 + Retry-After beyond that.
 * The floor is 1,000 / 50 = 20 s; the target is at most 1.15 × that, with 1,000 sent, 0 duplicated, 0 lost.
 */
export interface DigestBenchResult {
  readonly bench: 'digests';
  readonly platform: 'discord' | 'slack';
  readonly channels: number;
  readonly elapsed_ms: number;
  readonly floor_ms: number;
  readonly ratio: number;
  readonly sent: number;
  readonly duplicated: number;
  readonly lost: number;
  readonly requests: number;
  readonly http_429: number;
}

export async function benchDigests(options: { channels?: number; ratePerSec?: number; platform?: 'discord' | 'slack' } = {}): Promise<DigestBenchResult> {
  const channels = options.channels ?? 1000;
  const rate = options.ratePerSec ?? 50;
  const platform = options.platform ?? 'discord';
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-'));
  const fake = await new FakePlatform({ ratePerSec: rate, burst: rate }).start();
  const slot = Date.parse('2025-01-15T09:00:00Z');
  let offset = slot - 1_000 - Date.now(); // virtual time: one second before the slot
  // The bot as `briefbot start` composes it (the tests' configuration), with the real deliverer.
  const app = await testBot({
    database: join(dir, 'bench.db'),
    clock: () => new Date(Date.now() + offset),
    digests: { concurrency: 32 },
    deliverers: [
      platform === 'discord'
        ? new DiscordDeliverer({ token: 'bench-token', apiBase: `${fake.url}/api`, rest: { timeout: 30_000 } })
        : new SlackDeliverer({
            botToken: 'xoxb-bench',
            apiUrl: `${fake.url}/api/`,
            client: { retryConfig: { retries: 20, factor: 1, minTimeout: 10, maxTimeout: 50 } },
          }),
    ],
  });
  const { library, digests } = app.services;
  try {
    const seed = library.list()[0] as Briefing;
    library.set({ ...seed, id: 'bench-news', updated: new Date(slot - 3_600_000) });
    const ids: string[] = [];
    for (let i = 0; i < channels; i++) {
      const id = `${100000000000000000n + BigInt(i)}`;
      ids.push(id);
      await digests.subscribe({ platform, channelId: id, schedule: 'daily 09:00', timezone: 'UTC', userId: 'bench' });
    }
    offset = slot - Date.now(); // the minute arrives
    global.gc?.();
    const t0 = performance.now();
    await digests.tick();
    while (await digests.nextRetryAt()) {
      await new Promise((r) => setTimeout(r, 100));
      await digests.tick();
    }
    const elapsed = performance.now() - t0;
    const floor = (channels / rate) * 1000;
    const tally = fake.tally(ids);
    return {
      bench: 'digests',
      platform,
      channels,
      elapsed_ms: Math.round(elapsed),
      floor_ms: floor,
      ratio: Number((elapsed / floor).toFixed(3)),
      ...tally,
      requests: fake.requests,
      http_429: fake.rateLimited,
    };
  } finally {
    await app.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const runs = Number(process.env.BENCH_DIGEST_RUNS ?? 1);
  const results: DigestBenchResult[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await benchDigests();
    results.push(r);
    console.log(JSON.stringify(r));
  }
  if (runs > 1) {
    const ratios = results.map((r) => r.ratio).sort((a, b) => a - b);
    console.log(JSON.stringify({ bench: 'digests', runs, median_ratio: ratios[Math.floor(ratios.length / 2)] }));
  }
}
