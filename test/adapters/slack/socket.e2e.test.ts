import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../../../src/adapters/slack/slack-app.js';
import type { Bot } from '../../../src/main.js';
import { BOT, FakeSlack, waitFor } from '../../fakes/fake-slack.js';
import { testBot } from '../../helpers/bot.js';
import { APP_TOKEN, BOT_TOKEN, eventEnvelope, eventsDone, type LogSink, messageText, startBot, userTs } from './slack-harness.js';

let fake: FakeSlack;
let app: Bot;
let running: RunningSlack;
let sink: LogSink;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  app = await testBot();
  ({ running, sink } = await startBot(fake, app.core, { appToken: APP_TOKEN, signingSecret: undefined, commandNames: { brief: 'news-brief' } }));
});
afterAll(async () => {
  await running?.stop();
  await app?.stop();
  await fake?.close();
});

const slashPayload = (command: string, text: string) => ({
  token: 'deprecated',
  team_id: BOT.teamId,
  team_domain: 'fake',
  channel_id: 'C1',
  channel_name: 'news',
  user_id: 'U1',
  user_name: 'ann',
  command,
  text,
  response_url: fake.responseUrl(),
  trigger_id: '1.2.3',
  api_app_id: 'A1',
});

describe('Slack over Socket Mode (real Bolt SocketModeClient, fake Slack WebSocket)', () => {
  it('connects with the app-level token and listens on no port', async () => {
    expect(running.mode).toBe('socket');
    expect(running.port).toBeUndefined();
    const open = fake.callsTo('apps.connections.open')[0];
    expect(open?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(fake.connected).toBe(1);
  });

  it('a slash command is acknowledged on the socket with the private answer', async () => {
    const started = Date.now();
    const ack = await fake.sendEnvelope('slash_commands', slashPayload('/ask', 'How many US troops are in Niger?'));
    expect(Date.now() - started).toBeLessThan(3000);
    const payload = ack.payload as { response_type: string; text: string };
    expect(payload.response_type).toBe('ephemeral');
    expect(payload.text).toMatch(/1,000/);
  });

  it('a renamed command (/news-brief) posts in the channel, and a thread reply continues it over the socket', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const ack = await fake.sendEnvelope('slash_commands', slashPayload('/news-brief', 'length:tldr'));
    expect(ack.payload ?? {}).toEqual({});
    const post = await waitFor(() => fake.callsTo('chat.postMessage')[before], 5000, 'brief post');
    expect(messageText(post.args)).toContain('Airbase 101');
    const ts = String(post.result?.ts);
    await waitFor(() => app.core.hasConversation(`slack:C1:${ts}`), 2000, 'thread bound');

    const event = eventEnvelope({ type: 'message', channel: 'C1', user: 'U2', text: 'Who entered the airbase?', ts: userTs(), thread_ts: ts });
    const evAck = await fake.sendEnvelope('events_api', event);
    expect(evAck.payload ?? {}).toEqual({});
    // Socket Mode redelivers too (retry_attempt): same event_id, answered once.
    await fake.sendEnvelope('events_api', event);
    const reply = await waitFor(() => fake.callsTo('chat.postMessage')[before + 1], 5000, 'thread answer');
    expect(reply.args.thread_ts).toBe(ts);
    expect(messageText(reply.args)).toMatch(/Russian/);
    await eventsDone(sink, [event.event_id], 2);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(before + 2);
  });

  it('/digest asks users.info whether the caller is a workspace admin', async () => {
    const refused = await fake.sendEnvelope('slash_commands', { ...slashPayload('/digest', 'subscribe daily 09:00'), user_id: 'U5' });
    expect(JSON.stringify(refused.payload)).toMatch(/workspace admins and owners/);
    fake.admins.add('U6');
    const allowed = await fake.sendEnvelope('slash_commands', { ...slashPayload('/digest', 'subscribe daily 09:00'), user_id: 'U6' });
    expect(JSON.stringify(allowed.payload)).not.toMatch(/workspace admins and owners/);
    expect(fake.callsTo('users.info').map((c) => c.args.user)).toEqual(['U5', 'U6']);
  });

  it('never logs a token', () => {
    // The log is not empty (the adapter logged its work at debug level), so the check below means something.
    expect(sink.text).toMatch(/slack adapter connected \(Socket Mode\)/);
    expect(sink.text).not.toContain(BOT_TOKEN);
    expect(sink.text).not.toContain(APP_TOKEN);
  });
});
