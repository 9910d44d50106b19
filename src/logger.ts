import pino, { type Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear, so a token in a config object, an error or a
 * request header never reaches a log line.
 */
export const REDACT_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'botToken',
  '*.botToken',
  '*.*.botToken',
  'appToken',
  '*.appToken',
  '*.*.appToken',
  'signingSecret',
  '*.signingSecret',
  '*.*.signingSecret',
  'publicKey',
  '*.publicKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.headers["x-slack-signature"]',
  '*.headers["x-signature-ed25519"]',
];

/**
 * Discord interaction tokens travel in URL paths (`/interactions/<id>/<token>/callback`,
 * `/webhooks/<app>/<token>/…`), and discord.js errors carry that URL and the request body.
 */
const TOKEN_IN_PATH = /\/(interactions\/\d+|webhooks\/\d+)\/[^/?\s"]+/g;

export function scrubError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  delete out.requestBody;
  for (const [k, v] of Object.entries(out)) if (typeof v === 'string') out[k] = v.replace(TOKEN_IN_PATH, '/$1/[redacted]');
  return out;
}

/** Logs go to stderr, so stdout stays clean for `ask --json` and the console. */
export function createLogger(options: { level: string; format: 'pretty' | 'json' }, destination?: pino.DestinationStream): Logger {
  const base = { level: options.level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers: { err: scrubError } };
  if (destination) return pino(base, destination);
  if (options.format === 'pretty') {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } } });
  }
  return pino(base, pino.destination(2));
}
