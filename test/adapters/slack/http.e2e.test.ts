import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/adapters/slack/render-slack.js';
import type { RunningSlack } from '../../../src/adapters/slack/slack-app.js';
import type { Bot } from '../../../src/main.js';
import { BOT, FakeSlack, waitFor } from '../../fakes/fake-slack.js';
import { SEED_ID, testBot } from '../../helpers/bot.js';
import { postSigned, slackSignature, slashCommandBody } from '../../helpers/slack-signing.js';
import {
  BOT_TOKEN,
  blockActions,
  buttons,
  eventEnvelope,
  eventsDone,
  type LogSink,
  messageText,
  newEventId,
  SIGNING_SECRET,
  startBot,
  userTs,
} from './slack-harness.js';

let fake: FakeSlack;
let app: Bot;
let running: RunningSlack;
let sink: LogSink;
let url: string;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  app = await testBot();
  ({ running, sink, url } = await startBot(fake, app.core));
});
afterAll(async () => {
  await running?.stop();
  await app?.stop();
  await fake?.close();
});
afterEach(() => {
  // Whatever happened, no secret reached the logs.
  expect(sink.text).not.toContain(BOT_TOKEN);
  expect(sink.text).not.toContain(SIGNING_SECRET);
});

const slash = (command: string, text: string, extra: { user_id?: string; channel_id?: string } = {}) => {
  const responseUrl = fake.responseUrl();
  const body = slashCommandBody({ command, text, response_url: responseUrl, ...extra });
  return { responseUrl, send: () => postSigned(url, body, 'form', { signingSecret: SIGNING_SECRET }) };
};
const sendEvent = (event: Record<string, unknown>, eventId?: string, headers?: Record<string, string>) =>
  postSigned(url, JSON.stringify(eventEnvelope(event, eventId)), 'json', { signingSecret: SIGNING_SECRET, ...(headers ? { headers } : {}) });
const sendAction = (payload: object) =>
  postSigned(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'form', { signingSecret: SIGNING_SECRET });
const postsAfter = (n: number) => fake.callsTo('chat.postMessage').slice(n);
const respondsTo = (responseUrl: string) => fake.responses(responseUrl);

/** Posts /ask public:true and returns the ts of the bot's channel message (a thread root). */
async function publicAsk(question: string, channel = 'C1', answered = true): Promise<{ ts: string; args: Record<string, unknown> }> {
  const before = fake.callsTo('chat.postMessage').length;
  const res = await slash('/ask', `public:true ${question}`, { channel_id: channel }).send();
  expect(res.status).toBe(200);
  const post = await waitFor(() => postsAfter(before)[0], 5000, 'chat.postMessage');
  const ts = String(post.result?.ts);
  // An answer's conversation is bound to the new thread (a refusal has no context to continue).
  if (answered) await waitFor(() => app.core.hasConversation(`slack:${channel}:${ts}`), 2000, 'thread bound');
  return { ts, args: post.args };
}

