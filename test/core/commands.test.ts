import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/commands/command.js';
import { renderPlainText } from '../../src/core/reply/render-plain-text.js';
import type { Bot } from '../../src/main.js';
import { SEED_ID, testBot } from '../helpers/bot.js';

const caller: Caller = { platform: 'console', userId: 'u1', channelId: 'c1' };
let app: Bot;
beforeAll(async () => {
  app = await testBot();
});
afterAll(() => app.stop());

const run = (name: string, text: string, conversation?: string) => app.core.run({ name, text }, caller, conversation);

describe('chat commands through the core', () => {
  it('/brief at tldr shows the title and TL;DR with the source link', async () => {
    const reply = await run('brief', 'length:tldr');
    expect(reply.kind).toBe('briefing');
    expect(reply.visibility).toBe('public');
    const text = renderPlainText(reply);
    expect(text).toContain('Airbase 101');
    expect(text).toContain('theguardian.com');
    expect(text).not.toContain('Key points');
  });

  it('/ask answers privately with a citation and starts a conversation', async () => {
    const reply = await run('ask', 'How many US troops are in Niger?');
    expect(reply.kind).toBe('answer');
    expect(reply.visibility).toBe('private');
    expect(reply.conversation).toBeTruthy();
    const citation = reply.blocks.find((b) => b.kind === 'citation');
    expect(citation?.kind === 'citation' && citation.citation.briefingId).toBe(SEED_ID);
    expect(renderPlainText(reply)).toMatch(/1,000/);
  });

  it('/ask public:true posts in the channel', async () => {
    const reply = await run('ask', 'public:true Who entered the airbase?');
    expect(reply.visibility).toBe('public');
  });

  it('/briefings lists the seed briefing', async () => {
    const reply = await run('briefings', '');
    expect(renderPlainText(reply)).toContain(SEED_ID);
  });

  it('/help lists every command from the registry', async () => {
    const text = renderPlainText(await run('help', ''));
    for (const c of app.core.commands) expect(text).toContain(`/${c.name}`);
  });

  it('an unknown command, a missing option and an over-long option get polite messages', async () => {
    expect(renderPlainText(await run('nope', ''))).toMatch(/don't know \/nope/);
    expect(renderPlainText(await run('ask', ''))).toMatch(/Please give question/);
    expect(renderPlainText(await run('ask', 'x'.repeat(501)))).toMatch(/too long/);
    expect(renderPlainText(await run('brief', 'length:huge'))).toMatch(/tldr, short, full/);
  });
});

describe('the policy adapters used to hard-code, now in the command definitions', () => {
  it('who sees the reply is known before it runs: /brief and /ask public:true in the channel, the rest privately', () => {
    expect(app.core.visibilityOf({ name: 'brief', args: {} })).toBe('public');
    expect(app.core.visibilityOf({ name: 'ask', args: { question: 'why?', public: true } })).toBe('public');
    expect(app.core.visibilityOf({ name: 'ask', args: { question: 'why?' } })).toBe('private');
    expect(app.core.visibilityOf({ name: 'help', text: '' })).toBe('private');
    expect(app.core.visibilityOf({ name: 'nope', args: {} })).toBe('private');
  });

  it('only managers may change a digest; the refusal names what is open to everyone', async () => {
    const member: Caller = { platform: 'discord', userId: 'u2', channelId: 'c2' };
    const refused = renderPlainText(await app.core.run({ name: 'digest', subcommand: 'subscribe', args: {} }, member));
    expect(refused).toBe(
      'Sorry, only members with the Manage Channels permission can use /digest subscribe. /digest status and /digest preview are open to everyone.',
    );
    expect(renderPlainText(await app.core.run({ name: 'digest', subcommand: 'status', args: {} }, member))).toMatch(/no digest/);
    // A lazy answer (Slack asks users.info) is asked only when a handler needs it.
    let asked = 0;
    const lazy: Caller = {
      platform: 'slack',
      userId: 'U2',
      channelId: 'C2',
      canManage: async () => {
        asked++;
        return true;
      },
    };
    await app.core.run({ name: 'digest', text: 'status' }, lazy);
    expect(asked).toBe(0);
    expect(renderPlainText(await app.core.run({ name: 'digest', text: 'subscribe daily 07:00' }, lazy))).toMatch(/Subscribed/);
    expect(asked).toBe(1);
  });

  it('options that name a briefing suggest briefings while typed', () => {
    expect(app.core.suggest({ command: 'brief', option: 'topic', typed: 'niger' }, caller)?.[0]).toEqual({ label: expect.any(String), value: SEED_ID });
    expect(app.core.suggest({ command: 'ask', option: 'question', typed: 'x' }, caller)).toBeUndefined();
    expect(app.core.suggest({ command: 'nope', option: 'x', typed: 'x' }, caller)).toBeUndefined();
  });
});

describe('feedback through the core', () => {
  it('records the turn the buttons belong to, even when later turns followed, and thanks the same way everywhere', async () => {
    const first = await app.core.ask(caller, 'How many US troops are in Niger?', { conversation: 'fb-1' });
    await app.core.ask(caller, 'Who entered the airbase?', { conversation: 'fb-1' });
    const answerId = first.feedback?.answerId ?? '';
    const thanks = await app.core.feedback(caller, { conversation: 'fb-1', answerId, helpful: false });
    expect(renderPlainText(thanks)).toBe('Thanks, noted. Editors will look at this answer. 👎');
    const [record] = await app.services.feedback.list({ limit: 1 });
    expect(record).toMatchObject({
      platform: 'console',
      user: 'u1',
      conversation: 'fb-1',
      question: 'How many US troops are in Niger?',
      briefing: SEED_ID,
      helpful: false,
    });
    expect(record?.answer).toMatch(/1,000/);
    expect(record?.citation).toMatchObject({ briefingId: SEED_ID });
  });

  it('an unknown answer or conversation records nothing and says the conversation has expired', async () => {
    const before = (await app.services.feedback.list()).length;
    const reply = await app.core.feedback(caller, { conversation: 'never-was', answerId: 'a1', helpful: true });
    expect(reply.kind).toBe('error');
    expect(renderPlainText(reply)).toMatch(/expired/);
    expect(await app.services.feedback.list()).toHaveLength(before);
  });
});
