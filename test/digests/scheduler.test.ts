import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDeclaredDigests } from '../../src/core/digests/declared-digests.js';
import { silentLogger } from '../../src/core/ports/runtime.js';
import { DigestScheduler } from '../../src/scheduling/digest-scheduler.js';
import { addBriefing, digestBot, ScriptedDeliverer } from './helpers/digest-bot.js';

afterEach(async () => {
  for (const t of cron.getTasks().values()) await t.destroy();
  vi.useRealTimers();
});

describe('node-cron trigger (fake timers)', () => {
  it('fires the subscription at 09:00 Europe/London (08:00Z in summer) and delivers once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2025-07-15T07:58:30Z'));
    const deliverer = new ScriptedDeliverer('discord');
    const app = await digestBot({ clock: () => new Date(), deliverers: [deliverer] });
    const { digests } = app.services;
    addBriefing(app, 'summer', '2025-07-15T06:00:00Z');
    await digests.subscribe({ platform: 'discord', channelId: 'c1', schedule: 'daily 09:00', timezone: 'Europe/London', userId: 'u' });
    const scheduler = new DigestScheduler(digests, { logger: silentLogger });
    await scheduler.start();
    expect(cron.getTasks().size).toBe(2); // heartbeat + the subscription's own trigger, in its zone
    await vi.advanceTimersByTimeAsync(60_000); // 07:59:30
    expect(deliverer.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(45_000); // 08:00:15Z = 09:00:15 BST
    expect(deliverer.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5 * 60_000); // heartbeats after it send nothing again
    expect(deliverer.sent).toHaveLength(1);
    await scheduler.stop();
    expect(cron.getTasks().size).toBe(0);
    await app.stop();
  });

  it('picks up a retry on its own timer, before the next heartbeat', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2025-01-15T08:59:50Z'));
    const deliverer = new ScriptedDeliverer('slack').queue({ ok: false, kind: 'transient', reason: 'HTTP 503' });
    const app = await digestBot({ clock: () => new Date(), digests: { retryBaseMs: 10_000 }, deliverers: [deliverer] });
    const { digests } = app.services;
    addBriefing(app, 'winter', '2025-01-15T06:00:00Z');
    await digests.subscribe({ platform: 'slack', channelId: 'C1', schedule: 'daily 09:00', timezone: 'UTC', userId: 'u' });
    const scheduler = new DigestScheduler(digests, { logger: silentLogger });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(12_000); // 09:00:02: first attempt fails
    expect(deliverer.attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(11_000); // 09:00:13: the retry timer fired
    expect(deliverer.sent).toHaveLength(1);
    await scheduler.stop();
    await app.stop();
  });
});

describe('config-declared digests', () => {
  it('validates entries, applies defaults and reports every problem with its index', () => {
    const ok = parseDeclaredDigests(
      [
        { platform: 'slack', channel: 'C0123', schedule: 'weekdays 08:30', timezone: 'Europe/London', topics: ['Economy', 'niger'], length: 'tldr' },
        { platform: 'discord', channel: '123456789012345678' },
      ],
      'Europe/Paris',
    );
    expect(ok).toEqual([
      {
        platform: 'slack',
        channelId: 'C0123',
        schedule: 'weekdays 08:30',
        timezone: 'Europe/London',
        topics: ['economy', 'niger'],
        length: 'tldr',
        userId: 'config',
        source: 'config',
      },
      expect.objectContaining({ platform: 'discord', schedule: 'daily 08:00', timezone: 'Europe/Paris', topics: [], length: 'short' }),
    ]);
    expect(() =>
      parseDeclaredDigests(
        [
          { platform: 'irc', channel: 'x' },
          { platform: 'slack', channel: 'C1', schedule: 'sometimes' },
          { platform: 'slack', channel: 'C2', timezone: 'Nowhere/City' },
          { platform: 'discord', channel: Number.MAX_SAFE_INTEGER * 100 },
        ],
        'UTC',
      ),
    ).toThrow(
      /digests\[0\]\.platform[\s\S]*digests\[1\]: "sometimes" is not a schedule[\s\S]*digests\[2\]: "Nowhere\/City" is not a time zone[\s\S]*digests\[3\]\.channel: must be a quoted string/,
    );
  });

  it('start-up creates and then updates declared digests (version-controlled), keeping one per channel', async () => {
    const app = await digestBot({ clock: () => new Date('2025-01-15T00:00:00Z') });
    const { digests, store } = app.services;
    await digests.syncDeclared(parseDeclaredDigests([{ platform: 'slack', channel: 'C9', schedule: 'daily 07:00' }], 'UTC'));
    await digests.syncDeclared(parseDeclaredDigests([{ platform: 'slack', channel: 'C9', schedule: 'weekly fri 16:00', topics: 'sahel' }], 'UTC'));
    const subs = await store.subscriptions.list();
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ schedule: 'weekly fri 16:00', topics: ['sahel'], source: 'config' });
    await app.stop();
  });

  it('a restart keeps a paused declared digest paused unless its declaration changed; /digest subscribe resumes it', async () => {
    const clock = () => new Date('2025-01-15T00:00:00Z');
    const app = await digestBot({ clock });
    const { digests, store } = app.services;
    const declared = parseDeclaredDigests([{ platform: 'slack', channel: 'C9', schedule: 'daily 07:00', topics: ['sahel'] }], 'UTC');
    const [sub] = await digests.syncDeclared(declared);
    await store.subscriptions.pause(sub?.id ?? '', 'the channel is archived (is_archived)', clock());
    // Restart with the same declaration: still paused, with its reason.
    await digests.syncDeclared(parseDeclaredDigests([{ platform: 'slack', channel: 'C9', schedule: 'daily 07:00', topics: ['sahel'] }], 'UTC'));
    expect(await digests.find('slack', 'C9')).toMatchObject({ pausedReason: 'the channel is archived (is_archived)' });
    expect(await store.subscriptions.list({ active: true })).toEqual([]);
    // The operator changed the declaration: that is a decision to try again.
    await digests.syncDeclared(parseDeclaredDigests([{ platform: 'slack', channel: 'C9', schedule: 'daily 08:00', topics: ['sahel'] }], 'UTC'));
    expect((await digests.find('slack', 'C9'))?.pausedAt).toBeUndefined();
    // Paused again; /digest subscribe in the channel resumes it, too.
    await store.subscriptions.pause(sub?.id ?? '', 'the channel is archived (is_archived)', clock());
    await app.core.run({ name: 'digest', text: 'subscribe' }, { platform: 'slack', userId: 'U1', channelId: 'C9', canManage: true });
    expect((await digests.find('slack', 'C9'))?.pausedAt).toBeUndefined();
    await app.stop();
  });
});
