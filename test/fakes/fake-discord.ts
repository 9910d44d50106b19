import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A fake Discord for end-to-end tests: the REST API and the gateway on one 127.0.0.1 port.
 * Point discord.js at it with `rest: { api: fake.apiBase }`; the gateway URL comes from
 * `GET /gateway/bot`. Every REST call is recorded; 429s can be planned per route.
 */
export interface RecordedRequest {
  readonly method: string;
  /** Decoded, without `/api/v10`. */
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: any;
  readonly status: number;
  readonly at: number;
}

interface RateLimitPlan {
  method: string;
  path: RegExp;
  retryAfter: number;
  global: boolean;
  remaining: number;
}

export const FAKE_TOKEN = 'fake-bot-token';
export const FAKE_APP_ID = '845027738276462632';
/** A message object as Discord returns it, authored by the bot. */
export function discordMessage(m: { id: string; channelId: string; body?: any; timestamp: string }) {
  return {
    id: m.id,
    type: 0,
    channel_id: m.channelId,
    author: FAKE_BOT,
    content: m.body?.content ?? '',
    embeds: m.body?.embeds ?? [],
    components: m.body?.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: m.timestamp,
    edited_timestamp: null,
    flags: m.body?.flags ?? 0,
  };
}

export const FAKE_BOT = { id: '845027738276462632', username: 'briefbot', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 };

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Registered commands by scope: "global" or the guild id. */
  readonly commands = new Map<string, any[]>();
  identify: any;
  private readonly plans: RateLimitPlan[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters: { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  private seq = 0;
  private nextId = 1000;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeDiscord> {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const fake = new FakeDiscord(server, wss, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => void fake.onRequest(req, res));
    wss.on('connection', (ws, req) => fake.onSocket(ws, req));
    return fake;
  }

  /** What DISCORD_API_BASE is set to: the REST base without the version. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** The next `times` requests matching method + path get a 429 with `Retry-After: retryAfter` seconds. */
  rateLimit(method: string, path: RegExp, retryAfter: number, options: { times?: number; global?: boolean } = {}): void {
    this.plans.push({ method, path, retryAfter, global: options.global ?? false, remaining: options.times ?? 1 });
  }

  /** Sends a gateway dispatch (op 0) to every connected client. */
  dispatch(t: string, d: unknown): void {
    const frame = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const ws of this.sockets) ws.send(frame);
  }

  /** Resolves with the first recorded request (past or future) matching `match`. */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const found = this.requests.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake Discord: no matching request within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  /** The successful interaction callback for interaction `id`. */
  callbackFor(id: string, timeoutMs?: number): Promise<RecordedRequest> {
    return this.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`) && r.status < 300, timeoutMs);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -- REST -----------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, ''));
    const method = req.method ?? 'GET';
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      const record: RecordedRequest = { method, path, query: url.search, headers: req.headers, body, status, at: Date.now() };
      this.requests.push(record);
      for (const w of [...this.waiters]) {
        if (w.match(record)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(record);
        }
      }
      const text = json === undefined ? '' : JSON.stringify(json);
      res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers }).end(text);
    };

    const plan = this.plans.find((p) => p.remaining > 0 && p.method === method && p.path.test(path));
    if (plan) {
      plan.remaining--;
      return reply(
        429,
        { message: 'You are being rate limited.', retry_after: plan.retryAfter, global: plan.global },
        {
          'retry-after': String(plan.retryAfter),
          'x-ratelimit-scope': plan.global ? 'global' : 'user',
          ...(plan.global
            ? { 'x-ratelimit-global': 'true' }
            : {
                'x-ratelimit-limit': '5',
                'x-ratelimit-remaining': '0',
                'x-ratelimit-reset-after': String(plan.retryAfter),
                'x-ratelimit-bucket': 'fakebucket',
              }),
        },
      );
    }

    // Interaction callbacks and interaction webhooks carry no Authorization; everything else must.
    const open = path.startsWith('/interactions/') || path.startsWith('/webhooks/');
    if (!open && req.headers.authorization !== `Bot ${FAKE_TOKEN}`) return reply(401, { message: '401: Unauthorized', code: 0 });

    if (method === 'GET' && path === '/gateway/bot') {
      return reply(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') return reply(200, FAKE_BOT);
    if (method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) {
      return url.searchParams.get('with_response') === 'true' ? reply(200, { interaction: {}, resource: {} }) : reply(204);
    }
    if (/^\/webhooks\/[^/]+\/[^/]+\/messages\/[^/]+$/.test(path)) {
      if (method === 'PATCH') return reply(200, this.message('0', body));
      if (method === 'DELETE') return reply(204);
    }
    if (method === 'POST' && /^\/webhooks\/[^/]+\/[^/]+$/.test(path)) return reply(200, this.message('0', body));
    const channel = /^\/channels\/([^/]+)\/messages$/.exec(path);
    if (method === 'POST' && channel) return reply(200, this.message(channel[1] as string, body));
    const m = /^\/applications\/([^/]+)\/(?:guilds\/([^/]+)\/)?commands$/.exec(path);
    if (m) {
      const scope = m[2] ?? 'global';
      if (method === 'GET') return reply(200, this.commands.get(scope) ?? []);
      if (method === 'PUT' && Array.isArray(body)) {
        const stored = body.map((c: any) => ({
          id: String(this.nextId++),
          application_id: m[1],
          version: String(this.nextId++),
          ...(m[2] ? { guild_id: m[2] } : {}),
          default_member_permissions: null,
          type: 1,
          nsfw: false,
          contexts: null,
          integration_types: [0],
          ...c,
        }));
        this.commands.set(scope, stored);
        return reply(200, stored);
      }
    }
    return reply(404, { message: '404: Not Found', code: 0 });
  }

  private message(channelId: string, body: any): unknown {
    return discordMessage({ id: String(this.nextId++), channelId, body, timestamp: new Date().toISOString() });
  }

  // -- gateway --------------------------------------------------------------------------------

  private onSocket(ws: WebSocket, req: IncomingMessage): void {
    // A plain-JSON fake cannot speak zlib-stream; fail loudly rather than silently.
    if ((req.url ?? '').includes('compress=')) {
      ws.close(4000, 'compression not supported by the fake');
      return;
    }
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    ws.on('message', (data) => {
      const packet = JSON.parse(String(data));
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) {
        this.identify = packet.d;
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: ++this.seq,
            d: {
              v: 10,
              user: FAKE_BOT,
              guilds: [],
              session_id: 'fake-session',
              resume_gateway_url: `ws://127.0.0.1:${this.port}`,
              shard: [0, 1],
              application: { id: FAKE_APP_ID, flags: 0 },
            },
          }),
        );
      }
      if (packet.op === 6) ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
    });
  }
}
