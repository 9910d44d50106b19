import type { RunningAdapter } from '../adapters/adapter.js';
import type { Config } from '../config/config.js';
import type { Store } from '../core/ports/storage.js';

/** One thing `/readyz` checks: resolves to undefined when fine, or to the reason it is not. */
export interface ReadinessCheck {
  readonly name: string;
  /** What `checks` shows when it is fine (e.g. "ok (postgres)"). */
  readonly ok?: () => string;
  check(): Promise<string | undefined> | string | undefined;
}

export interface ReadinessReport {
  readonly ready: boolean;
  /** Every check by name: "ok …" or the reason it failed. */
  readonly checks: Readonly<Record<string, string>>;
  /** The failed checks' reasons, `name: reason`. */
  readonly reasons: readonly string[];
}

/** A check that has not answered by then counts as failed: a hung database must not hang the probe. */
export const CHECK_TIMEOUT_MS = 2000;

/** Runs every check at once, each bounded by `timeoutMs`. */
export async function readiness(checks: readonly ReadinessCheck[], timeoutMs = CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c): Promise<[string, string | undefined, string]> => {
      const reason = await within(
        timeoutMs,
        Promise.resolve().then(() => c.check()),
      ).catch((err: unknown) => `check failed (${errorCode(err)})`);
      return [c.name, reason, c.ok?.() ?? 'ok'];
    }),
  );
  const reasons = results.filter(([, reason]) => reason !== undefined).map(([name, reason]) => `${name}: ${reason}`);
  return { ready: reasons.length === 0, checks: Object.fromEntries(results.map(([name, reason, ok]) => [name, reason ?? ok])), reasons };
}

/** What decides that the bot can take traffic. */
export interface BotReadinessSources {
  readonly config: Pick<Config, 'discord' | 'slack' | 'briefingsDir'>;
  readonly store: Pick<Store, 'kind' | 'ping'>;
  /** Published briefings in service now. */
  readonly briefings: () => number;
  /** The adapters started so far, by name ("discord", "slack"). */
  readonly adapters: () => ReadonlyMap<string, RunningAdapter>;
  /** True once shutdown began: the load balancer should stop sending work at once. */
  readonly stopping: () => boolean;
}

/**
 * Ready when the store answers a trivial query, at least one published briefing is loaded, every
 * configured platform is connected (Discord gateway ready, Slack Socket Mode connected, HTTP listeners
 * listening) and the process is not shutting down. Console mode has no platform to wait for.
 */
export function botReadinessChecks(s: BotReadinessSources): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    { name: 'shutdown', check: () => (s.stopping() ? 'shutting down' : undefined), ok: () => 'not shutting down' },
    {
      name: 'store',
      ok: () => `ok (${s.store.kind})`,
      check: () =>
        s.store.ping().then(
          () => undefined,
          (err: unknown) => `${s.store.kind} not answering (${errorCode(err)})`,
        ),
    },
    {
      name: 'briefings',
      ok: () => `ok (${s.briefings()} published)`,
      check: () => (s.briefings() > 0 ? undefined : `no published briefing loaded from ${s.config.briefingsDir}`),
    },
  ];
  const platforms: [string, string][] = [];
  if (s.config.discord) platforms.push(['discord', s.config.discord.mode === 'http' ? 'HTTP interactions listener' : 'gateway']);
  if (s.config.slack) platforms.push(['slack', s.config.slack.appToken ? 'Socket Mode' : 'HTTP listener']);
  for (const [name, what] of platforms) {
    checks.push({
      name,
      ok: () => `ok (${what} connected)`,
      check: () => {
        const adapter = s.adapters().get(name);
        if (!adapter) return `${what} not started yet`;
        return adapter.isConnected?.() === false ? `${what} not connected` : undefined;
      },
    });
  }
  return checks;
}

/** A short, secret-free name for a failure: an errno code (ECONNREFUSED), a PostgreSQL code, or the error's class. */
export function errorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | undefined;
  if (e && typeof e.code === 'string' && /^[\w-]{1,40}$/.test(e.code)) return e.code;
  if (e && typeof e.name === 'string' && /^[\w-]{1,40}$/.test(e.name)) return e.name;
  return 'error';
}

function within<T>(ms: number, p: Promise<T>): Promise<T | string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`did not answer within ${ms} ms`), ms);
    timer.unref();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
