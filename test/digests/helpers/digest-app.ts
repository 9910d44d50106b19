import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../../src/app.js';
import type { Briefing } from '../../../src/core/briefing/briefing.js';
import type { Deliverer, DeliveryResult, Destination } from '../../../src/core/digests/deliverer.js';
import type { DigestSettings } from '../../../src/core/digests/digest-settings.js';
import type { DigestPlatform } from '../../../src/core/digests/digest-types.js';
import { silentLogger } from '../../../src/core/ports.js';
import type { Reply } from '../../../src/core/reply/reply.js';
import { SEED_DIR, SEED_ID } from '../../helpers/app.js';

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

export async function digestApp(options: { clock: () => Date; database?: string; digests?: Partial<DigestSettings> }): Promise<App> {
  return createApp({
    briefingsDir: SEED_DIR,
    database: options.database ?? ':memory:',
    conversationTtlMs: 3_600_000,
    logger: silentLogger,
    clock: options.clock,
    digests: { retryBaseMs: 60_000, ...options.digests },
  });
}

/** Adds a published copy of the seed briefing with a new id, update time and tags. */
export function addBriefing(app: App, id: string, updated: string, tags: string[] = ['niger']): Briefing {
  const seed = app.core.library.get(SEED_ID) as Briefing;
  const b: Briefing = { ...seed, id, title: `${seed.title} (${id})`, updated: new Date(updated), published: new Date(updated), tags };
  app.core.library.set(b);
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
