import { Command } from 'commander';
import type { Config } from '../config/config.js';

/** Exit status after a second signal: the shell convention, 128 + the signal's number. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Runs the adapters configured in the environment; with none, the local console on stdin/stdout.
 * SIGTERM or SIGINT stops it gracefully (no new work, in-flight digest deliveries finished or released,
 * store closed) and exits 0; a second signal exits at once. It also stops when the console's input closes.
 */
export function startCommand(): Command {
  return new Command('start').description('Run the bot: the configured adapters, or the local console when none is configured.').action(async () => {
    const { composeBot, configure } = await import('../main.js');
    // Someone typing in the local console wants answers, not info logs between them.
    const interactiveConsole = (c: Config) => (!c.discord && !c.slack && process.stdin.isTTY ? 'warn' : undefined);
    const { config, logger } = configure({ logLevel: interactiveConsole });
    const bot = await composeBot(config, logger);
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        logger.warn({ signal }, 'second signal: exiting now, without waiting for the shutdown to finish');
        logger.flush();
        process.exit(SIGNAL_EXIT[signal] ?? 1);
      }
      signalled = true;
      logger.info({ signal }, 'signal received: shutting down (send it again to exit at once)');
      bot.stop().then(
        () => {
          logger.flush();
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          logger.flush();
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    void bot.stopped.then(() => logger.flush());
    await bot.start();
    await bot.stopped;
  });
}
