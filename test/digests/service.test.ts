import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/commands/command.js';
import { idempotencyKey } from '../../src/core/digests/plan-due-slots.js';
import { renderPlainText } from '../../src/core/reply/render-plain-text.js';
import type { Bot } from '../../src/main.js';
import { addBriefing, digestBot, manualClock, ScriptedDeliverer, tempDir } from './helpers/digest-bot.js';

const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
});

async function setup(start = '2025-01-14T12:00:00Z', settings = {}) {
  const clock = manualClock(start);
  const deliverer = new ScriptedDeliverer('discord');
  const app = await digestBot({ clock, digests: settings, deliverers: [deliverer] });
  bots.push(app);
  const { digests, store } = app.services;
  return { clock, app, digests, store, deliverer };
}

const manager: Caller = { platform: 'discord', userId: 'u-admin', channelId: 'c1', workspaceId: 'g1', canManage: true };
const member: Caller = { platform: 'discord', userId: 'u-member', channelId: 'c1', workspaceId: 'g1', canManage: false };
const cmd = (app: Bot, caller: Caller, text: string) => app.core.run({ name: 'digest', text }, caller);
const text = async (app: Bot, caller: Caller, t: string) => renderPlainText(await cmd(app, caller, t));

describe('delivery service', () => {
  it('delivers each slot exactly once, at its time, with the briefings since the last digest', async () => {
    const { clock, app, digests, deliverer } = await setup();
    addBriefing(app, 'b-old', '2025-01-10T00:00:00Z');
    addBriefing(app, 'b-new', '2025-01-14T20:00:00Z');
    await digests.subscribe({ platform: 'discord', channelId: 'c1', schedule: 'daily 09:00', timezone: 'Europe/London', userId: 'u' });
    await digests.tick();
    expect(deliverer.attempts).toHaveLength(0);
    clock.set('2025-01-15T09:00:00Z');
    const first = await digests.tick();
    expect(first.outcomes.sent).toBe(1);
    await digests.tick();
    clock.set('2025-01-15T09:05:00Z');
    await digests.tick();
    expect(deliverer.sent).toHaveLength(1);
    const body = renderPlainText(deliverer.sent[0]?.reply as never);
    expect(body).toContain('(b-new)');
    expect(body).not.toContain('(b-old)'); // older than one period before the first slot
    expect(deliverer.sent[0]?.key).toHaveLength(25);
    // Next day: only what changed since the first digest.
    addBriefing(app, 'b-later', '2025-01-15T15:00:00Z');
    clock.set('2025-01-16T09:00:30Z');
    await digests.tick();
    expect(deliverer.sent).toHaveLength(2);
    const second = renderPlainText(deliverer.sent[1]?.reply as never);
    expect(second).toContain('(b-later)');
    expect(second).not.toContain('(b-new)');
  });

  it('filters by topics (briefing tags) and skips a slot with nothing new by default', async () => {
    const { clock, app, digests, deliverer } = await setup();
    addBriefing(app, 'b-sport', '2025-01-14T20:00:00Z', ['sport']);
    await digests.subscribe({ platform: 'discord', channelId: 'c1', schedule: 'daily 09:00', timezone: 'UTC', topics: ['economy'], userId: 'u' });
    clock.set('2025-01-15T09:00:00Z');
    const r = await digests.tick();
    expect(r.outcomes.skipped).toBe(1);
    expect(deliverer.attempts).toHaveLength(0);
    expect(await text(app, manager, 'status')).toMatch(/skipped \(nothing new on its topics\)/);
    addBriefing(app, 'b-econ', '2025-01-15T12:00:00Z', ['Economy', 'sport']);
    clock.set('2025-01-16T09:00:00Z');
    await digests.tick();
    expect(deliverer.sent).toHaveLength(1);
    expect(renderPlainText(deliverer.sent[0]?.reply as never)).toContain('(b-econ)');
  });

  it('posts a short "nothing new" when configured to', async () => {
    const { clock, digests, deliverer } = await setup('2025-01-14T12:00:00Z', { nothingNew: 'post' });
    await digests.subscribe({ platform: 'discord', channelId: 'c1', schedule: 'daily 09:00', timezone: 'UTC', userId: 'u' });
    clock.set('2025-01-15T09:00:00Z');
    await digests.tick();
    expect(deliverer.sent).toHaveLength(1);
    expect(renderPlainText(deliverer.sent[0]?.reply as never)).toMatch(/Nothing new/);
  });

  it('after downtime: a slot missed within the window is delivered late once; older ones are recorded as skipped', async () => {
    const { clock, app, digests, store, deliverer } = await setup();
    const { subscription } = await digests.subscribe({ platform: 'discord', channelId: 'c1', schedule: 'daily 09:00', timezone: 'UTC', userId: 'u' });
    addBriefing(app, 'b1', '2025-01-16T20:00:00Z');
    clock.set('2025-01-17T09:14:00Z'); // down since the 14th: the 15th and 16th missed, the 17th 14 minutes late
    await digests.tick();
    await digests.tick();
    expect(deliverer.sent).toHaveLength(1);
    const history = await store.deliveries.history({ subscriptionId: subscription.id });
    expect(history.map((h) => [h.slot.toISOString().slice(0, 10), h.outcome]).sort()).toEqual([
      ['2025-01-15', 'skipped'],
      ['2025-01-16', 'skipped'],
      ['2025-01-17', 'sent'],
    ]);
    // 16 minutes late is too late.
    clock.set('2025-01-18T09:16:00Z');
    await digests.tick();
    expect(deliverer.sent).toHaveLength(1);
    expect((await store.deliveries.latest(subscription.id))?.state).toBe('skipped');
  });

  it('retries transient failures with backoff inside the catch-up window, with the same idempotency key', async () => {
    const { clock, app, digests, store, deliverer } = await setup();
    const { subscription } = await digests.subscribe({ platform: 'discord', channelId: 'c1', schedule: 'daily 09:00', timezone: 'UTC', userId: 'u' });
    addBriefing(app, 'b1', '2025-01-14T20:00:00Z');
    deliverer.queue({ ok: false, kind: 'transient', reason: 'HTTP 503' }, { ok: false, kind: 'transient', reason: 'socket hang up' });
    clock.set('2025-01-15T09:00:00Z');
    await digests.tick();
    expect((await store.deliveries.latest(subscription.id))?.state).toBe('retry');
    expect(await text(app, manager, 'status')).toMatch(/will retry at .*HTTP 503/);
    clock.advance(30_000); // backoff is 60 s in these tests: not yet
    await digests.tick();
    expect(deliverer.attempts).toHaveLength(1);
    clock.advance(30_000);
    await digests.tick();
    expect(deliverer.attempts).toHaveLength(2);
    clock.advance(120_000); // second backoff doubles to 120 s
    await digests.tick();
    expect(deliverer.sent).toHaveLength(1);
    expect(new Set(deliverer.attempts.map((a) => a.key))).toEqual(new Set([idempotencyKey(subscription.id, new Date('2025-01-15T09:00:00Z'))]));
    const outcomes = (await store.deliveries.history({ subscriptionId: subscription.id })).map((h) => h.outcome).reverse();
    expect(outcomes).toEqual(['retried', 'retried', 'sent']);
    expect((await store.deliveries.latest(subscription.id))?.attempts).toBe(3);
  });

  it('gives up (failed) when the next retry would fall outside the catch-up window', async () => {
    const { clock, app, digests, store, deliverer } = await setup('2025-01-14T12:00:00Z', { catchUpMs: 5 * 60_000, retryBaseMs: 60_000 });
    const { subscription } = await digests.subscribe({ platform: 'discord', channelId: 'c1', schedule: 'daily 09:00', timezone: 'UTC', userId: 'u' });
    addBriefing(app, 'b1', '2025-01-14T20:00:00Z');
    for (let i = 0; i < 10; i++) deliverer.queue({ ok: false, kind: 'transient', reason: 'HTTP 500' });
    clock.set('2025-01-15T09:00:00Z');
    for (let i = 0; i < 8; i++) {
      await digests.tick();
      clock.advance(60_000);
    }
    const outcomes = (await store.deliveries.history({ subscriptionId: subscription.id })).map((h) => h.outcome).reverse();
    expect(outcomes).toEqual(['retried', 'retried', 'failed']); // +1 min, +2 min, then +4 min would be 7 min late
    expect(deliverer.sent).toHaveLength(0);
    expect(await text(app, manager, 'status')).toMatch(/failed \(attempt 3 failed: HTTP 500; no time left/);
  });

  it('a permanent error pauses the subscription, records why, and /digest status shows it; subscribing again resumes', async () => {
    const { clock, app, digests, store, deliverer } = await setup();
    const { subscription } = await digests.subscribe({ platform: 'discord', channelId: 'c1', schedule: 'daily 09:00', timezone: 'Europe/London', userId: 'u' });
    addBriefing(app, 'b1', '2025-01-14T20:00:00Z');
    deliverer.queue({ ok: false, kind: 'permanent', reason: 'Discord says the channel no longer exists (10003 Unknown Channel)' });
    clock.set('2025-01-15T09:00:00Z');
    await digests.tick();
    expect((await store.subscriptions.get(subscription.id))?.pausedReason).toMatch(/10003/);
    const status = await text(app, manager, 'status');
    expect(status).toMatch(/paused/);
    expect(status).toMatch(/because Discord says the channel no longer exists/);
    expect(status).toMatch(/Next run: none while paused/);
    clock.set('2025-01-16T09:00:00Z');
    await digests.tick();
    expect(deliverer.attempts).toHaveLength(1);
    expect((await store.deliveries.history({ subscriptionId: subscription.id })).map((h) => h.outcome)).toEqual(['paused']);
    // Resume.
    expect(await text(app, manager, 'subscribe')).toMatch(/Updated/);
    addBriefing(app, 'b2', '2025-01-16T20:00:00Z');
    clock.set('2025-01-17T09:00:00Z');
    await digests.tick();
    expect(deliverer.sent).toHaveLength(1);
  });

  it('crash between claiming and sending: the row is resumed after its lease with the same key, once', async () => {
    const { clock, app, digests, store, deliverer } = await setup('2025-01-14T12:00:00Z', { leaseMs: 60_000 });
    const { subscription } = await digests.subscribe({ platform: 'discord', channelId: 'c1', schedule: 'daily 09:00', timezone: 'UTC', userId: 'u' });
    addBriefing(app, 'b1', '2025-01-14T20:00:00Z');
    clock.set('2025-01-15T09:00:00Z');
    // A process that claimed the slot and died before recording the outcome:
    const slot = new Date('2025-01-15T09:00:00Z');
    const id = (await store.deliveries.open(subscription.id, slot, 'pending', idempotencyKey(subscription.id, slot), clock())) as number;
    expect(await store.deliveries.claim(id, 'dead-process', clock(), new Date(clock().getTime() + 60_000))).toBeDefined();
    await digests.tick();
    expect(deliverer.attempts).toHaveLength(0); // lease still held
    clock.advance(61_000);
    await digests.tick();
    await digests.tick();
    expect(deliverer.sent).toHaveLength(1);
    expect(deliverer.sent[0]?.key).toBe(idempotencyKey(subscription.id, slot));
    const outcomes = (await store.deliveries.history({ subscriptionId: subscription.id })).map((h) => h.outcome).reverse();
    expect(outcomes).toEqual(['recovered', 'sent']);
  });

  it('an interrupted attempt found after the catch-up window is recorded as failed, not sent', async () => {
    const { clock, digests, store, deliverer } = await setup('2025-01-14T12:00:00Z', { leaseMs: 60_000 });
    const { subscription } = await digests.subscribe({ platform: 'discord', channelId: 'c1', schedule: 'daily 09:00', timezone: 'UTC', userId: 'u' });
    clock.set('2025-01-15T09:00:00Z');
    const slot = new Date('2025-01-15T09:00:00Z');
    const id = (await store.deliveries.open(subscription.id, slot, 'pending', idempotencyKey(subscription.id, slot), clock())) as number;
    await store.deliveries.claim(id, 'dead-process', clock(), new Date(clock().getTime() + 60_000));
    clock.set('2025-01-15T09:30:00Z');
    await digests.tick();
    expect(deliverer.attempts).toHaveLength(0);
    expect((await store.deliveries.get(id))?.state).toBe('failed');
    expect((await store.deliveries.get(id))?.detail).toMatch(/interrupted, and too late/);
  });

  it('two services on one database file tick the same due slots concurrently: no duplicates', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const clock = manualClock('2025-01-14T12:00:00Z');
      const database = join(dir, 'db.sqlite');
      const shared = new ScriptedDeliverer('slack');
      const slow = {
        platform: 'slack' as const,
        deliver: async (...args: Parameters<ScriptedDeliverer['deliver']>) => {
          await new Promise((r) => setTimeout(r, 1));
          return shared.deliver(...args);
        },
      };
      const a = await digestBot({ clock, database, deliverers: [slow] });
      const b = await digestBot({ clock, database, deliverers: [slow] });
      bots.push(a, b);
      addBriefing(a, 'b1', '2025-01-14T20:00:00Z');
      addBriefing(b, 'b1', '2025-01-14T20:00:00Z');
      for (let i = 0; i < 200; i++) {
        await a.services.digests.subscribe({ platform: 'slack', channelId: `C${i}`, schedule: 'daily 09:00', timezone: 'UTC', userId: 'u' });
      }
      clock.set('2025-01-15T09:00:00Z');
      const [da, db] = [a.services.digests, b.services.digests];
      await Promise.all([da.tick(), db.tick(), da.tick(), db.tick()]);
      expect(shared.sent).toHaveLength(200);
      expect(new Set(shared.sent.map((s) => s.destination.channelId)).size).toBe(200);
    } finally {
      for (const x of bots.splice(0)) await x.stop();
      cleanup();
    }
  });
});

