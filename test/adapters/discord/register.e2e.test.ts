import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSync, syncCommands } from '../../../src/adapters/discord/sync-commands.js';
import { toDiscordCommands } from '../../../src/adapters/discord/to-discord-commands.js';
import { discordCommand } from '../../../src/cli/discord.js';
import type { CommandDefinition } from '../../../src/core/commands/command.js';
import { COMMANDS } from '../../../src/core/commands/registry.js';
import { isUserError } from '../../../src/core/errors.js';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord } from '../../fakes/fake-discord.js';
import { GUILD_ID } from './fixtures.js';

let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  rest = new REST({ api: fake.apiBase, retries: 0 }).setToken(FAKE_TOKEN);
});
afterAll(() => fake?.close());

const puts = () => fake.requests.filter((r) => r.method === 'PUT');

describe('toDiscordCommands', () => {
  const json = toDiscordCommands(COMMANDS);
  it('maps every registry command to a CHAT_INPUT command with valid names and limits', () => {
    expect(json.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const c of json) {
      expect(c.name).toMatch(/^[-_'\p{Ll}\p{N}]{1,32}$/u);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.type).toBe(1);
    }
  });
  it('/ask: required question first (max 500), briefing autocompleted, public boolean', () => {
    const ask = json.find((c) => c.name === 'ask');
    expect(ask?.options).toEqual([
      { type: 3, name: 'question', description: 'Your question', required: true, max_length: 500 },
      { type: 3, name: 'briefing', description: 'Answer from this briefing only', autocomplete: true, max_length: 100 },
      { type: 5, name: 'public', description: 'Post the answer in the channel instead of only to you' },
    ]);
    const brief = json.find((c) => c.name === 'brief');
    expect(brief?.options?.find((o) => o.name === 'length')?.choices).toEqual([
      { name: 'tldr', value: 'tldr' },
      { name: 'short', value: 'short' },
      { name: 'full', value: 'full' },
    ]);
  });
  it('a subcommand for managers → default_member_permissions "16"; subcommands → type-1 options', () => {
    const digest: CommandDefinition = {
      name: 'digest',
      description: 'Scheduled digests',
      usage: '',
      subcommands: [
        { name: 'list', description: 'List digests', options: [], run: () => ({ kind: 'info', blocks: [], visibility: 'private' }) },
        {
          name: 'add',
          description: 'Add one',
          permission: 'manage_channels',
          options: [{ name: 'time', description: 'When', type: 'string', required: true }],
          run: () => ({ kind: 'info', blocks: [], visibility: 'private' }),
        },
      ],
    };
    const [c] = toDiscordCommands([digest]);
    expect(c?.default_member_permissions).toBe('16');
    expect(c?.options).toEqual([
      { type: 1, name: 'list', description: 'List digests' },
      { type: 1, name: 'add', description: 'Add one', options: [{ type: 3, name: 'time', description: 'When', required: true }] },
    ]);
  });
});

describe('discord register against a fake Discord', () => {
  it('registers everything the first time and prints what changed', async () => {
    const result = await syncCommands(rest, FAKE_APP_ID, COMMANDS, { guildId: GUILD_ID });
    expect(result.written).toBe(true);
    expect(result.changes.map((c) => `${c.action}:${c.name}`)).toEqual(COMMANDS.map((c) => `add:${c.name}`));
    expect(puts()).toHaveLength(1);
    expect(puts()[0]?.path).toBe(`/applications/${FAKE_APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(puts()[0]?.headers.authorization).toBe(`Bot ${FAKE_TOKEN}`);
    expect(formatSync(result)).toContain('+ /ask (new)');
  });

  it('writes nothing when what is registered matches (Discord echoes ids and defaults)', async () => {
    const result = await syncCommands(rest, FAKE_APP_ID, COMMANDS, { guildId: GUILD_ID });
    expect(result).toMatchObject({ written: false, changes: [] });
    expect(puts()).toHaveLength(1);
    expect(formatSync(result)).toMatch(/up to date/);
  });

  it('updates a changed description, adds a missing one and removes a stale one', async () => {
    const registered = fake.commands.get(GUILD_ID) ?? [];
    fake.commands.set(GUILD_ID, [
      ...registered.filter((c) => c.name !== 'help').map((c) => (c.name === 'ask' ? { ...c, description: 'old words' } : c)),
      { id: '1', name: 'legacy', description: 'gone', type: 1, default_member_permissions: null },
    ]);
    const dry = await syncCommands(rest, FAKE_APP_ID, COMMANDS, { guildId: GUILD_ID, dryRun: true });
    expect(dry.written).toBe(false);
    expect(puts()).toHaveLength(1);
    const result = await syncCommands(rest, FAKE_APP_ID, COMMANDS, { guildId: GUILD_ID });
    expect(result.changes).toEqual([
      { action: 'change', name: 'ask', what: ['description'] },
      { action: 'add', name: 'help' },
      { action: 'remove', name: 'legacy' },
    ]);
    expect(puts()).toHaveLength(2);
    expect(formatSync(result)).toBe(`Updated Discord commands in guild ${GUILD_ID}:\n  ~ /ask: description\n  + /help (new)\n  - /legacy (removed)`);
  });

  it('registers globally without --guild', async () => {
    const result = await syncCommands(rest, FAKE_APP_ID, COMMANDS);
    expect(result.scope).toBe('global');
    expect(puts().at(-1)?.path).toBe(`/applications/${FAKE_APP_ID}/commands`);
  });
});

describe('the briefbot discord register command', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'briefbot-cli-')); // no .env or config here
  const run = async (args: string[], env: Record<string, string>) => {
    let out = '';
    const cmd = discordCommand({ env, cwd, out: (t) => (out += t) }).exitOverride();
    try {
      await cmd.parseAsync(['register', ...args], { from: 'user' });
      return { out, error: undefined };
    } catch (error) {
      return { out, error: error as Error };
    }
  };

  it('registers in a guild and prints the changes; a second run writes nothing', async () => {
    const env = { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: FAKE_APP_ID, DISCORD_API_BASE: fake.apiBase };
    const guild = '111111111111111111';
    const first = await run(['--guild', guild], env);
    expect(first.error).toBeUndefined();
    expect(first.out).toContain(`Updated Discord commands in guild ${guild}:`);
    expect(first.out).toContain('+ /brief (new)');
    const second = await run(['--guild', guild], env);
    expect(second.out).toMatch(/up to date/);
    expect(fake.requests.filter((r) => r.method === 'PUT' && r.path.includes(guild))).toHaveLength(1);
  });

  it('explains missing configuration and a refused token', async () => {
    const missing = await run([], {});
    expect(isUserError(missing.error) && missing.error.message).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
    const refused = await run(['--guild', '222222222222222222'], {
      DISCORD_TOKEN: 'wrong',
      DISCORD_APPLICATION_ID: FAKE_APP_ID,
      DISCORD_API_BASE: fake.apiBase,
    });
    expect(isUserError(refused.error) && refused.error.message).toMatch(/Discord refused the request \(401/);
    const badGuild = await run(['--guild', 'my-server'], { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: FAKE_APP_ID, DISCORD_API_BASE: fake.apiBase });
    expect(isUserError(badGuild.error) && badGuild.error.message).toMatch(/--guild must be a server id/);
  });
});
