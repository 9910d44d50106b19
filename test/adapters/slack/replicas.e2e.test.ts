import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/main.js';
import { tempDir } from '../../digests/helpers/digest-bot.js';
import { FakeSlack, waitFor } from '../../fakes/fake-slack.js';
import { testBot } from '../../helpers/bot.js';
import { postSigned, slashCommandBody } from '../../helpers/slack-signing.js';
import { eventEnvelope, eventsDone, messageText, newEventId, SIGNING_SECRET, startBot, userTs } from './slack-harness.js';

/** Two bot processes' worth of everything (core, store handle, Slack HTTP adapter) on one database file. */
let fake: FakeSlack;
const bots: Bot[] = [];
const replicas: Awaited<ReturnType<typeof startBot>>[] = [];
let cleanup = () => {};

beforeAll(async () => {
  fake = await new FakeSlack().start();
  const dir = tempDir('briefbot-replicas-');
  cleanup = dir.cleanup;
  for (let i = 0; i < 2; i++) {
    const bot = await testBot({ database: join(dir.dir, 'shared.db') });
    bots.push(bot);
    replicas.push(await startBot(fake, bot.core));
  }
});
afterAll(async () => {
  for (const r of replicas) await r.running.stop();
  for (const b of bots) await b.stop();
  await fake?.close();
  cleanup();
});

const send = (replica: number, event: object, headers?: Record<string, string>) =>
  postSigned((replicas[replica] as { url: string }).url, JSON.stringify(event), 'json', { signingSecret: SIGNING_SECRET, ...(headers ? { headers } : {}) });

describe('Slack over HTTP with two replicas on one store', () => {
  it('a thread started on one replica is continued on the other, and an event retried to the other replica is answered once', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const command = slashCommandBody({ command: '/ask', text: 'public:true Who entered the airbase?', response_url: fake.responseUrl() });
    expect((await postSigned((replicas[0] as { url: string }).url, command, 'form', { signingSecret: SIGNING_SECRET })).status).toBe(200);
    const root = await waitFor(() => fake.callsTo('chat.postMessage')[before], 5000, 'the answer posted by replica 0');
    const ts = String(root.result?.ts);
    await waitFor(() => bots[1]?.core.hasConversation(`slack:C1:${ts}`), 2000, 'the thread visible to replica 1');

    const eventId = newEventId();
    const event = eventEnvelope({ type: 'message', channel: 'C1', user: 'U2', text: 'how many of them?', ts: userTs(), thread_ts: ts }, eventId);
    expect((await send(1, event)).status).toBe(200);
    // Slack retries the same event; this time it lands on the other replica.
    expect((await send(0, event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    const reply = await waitFor(() => fake.callsTo('chat.postMessage')[before + 1], 5000, 'the thread answer');
    expect(reply.args.thread_ts).toBe(ts);
    expect(messageText(reply.args)).toMatch(/60 Russian/);
    await Promise.all(replicas.map((r) => eventsDone(r.sink, [eventId])));
    expect(fake.callsTo('chat.postMessage')).toHaveLength(before + 2);
  });
});
