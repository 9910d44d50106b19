import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp, type Logger as BoltLogger, HTTPReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config/config.js';
import type { BotCore } from '../../core/bot-core.js';
import type { Clock, Logger } from '../../core/ports/runtime.js';
import type { RunningAdapter } from '../adapter.js';
import { registerActions } from './actions.js';
import { registerCommands } from './commands.js';
import type { SlackDeps } from './slack-context.js';
import { registerThreadFollowUps } from './thread-follow-ups.js';
import { verifySlackSignature } from './verify-signature.js';

/** The one HTTP path Slack calls (slash commands, events and interactivity): the manifest's request URL. */
export const SLACK_EVENTS_PATH = '/slack/events';
/** Largest request body accepted; Slack's payloads are far smaller. */
const BODY_LIMIT_BYTES = 1024 * 1024;
/** Slack retries an unacknowledged event three times within minutes (x-slack-retry-num); an hour covers them all. */
export const EVENT_DEDUPE_TTL_MS = 60 * 60_000;

/** Knobs the tests turn; production uses the defaults. */
export interface SlackAdapterOptions {
  /** The clock request signatures are checked against. */
  readonly clock?: Clock;
  /** How long HTTP mode waits for a listener to ack before answering 404 (Bolt default 3001). */
  readonly unhandledRequestTimeoutMillis?: number;
  /** Socket Mode ping timeout (also the reconnect back-off unit). */
  readonly clientPingTimeout?: number;
  /** Web API retry policy (default: up to five retries over five minutes, honouring Retry-After). */
  readonly retryConfig?: webApi.RetryOptions;
}

export interface RunningSlack extends RunningAdapter {
  readonly mode: 'socket' | 'http';
  /** HTTP mode: the port actually listened on (useful with port 0). */
  readonly port?: number;
  readonly bolt: BoltApp;
}

/**
 * Starts the Slack adapter: Socket Mode when an app-level token is configured (no public URL
 * needed), otherwise HTTP on the configured host and port, with signatures checked against
 * SLACK_SIGNING_SECRET before Bolt sees the request.
 */
