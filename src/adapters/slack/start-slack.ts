import type { App } from '../../app.js';
import type { SlackConfig } from '../../config/config.js';
import type { Logger } from '../../core/ports.js';
import type { RunningAdapter } from '../adapter.js';
import { startSlackAdapter } from './slack-app.js';

/** Starts the Slack adapter (Socket Mode with SLACK_APP_TOKEN, else HTTP); see slack-app.ts. */
export async function startSlack(config: SlackConfig, app: App, logger: Logger): Promise<RunningAdapter> {
  return startSlackAdapter(config, app, logger);
}
