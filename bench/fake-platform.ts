import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Discord REST API and Slack Web API on 127.0.0.1, for the digest benchmark and tests.
 * - Discord: POST /api/v10/channels/:id/messages; honours `nonce` + `enforce_nonce` like Discord
 *   (the same nonce in the same channel returns the existing message instead of creating one).
 * - Slack: POST /api/chat.postMessage (form or JSON) and /api/auth.test.
 * - A token bucket across all requests (`ratePerSec`, `burst`); beyond it, 429 with Retry-After
 *   (and Discord's global rate-limit headers and body).
 * - Scripted failures per channel, consumed one per request.
 * Records every message it created, so a test can count sent, duplicated and lost.
 */
export type FakeFailure =
  | { readonly status: number } // plain HTTP error (e.g. 500, 503)
  | { readonly discordCode: number; readonly status?: number } // Discord JSON error (10003 → 404, 50001 → 403…)
  | { readonly slackError: string }; // Slack {ok:false, error}

export interface FakePlatformOptions {
  /** Requests per second allowed; 0 = unlimited. */
  readonly ratePerSec?: number;
  /** Bucket size (default = ratePerSec). */
  readonly burst?: number;
  /** Delay before each answer, ms. */
  readonly latencyMs?: number;
}

export interface CreatedMessage {
  readonly platform: 'discord' | 'slack';
  readonly channel: string;
  readonly id: string;
  readonly nonce?: string;
  readonly key?: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
}

export class FakePlatform {
  readonly created: CreatedMessage[] = [];
  readonly failures = new Map<string, FakeFailure[]>();
  requests = 0;
  rateLimited = 0;
  /** Called after a message is created and before the answer is sent (a test may kill the client here). */
  onCreated: ((message: CreatedMessage) => void) | undefined;
  nonceReplays = 0;
  private server: Server | undefined;
  private tokens: number;
  private last = performance.now();
  private seq = 0;
  private readonly byNonce = new Map<string, CreatedMessage>();

  constructor(private readonly options: FakePlatformOptions = {}) {
    this.tokens = options.burst ?? options.ratePerSec ?? 0;
  }

  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  fail(channel: string, ...failures: FakeFailure[]): void {
    this.failures.set(channel, [...(this.failures.get(channel) ?? []), ...failures]);
  }

  /** Messages created per channel. */
  counts(): Map<string, number> {
    const m = new Map<string, number>();
    for (const c of this.created) m.set(c.channel, (m.get(c.channel) ?? 0) + 1);
    return m;
  }

  /** sent = channels with at least one message; duplicated = messages beyond the first per channel; lost = expected channels with none. */
  tally(expected: readonly string[]): { sent: number; duplicated: number; lost: number } {
    const counts = this.counts();
    let duplicated = 0;
    for (const n of counts.values()) duplicated += Math.max(0, n - 1);
    const lost = expected.filter((c) => !counts.has(c)).length;
    return { sent: expected.length - lost, duplicated, lost };
  }

  private take(): number | undefined {
    const rate = this.options.ratePerSec ?? 0;
    if (rate <= 0) return undefined;
    const burst = this.options.burst ?? rate;
    const now = performance.now();
    this.tokens = Math.min(burst, this.tokens + ((now - this.last) * rate) / 1000);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    return (1 - this.tokens) / rate; // seconds until a token is available
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    this.requests++;
    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] as string);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const discord = /^\/api\/v\d+\/channels\/([^/]+)\/messages$/.exec(path);
    const slack = /^\/api\/([a-zA-Z.]+)$/.exec(path);
    const wait = this.take();
    if (wait !== undefined) {
      this.rateLimited++;
      if (discord) {
        return send(
          429,
          { message: 'You are being rate limited.', retry_after: Number(wait.toFixed(3)), global: true },
          { 'retry-after': wait.toFixed(3), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
        );
      }
      return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.max(1, Math.ceil(wait))) });
    }
    if (discord && req.method === 'POST') {
      const channel = discord[1] as string;
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const failure = this.failures.get(channel)?.shift();
      if (failure) {
        if ('discordCode' in failure) {
          const status = failure.status ?? (failure.discordCode === 10003 ? 404 : failure.discordCode >= 50000 ? 403 : 400);
          return send(status, { message: `Error ${failure.discordCode}`, code: failure.discordCode });
        }
        if ('status' in failure) return send(failure.status, { message: 'Server error', code: 0 });
      }
      const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
      const nonceKey = nonce && body.enforce_nonce === true ? `${channel}:${nonce}` : undefined;
      const existing = nonceKey ? this.byNonce.get(nonceKey) : undefined;
      if (existing) {
        this.nonceReplays++;
        return send(200, { id: existing.id, channel_id: channel, nonce, content: body.content ?? '' });
      }
      const message: CreatedMessage = { platform: 'discord', channel, id: String(++this.seq), ...(nonce ? { nonce } : {}), body, at: Date.now() };
      this.created.push(message);
      if (nonceKey) this.byNonce.set(nonceKey, message);
      this.onCreated?.(message);
      return send(200, { id: message.id, channel_id: channel, nonce, content: body.content ?? '', embeds: body.embeds ?? [] });
    }
    if (slack) {
      const method = slack[1] as string;
      const form = (req.headers['content-type'] ?? '').includes('json')
        ? (JSON.parse(raw || '{}') as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(raw));
      if (method === 'auth.test') return send(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
      if (method === 'chat.postMessage') {
        const channel = String(form.channel ?? '');
        const failure = this.failures.get(channel)?.shift();
        if (failure) {
          if ('slackError' in failure) return send(200, { ok: false, error: failure.slackError });
          if ('status' in failure && failure.status !== undefined) return send(failure.status, { ok: false, error: 'internal_error' });
        }
        const metadata =
          typeof form.metadata === 'string'
            ? (JSON.parse(form.metadata) as { event_payload?: { key?: string } })
            : (form.metadata as { event_payload?: { key?: string } } | undefined);
        const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
        const key = metadata?.event_payload?.key;
        const message: CreatedMessage = { platform: 'slack', channel, id: ts, ...(key ? { key } : {}), body: form, at: Date.now() };
        this.created.push(message);
        this.onCreated?.(message);
        return send(200, { ok: true, channel, ts, message: { ts, text: form.text } });
      }
      return send(200, { ok: false, error: 'unknown_method' });
    }
    send(404, { message: '404: Not Found', code: 0 });
  }
}
