import type { DiscordConfig } from '../../config/config.js';
import type { BotCore } from '../../core/bot-core.js';
import { ErrorCode, UserError } from '../../core/errors.js';
import type { Logger } from '../../core/ports/runtime.js';
import type { RunningAdapter } from '../adapter.js';
import { startGateway } from './gateway.js';
import { startHttpInteractions } from './http-interactions.js';

/** Starts the Discord adapter in the configured mode: `gateway` (a bot connection) or `http` (an interactions endpoint). */
export async function startDiscord(config: DiscordConfig, core: BotCore, logger: Logger): Promise<RunningAdapter> {
  if (config.mode === 'http') {
    if (!config.publicKey) throw new UserError(ErrorCode.ConfigInvalid, 'DISCORD_PUBLIC_KEY is required when DISCORD_MODE=http.');
    return startHttpInteractions({ ...config, publicKey: config.publicKey }, core, logger);
  }
  if (!config.token) throw new UserError(ErrorCode.ConfigInvalid, 'DISCORD_TOKEN is required when DISCORD_MODE=gateway.');
  return startGateway({ ...config, token: config.token }, core, logger);
}
