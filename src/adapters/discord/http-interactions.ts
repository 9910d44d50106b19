import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from 'discord.js';
import type { DiscordConfig } from '../../config/config.js';
import type { BotCore } from '../../core/bot-core.js';
import type { Logger } from '../../core/ports/runtime.js';
import type { RunningAdapter } from '../adapter.js';
import type { InteractionResponse, RawInteraction } from './interaction.js';
import { type HandlerOptions, InteractionHandler } from './interaction-handler.js';
import { restApiBase, webhookResponder } from './rest-responder.js';
import { importDiscordPublicKey, MAX_TIMESTAMP_SKEW_S, verifyDiscordRequest } from './verify-ed25519.js';

export interface HttpInteractionsServer extends RunningAdapter {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
}

/** Interaction payloads are a few kilobytes; anything much bigger is not from Discord. */
const MAX_BODY_BYTES = 256 * 1024;
export const INTERACTIONS_PATH = '/interactions';
/**
 * How long a handled interaction id is remembered. A signed request is accepted while its timestamp is
 * within MAX_TIMESTAMP_SKEW_S of our clock on either side, so a replay can arrive up to twice that after
 * the original; remembering it that long means a replayed signed interaction is never answered twice.
 */
export const REPLAY_WINDOW_MS = 2 * MAX_TIMESTAMP_SKEW_S * 1000;

/**
 * HTTP interactions mode: Discord POSTs each interaction to `http://host:port/interactions`; the
 * signature is checked (401 otherwise), PING gets PONG, and the initial response is the HTTP
 * response body. Edits and follow-ups go through the REST API. Holds no state between requests, so
 * several instances can share one load balancer (conversations and handled ids live in the shared store).
 */
export async function startHttpInteractions(
  config: DiscordConfig & { publicKey: string },
  core: BotCore,
  logger: Logger,
  options: HandlerOptions = {},
): Promise<HttpInteractionsServer> {
  const key = importDiscordPublicKey(config.publicKey);
  const rest = new REST({ api: restApiBase(config.apiBase) });
  if (config.token) rest.setToken(config.token);
  const handler = new InteractionHandler(core, logger, options);

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((err) => {
      logger.error({ err }, 'discord http request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, { ok: true });
    if (path !== INTERACTIONS_PATH) return send(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' });
    const body = await readBody(req);
    if (!body) return send(res, 413, { error: 'body too large' });

    const verdict = verifyDiscordRequest(key, req.headers['x-signature-ed25519'], req.headers['x-signature-timestamp'], body);
    if (verdict !== 'ok') {
      logger.warn({ verdict, remote: req.socket.remoteAddress }, 'discord request refused: invalid request signature');
      res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
      return;
    }
    let interaction: RawInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as RawInteraction;
      if (typeof interaction !== 'object' || interaction === null || typeof interaction.type !== 'number') throw new Error('not an interaction');
    } catch {
      return send(res, 400, { error: 'not an interaction' });
    }
    if (typeof interaction.id === 'string' && !(await core.firstTime(`discord:${interaction.id}`, REPLAY_WINDOW_MS))) {
      logger.warn({ interaction: interaction.id, remote: req.socket.remoteAddress }, 'discord request refused: interaction already handled (replayed)');
      return send(res, 409, { error: 'interaction already handled' });
    }

    let answered!: (response: InteractionResponse) => void;
    const initial = new Promise<InteractionResponse>((resolve) => {
      answered = resolve;
    });
    const done = handler.handle(interaction, {
      callback: async (response) => answered(response),
      ...webhookResponder(rest, interaction),
    });
    const response = await Promise.race([initial, done.then(() => undefined)]);
    if (response) send(res, 200, response);
    else send(res, 500, { error: 'no response' });
    await done;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ host: config.http.host, port, path: INTERACTIONS_PATH, mode: 'http' }, 'discord interactions endpoint listening');
  return {
    name: 'discord',
    port,
    isConnected: () => server.listening,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
