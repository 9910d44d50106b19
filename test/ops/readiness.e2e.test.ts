import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import type { Bot } from '../../src/main.js';
import { slashCommand, str } from '../adapters/discord/fixtures.js';
import { type LogLine, recordingLogger } from '../adapters/discord/recording-logger.js';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET } from '../adapters/slack/slack-harness.js';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord } from '../fakes/fake-discord.js';
import { FakeSlack, waitFor } from '../fakes/fake-slack.js';
import { testBot } from '../helpers/bot.js';
import { discordSigner } from '../helpers/ed25519.js';
import { postSigned, slashCommandBody } from '../helpers/slack-signing.js';

/**
 * The ops listener of the real composition root, started as `briefbot start` starts it, in each platform
 * mode against the local fakes: readiness names the platform's connection, and /metrics counts answers.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const OPS = { host: '127.0.0.1', port: 0 };

async function startBot(config: Partial<Config>): Promise<{ bot: Bot; lines: LogLine[]; ops: string }> {
  const lines: LogLine[] = [];
  const bot = await testBot({ config: { ops: OPS, ...config }, logger: recordingLogger(lines) });
  cleanups.push(() => bot.stop());
  await bot.start();
  const address = bot.opsAddress();
  if (!address) throw new Error('the ops listener did not start');
  return { bot, lines, ops: `http://127.0.0.1:${address.port}` };
}

const readyz = async (ops: string) => {
  const res = await fetch(`${ops}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string>; reasons?: string[] } };
};
const metric = async (ops: string, series: string) => {
  const text = await (await fetch(`${ops}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : undefined;
};
const portLogged = (lines: LogLine[], msg: string) => lines.find((l) => l.msg === msg)?.obj.port as number;

describe('ops listener in every platform mode', () => {
  it('Discord HTTP interactions: ready once listening; signed /ask answers are counted by outcome with their latency', async () => {
    const signer = discordSigner();
    const { lines, ops } = await startBot({
      discord: {
        applicationId: FAKE_APP_ID,
        publicKey: signer.publicKeyHex,
        mode: 'http',
        http: { host: '127.0.0.1', port: 0 },
        apiBase: 'http://127.0.0.1:9/api',
      },
    });
    expect((await fetch(`${ops}/healthz`)).status).toBe(200);
    const r = await readyz(ops);
    expect(r.status).toBe(200);
    expect(r.body.checks).toMatchObject({ store: 'ok (sqlite)', discord: 'ok (HTTP interactions listener connected)' });
    expect(r.body.checks.briefings).toMatch(/^ok \(\d+ published\)$/);

    const port = portLogged(lines, 'discord interactions endpoint listening');
    const ask = async (question: string) => {
      const body = JSON.stringify(slashCommand('ask', [str('question', question)]));
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await fetch(`http://127.0.0.1:${port}/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature-ed25519': signer.sign(ts, body), 'x-signature-timestamp': ts },
        body,
      });
      expect(res.status).toBe(200);
    };
    await ask('How many US troops are in Niger?');
    await ask('What is the population of Mars?');
    expect(await metric(ops, 'briefbot_answers_total{outcome="answered"}')).toBe(1);
    expect(await metric(ops, 'briefbot_answers_total{outcome="refused"}')).toBe(1);
    expect(await metric(ops, 'briefbot_answer_duration_seconds_count{outcome="answered"}')).toBe(1);
    expect(await metric(ops, 'briefbot_answer_duration_seconds_sum{outcome="answered"}')).toBeGreaterThan(0);
    expect(await metric(ops, 'briefbot_briefings_published')).toBeGreaterThan(0);
    // The metrics never carry the platform's secrets.
    expect(await (await fetch(`${ops}/metrics`)).text()).not.toContain(signer.publicKeyHex);
  });

  it('Discord gateway: ready once the gateway is ready', async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const { ops } = await startBot({
      discord: { token: FAKE_TOKEN, applicationId: FAKE_APP_ID, mode: 'gateway', http: { host: '127.0.0.1', port: 0 }, apiBase: fake.apiBase },
    });
    const r = await readyz(ops);
    expect(r.status).toBe(200);
    expect(r.body.checks.discord).toBe('ok (gateway connected)');
  });

  it('Slack HTTP mode: ready once listening; a signed slash command is counted', async () => {
    const fake = await new FakeSlack().start();
    cleanups.push(() => fake.close());
    const { lines, ops } = await startBot({
      slack: {
        botToken: BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        http: { host: '127.0.0.1', port: 0 },
        apiUrl: fake.apiUrl,
        commandNames: {},
        digestManagers: [],
      },
    });
    const r = await readyz(ops);
    expect(r.status).toBe(200);
    expect(r.body.checks.slack).toBe('ok (HTTP listener connected)');
    const port = portLogged(lines, 'slack adapter listening (HTTP)');
    const body = slashCommandBody({ command: '/ask', text: 'Why are US troops leaving Niger?', response_url: fake.responseUrl() });
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, body, 'form', { signingSecret: SIGNING_SECRET })).status).toBe(200);
    expect(await metric(ops, 'briefbot_answers_total{outcome="answered"}')).toBe(1);
  });

  it('Slack Socket Mode: ready while connected, 503 naming Socket Mode once the connection is gone', async () => {
    const fake = await new FakeSlack().start();
    let closed = false;
    cleanups.push(() => (closed ? undefined : fake.close()));
    const { ops } = await startBot({
      slack: { botToken: BOT_TOKEN, appToken: APP_TOKEN, http: { host: '127.0.0.1', port: 0 }, apiUrl: fake.apiUrl, commandNames: {}, digestManagers: [] },
    });
    const r = await readyz(ops);
    expect(r.status).toBe(200);
    expect(r.body.checks.slack).toBe('ok (Socket Mode connected)');
    // Slack goes away (and stays away: reconnecting cannot succeed).
    await fake.close();
    closed = true;
    const down = await waitFor(
      async () => {
        const now = await readyz(ops);
        return now.status === 503 && now;
      },
      10_000,
      '/readyz to turn 503',
    );
    expect(down.body.reasons).toEqual(['slack: Socket Mode not connected']);
    expect(down.body.checks.store).toBe('ok (sqlite)');
  });
});
