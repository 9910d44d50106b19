import { afterEach, describe, expect, it } from 'vitest';
import { FakePlatform } from '../../bench/fake-platform.js';
import { DiscordDeliverer } from '../../src/adapters/discord/discord-deliverer.js';
import { SlackDeliverer } from '../../src/adapters/slack/slack-deliverer.js';
import type { Caller } from '../../src/core/commands/command.js';
import type { ConversationService } from '../../src/core/conversations/conversation-service.js';
import { renderPlainText } from '../../src/core/reply/render-plain-text.js';
import type { Bot } from '../../src/main.js';
import { addBriefing, digestBot, manualClock, tempDir } from './helpers/digest-bot.js';

/** The real deliverers (@discordjs/rest, @slack/web-api) against the fake platform on 127.0.0.1. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fakePlatform() {
  const fake = await new FakePlatform().start();
  cleanups.push(() => fake.close());
  return fake;
}
const discord = (fake: FakePlatform) => new DiscordDeliverer({ token: 't', apiBase: `${fake.url}/api`, rest: { retries: 0, timeout: 2000 } });
const slack = (fake: FakePlatform, conversations?: ConversationService) =>
  new SlackDeliverer({
    botToken: 'xoxb-t',
    apiUrl: `${fake.url}/api/`,
    client: { retryConfig: { retries: 0 } },
    ...(conversations ? { conversations } : {}),
  });
const reply = { kind: 'info' as const, blocks: [{ kind: 'paragraph' as const, text: 'hello @everyone' }], visibility: 'public' as const };

describe('Discord deliverer', () => {
  it('posts with nonce + enforce_nonce; a retry with the same key does not post twice', async () => {
    const fake = await fakePlatform();
    const d = discord(fake);
    const first = await d.deliver({ platform: 'discord', channelId: '111' }, reply, 'dkey0000000000000000000001');
    const again = await d.deliver({ platform: 'discord', channelId: '111' }, reply, 'dkey0000000000000000000001');
    expect(first).toEqual({ ok: true, messageId: '1' });
    expect(again).toEqual({ ok: true, messageId: '1' });
    expect(fake.created).toHaveLength(1);
    expect(fake.created[0]?.body).toMatchObject({ nonce: 'dkey0000000000000000000001', enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(fake.created[0]?.body.flags).toBeUndefined();
  });

  it.each([
    [10003, /no longer exists/],
    [50001, /Missing Access/],
    [50013, /Missing Permissions/],
  ])('maps %i to a permanent failure', async (code, reason) => {
    const fake = await fakePlatform();
    fake.fail('222', { discordCode: code });
    const r = await discord(fake).deliver({ platform: 'discord', channelId: '222' }, reply, 'k');
    expect(r).toMatchObject({ ok: false, kind: 'permanent', reason: expect.stringMatching(reason) });
  });

  it('maps 5xx to transient', async () => {
    const fake = await fakePlatform();
    fake.fail('333', { status: 503 });
    expect(await discord(fake).deliver({ platform: 'discord', channelId: '333' }, reply, 'k')).toMatchObject({ ok: false, kind: 'transient' });
  });
});

describe('Slack deliverer', () => {
  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth'])('maps %s to a permanent failure', async (error) => {
    const fake = await fakePlatform();
    fake.fail('C1', { slackError: error });
    const r = await slack(fake).deliver({ platform: 'slack', channelId: 'C1' }, reply, 'k');
    expect(r).toMatchObject({ ok: false, kind: 'permanent', reason: expect.stringContaining(error) });
  });

  it('maps 5xx to transient and posts the key as message metadata', async () => {
    const fake = await fakePlatform();
    fake.fail('C2', { status: 500 });
    const d = slack(fake);
    expect(await d.deliver({ platform: 'slack', channelId: 'C2' }, reply, 'k1')).toMatchObject({ ok: false, kind: 'transient' });
    expect(await d.deliver({ platform: 'slack', channelId: 'C2' }, reply, 'k1')).toMatchObject({ ok: true });
    expect(fake.created[0]?.key).toBe('k1');
  });
});

describe('done-when: a Discord and a Slack channel get their digest at local time, exactly once, across a restart', () => {
  it('delivers through the real deliverers, survives a restart, and /digest status tells the truth', async () => {
    const fake = await fakePlatform();
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const database = `${dir}/db.sqlite`;
    const clock = manualClock('2025-03-29T12:00:00Z');
    const boot = async () => {
      const app = await digestBot({
        clock,
        database,
        digests: { retryBaseMs: 1000 },
        deliverers: (conversations) => [discord(fake), slack(fake, conversations)],
      });
      addBriefing(app, 'spring-news', '2025-03-29T20:00:00Z');
      return app;
    };
    let app = await boot();
    const admin = (platform: 'discord' | 'slack', channelId: string): Caller => ({ platform, userId: 'admin', channelId, canManage: true });
    const run = (a: Bot, caller: Caller, text: string) => a.core.run({ name: 'digest', text }, caller);
    await run(app, admin('discord', '4242'), 'subscribe daily 09:00 Europe/London');
    await run(app, admin('slack', 'CSLACK'), 'subscribe daily 09:00 America/New_York');
    // London moves to BST on 30 March: 09:00 local is 08:00Z. New York is on EDT already: 13:00Z.
    clock.set('2025-03-30T07:59:59Z');
    await app.services.digests.tick();
    expect(fake.created).toHaveLength(0);
    clock.set('2025-03-30T08:00:00Z');
    await app.services.digests.tick();
    expect(fake.created.map((m) => [m.platform, m.channel])).toEqual([['discord', '4242']]);
    // Restart within the same minute: nothing is sent again.
    await app.stop();
    app = await boot();
    await app.services.digests.tick();
    clock.set('2025-03-30T13:00:05Z');
    await app.services.digests.tick();
    await app.stop();
    app = await boot();
    await app.services.digests.tick();
    cleanups.push(() => app.stop());
    expect(fake.created.map((m) => [m.platform, m.channel])).toEqual([
      ['discord', '4242'],
      ['slack', 'CSLACK'],
    ]);
    expect(renderPlainText(await run(app, admin('discord', '4242'), 'status'))).toMatch(
      /Next run: Mon, 31 Mar 2025, 09:00 BST[\s\S]*Last delivery: Sun, 30 Mar 2025, 09:00 BST: sent \(1 briefing\)/,
    );
    expect(renderPlainText(await run(app, admin('slack', 'CSLACK'), 'status'))).toMatch(
      /Next run: Mon, 31 Mar 2025, 09:00 EDT[\s\S]*Last delivery: Sun, 30 Mar 2025, 09:00 EDT: sent/,
    );
    // The Slack digest's thread continues its conversation (follow-ups there have context).
    const ts = fake.created[1]?.id as string;
    expect(await app.core.hasConversation(`slack:CSLACK:${ts}`)).toBe(true);
    // A deleted channel pauses the Discord digest; status says why.
    fake.fail('4242', { discordCode: 10003 });
    addBriefing(app, 'monday-news', '2025-03-30T20:00:00Z');
    clock.set('2025-03-31T08:00:00Z');
    await app.services.digests.tick();
    expect(renderPlainText(await run(app, admin('discord', '4242'), 'status'))).toMatch(
      /paused[\s\S]*because Discord says the channel no longer exists \(10003 Unknown Channel\)/,
    );
  });
});