describe('Slack over HTTP (signed requests, real Bolt, fake Slack)', () => {
  it('a signed /ask is acknowledged within 3 s with a private answer and a citation', async () => {
    const started = Date.now();
    const res = await slash('/ask', 'How many US troops are in Niger?').send();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/1,000/);
    expect(JSON.stringify(body.blocks)).toContain('theguardian.com');
    expect(buttons(body, ACTION.feedbackUp)).toHaveLength(1);
  });

  it('/brief posts in the channel with chat.postMessage, and the post starts a thread conversation', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const res = await slash('/brief', 'length:tldr').send();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const post = await waitFor(() => postsAfter(before)[0], 5000, 'chat.postMessage');
    expect(post.args.channel).toBe('C1');
    expect(post.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(messageText(post.args)).toContain('Airbase 101');
    expect(post.args.thread_ts).toBeUndefined();
    await waitFor(() => app.core.hasConversation(`slack:C1:${String(post.result?.ts)}`), 2000, 'thread conversation');
  });

  it("a reply in the bot's thread is answered in that thread, using the conversation's context", async () => {
    const root = await publicAsk('Who entered the airbase?');
    const before = fake.callsTo('chat.postMessage').length;
    const res = await sendEvent({ type: 'message', channel: 'C1', user: 'U2', text: 'how many of them?', ts: userTs(), thread_ts: root.ts });
    expect(res.status).toBe(200);
    const reply = await waitFor(() => postsAfter(before)[0], 5000, 'thread answer');
    expect(reply.args.thread_ts).toBe(root.ts);
    expect(messageText(reply.args)).toMatch(/60 Russian/);
    // Without the thread's context the same words are not answerable: the context did it.
    const plain = await slash('/ask', 'how many of them?').send();
    expect(((await plain.json()) as { text: string }).text).not.toMatch(/60 Russian/);
  });

  it('never speaks in threads it did not start, nor on plain channel messages', async () => {
    const before = fake.calls.length;
    const ids = [newEventId(), newEventId(), newEventId()];
    await sendEvent({ type: 'message', channel: 'C1', user: 'U2', text: 'how many of them?', ts: userTs(), thread_ts: '1699999999.000001' }, ids[0]);
    await sendEvent({ type: 'message', channel: 'C1', user: 'U2', text: 'Who entered the airbase?', ts: userTs() }, ids[1]);
    await sendEvent({ type: 'app_mention', channel: 'C1', user: 'U2', text: `<@${BOT.userId}> who?`, ts: userTs(), thread_ts: '1699999999.000002' }, ids[2]);
    await eventsDone(sink, ids);
    expect(fake.calls.slice(before)).toEqual([]);
  });

  it('a mention in a channel is answered in a thread under it, and that thread continues', async () => {
    const ts = userTs();
    const before = fake.callsTo('chat.postMessage').length;
    const ids = [newEventId(), newEventId(), newEventId()];
    await sendEvent({ type: 'app_mention', channel: 'C2', user: 'U2', text: `<@${BOT.userId}> Who entered the airbase?`, ts }, ids[0]);
    // Slack also sends the message event for the same message; it must not be answered twice.
    await sendEvent({ type: 'message', channel: 'C2', user: 'U2', text: `<@${BOT.userId}> Who entered the airbase?`, ts }, ids[1]);
    const answer = await waitFor(() => postsAfter(before)[0], 5000, 'mention answer');
    expect(answer.args).toMatchObject({ channel: 'C2', thread_ts: ts });
    expect(messageText(answer.args)).toMatch(/Russian/);
    await sendEvent({ type: 'message', channel: 'C2', user: 'U2', text: 'how many of them?', ts: userTs(), thread_ts: ts }, ids[2]);
    const followUp = await waitFor(() => postsAfter(before)[1], 5000, 'follow-up answer');
    expect(messageText(followUp.args)).toMatch(/60 Russian/);
    await eventsDone(sink, ids);
    expect(postsAfter(before)).toHaveLength(2);
  });

  it("a suggested-question button answers in the message's thread", async () => {
    const root = await publicAsk('Who entered the airbase?');
    const [suggestion] = buttons(root.args, ACTION.suggest);
    expect(suggestion).toBeDefined();
    const question = JSON.parse(suggestion?.value ?? '{}').q as string;
    const before = fake.callsTo('chat.postMessage').length;
    const res = await sendAction(
      blockActions({ actionId: suggestion?.action_id ?? '', value: suggestion?.value ?? '', responseUrl: fake.responseUrl(), message: { ts: root.ts } }),
    );
    expect(res.status).toBe(200);
    const answer = await waitFor(() => postsAfter(before)[0], 5000, 'suggestion answer');
    expect(answer.args.thread_ts).toBe(root.ts);
    expect(messageText(answer.args)).toContain(question.slice(0, 20));
  });

  it('a suggestion under a private answer is answered privately', async () => {
    const res = await slash('/ask', 'Who entered the airbase?').send();
    const body = (await res.json()) as Record<string, unknown>;
    const [suggestion] = buttons(body, ACTION.suggest);
    const responseUrl = fake.responseUrl();
    await sendAction(blockActions({ actionId: suggestion?.action_id ?? '', value: suggestion?.value ?? '', responseUrl, ephemeral: true }));
    const r = await waitFor(() => respondsTo(responseUrl)[0], 5000, 'private suggestion answer');
    expect(r.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('👍 / 👎 are recorded with the question, answer, briefing and citation', async () => {
    const root = await publicAsk('How many US troops are in Niger?');
    const [down] = buttons(root.args, ACTION.feedbackDown);
    const responseUrl = fake.responseUrl();
    await sendAction(blockActions({ actionId: ACTION.feedbackDown, value: down?.value ?? '', responseUrl, message: { ts: root.ts }, user: 'U9' }));
    const thanks = await waitFor(() => respondsTo(responseUrl)[0], 5000, 'feedback thanks');
    expect(String(thanks.body.text)).toMatch(/Thanks, noted/);
    const [record] = await app.services.feedback.list({ helpful: false, limit: 1 });
    expect(record).toMatchObject({
      platform: 'slack',
      user: 'U9',
      helpful: false,
      question: 'How many US troops are in Niger?',
      briefing: SEED_ID,
      conversation: `slack:C1:${root.ts}`,
    });
    expect(record?.answer).toMatch(/1,000/);
    expect(record?.citation).toMatchObject({ briefingId: SEED_ID, sectionId: expect.any(String) });
  });

  it('rejects a bad signature, a stale or future timestamp and missing headers with 401, and runs nothing', async () => {
    const before = fake.calls.length;
    const body = slashCommandBody({ command: '/brief', text: '', response_url: fake.responseUrl() });
    const now = Math.floor(Date.now() / 1000);
    expect((await postSigned(url, body, 'form', { signingSecret: 'wrong-secret' })).status).toBe(401);
    expect((await postSigned(url, body, 'form', { signingSecret: SIGNING_SECRET, timestamp: now - 6 * 60 })).status).toBe(401);
    expect((await postSigned(url, body, 'form', { signingSecret: SIGNING_SECRET, timestamp: now + 6 * 60 })).status).toBe(401);
    const tampered = await postSigned(url, body.replace('brief', 'brieF'), 'form', {
      signingSecret: SIGNING_SECRET,
      signature: slackSignature(SIGNING_SECRET, now, body),
      timestamp: now,
    });
    expect(tampered.status).toBe(401);
    expect((await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(401);
    // Four minutes old is still fine.
    expect(
      (
        await postSigned(url, slashCommandBody({ command: '/help', text: '', response_url: fake.responseUrl() }), 'form', {
          signingSecret: SIGNING_SECRET,
          timestamp: now - 4 * 60,
        })
      ).status,
    ).toBe(200);
    // A refused request is refused before Bolt sees it (nothing of it can still be running), and the
    // accepted /help is private: nothing may have been posted.
    expect(fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect(sink.text).toMatch(/slack request rejected: bad signature/);
  });

  it('survives a 429 with Retry-After: the post is retried after the wait', async () => {
    fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const before = fake.callsTo('chat.postMessage').length;
    const started = Date.now();
    const res = await slash('/brief', '').send();
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000); // acknowledged at once, the wait happens after
    const post = await waitFor(() => postsAfter(before)[0], 8000, 'retried post');
    expect(post.at - started).toBeGreaterThanOrEqual(950);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429).length).toBeGreaterThanOrEqual(1);
  });

  it('answers a retried event (same event_id, x-slack-retry-num) once', async () => {
    const root = await publicAsk('Who entered the airbase?');
    const before = fake.callsTo('chat.postMessage').length;
    const event = { type: 'message', channel: 'C1', user: 'U2', text: 'how many of them?', ts: userTs(), thread_ts: root.ts };
    expect((await sendEvent(event, 'EvRETRY1')).status).toBe(200);
    expect((await sendEvent(event, 'EvRETRY1', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    expect((await sendEvent(event, 'EvRETRY1', { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await waitFor(() => postsAfter(before)[0], 5000, 'answer');
    await eventsDone(sink, ['EvRETRY1'], 3);
    expect(postsAfter(before)).toHaveLength(1);
    expect(sink.text.match(/duplicate event ignored/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('ignores messages from other bots and from itself, even in its own threads', async () => {
    const root = await publicAsk('Who entered the airbase?');
    const before = fake.calls.length;
    const ids = [newEventId(), newEventId(), newEventId(), newEventId()];
    await sendEvent(
      { type: 'message', channel: 'C1', bot_id: 'BOTHER', user: 'UOTHERBOT', text: 'how many of them?', ts: userTs(), thread_ts: root.ts },
      ids[0],
    );
    await sendEvent(
      { type: 'message', subtype: 'bot_message', channel: 'C1', bot_id: 'BOTHER', text: 'how many of them?', ts: userTs(), thread_ts: root.ts },
      ids[1],
    );
    await sendEvent(
      { type: 'message', channel: 'C1', bot_id: BOT.botId, user: BOT.userId, text: 'how many of them?', ts: userTs(), thread_ts: root.ts },
      ids[2],
    );
    await sendEvent({ type: 'app_mention', channel: 'C1', bot_id: 'BOTHER', user: 'UOTHERBOT', text: `<@${BOT.userId}> who?`, ts: userTs() }, ids[3]);
    await eventsDone(sink, ids);
    expect(fake.calls.slice(before)).toEqual([]);
  });

  it('an attempt to inject <!channel> / <@U…> is escaped in everything the bot posts', async () => {
    const { args } = await publicAsk('<!channel> <!here> <!everyone> <@U123> Who entered the airbase?', 'C1', false);
    const posted = messageText(args);
    expect(posted).not.toMatch(/<![a-z]/);
    expect(posted).not.toMatch(/<@U/);
    // Text echoed back (here in an error message) is escaped, too.
    const echoed = await (await slash('/brief', '<!channel> &lt;!here&gt; <@U123|ann>').send()).json();
    expect(JSON.stringify(echoed)).toMatch(/No briefing matches/);
    expect(JSON.stringify(echoed)).not.toMatch(/<[!@]/);
    expect(JSON.stringify(echoed)).toContain('&lt;!here&gt;');
    // In a thread, too.
    const root = await publicAsk('Who entered the airbase?');
    const before = fake.callsTo('chat.postMessage').length;
    await sendEvent({ type: 'message', channel: 'C1', user: 'U2', text: '<!everyone> &lt;!channel&gt; how many of them?', ts: userTs(), thread_ts: root.ts });
    const reply = await waitFor(() => postsAfter(before)[0], 5000, 'thread answer');
    expect(messageText(reply.args)).not.toMatch(/<[!@]/);
  });

  it('a failure in a handler gets the user an incident id (no stack) and the app keeps running', async () => {
    fake.fail('chat.postMessage', { status: 200, error: 'fatal_error' });
    const cmd = slash('/brief', '');
    expect((await cmd.send()).status).toBe(200);
    const r = await waitFor(() => respondsTo(cmd.responseUrl)[0], 5000, 'incident message');
    const text = String(r.body.text);
    expect(text).toMatch(/incident inc-[0-9a-f]{8}/);
    expect(text).not.toMatch(/at .*\.ts:\d+|Error:/);
    const incident = /inc-[0-9a-f]{8}/.exec(text)?.[0] ?? 'none';
    expect(sink.text).toContain(incident);
    // Still running.
    const again = await slash('/ask', 'How many US troops are in Niger?').send();
    expect(again.status).toBe(200);
    expect(((await again.json()) as { text: string }).text).toMatch(/1,000/);
  });

  it('in a channel it cannot post in, a public reply goes through the response_url instead', async () => {
    fake.fail('chat.postMessage', { status: 200, error: 'not_in_channel' });
    const cmd = slash('/brief', 'length:tldr', { channel_id: 'G1' });
    await cmd.send();
    const [inChannel] = await waitFor(() => (respondsTo(cmd.responseUrl).length >= 2 ? respondsTo(cmd.responseUrl) : undefined), 5000, 'responses');
    expect(inChannel?.body.response_type).toBe('in_channel');
    expect(messageText(inChannel?.body ?? {})).toContain('Airbase 101');
  });

  it('a slow command is acknowledged within 3 s anyway, and the reply follows on the response_url', async () => {
    // Bolt's own 3 s "nobody acked" timeout, as in production (the shared bot uses a short one).
    const slow = await startBot(fake, app.core, {}, { unhandledRequestTimeoutMillis: 3001 });
    try {
      fake.fail('users.info', { status: 'slow', ms: 2600 });
      const responseUrl = fake.responseUrl();
      const body = slashCommandBody({ command: '/digest', text: 'subscribe daily 09:00', response_url: responseUrl, user_id: 'U7' });
      const started = Date.now();
      const res = await postSigned(slow.url, body, 'form', { signingSecret: SIGNING_SECRET });
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await res.text()).toBe('');
      const r = await waitFor(() => respondsTo(responseUrl)[0], 5000, 'late reply');
      expect(r.body.response_type).toBe('ephemeral');
      expect(String(r.body.text)).toMatch(/workspace admins and owners/);
    } finally {
      await slow.running.stop();
    }
  });

  it('answers 404 for other paths and a health check on /healthz', async () => {
    const base = url.replace('/slack/events', '');
    expect((await fetch(`${base}/nope`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('Slack over HTTP: request URL verification', () => {
  it('answers a signed url_verification challenge, and refuses an unsigned one', async () => {
    const body = JSON.stringify({ token: 'deprecated', challenge: 'abc123', type: 'url_verification' });
    const res = await postSigned(url, body, 'json', { signingSecret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
    expect((await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } })).status).toBe(401);
  });
});