export async function startSlackAdapter(config: SlackConfig, core: BotCore, logger: Logger, options: SlackAdapterOptions = {}): Promise<RunningSlack> {
  const boltLogger = toBoltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.apiUrl,
    logger: boltLogger,
    retryConfig: options.retryConfig ?? webApi.retryPolicies.fiveRetriesInFiveMinutes,
  };

  // Who am I? Also checks the bot token before anything listens.
  const auth = await new webApi.WebClient(config.botToken, clientOptions).auth.test().catch((err: unknown) => {
    const code = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
    throw new Error(`Slack rejected SLACK_BOT_TOKEN (auth.test: ${code})`);
  });
  if (!auth.user_id) throw new Error('Slack auth.test returned no bot user id; is SLACK_BOT_TOKEN a bot token (xoxb-…)?');
  const bot = { userId: auth.user_id, ...(auth.bot_id ? { botId: auth.bot_id } : {}), ...(auth.team_id ? { teamId: auth.team_id } : {}) };

  const mode = config.appToken ? 'socket' : 'http';
  let receiver: SocketModeReceiver | HTTPReceiver;
  if (config.appToken) {
    receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger,
      installerOptions: { clientOptions },
      ...(options.clientPingTimeout ? { clientPingTimeout: options.clientPingTimeout } : {}),
    });
  } else {
    if (!config.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      // Verified below with our own clock-injectable check, which also rejects future timestamps.
      signatureVerification: false,
      endpoints: SLACK_EVENTS_PATH,
      logger: boltLogger,
      ...(options.unhandledRequestTimeoutMillis ? { unhandledRequestTimeoutMillis: options.unhandledRequestTimeoutMillis } : {}),
    });
  }

  const bolt = new BoltApp({
    receiver,
    token: config.botToken,
    botUserId: bot.userId,
    ...(bot.botId ? { botId: bot.botId } : {}),
    logger: boltLogger,
    clientOptions,
    // The listeners tell the bot's own (and other bots') messages apart themselves (`fromBot`), so every
    // event passes the middleware below first and is traced.
    ignoreSelf: false,
  });
  const deps: SlackDeps = { bolt, core, config, logger, bot };

  // Slack redelivers an event it thinks timed out (x-slack-retry-num), possibly to another replica or
  // after a restart; the store remembers each event_id, so it is answered once. Each event's end is
  // logged at debug level, so "ignored" can be told apart from "not handled yet".
  bolt.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    if (!(await core.firstTime(`slack:${eventId}`, EVENT_DEDUPE_TTL_MS))) {
      logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'duplicate event ignored');
      return;
    }
    try {
      await next();
    } finally {
      logger.debug({ eventId, type: (body as { event?: { type?: unknown } }).event?.type }, 'slack event handled');
    }
  });
  registerCommands(deps);
  registerThreadFollowUps(deps);
  registerActions(deps);
  bolt.error(async (error) => {
    logger.error({ err: error }, 'slack listener error');
  });

  if (receiver instanceof SocketModeReceiver) {
    const socket = receiver.client;
    // Readiness: the socket is open from Slack's hello until it disconnects or starts reconnecting.
    let connected = false;
    socket.on('connected', () => {
      connected = true;
    });
    for (const state of ['disconnecting', 'disconnected', 'reconnecting']) {
      socket.on(state, () => {
        connected = false;
      });
    }
    await bolt.start();
    logger.info({ mode, bot: bot.userId }, 'slack adapter connected (Socket Mode)');
    return {
      name: 'slack',
      mode: 'socket',
      bolt,
      isConnected: () => connected,
      async stop() {
        // bolt.stop() resolves before the socket has closed; wait for it, or a close-handshake timer lingers.
        const closed = new Promise<void>((resolve) => {
          socket.once('disconnected', () => resolve());
          setTimeout(resolve, 3000).unref();
        });
        await bolt.stop();
        await closed;
      },
    };
  }

  const httpReceiver = receiver;
  const signingSecret = config.signingSecret as string;
  const clock = options.clock ?? (() => new Date());
  const server = createServer((req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      logger.error({ err }, 'slack http request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'POST' || path !== SLACK_EVENTS_PATH) {
      res.writeHead(404).end();
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      res.writeHead(413).end();
      return;
    }
    if (/^ssl_check=1(&|$)/.test(body.toString('utf8'))) {
      res.writeHead(200).end(); // Slack's certificate check: confirm receipt, nothing else.
      return;
    }
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const check = verifySlackSignature({
      signingSecret,
      timestamp: header('x-slack-request-timestamp'),
      signature: header('x-slack-signature'),
      body,
      now: clock(),
    });
    if (!check.ok) {
      logger.warn({ reason: check.reason, path }, 'slack request rejected: bad signature');
      res.writeHead(401).end();
      return;
    }
    // Bolt reuses an already-read body when it finds it here.
    Object.assign(req, { rawBody: body });
    httpReceiver.requestListener(req, res);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: config.http.port, host: config.http.host }, () => {
      server.off('error', reject);
      // Without a listener, a later socket error (EMFILE on accept) would crash the process.
      server.on('error', (err) => logger.error({ err }, 'slack HTTP server error'));
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ mode, host: config.http.host, port, path: SLACK_EVENTS_PATH, bot: bot.userId }, 'slack adapter listening (HTTP)');
  return {
    name: 'slack',
    mode: 'http',
    port,
    bolt,
    isConnected: () => server.listening,
    stop: () => closeServer(server),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}

/** Bolt's logger interface on top of ours (pino). Bolt's info chatter goes to debug. */
function toBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ lib: 'bolt' });
  const write =
    (level: 'debug' | 'warn' | 'error') =>
    (...msgs: unknown[]) => {
      const err = msgs.find((m) => m instanceof Error);
      const text = msgs
        .filter((m) => !(m instanceof Error))
        .map((m) => (typeof m === 'string' ? m : safeJson(m)))
        .join(' ');
      log[level](err ? { err } : {}, text);
    };
  let level = LogLevel.INFO;
  return {
    debug: write('debug'),
    info: write('debug'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
