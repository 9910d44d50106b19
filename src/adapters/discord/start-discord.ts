import type { App } from '../../app.js';
import type { DiscordConfig } from '../../config/config.js';
import type { Logger } from '../../core/ports.js';
import type { RunningAdapter } from '../adapter.js';

// Placeholder until the Discord adapter lands.
export async function startDiscord(_config: DiscordConfig, _app: App, _logger: Logger): Promise<RunningAdapter> {
  throw new Error('Discord adapter not built yet');
}
