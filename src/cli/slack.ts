import { existsSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ErrorCode, UserError } from '../core/errors.js';

/** `briefbot slack manifest [--socket | --http <url>]`: the Slack app manifest, as YAML on stdout. */
export function slackCommand(): Command {
  const slack = new Command('slack').description('Slack helpers.');
  slack
    .command('manifest')
    .description('Print a Slack app manifest (YAML) for this bot: paste it into "Create New App → From an app manifest".')
    .option('--socket', 'Socket Mode: no public URL needed (the default)')
    .option('--http <url>', 'HTTP mode: the public https:// URL Slack should call (…/slack/events is added)')
    .option('--name <name>', 'the app name shown in Slack', 'briefbot')
    .option('--names <spec>', 'rename slash commands, e.g. brief=news-brief,ask=news-ask (default: SLACK_COMMAND_NAMES)')
    .action(async (opts: { socket?: boolean; http?: string; name: string; names?: string }) => {
      if (opts.socket && opts.http) throw new UserError(ErrorCode.OptionInvalid, 'choose one of --socket and --http <url>');
      const { parse: parseDotenv } = await import('dotenv');
      const { toSlackManifestYaml } = await import('../adapters/slack/to-slack-manifest.js');
      const { parseCommandNames } = await import('../config/config.js');
      const { COMMANDS } = await import('../core/commands/registry.js');
      const envFile = existsSync('.env') ? parseDotenv(readFileSync('.env')) : {};
      const spec = opts.names ?? process.env.SLACK_COMMAND_NAMES ?? envFile.SLACK_COMMAND_NAMES;
      try {
        const commandNames = parseCommandNames(spec);
        const mode = opts.http ? { mode: 'http' as const, url: opts.http } : { mode: 'socket' as const };
        process.stdout.write(toSlackManifestYaml(COMMANDS, mode, { name: opts.name, commandNames }));
      } catch (error) {
        throw new UserError(ErrorCode.OptionInvalid, (error as Error).message);
      }
    });
  return slack;
}
