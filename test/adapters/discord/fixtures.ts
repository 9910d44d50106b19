import type { CommandDefinition } from '../../../src/core/commands/command.js';
import type { Visibility } from '../../../src/core/reply/reply.js';
import { discordMessage, FAKE_APP_ID } from '../../fakes/fake-discord.js';

/**
 * Interaction payloads in the shapes Discord documents (receiving-and-responding, application-commands,
 * message-components): ids are snowflake strings, `member` in a guild, `version: 1`.
 */
export const GUILD_ID = '290926798626357999';
export const CHANNEL_ID = '645027906669510667';
export const USER_ID = '53908232506183680';
/** A member without Manage Channels (Send Messages, View Channel, …). */
export const MEMBER_PERMISSIONS = '2248473465835073';
/** Manage Channels (1 << 4) plus View Channel. */
export const MANAGER_PERMISSIONS = String((1n << 4n) | (1n << 10n));

let counter = 786008729715212338n;
const nextId = () => String(counter++);

export type Option = { name: string; type: number; value?: string | number | boolean; focused?: boolean; options?: Option[] };

function base(type: number, permissions = MEMBER_PERMISSIONS) {
  const id = nextId();
  return {
    id,
    application_id: FAKE_APP_ID,
    type,
    token: `aW50ZXJhY3Rpb246${id}:fake-interaction-token`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'news', flags: 0, permissions: '281474976710655' },
    member: {
      user: { id: USER_ID, username: 'mason', global_name: 'Mason', discriminator: '0', avatar: null, public_flags: 0 },
      roles: ['539082325061836999'],
      premium_since: null,
      permissions,
      pending: false,
      nick: null,
      mute: false,
      deaf: false,
      joined_at: '2017-03-13T19:19:14.040000+00:00',
      flags: 0,
    },
    app_permissions: '442368',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
  };
}

/** APPLICATION_COMMAND (type 2), CHAT_INPUT. */
export function slashCommand(name: string, options: Option[] = [], permissions?: string) {
  return { ...base(2, permissions), data: { id: '771825006014889984', name, type: 1, options } };
}

export const str = (name: string, value: string): Option => ({ name, type: 3, value });
export const bool = (name: string, value: boolean): Option => ({ name, type: 5, value });

/** APPLICATION_COMMAND_AUTOCOMPLETE (type 4): the focused option is being typed. */
export function autocomplete(name: string, option: string, typed: string) {
  return {
    ...base(4),
    data: { id: '816437322781949972', name, type: 1, version: '847194950382780532', options: [{ type: 3, name: option, value: typed, focused: true }] },
  };
}

/** MESSAGE_COMPONENT (type 3): a button on `message` (the message object as Discord echoes it). */
export function buttonClick(customId: string, message: { embeds?: unknown[]; components?: unknown[]; flags?: number }) {
  return {
    ...base(3),
    message: discordMessage({ id: '844397162624450620', channelId: CHANNEL_ID, body: message, timestamp: '2021-05-19T02:12:51.710000+00:00' }),
    data: { custom_id: customId, component_type: 2 },
  };
}

/** MODAL_SUBMIT (type 5) with one text input in an action row, as in Discord's sample. */
export function modalSubmit(customId: string, inputId: string, value: string) {
  return { ...base(5), data: { custom_id: customId, components: [{ type: 1, components: [{ type: 4, custom_id: inputId, value }] }] } };
}

export function ping() {
  return {
    id: nextId(),
    application_id: FAKE_APP_ID,
    type: 1,
    token: 'ping-token',
    version: 1,
    user: { id: USER_ID, username: 'mason', discriminator: '0', avatar: null },
  };
}

/** A command that takes `ms` to answer, for the 3-second deferral tests. */
export function slowCommand(ms: number, text: string, visibility: Visibility): CommandDefinition {
  return {
    name: 'slow',
    description: 'Takes a while',
    usage: '',
    options: [],
    async run() {
      await new Promise((r) => setTimeout(r, ms));
      return { kind: 'info', blocks: [{ kind: 'paragraph', text }], visibility };
    },
  };
}
