import type { App } from '../../app.js';
import type { SlackConfig } from '../../config/config.js';
import type { Logger } from '../../core/ports.js';
import type { RunningAdapter } from '../adapter.js';

// Placeholder until the Slack adapter lands.
export async function startSlack(_config: SlackConfig, _app: App, _logger: Logger): Promise<RunningAdapter> {
  throw new Error('Slack adapter not built yet');
}
