import { Command } from 'commander';
import type { Config } from '../config/config.js';

/**
 * Runs the adapters configured in the environment; with none, the local console on stdin/stdout.
 * Stops cleanly on SIGINT/SIGTERM (or when the console's input closes).
 */
export function startCommand(): Command {
  return new Command('start').description('Run the bot: the configured adapters, or the local console when none is configured.').action(async () => {
    const { composeBot, configure } = await import('../main.js');
    // Someone typing in the local console wants answers, not info logs between them.
    const interactiveConsole = (c: Config) => (!c.discord && !c.slack && process.stdin.isTTY ? 'warn' : undefined);
    const { config, logger } = configure({ logLevel: interactiveConsole });
    const bot = await composeBot(config, logger);
    const exit = () => void bot.stop().then(() => process.exit(0));
    process.once('SIGINT', exit);
    process.once('SIGTERM', exit);
    void bot.stopped.then(() => logger.flush());
    await bot.start();
    await bot.stopped;
  });
}
