import { Command } from 'commander';
import { runConsole } from '../adapters/console/console.js';
import { startDiscord } from '../adapters/discord/start-discord.js';
import { startSlack } from '../adapters/slack/start-slack.js';
import type { Config } from '../config/config.js';
import { ConsoleDeliverer } from '../scheduling/console-deliverer.js';
import { configureDigests, startDigests } from '../scheduling/start-digests.js';
import { bootstrap } from './runtime.js';

/**
 * Runs the adapters configured in the environment; with none, the local console on stdin/stdout.
 * Stops cleanly on SIGINT/SIGTERM (or when the console's input closes).
 */
export function startCommand(): Command {
  return new Command('start').description('Run the bot: the configured adapters, or the local console when none is configured.').action(async () => {
    // Someone typing in the local console wants answers, not info logs between them.
    const interactiveConsole = (c: Config) => (!c.discord && !c.slack && process.stdin.isTTY ? 'warn' : undefined);
    const { config, logger, app } = await bootstrap({ logLevel: interactiveConsole });
    // Digests declared in config are validated (and stored) before anything starts.
    configureDigests(app, config);
    await app.watch();
    // Expired conversations are already invisible to reads; this only reclaims their rows.
    const purge = setInterval(() => app.store.conversations.purgeExpired(new Date()), 60 * 60_000);
    purge.unref();
    const stops: (() => Promise<void>)[] = [];
    const adapters = [config.discord && 'discord', config.slack && 'slack'].filter(Boolean);
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      for (const s of stops.reverse()) await s().catch((err) => logger.error({ err }, 'adapter stop failed'));
      await app.close();
      logger.flush();
    };
    process.once('SIGINT', () => void stop().then(() => process.exit(0)));
    process.once('SIGTERM', () => void stop().then(() => process.exit(0)));

    if (adapters.length === 0) {
      logger.info('no platform configured; opening the local console');
      // Console mode: only digests subscribed from the console run here, printed to the console.
      const digests = await startDigests(app, config, logger.child({ module: 'digests' }), [new ConsoleDeliverer(process.stdout)]);
      stops.push(() => digests.stop());
      await runConsole(app, process.stdin, process.stdout, { interactive: process.stdin.isTTY === true });
      await stop();
      return;
    }
    if (config.discord) {
      const discord = await startDiscord(config.discord, app, logger.child({ platform: 'discord' }));
      stops.push(() => discord.stop());
    }
    if (config.slack) {
      const slack = await startSlack(config.slack, app, logger.child({ platform: 'slack' }));
      stops.push(() => slack.stop());
    }
    const digests = await startDigests(app, config, logger.child({ module: 'digests' }));
    stops.push(() => digests.stop());
    logger.info({ adapters }, 'briefbot started');
  });
}
