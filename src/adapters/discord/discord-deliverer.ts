import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import type { Deliverer, DeliveryResult, Destination } from '../../core/ports/deliverer.js';
import type { Reply } from '../../core/reply/reply.js';
import { renderDiscord } from './render-discord.js';
import { restApiBase } from './rest-responder.js';

/**
 * Discord JSON error codes after which retrying cannot help: the subscription is paused with the reason.
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
 */
export const PERMANENT_DISCORD_CODES: Readonly<Record<number, string>> = {
  10003: 'Discord says the channel no longer exists (10003 Unknown Channel)',
  10004: 'Discord says the server no longer exists or the bot was removed from it (10004 Unknown Guild)',
  50001: 'the bot has no access to the channel (50001 Missing Access): it may have been removed, or cannot see the channel',
  50013: 'the bot lacks permission to post there (50013 Missing Permissions): it needs View Channel, Send Messages and Embed Links',
  50007: 'Discord refuses messages to this user (50007)',
  50083: 'the thread is archived (50083)',
  160005: 'the thread is locked (160005)',
};

export interface DiscordDelivererOptions {
  readonly token: string;
  /** DISCORD_API_BASE, without the version (the library adds /v10). */
  readonly apiBase: string;
  /** Overrides for @discordjs/rest (timeouts, retries) — tests and the benchmark use them. */
  readonly rest?: ConstructorParameters<typeof REST>[0];
}

/**
 * Posts digests to Discord channels with @discordjs/rest, which queues per route, keeps under the
 * global 50 requests/second and waits out 429s (Retry-After) itself. Every attempt of a slot carries
 * the same `nonce` with `enforce_nonce: true`, so Discord returns the existing message instead of
 * posting a second one when a retry follows an unclear failure (a timeout, a crash after sending).
 */
export class DiscordDeliverer implements Deliverer {
  readonly platform = 'discord' as const;
  readonly rest: REST;

  constructor(options: DiscordDelivererOptions) {
    this.rest = new REST({ ...options.rest, api: restApiBase(options.apiBase) }).setToken(options.token);
  }

  async deliver(destination: Destination, reply: Reply, idempotencyKey: string): Promise<DeliveryResult> {
    const { flags: _ephemeralNeverInChannels, ...message } = renderDiscord({ ...reply, visibility: 'public' });
    try {
      const res = (await this.rest.post(Routes.channelMessages(destination.channelId), {
        body: { ...message, nonce: idempotencyKey, enforce_nonce: true },
      })) as { id?: string };
      return { ok: true, ...(res?.id ? { messageId: res.id } : {}) };
    } catch (error) {
      return classifyDiscordError(error);
    }
  }
}

export function classifyDiscordError(error: unknown): DeliveryResult {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const known = PERMANENT_DISCORD_CODES[code];
    if (known) return { ok: false, kind: 'permanent', reason: known };
    if (error.status === 404) return { ok: false, kind: 'permanent', reason: `Discord says the channel was not found (HTTP 404, code ${code})` };
    if (error.status === 401) return { ok: false, kind: 'transient', reason: 'Discord rejected the bot token (HTTP 401); check DISCORD_TOKEN' };
    if (error.status === 403) return { ok: false, kind: 'permanent', reason: `Discord refused the bot access (HTTP 403, code ${code}: ${error.message})` };
    if (error.status >= 500 || error.status === 429) return { ok: false, kind: 'transient', reason: `Discord HTTP ${error.status}: ${error.message}` };
    return { ok: false, kind: 'rejected', reason: `Discord HTTP ${error.status}, code ${code}: ${error.message}` };
  }
  if (error instanceof RateLimitError) return { ok: false, kind: 'transient', reason: `rate limited on ${error.route}`, retryAfterMs: error.retryAfter };
  if (error instanceof HTTPError) return { ok: false, kind: 'transient', reason: `Discord HTTP ${error.status}: ${error.message}` };
  const e = error as { name?: string; message?: string; code?: string };
  return {
    ok: false,
    kind: 'transient',
    reason: `${e.name === 'AbortError' ? 'request timed out' : (e.code ?? e.name ?? 'error')}: ${e.message ?? String(error)}`,
  };
}
