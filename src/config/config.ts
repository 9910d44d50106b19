import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ErrorCode, UserError } from '../core/errors.js';

/**
 * Settings come from `config/*.yaml` (checked into version control) and the environment (or `.env`),
 * the environment winning. Secrets belong only in the environment. Everything is validated once at
 * start-up; a bad value stops start-up with a message naming the key.
 */
const port = z.coerce.number().int().min(0).max(65535);
const url = z.url({ protocol: /^https?$/ });
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const timezone = z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/London or UTC' });

export const envSchema = z.object({
  BRIEFBOT_BRIEFINGS_DIR: z.string().default('briefings'),
  /** Largest briefing file that is read (bytes); a larger one is reported as too large. */
  BRIEFBOT_BRIEFING_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 2 ** 20)
    .optional(),
  BRIEFBOT_DATABASE: z.string().default('data/briefbot.db'),
  /** PostgreSQL only: connections in the pool per process. */
  BRIEFBOT_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
  BRIEFBOT_CONFIG_DIR: z.string().default('config'),
  BRIEFBOT_TIMEZONE: timezone.optional(),
  BRIEFBOT_CONVERSATION_TTL_MINUTES: z.coerce.number().int().min(1).max(43200).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  /** Digests: how late a missed slot may still go out, and how long failures are retried (minutes). */
  BRIEFBOT_DIGEST_CATCHUP_MINUTES: z.coerce.number().int().min(0).max(1440).optional(),
  /** Digests with nothing new: skip (default) or post a short "nothing new". */
  BRIEFBOT_DIGEST_NOTHING_NEW: z.enum(['skip', 'post']).optional(),
  /** Digest deliveries in flight at once (the platform libraries queue on top for rate limits). */
  BRIEFBOT_DIGEST_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  /** The ops listener (/healthz, /readyz, /metrics): address, and port or `off`. */
  BRIEFBOT_OPS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  BRIEFBOT_OPS_PORT: z
    .string()
    .trim()
    .toLowerCase()
    .refine((s) => s === 'off' || (/^\d{1,5}$/.test(s) && Number(s) <= 65535), 'must be a port number (0 picks a free one) or "off"')
    .optional(),
  /** Shutdown: how long in-flight digest deliveries may take to finish before they are released (seconds). */
  BRIEFBOT_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).optional(),

  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_PUBLIC_KEY: z
    .string()
    .trim()
    .regex(/^([0-9a-f]{64})?$/i, 'must be the 64 hex characters shown as "Public Key" in the Developer Portal')
    .transform((s) => (s === '' ? undefined : s))
    .optional(),
  DISCORD_MODE: z.enum(['gateway', 'http']).default('gateway'),
  DISCORD_HTTP_HOST: z.string().default('127.0.0.1'),
  DISCORD_HTTP_PORT: port.default(8787),
  DISCORD_API_BASE: url.default('https://discord.com/api'),

  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_HTTP_HOST: z.string().default('127.0.0.1'),
  SLACK_HTTP_PORT: port.default(3000),
  SLACK_API_URL: url.default('https://slack.com/api/'),
  /** e.g. "brief=news-brief,ask=news-ask": slash command names are shared across a workspace. */
  SLACK_COMMAND_NAMES: optionalText,
  /** Slack user ids (comma-separated) allowed to manage digests besides workspace admins and owners. */
  SLACK_DIGEST_MANAGERS: optionalText,
});

export const fileSchema = z.strictObject({
  timezone: timezone.optional(),
  conversation_ttl_minutes: z.number().int().min(1).max(43200).optional(),
  digests: z.array(z.unknown()).optional(),
});

