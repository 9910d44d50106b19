import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAdapter } from '../../../src/adapters/adapter.js';
import { decodeCustomId } from '../../../src/adapters/discord/custom-id.js';
import { startGateway } from '../../../src/adapters/discord/gateway.js';
import { startDiscord } from '../../../src/adapters/discord/start-discord.js';
import type { DiscordConfig } from '../../../src/config/config.js';
import { COMMANDS } from '../../../src/core/commands/registry.js';
import type { Bot } from '../../../src/main.js';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord, type RecordedRequest } from '../../fakes/fake-discord.js';
import { SEED_ID, testBot } from '../../helpers/bot.js';
import { autocomplete, bool, buttonClick, MANAGER_PERMISSIONS, modalSubmit, slashCommand, slowCommand, str, USER_ID } from './fixtures.js';
import { type LogLine, recordingLogger } from './recording-logger.js';

let fake: FakeDiscord;
let app: Bot;
let adapter: RunningAdapter;
const lines: LogLine[] = [];

const config = (): DiscordConfig => ({
  token: FAKE_TOKEN,
  applicationId: FAKE_APP_ID,
  mode: 'gateway',
  http: { host: '127.0.0.1', port: 0 },
  apiBase: fake.apiBase,
});

beforeAll(async () => {
  fake = await FakeDiscord.start();
  app = await testBot({ logger: recordingLogger(lines) });
  adapter = await startDiscord(config(), app.core, recordingLogger(lines));
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await app?.stop();
});

/** Sends an interaction over the gateway and returns the bot's initial response as the fake recorded it. */
async function interact(payload: { id: string }): Promise<RecordedRequest> {
  fake.dispatch('INTERACTION_CREATE', payload);
  return fake.callbackFor(payload.id);
}

const buttons = (data: any) => (data.components ?? []).flatMap((row: any) => row.components);
const customIdOf = (data: any, kind: string) => buttons(data).find((b: any) => decodeCustomId(b.custom_id)?.kind === kind)?.custom_id as string;

