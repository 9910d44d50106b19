import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_EVENTS, BOT_SCOPES, toSlackManifest, toSlackManifestYaml } from '../../../src/adapters/slack/to-slack-manifest.js';
import { parseCommandNames } from '../../../src/config/config.js';
import { COMMANDS } from '../../../src/core/commands/registry.js';
import type { Bot } from '../../../src/main.js';
import { FakeSlack } from '../../fakes/fake-slack.js';
import { testBot } from '../../helpers/bot.js';
import { postSigned, slashCommandBody } from '../../helpers/slack-signing.js';
import { SIGNING_SECRET, startBot } from './slack-harness.js';

interface Manifest {
  display_information: { name: string; description: string };
  features: { bot_user: { display_name: string }; slash_commands: { command: string; description: string; usage_hint?: string; url?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

describe('Slack app manifest', () => {
  it('has one slash command per registry command, with its description and usage hint', () => {
    const m = parse(toSlackManifestYaml(COMMANDS, { mode: 'socket' })) as Manifest;
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(COMMANDS.map((c) => `/${c.name}`));
    for (const c of COMMANDS) {
      const entry = m.features.slash_commands.find((s) => s.command === `/${c.name}`);
      expect(entry?.description).toBe(c.description);
      if (c.usage) expect(entry?.usage_hint).toBe(c.usage);
      // Slack's manifest limits.
      expect(entry?.command.length).toBeLessThanOrEqual(32);
      expect(entry?.description.length).toBeLessThanOrEqual(2000);
      expect((entry?.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
    expect(m.features.slash_commands.length).toBeLessThanOrEqual(50);
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
  });

  it('asks for exactly the scopes and events the bot uses', () => {
    const m = toSlackManifest(COMMANDS, { mode: 'socket' }) as unknown as Manifest;
    expect([...m.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'users:read']);
    expect(Object.keys(BOT_SCOPES).sort()).toEqual([...m.oauth_config.scopes.bot].sort());
    expect(m.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS]);
    expect(m.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.channels', 'message.groups']);
    expect(m.settings.interactivity.is_enabled).toBe(true);
  });

  it('Socket Mode has no URLs; HTTP mode points everything at <url>/slack/events', () => {
    const socket = toSlackManifest(COMMANDS, { mode: 'socket' }) as unknown as Manifest;
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('request_url');
    expect(JSON.stringify(socket)).not.toContain('"url"');
    const http = toSlackManifest(COMMANDS, { mode: 'http', url: 'https://bot.example.com/' }) as unknown as Manifest;
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.event_subscriptions.request_url).toBe('https://bot.example.com/slack/events');
    expect(http.settings.interactivity.request_url).toBe('https://bot.example.com/slack/events');
    expect(http.features.slash_commands.every((c) => c.url === 'https://bot.example.com/slack/events')).toBe(true);
    expect(() => toSlackManifest(COMMANDS, { mode: 'http', url: 'http://bot.example.com' })).toThrow(/https/);
  });

  it('uses the configured command names', () => {
    const names = parseCommandNames('brief=news-brief, /ask=news-ask');
    expect(names).toEqual({ brief: 'news-brief', ask: 'news-ask' });
    const m = toSlackManifest(COMMANDS, { mode: 'socket' }, { commandNames: names }) as unknown as Manifest;
    expect(m.features.slash_commands.map((c) => c.command)).toContain('/news-brief');
    expect(m.features.slash_commands.map((c) => c.command)).toContain('/news-ask');
    expect(m.features.slash_commands.map((c) => c.command)).not.toContain('/brief');
    expect(() => parseCommandNames('brief=News Brief')).toThrow(/brief=news-brief/);
  });

  describe('against the running bot', () => {
    let fake: FakeSlack;
    let app: Bot;
    let bot: Awaited<ReturnType<typeof startBot>>;
    const commandNames = { brief: 'news-brief', help: 'news-help' };
    beforeAll(async () => {
      fake = await new FakeSlack().start();
      app = await testBot();
      bot = await startBot(fake, app.core, { commandNames });
    });
    afterAll(async () => {
      await bot?.running.stop();
      await app?.stop();
      await fake?.close();
    });

    it('every command in the manifest is handled by the bot (acknowledged, not 404)', async () => {
      const m = toSlackManifest(app.core.commands, { mode: 'socket' }, { commandNames }) as unknown as Manifest;
      for (const { command } of m.features.slash_commands) {
        const body = slashCommandBody({ command, text: 'help-check', response_url: fake.responseUrl() });
        const res = await postSigned(bot.url, body, 'form', { signingSecret: SIGNING_SECRET });
        expect(res.status, command).toBe(200);
      }
      // A command not in the manifest is not handled.
      const res = await postSigned(bot.url, slashCommandBody({ command: '/brief', text: '', response_url: fake.responseUrl() }), 'form', {
        signingSecret: SIGNING_SECRET,
      });
      expect(res.status).toBe(404);
    });
  });

  it('`briefbot slack manifest --http <url>` prints it as YAML', async () => {
    const bin = join(import.meta.dirname, '../../../bin/briefbot.js');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'slack', 'manifest', '--http', 'https://bot.example.com'], {
      env: { ...process.env, SLACK_COMMAND_NAMES: '' },
    });
    const m = parse(stdout) as Manifest;
    expect(m.settings.event_subscriptions.request_url).toBe('https://bot.example.com/slack/events');
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(COMMANDS.map((c) => `/${c.name}`));
  });
});
