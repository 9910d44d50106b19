import { Writable } from 'node:stream';
import { type RunningSlack, type SlackAdapterOptions, startSlackAdapter } from '../../../src/adapters/slack/slack-app.js';
import type { SlackConfig } from '../../../src/config/config.js';
import type { BotCore } from '../../../src/core/bot-core.js';
import { createLogger } from '../../../src/logger.js';
import { BOT, type FakeSlack, waitFor } from '../../fakes/fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-bot-token';
export const APP_TOKEN = 'xapp-test-app-token';

/** Log lines the adapter wrote (JSON), for checking incidents and that no secret is ever logged. */
export class LogSink {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk, _enc, cb) => {
      this.lines.push(String(chunk));
      cb();
    },
  });
  get text(): string {
    return this.lines.join('');
  }
}

export function slackConfig(fake: FakeSlack, overrides: Partial<SlackConfig> = {}): SlackConfig {
  return {
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    http: { host: '127.0.0.1', port: 0 },
    apiUrl: fake.apiUrl,
    commandNames: {},
    digestManagers: [],
    ...overrides,
  };
}

/**
 * Test-friendly knobs: short unhandled-request timeout, quick retries. Socket pings keep a generous
 * timeout: on a loaded machine a 300 ms one dropped the socket mid-test and the client reconnected.
 */
export const TEST_OPTIONS: SlackAdapterOptions = {
  unhandledRequestTimeoutMillis: 300,
  clientPingTimeout: 5000,
  retryConfig: { retries: 2, factor: 1, minTimeout: 50, maxTimeout: 100 },
};

export async function startBot(fake: FakeSlack, core: BotCore, overrides: Partial<SlackConfig> = {}, options: SlackAdapterOptions = {}) {
  const sink = new LogSink();
  const logger = createLogger({ level: 'debug', format: 'json' }, sink.stream);
  const running: RunningSlack = await startSlackAdapter(slackConfig(fake, overrides), core, logger, { ...TEST_OPTIONS, ...options });
  const url = running.port ? `http://127.0.0.1:${running.port}/slack/events` : '';
  return { running, sink, url };
}

let eventCounter = 0;
export const newEventId = () => `Ev${++eventCounter}${Date.now()}`;

/**
 * Waits until the adapter has finished with each event id `times` times (handled, or ignored as a
 * duplicate), as its debug log says: the event to wait for before asserting that nothing happened.
 */
export function eventsDone(sink: LogSink, ids: readonly string[], times = 1): Promise<true> {
  const done = (id: string) =>
    sink.lines.filter((l) => {
      const line = JSON.parse(l) as { msg?: string; eventId?: string };
      return line.eventId === id && (line.msg === 'slack event handled' || line.msg === 'duplicate event ignored');
    }).length;
  return waitFor(() => ids.every((id) => done(id) >= times) || undefined, 5000, `events ${ids.join(', ')} handled`);
}

export function eventEnvelope(event: Record<string, unknown>, eventId = newEventId()) {
  return {
    token: 'deprecated',
    team_id: BOT.teamId,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: BOT.teamId, user_id: BOT.userId, is_bot: true, is_enterprise_install: false }],
    event: { event_ts: String(Date.now() / 1000), ...event },
  };
}

let tsCounter = 0;
/** A message ts unlike the fake's (those start 1700000000.). */
export function userTs(): string {
  return `1800000000.${String(++tsCounter).padStart(6, '0')}`;
}

export function blockActions(fields: {
  actionId: string;
  value: string;
  responseUrl: string;
  channel?: string;
  message?: { ts: string; thread_ts?: string };
  ephemeral?: boolean;
  user?: string;
}) {
  const channel = fields.channel ?? 'C1';
  return {
    type: 'block_actions',
    user: { id: fields.user ?? 'U1', username: 'ann', team_id: BOT.teamId },
    api_app_id: 'A1',
    token: 'deprecated',
    team: { id: BOT.teamId, domain: 'fake' },
    channel: { id: channel, name: 'news' },
    container: { type: 'message', message_ts: fields.message?.ts ?? '1.1', channel_id: channel, is_ephemeral: Boolean(fields.ephemeral) },
    ...(fields.message && !fields.ephemeral ? { message: { type: 'message', bot_id: BOT.botId, text: 'x', ...fields.message } } : {}),
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
    actions: [{ type: 'button', action_id: fields.actionId, block_id: 'b1', value: fields.value, text: { type: 'plain_text', text: 'x' }, action_ts: '1.2' }],
  };
}

/** All text in a recorded message (blocks + fallback), for content assertions. */
export function messageText(args: Record<string, unknown>): string {
  return `${String(args.text ?? '')}\n${JSON.stringify(args.blocks ?? [])}`;
}

/** Button values of a given action id prefix in a recorded message. */
export function buttons(args: Record<string, unknown>, prefix: string): { action_id: string; value: string }[] {
  const blocks = (args.blocks ?? []) as { type: string; elements?: { action_id?: string; value?: string }[] }[];
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.action_id?.startsWith(prefix))
    .map((e) => ({ action_id: e.action_id as string, value: e.value as string }));
}