describe('/digest command', () => {
  it('refuses people who may not manage digests, politely, and changes nothing', async () => {
    const { app, digests } = await setup();
    const reply = await cmd(app, member, 'subscribe daily 08:00');
    expect(reply.kind).toBe('error');
    expect(renderPlainText(reply)).toMatch(/Sorry, only members with the Manage Channels permission/);
    expect(await text(app, { ...member, platform: 'slack' }, 'unsubscribe')).toMatch(/workspace admins and owners/);
    expect(await digests.find('discord', 'c1')).toBeUndefined();
    expect(await text(app, member, 'status')).toMatch(/no digest/);
  });

  it('subscribe with a preset, zone, topics and length; status tells it in words and local time', async () => {
    const { app } = await setup('2025-01-14T12:00:00Z');
    const reply = await text(app, manager, 'subscribe weekly mon 09:00 Europe/Paris topics:niger,russia length:tldr');
    expect(reply).toMatch(/Subscribed: this channel will get a news digest every Monday at 09:00 \(Europe\/Paris\)/);
    const status = await text(app, manager, 'status');
    expect(status).toContain('Schedule: every Monday at 09:00, Europe/Paris time');
    expect(status).toContain('Topics: niger, russia · length: tldr');
    expect(status).toMatch(/Next run: Mon, 20 Jan 2025, 09:00 CET/);
    expect(status).toContain('Last delivery: none yet');
  });

  it('accepts cron and the default zone; bad schedules and zones get clear errors', async () => {
    const { app, digests } = await setup();
    expect(await text(app, manager, 'subscribe "30 7 * * 1-5"')).toMatch(/cron schedule "30 7 \* \* 1-5".*\(UTC\)/);
    expect(await text(app, manager, 'subscribe */15 * * * *')).toMatch(/cron schedule "\*\/15/);
    const bad = await text(app, manager, 'subscribe every morning');
    expect(bad).toMatch(/not a schedule I understand.*daily HH:MM, weekdays HH:MM or weekly <day> HH:MM.*five-field cron/);
    expect(await text(app, manager, 'subscribe daily 09:00 timezone:Mars/Base')).toMatch(/not a time zone I know.*IANA/);
    expect(await text(app, manager, 'subscribe daily 9:00 Atlantis/Lost')).toMatch(/not a time zone I know/);
    // The failed attempts changed nothing.
    expect((await digests.find('discord', 'c1'))?.schedule).toBe('*/15 * * * *');
  });

  it('preview shows the next digest only to the caller; unsubscribe stops it', async () => {
    const { app } = await setup('2025-01-15T08:00:00Z');
    addBriefing(app, 'b1', '2025-01-14T20:00:00Z');
    await cmd(app, manager, 'subscribe daily 09:00');
    const preview = await cmd(app, member, 'preview');
    expect(preview.visibility).toBe('private');
    expect(renderPlainText(preview)).toContain('(b1)');
    expect(preview.suggestions?.length).toBeGreaterThan(0);
    expect(await text(app, manager, 'unsubscribe')).toMatch(/Unsubscribed/);
    expect(await text(app, manager, 'status')).toMatch(/no digest/);
  });
});