describe('gateway mode against a fake Discord', () => {
  it('refuses to start with a token Discord rejects, saying which setting is wrong', async () => {
    await expect(startDiscord({ ...config(), token: 'wrong' }, app.core, recordingLogger())).rejects.toThrow(/Discord refused DISCORD_TOKEN/);
  });

  it('identifies with the Guilds intent only', () => {
    expect(fake.identify.intents).toBe(1);
    expect(fake.identify.token).toBe(FAKE_TOKEN);
  });

  it('/brief posts the briefing in the channel with source link, suggestions and Follow up', async () => {
    const started = Date.now();
    const cb = await interact(slashCommand('brief', [str('length', 'tldr')]));
    expect(cb.at - started).toBeLessThan(3000);
    expect(cb.body.type).toBe(4);
    const data = cb.body.data;
    expect(data.flags ?? 0).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds[0].title).toContain('Niger airbase');
    expect(data.embeds[0].description).toContain('Airbase 101');
    const all = buttons(data);
    expect(all.filter((b: any) => decodeCustomId(b.custom_id)?.kind === 'suggestion')).toHaveLength(3);
    expect(all.some((b: any) => b.style === 5 && b.url.startsWith('https://www.theguardian.com/'))).toBe(true);
    expect(customIdOf(data, 'follow-up')).toBeTruthy();
  });

  it('/ask answers ephemerally with citation, source link, suggestions and 👍 / 👎', async () => {
    const cb = await interact(slashCommand('ask', [str('question', 'How many US troops are in Niger?')]));
    const data = cb.body.data;
    expect(cb.body.type).toBe(4);
    expect(data.flags).toBe(64);
    expect(data.embeds[0].title).toBe('How many US troops are in Niger?');
    expect(data.embeds[0].description).toMatch(/1,000/);
    expect(data.embeds[0].fields[0]).toMatchObject({ name: 'Source', value: expect.stringContaining('Background') });
    expect(data.embeds[0].footer.text).toContain(`Briefing ${SEED_ID}`);
    const all = buttons(data);
    expect(all.some((b: any) => b.style === 5 && b.url.includes('theguardian.com'))).toBe(true);
    expect(all.filter((b: any) => decodeCustomId(b.custom_id)?.kind === 'suggestion').length).toBeGreaterThan(0);
    expect(all.filter((b: any) => decodeCustomId(b.custom_id)?.kind === 'feedback').map((b: any) => b.emoji.name)).toEqual(['👍', '👎']);
  });

  it('/ask public:true posts in the channel, and its follow-ups stay public', async () => {
    const cb = await interact(slashCommand('ask', [str('question', 'Who entered the airbase?'), bool('public', true)]));
    expect(cb.body.data.flags ?? 0).toBe(0);
    const modal = await interact(buttonClick(customIdOf(cb.body.data, 'follow-up'), cb.body.data));
    const answer = await interact(modalSubmit(modal.body.data.custom_id, 'question', 'how many of them?'));
    expect(answer.body.data.flags ?? 0).toBe(0);
  });

  it('/briefings and /help answer privately', async () => {
    const list = await interact(slashCommand('briefings'));
    expect(list.body.data.flags).toBe(64);
    expect(JSON.stringify(list.body.data.embeds)).toContain(SEED_ID);
    const help = await interact(slashCommand('help', [], MANAGER_PERMISSIONS));
    expect(help.body.data.flags).toBe(64);
    for (const c of app.core.commands) expect(help.body.data.embeds[0].description).toContain(`/${c.name}`);
  });

  it('autocompletes briefing ids and titles (at most 25)', async () => {
    const typed = await interact(autocomplete('brief', 'topic', 'niger'));
    expect(typed.body.type).toBe(8);
    expect(typed.body.data.choices[0]).toEqual({ name: expect.stringContaining(SEED_ID), value: SEED_ID });
    const empty = await interact(autocomplete('ask', 'briefing', ''));
    expect(empty.body.data.choices.length).toBeGreaterThan(0);
    expect(empty.body.data.choices.length).toBeLessThanOrEqual(25);
    const none = await interact(autocomplete('brief', 'topic', 'zzzzqqq'));
    expect(none.body.data.choices).toEqual([]);
  });

  it('Follow up → modal → answer in the same conversation ("how many of them?")', async () => {
    const first = await interact(slashCommand('ask', [str('question', 'Who entered the airbase?')]));
    const followUpId = customIdOf(first.body.data, 'follow-up');
    const modal = await interact(buttonClick(followUpId, first.body.data));
    expect(modal.body.type).toBe(9);
    expect(modal.body.data.title.length).toBeLessThanOrEqual(45);
    const input = modal.body.data.components[0].components[0];
    expect(input).toMatchObject({ type: 4, custom_id: 'question', style: 2, max_length: 500 });
    const answer = await interact(modalSubmit(modal.body.data.custom_id, input.custom_id, 'how many of them?'));
    expect(answer.body.type).toBe(4);
    expect(answer.body.data.flags).toBe(64);
    expect(answer.body.data.embeds[0].title).toBe('how many of them?');
    expect(answer.body.data.embeds[0].description).toMatch(/about 60 Russian/);
    // Same conversation: the new answer's buttons carry the same id.
    expect(decodeCustomId(customIdOf(answer.body.data, 'follow-up'))).toEqual(decodeCustomId(followUpId));
  });

  it('a suggested-question button answers it in the same conversation', async () => {
    const brief = await interact(slashCommand('brief'));
    const suggestion = buttons(brief.body.data).find((b: any) => decodeCustomId(b.custom_id)?.kind === 'suggestion');
    const answer = await interact(buttonClick(suggestion.custom_id, brief.body.data));
    expect(answer.body.data.embeds[0].title).toBe(suggestion.label);
    expect(answer.body.data.flags).toBe(64); // follow-ups to a channel briefing go only to the asker
    expect(decodeCustomId(customIdOf(answer.body.data, 'follow-up'))).toMatchObject({
      conversation: (decodeCustomId(suggestion.custom_id) as { conversation: string }).conversation,
    });
  });

  it('👎 records feedback with the question and the citation', async () => {
    const asked = await interact(slashCommand('ask', [str('question', 'How many US troops are in Niger?')]));
    const down = buttons(asked.body.data).find((b: any) => b.emoji?.name === '👎').custom_id;
    const ack = await interact(buttonClick(down, asked.body.data));
    expect(ack.body.data.flags).toBe(64);
    expect(ack.body.data.content).toMatch(/Thanks, noted/);
    const [latest] = await app.services.feedback.list({ helpful: false, limit: 1 });
    expect(latest).toMatchObject({
      platform: 'discord',
      user: USER_ID,
      conversation: (decodeCustomId(down) as { conversation: string }).conversation,
      question: 'How many US troops are in Niger?',
      briefing: SEED_ID,
      helpful: false,
    });
    expect(latest?.answer).toMatch(/1,000/);
    expect(latest?.citation).toMatchObject({ briefingId: SEED_ID, sectionId: expect.any(String) });
  });

  it('survives a 429 with Retry-After on the interaction callback', async () => {
    fake.rateLimit('POST', /^\/interactions\/[^/]+\/[^/]+\/callback$/, 0.3);
    const payload = slashCommand('help');
    const cb = await interact(payload);
    const attempts = fake.requests.filter((r) => r.path.startsWith(`/interactions/${payload.id}/`));
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(cb.at - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(300);
  });

  it('an @everyone injected through /ask never pings', async () => {
    const cb = await interact(slashCommand('ask', [str('question', 'How many US troops are in Niger? @everyone @here'), bool('public', true)]));
    const data = cb.body.data;
    expect(data.flags ?? 0).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/@everyone|@here|<@&|<@5/);
    expect(data.embeds[0].title).toContain('@\u200beveryone');
    expect(data.embeds[0].description).toMatch(/1,000/);
    const roles = await interact(
      slashCommand('ask', [str('question', '<@&539082325061836999> <@53908232506183680> @everyone what now?'), bool('public', true)]),
    );
    expect(roles.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(roles.body.data)).not.toMatch(/@everyone|<@&|<@5/);
  });

  describe('mistyped commands get an ephemeral message saying what is wrong, logged as refused (not an incident)', () => {
    const told = async (payload: { id: string }, pattern: RegExp, code: string) => {
      const cb = await interact(payload);
      expect(cb.body.type).toBe(4);
      expect(cb.body.data.flags).toBe(64);
      expect(cb.body.data.content).toMatch(pattern);
      expect(cb.body.data.content).not.toMatch(/incident/);
      expect(lines.some((l) => l.msg === 'command refused' && l.obj.code === code && l.obj.platform === 'discord')).toBe(true);
    };
    it('unknown command', () => told(slashCommand('nope'), /don't know \/nope/, 'command_unknown'));
    it('missing option', () => told(slashCommand('ask', []), /Please give question/, 'option_missing'));
    it('oversized option', () => told(slashCommand('ask', [str('question', 'x'.repeat(501))]), /too long/, 'option_too_long'));
    it('unknown option', () => told(slashCommand('ask', [str('question', 'hi'), str('colour', 'red')]), /Unknown option/, 'option_invalid'));
  });

  describe('malformed interactions get an ephemeral message with an incident id, logged; the bot keeps running', () => {
    const refused = async (payload: { id: string }, pattern: RegExp) => {
      const cb = await interact(payload);
      expect(cb.body.type).toBe(4);
      expect(cb.body.data.flags).toBe(64);
      expect(cb.body.data.content).toMatch(pattern);
      const incident = /incident (inc-[0-9a-f]{8})/.exec(cb.body.data.content)?.[1];
      expect(incident).toBeTruthy();
      expect(lines.some((l) => l.obj.incident === incident && (l.obj.interaction as any)?.id === payload.id)).toBe(true);
    };
    it('forged custom_id', () => refused(buttonClick('fb:../../etc:x', {}), /isn't one of mine/));
    it('unknown custom_id', () => refused(buttonClick('click_one', {}), /isn't one of mine/));
    it('expired conversation', () => refused(buttonClick('fu:0123456789abcdef:e', {}), /expired/));
    it('expired conversation in a modal', () => refused(modalSubmit('fm:0123456789abcdef:e', 'question', 'and then?'), /expired/));
    it('and still answers afterwards', async () => {
      const cb = await interact(slashCommand('help'));
      expect(cb.body.type).toBe(4);
    });
    it('never logs the token', () => {
      expect(JSON.stringify(lines)).not.toContain(FAKE_TOKEN);
      expect(JSON.stringify(lines)).not.toContain('fake-interaction-token');
    });
  });
});

describe('gateway mode: slow work is deferred inside the 3 s window', () => {
  let slowAdapter: RunningAdapter;
  let slowFake: FakeDiscord;
  let slowBot: Bot;
  const slow = slowCommand(300, 'done @everyone', 'public');
  beforeAll(async () => {
    slowFake = await FakeDiscord.start();
    slowBot = await testBot({ commands: [...COMMANDS, slow] });
    slowAdapter = await startGateway({ ...config(), token: FAKE_TOKEN, apiBase: slowFake.apiBase }, slowBot.core, recordingLogger(), { deferAfterMs: 50 });
  });
  afterAll(async () => {
    await slowAdapter?.stop();
    await slowFake?.close();
    await slowBot?.stop();
  });

  it('defers, then edits the original response', async () => {
    const payload = slashCommand('slow');
    const started = Date.now();
    slowFake.dispatch('INTERACTION_CREATE', payload);
    const deferred = await slowFake.callbackFor(payload.id);
    expect(deferred.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(deferred.at - started).toBeLessThan(1000);
    const edit = await slowFake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${FAKE_APP_ID}/${payload.token}/messages/@original`);
    expect(edit.body.content).toBe('done @\u200beveryone');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(edit.body.flags).toBeUndefined();
  });
});
