import { stringify } from 'yaml';
import type { CommandDefinition } from '../../core/commands/command.js';
import { slackCommandName } from './commands.js';
import { SLACK_EVENTS_PATH } from './slack-app.js';

/**
 * Exactly the bot-token scopes the adapter uses, and why. Nothing else is requested: no
 * chat:write.public (the bot must be a channel member anyway to see thread replies), no DMs.
 */
export const BOT_SCOPES: Readonly<Record<string, string>> = {
  commands: 'the slash commands',
  'chat:write': 'post briefings and answers (chat.postMessage, chat.postEphemeral)',
  'app_mentions:read': 'the app_mention event: "@briefbot a question" in a channel',
  'channels:history': 'message.channels: replies in threads the bot started, in public channels',
  'groups:history': 'message.groups: the same in private channels the bot was invited to',
  'users:read': 'users.info: is the caller a workspace admin or owner (who may manage /digest)',
};

/** The bot events subscribed to; each has a listener in thread-follow-ups.ts. */
export const BOT_EVENTS = ['app_mention', 'message.channels', 'message.groups'] as const;

export type ManifestMode = { readonly mode: 'socket' } | { readonly mode: 'http'; readonly url: string };

export interface ManifestOptions {
  /** The app's name in Slack (max 35 characters). */
  readonly name?: string;
  /** Registry name → Slack name (SLACK_COMMAND_NAMES). */
  readonly commandNames?: Readonly<Record<string, string>>;
}

/** The request URL Slack should call in HTTP mode: the public base URL plus /slack/events. */
export function requestUrl(base: string): string {
  const url = new URL(base);
  if (url.protocol !== 'https:') throw new Error(`Slack only calls https:// request URLs (got ${url.protocol}//)`);
  if (url.pathname.replace(/\/+$/, '').endsWith(SLACK_EVENTS_PATH)) return url.toString().replace(/\/+$/, '');
  return `${url.toString().replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`;
}

/**
 * A Slack app manifest generated from the command registry: one slash command per command
 * (with its description and usage hint), and exactly the scopes and events the bot uses.
 * Socket Mode needs no URLs; HTTP mode points commands, events and interactivity at one URL.
 */
export function toSlackManifest(commands: readonly CommandDefinition[], mode: ManifestMode, options: ManifestOptions = {}): Record<string, unknown> {
  const name = (options.name ?? 'briefbot').slice(0, 35);
  const url = mode.mode === 'http' ? requestUrl(mode.url) : undefined;
  return {
    display_information: {
      name,
      description: 'News briefings in Slack: /brief, /ask with citations, follow-up questions in threads.',
      background_color: '#1d3557',
    },
    features: {
      bot_user: {
        display_name: name
          .toLowerCase()
          .replace(/[^a-z0-9._-]/g, '-')
          .slice(0, 80),
        always_online: true,
      },
      slash_commands: commands.map((c) => ({
        command: slackCommandName(options.commandNames ?? {}, c.name),
        description: c.description,
        ...(c.usage ? { usage_hint: c.usage } : {}),
        should_escape: false,
        ...(url ? { url } : {}),
      })),
    },
    oauth_config: { scopes: { bot: Object.keys(BOT_SCOPES) } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: mode.mode === 'socket',
      token_rotation_enabled: false,
    },
  };
}

export function toSlackManifestYaml(commands: readonly CommandDefinition[], mode: ManifestMode, options: ManifestOptions = {}): string {
  return stringify(toSlackManifest(commands, mode, options), { lineWidth: 0 });
}
