import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';

describe('configuration', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const cwd = () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-config-'));
    return dir;
  };

  it('defaults to the console: no platform configured', () => {
    const c = loadConfig({ env: {}, cwd: cwd() });
    expect(c.discord).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.briefingsDir).toBe('briefings');
    expect(c.conversationTtlMs).toBe(24 * 60 * 60_000);
  });

  it('.env.example copied as .env is a valid configuration (blank values mean unset)', () => {
    const root = cwd();
    writeFileSync(join(root, '.env'), readFileSync(join(import.meta.dirname, '../.env.example')));
    const c = loadConfig({ env: {}, cwd: root });
    expect(c.discord).toBeUndefined();
    expect(c.slack).toBeUndefined();
  });

  it('a bad value stops start-up with a message naming the key', () => {
    expect(() => loadConfig({ env: { BRIEFBOT_TIMEZONE: 'Mars/Base' }, cwd: cwd() })).toThrow(/BRIEFBOT_TIMEZONE: must be an IANA time zone/);
    expect(() => loadConfig({ env: { DISCORD_HTTP_PORT: 'eighty' }, cwd: cwd() })).toThrow(/DISCORD_HTTP_PORT/);
    expect(() => loadConfig({ env: { DISCORD_TOKEN: 't' }, cwd: cwd() })).toThrow(/DISCORD_APPLICATION_ID: required/);
    expect(() => loadConfig({ env: { SLACK_BOT_TOKEN: 'xoxb-1' }, cwd: cwd() })).toThrow(/SLACK_SIGNING_SECRET: required/);
    expect(() => loadConfig({ env: { SLACK_SIGNING_SECRET: 's' }, cwd: cwd() })).toThrow(/SLACK_BOT_TOKEN: required/);
    expect(() => loadConfig({ env: { DISCORD_APPLICATION_ID: '1' }, cwd: cwd() })).toThrow(/DISCORD_TOKEN: required/);
  });

  it('reads config/*.yaml and .env, the environment winning', () => {
    const root = cwd();
    mkdirSync(join(root, 'config'));
    writeFileSync(join(root, 'config', 'a.yaml'), 'timezone: Europe/London\nconversation_ttl_minutes: 30\n');
    writeFileSync(join(root, '.env'), 'BRIEFBOT_DATABASE=from-dotenv.db\nBRIEFBOT_TIMEZONE=Asia/Tokyo\n');
    const c = loadConfig({ env: { BRIEFBOT_TIMEZONE: 'America/New_York' }, cwd: root });
    expect(c.timezone).toBe('America/New_York');
    expect(c.database).toBe('from-dotenv.db');
    expect(c.conversationTtlMs).toBe(30 * 60_000);
  });

  it('an unknown key in a YAML file is named with its file', () => {
    const root = cwd();
    mkdirSync(join(root, 'config'));
    writeFileSync(join(root, 'config', 'bad.yaml'), 'timezon: UTC\n');
    expect(() => loadConfig({ env: {}, cwd: root })).toThrow(/bad\.yaml: .*timezon/);
  });
});

describe('logger', () => {
  it('never writes tokens or secrets', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        cb();
      },
    });
    const log = createLogger({ level: 'info', format: 'json' }, sink);
    log.info({ config: { token: 'discord-secret', slack: { botToken: 'xoxb-secret', signingSecret: 'sign-secret' } } }, 'config');
    log.info({ req: { headers: { authorization: 'Bot discord-secret' } } }, 'request');
    // discord.js errors carry the request URL, and interaction URLs contain the token.
    const apiError = Object.assign(new Error('Unknown interaction'), {
      url: 'https://discord.com/api/v10/interactions/123/discord-secret/callback',
      requestBody: { json: { token: 'discord-secret' } },
    });
    log.error({ err: apiError }, 'callback failed');
    expect(out).not.toMatch(/discord-secret|xoxb-secret|sign-secret/);
    expect(out).toContain('[redacted]');
  });
});
