import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A fake Slack on 127.0.0.1: the Web API at /api/<method>, response_url endpoints at
 * /respond/<id>, and a Socket Mode WebSocket at /socket. It records every call and can be told to
 * fail a method (429 with Retry-After, or ok:false). Nothing here talks to anything else.
 */
export interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
  readonly status: number;
  readonly at: number;
  /** What the fake answered (e.g. chat.postMessage's `ts`). */
  result?: Record<string, unknown>;
}
export interface Respond {
  readonly id: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
}
type Plan = { status: 429; retryAfter: number } | { status: 200; error: string } | { status: 500 } | { status: 'slow'; ms: number };

export const BOT = { userId: 'UBOT', botId: 'BBOT', teamId: 'T1' } as const;

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responds: Respond[] = [];
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  /** Users whose users.info says is_admin. */
  readonly admins = new Set<string>();
  private readonly plans = new Map<string, Plan[]>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private ackWaiters = new Map<string, (frame: { envelope_id: string; payload?: unknown }) => void>();
  private tsCounter = 0;
  private respondCounter = 0;
  port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, headers, body }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body === undefined ? '' : JSON.stringify(body));
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/socket' });
    this.wss.on('connection', (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { envelope_id: string; payload?: unknown };
        this.acks.push(frame);
        this.ackWaiters.get(frame.envelope_id)?.(frame);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A1' } }));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen({ port: 0, host: '127.0.0.1' }, resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url pointing at this fake. */
  responseUrl(): string {
    return `http://127.0.0.1:${this.port}/respond/${++this.respondCounter}`;
  }

  /** The next call(s) to `method` fail as planned, in order. */
  fail(method: string, ...plans: Plan[]): void {
    this.plans.set(method, [...(this.plans.get(method) ?? []), ...plans]);
  }

  /** What the bot sent to one response_url. */
  responses(responseUrl: string): Respond[] {
    const id = responseUrl.split('/respond/')[1];
    return this.responds.filter((r) => r.id === id);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** Sends a Socket Mode envelope; resolves with the app's ack frame. */
  /**
   * Sends an envelope to the connected client and resolves with its ack. Waits for a client if it is
   * reconnecting (rather than sending to nobody), and fails after `timeoutMs` instead of hanging.
   */
  async sendEnvelope(
    type: 'slash_commands' | 'events_api' | 'interactive',
    payload: unknown,
    envelopeId = `env-${Math.random().toString(36).slice(2)}`,
    timeoutMs = 10_000,
  ): Promise<{ envelope_id: string; payload?: unknown }> {
    await waitFor(() => this.sockets.size > 0, timeoutMs, 'a Socket Mode client to connect');
    const acked = new Promise<{ envelope_id: string; payload?: unknown }>((resolve) => this.ackWaiters.set(envelopeId, resolve));
    const frame = JSON.stringify({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: 0,
      retry_reason: '',
    });
    for (const ws of this.sockets) ws.send(frame);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ack for envelope ${envelopeId} within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([acked, late]).finally(() => clearTimeout(timer));
  }

  get connected(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; headers?: Record<string, string>; body?: unknown }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parsed = parseBody(raw, req.headers['content-type']);

    const respond = /^\/respond\/(.+)$/.exec(url.pathname);
    if (respond) {
      this.responds.push({ id: respond[1] as string, body: parsed, at: Date.now() });
      return { status: 200, body: { ok: true } };
    }
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!api) return { status: 404, body: { ok: false, error: 'unknown_path' } };
    const method = api[1] as string;
    let plan = this.plans.get(method)?.shift();
    if (plan?.status === 'slow') {
      await new Promise((r) => setTimeout(r, (plan as { ms: number }).ms));
      plan = undefined;
    }
    const record = (status: number) => this.calls.push({ method, args: parsed, headers: req.headers, status, at: Date.now() });
    if (plan?.status === 429) {
      record(429);
      return { status: 429, headers: { 'retry-after': String(plan.retryAfter) }, body: { ok: false, error: 'ratelimited' } };
    }
    if (plan?.status === 500) {
      record(500);
      return { status: 500, body: { ok: false, error: 'internal_error' } };
    }
    record(200);
    const result = plan?.status === 200 ? { ok: false, error: plan.error } : (this.answer(method, parsed) as Record<string, unknown>);
    (this.calls[this.calls.length - 1] as ApiCall).result = result;
    return { status: 200, body: result };
  }

  private answer(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake-workspace.example/',
          team: 'Fake',
          user: 'briefbot',
          team_id: BOT.teamId,
          user_id: BOT.userId,
          bot_id: BOT.botId,
        };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket?ticket=fake` };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return { ok: true, channel: args.channel, ts, message: { type: 'message', subtype: 'bot_message', bot_id: BOT.botId, text: args.text, ts } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'users.info': {
        const id = String(args.user);
        return { ok: true, user: { id, is_admin: this.admins.has(id), is_owner: false } };
      }
      default:
        return { ok: true };
    }
  }

  private nextTs(): string {
    return `1700000000.${String(++this.tsCounter).padStart(6, '0')}`;
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeParse(v) : v;
  }
  return out;
}

function safeParse(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** Polls until `fn` returns a truthy value (real timers), or fails after `timeoutMs`. */
export async function waitFor<T>(
  fn: () => T | undefined | false | null | Promise<T | undefined | false | null>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
