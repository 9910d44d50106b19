import { DiscordDeliverer } from '../adapters/discord/discord-deliverer.js';
import { SlackDeliverer } from '../adapters/slack/slack-deliverer.js';
import type { App } from '../app.js';
import type { Config } from '../config/config.js';
import { parseDeclaredDigests } from '../core/digests/declared-digests.js';
import type { Deliverer } from '../core/digests/deliverer.js';
import type { Logger } from '../core/ports.js';
import { DigestScheduler } from './digest-scheduler.js';

/**
 * Digest start-up, called by `cli/start.ts`: validates the config-declared digests (a bad one stops
 * start-up), applies the settings, creates/updates the declared subscriptions, adds a deliverer per
 * configured platform and starts the scheduler. Returns its stop function.
 */
export function configureDigests(app: App, config: Config): void {
  const declared = parseDeclaredDigests(config.digests, config.timezone);
  app.digests.configure({
    defaultTimezone: config.timezone,
    catchUpMs: config.digestSettings.catchUpMinutes * 60_000,
    nothingNew: config.digestSettings.nothingNew,
    concurrency: config.digestSettings.concurrency,
  });
  app.digests.syncDeclared(declared);
}

export async function startDigests(app: App, config: Config, logger: Logger, extra: readonly Deliverer[] = []): Promise<{ stop(): Promise<void> }> {
  if (config.discord?.token) app.digests.addDeliverer(new DiscordDeliverer({ token: config.discord.token, apiBase: config.discord.apiBase }));
  else if (config.discord) logger.warn({}, 'DISCORD_TOKEN is not set: Discord digests cannot be delivered by this process');
  if (config.slack) app.digests.addDeliverer(new SlackDeliverer({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, answers: app.core.answers }));
  for (const d of extra) app.digests.addDeliverer(d);
  const scheduler = new DigestScheduler(app.digests, { logger });
  await scheduler.start();
  logger.info({ subscriptions: app.digests.activeSubscriptions().length }, 'digest scheduler started');
  return { stop: () => scheduler.stop() };
}
