import { Command } from 'commander';
import { ErrorCode, UserError } from '../core/errors.js';

/**
 * `briefbot discord register [--guild <id>] [--dry-run]`: sync the slash commands with Discord.
 * `env`, `cwd` and `out` exist for tests; the CLI uses the process's own.
 */
export function discordCommand(io: { env?: NodeJS.ProcessEnv; cwd?: string; out?: (text: string) => void } = {}): Command {
  const discord = new Command('discord').description('Discord tools.');
  discord
    .command('register')
    .description('Register the slash commands with Discord (globally, or in one server with --guild). Writes only what changed.')
    .option('--guild <id>', 'register in this server only (shows instantly; good while testing)')
    .option('--dry-run', 'show what would change without writing')
    .action(async (opts: { guild?: string; dryRun?: boolean }) => {
      const { loadConfig } = await import('../config/config.js');
      const config = loadConfig({ ...(io.env ? { env: io.env } : {}), ...(io.cwd ? { cwd: io.cwd } : {}) });
      if (!config.discord?.token || !config.discord.applicationId) {
        throw new UserError(ErrorCode.ConfigInvalid, 'discord register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).');
      }
      if (opts.guild !== undefined && !/^\d{5,25}$/.test(opts.guild)) {
        throw new UserError(ErrorCode.ConfigInvalid, `--guild must be a server id (digits), not "${opts.guild}".`);
      }
      const { DiscordAPIError, REST } = await import('discord.js');
      const { restApiBase } = await import('../adapters/discord/rest-responder.js');
      const { formatSync, syncCommands } = await import('../adapters/discord/sync-commands.js');
      const { COMMANDS } = await import('../core/commands/registry.js');
      const rest = new REST({ api: restApiBase(config.discord.apiBase) }).setToken(config.discord.token);
      const result = await syncCommands(rest, config.discord.applicationId, COMMANDS, {
        ...(opts.guild ? { guildId: opts.guild } : {}),
        ...(opts.dryRun ? { dryRun: true } : {}),
      }).catch((error: unknown) => {
        if (error instanceof DiscordAPIError && (error.status === 401 || error.status === 403 || error.status === 404)) {
          throw new UserError(
            ErrorCode.ConfigInvalid,
            `Discord refused the request (${error.status} ${error.message}). Check DISCORD_TOKEN, DISCORD_APPLICATION_ID and that the bot is in that server.`,
          );
        }
        throw error;
      });
      (io.out ?? ((t) => process.stdout.write(t)))(`${formatSync(result, opts.dryRun)}\n`);
    });
  return discord;
}
