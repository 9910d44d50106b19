import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Briefing } from '../../../src/core/briefing/briefing.js';
import type { Deliverer, DeliveryResult, Destination } from '../../../src/core/ports/deliverer.js';
import type { DigestPlatform } from '../../../src/core/ports/storage.js';
import type { Reply } from '../../../src/core/reply/reply.js';
import type { Bot } from '../../../src/main.js';
import { SEED_ID, type TestBotOptions, testBot } from '../../helpers/bot.js';

/** A settable clock. */
export function manualClock(iso: string) {
  let now = Date.parse(iso);
  const clock = () => new Date(now);
  return Object.assign(clock, {
    set: (t: string) => {
      now = Date.parse(t);
    },
    advance: (ms: number) => {
      now += ms;
    },
  });
}

/** A bot for digest tests: a clock of the test's, retries a minute apart unless the test says otherwise. */
export function digestBot(options: TestBotOptions & { clock: () => Date }): Promise<Bot> {
  return testBot({ ...options, digests: { retryBaseMs: 60_000, ...options.digests } });
}

/** Adds a published copy of the seed briefing with a new id, update time and tags. */
export function addBriefing(bot: Bot, id: string, updated: string, tags: string[] = ['niger']): Briefing {
  const { library } = bot.services;
  const seed = library.get(SEED_ID) as Briefing;
  const b: Briefing = { ...seed, id, title: `${seed.title} (${id})`, updated: new Date(updated), published: new Date(updated), tags };
  library.set(b);
  return b;
}

export interface Sent {
  readonly destination: Destination;
  readonly reply: Reply;
  readonly key: string;
}

/** An in-process deliverer whose answers a test scripts. */
export class ScriptedDeliverer implements Deliverer {
  readonly sent: Sent[] = [];
  readonly attempts: Sent[] = [];
  private readonly script: DeliveryResult[] = [];
  constructor(readonly platform: DigestPlatform = 'discord') {}
  queue(...results: DeliveryResult[]): this {
    this.script.push(...results);
    return this;
  }
  async deliver(destination: Destination, reply: Reply, key: string): Promise<DeliveryResult> {
    this.attempts.push({ destination, reply, key });
    const result = this.script.shift() ?? { ok: true, messageId: `m${this.attempts.length}` };
    if (result.ok) this.sent.push({ destination, reply, key });
    return result;
  }
}

export function tempDir(prefix = 'briefbot-digests-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
