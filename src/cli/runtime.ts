import type { Logger } from 'pino';
import { type App, createApp } from '../app.js';
import { type Config, loadConfig } from '../config/config.js';
import { createLogger } from '../logger.js';

/** Config, logger and core app for a CLI command. Tools default to quieter logs than the bot. */
export async function bootstrap(
  options: { database?: string; logLevel?: string | ((config: Config) => string | undefined) } = {},
): Promise<{ config: Config; logger: Logger; app: App }> {
  const config = loadConfig();
  const preferred = typeof options.logLevel === 'function' ? options.logLevel(config) : options.logLevel;
  const level = preferred && !process.env.LOG_LEVEL ? preferred : config.log.level;
  const logger = createLogger({ level, format: config.log.format });
  const app = await createApp({
    briefingsDir: config.briefingsDir,
    database: options.database ?? config.database,
    conversationTtlMs: config.conversationTtlMs,
    logger,
  });
  return { config, logger, app };
}