export interface Config {
  readonly briefingsDir: string;
  /** Briefing files larger than this (bytes) are refused as too large (default 2 MiB). */
  readonly briefingMaxBytes?: number;
  readonly database: string;
  /** Connections per process when `database` is a PostgreSQL URL. */
  readonly databasePoolSize: number;
  readonly configDir: string;
  readonly timezone: string;
  readonly conversationTtlMs: number;
  readonly log: { readonly level: string; readonly format: 'pretty' | 'json' };
  readonly discord?: DiscordConfig;
  readonly slack?: SlackConfig;
  /** Digests declared in config/*.yaml, validated by the digests module. */
  readonly digests: readonly unknown[];
  /** Digest delivery settings (env BRIEFBOT_DIGEST_*; defaults 15 minutes, skip, 32). */
  readonly digestSettings: { readonly catchUpMinutes: number; readonly nothingNew: 'skip' | 'post'; readonly concurrency: number };
  /** The ops listener; absent when off (BRIEFBOT_OPS_PORT=off, or the console without BRIEFBOT_OPS_PORT). */
  readonly ops?: OpsConfig;
  /** How long shutdown waits for in-flight digest deliveries before releasing them (default DEFAULT_SHUTDOWN_GRACE_MS). */
  readonly shutdownGraceMs?: number;
}

export interface OpsConfig {
  readonly host: string;
  /** 0: a free port, chosen when it starts (logged). */
  readonly port: number;
}

/** The ops listener's port unless BRIEFBOT_OPS_PORT says otherwise (the port Prometheus exporters conventionally use). */
export const DEFAULT_OPS_PORT = 9464;
/** Below Docker's default 10 s between SIGTERM and SIGKILL, leaving time to release and close the store. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 8_000;

export interface DiscordConfig {
  readonly token?: string;
  readonly applicationId?: string;
  readonly publicKey?: string;
  readonly mode: 'gateway' | 'http';
  readonly http: { readonly host: string; readonly port: number };
  readonly apiBase: string;
}

export interface SlackConfig {
  readonly botToken: string;
  readonly appToken?: string;
  readonly signingSecret?: string;
  readonly http: { readonly host: string; readonly port: number };
  readonly apiUrl: string;
  readonly commandNames: Readonly<Record<string, string>>;
  readonly digestManagers: readonly string[];
}

export function loadConfig(options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const dotenvPath = join(cwd, '.env');
  // Real environment variables win over .env, as with dotenv's default.
  const merged = { ...(existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {}), ...(options.env ?? process.env) };
  // An empty value means "not set", so a copy of .env.example with blanks is a valid .env.
  const env = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw configError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  // resolve, not join: an absolute BRIEFBOT_CONFIG_DIR (/app/config in the image) is taken as it is.
  const file = readConfigFiles(resolve(cwd, e.BRIEFBOT_CONFIG_DIR));

  const discordWanted = e.DISCORD_TOKEN || (e.DISCORD_MODE === 'http' && e.DISCORD_PUBLIC_KEY);
  const problems: string[] = [];
  if (discordWanted && !e.DISCORD_APPLICATION_ID) problems.push('DISCORD_APPLICATION_ID: required when Discord is configured');
  if (discordWanted && e.DISCORD_MODE === 'http' && !e.DISCORD_PUBLIC_KEY) problems.push('DISCORD_PUBLIC_KEY: required when DISCORD_MODE=http');
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: required for Slack HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  // A platform setting without its token would silently fall back to the console (and, with no
  // terminal, exit): name the missing token instead.
  if (!e.SLACK_BOT_TOKEN && (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)) problems.push('SLACK_BOT_TOKEN: required when other SLACK_* tokens are set');
  if (!discordWanted && (e.DISCORD_APPLICATION_ID || e.DISCORD_PUBLIC_KEY)) {
    problems.push('DISCORD_TOKEN: required when DISCORD_APPLICATION_ID or DISCORD_PUBLIC_KEY is set (or set DISCORD_MODE=http)');
  }
  if (e.SLACK_APP_TOKEN && !e.SLACK_APP_TOKEN.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN: must be an app-level token starting with xapp-');
  if (problems.length > 0) throw configError(problems);
  // The ops listener runs wherever a platform is configured; the local console has it only on request.
  const platformConfigured = Boolean(discordWanted || e.SLACK_BOT_TOKEN);
  const opsPort =
    e.BRIEFBOT_OPS_PORT === undefined
      ? platformConfigured
        ? DEFAULT_OPS_PORT
        : undefined
      : e.BRIEFBOT_OPS_PORT === 'off'
        ? undefined
        : Number(e.BRIEFBOT_OPS_PORT);

  return {
    briefingsDir: e.BRIEFBOT_BRIEFINGS_DIR,
    ...(e.BRIEFBOT_BRIEFING_MAX_BYTES ? { briefingMaxBytes: e.BRIEFBOT_BRIEFING_MAX_BYTES } : {}),
    database: e.BRIEFBOT_DATABASE,
    databasePoolSize: e.BRIEFBOT_DATABASE_POOL_SIZE ?? 10,
    configDir: e.BRIEFBOT_CONFIG_DIR,
    timezone: e.BRIEFBOT_TIMEZONE ?? file.timezone ?? 'UTC',
    conversationTtlMs: (e.BRIEFBOT_CONVERSATION_TTL_MINUTES ?? file.conversation_ttl_minutes ?? 24 * 60) * 60_000,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT ?? (process.stderr.isTTY ? 'pretty' : 'json') },
    digests: file.digests ?? [],
    digestSettings: {
      catchUpMinutes: e.BRIEFBOT_DIGEST_CATCHUP_MINUTES ?? 15,
      nothingNew: e.BRIEFBOT_DIGEST_NOTHING_NEW ?? 'skip',
      concurrency: e.BRIEFBOT_DIGEST_CONCURRENCY ?? 32,
    },
    ...(opsPort !== undefined ? { ops: { host: e.BRIEFBOT_OPS_HOST, port: opsPort } } : {}),
    shutdownGraceMs: e.BRIEFBOT_SHUTDOWN_GRACE_SECONDS !== undefined ? e.BRIEFBOT_SHUTDOWN_GRACE_SECONDS * 1000 : DEFAULT_SHUTDOWN_GRACE_MS,
    ...(discordWanted
      ? {
          discord: {
            ...(e.DISCORD_TOKEN ? { token: e.DISCORD_TOKEN } : {}),
            ...(e.DISCORD_APPLICATION_ID ? { applicationId: e.DISCORD_APPLICATION_ID } : {}),
            ...(e.DISCORD_PUBLIC_KEY ? { publicKey: e.DISCORD_PUBLIC_KEY } : {}),
            mode: e.DISCORD_MODE,
            http: { host: e.DISCORD_HTTP_HOST, port: e.DISCORD_HTTP_PORT },
            apiBase: e.DISCORD_API_BASE,
          },
        }
      : {}),
    ...(e.SLACK_BOT_TOKEN
      ? {
          slack: {
            botToken: e.SLACK_BOT_TOKEN,
            ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
            ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
            http: { host: e.SLACK_HTTP_HOST, port: e.SLACK_HTTP_PORT },
            apiUrl: e.SLACK_API_URL,
            commandNames: parseCommandNames(e.SLACK_COMMAND_NAMES),
            digestManagers: (e.SLACK_DIGEST_MANAGERS ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          },
        }
      : {}),
  };
}

function readConfigFiles(dir: string): z.output<typeof fileSchema> {
  if (!existsSync(dir)) return {};
  const merged: Record<string, unknown> = {};
  const digests: unknown[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const path = join(dir, name);
    let data: unknown;
    try {
      data = parseYaml(readFileSync(path, 'utf8')) ?? {};
    } catch (error) {
      throw configError([`${path}: not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
    }
    const parsed = fileSchema.safeParse(data);
    if (!parsed.success) throw configError(parsed.error.issues.map((i) => `${path}: ${i.path.join('.') || '(file)'}: ${i.message}`));
    const { digests: d, ...rest } = parsed.data;
    Object.assign(merged, rest);
    if (d) digests.push(...d);
  }
  return { ...merged, digests };
}

/** `brief=news-brief,ask=news-ask` → { brief: 'news-brief', ask: 'news-ask' }. Slack allows 32 characters with the slash. */
export function parseCommandNames(spec: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [from, to] = pair.split('=').map((s) => s.trim().replace(/^\//, ''));
    if (!from || !to || !/^[a-z0-9_-]{1,31}$/.test(to)) throw configError([`SLACK_COMMAND_NAMES: "${pair}" must look like brief=news-brief`]);
    out[from] = to;
  }
  return out;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function configError(problems: string[]): UserError {
  return new UserError(ErrorCode.ConfigInvalid, `Invalid configuration:\n  ${problems.join('\n  ')}`, { problems });
}
