import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../../src/adapters/discord/custom-id.js';
import { type HttpInteractionsServer, startHttpInteractions } from '../../../src/adapters/discord/http-interactions.js';
import { importDiscordPublicKey, verifyDiscordRequest } from '../../../src/adapters/discord/verify-ed25519.js';
import { COMMANDS } from '../../../src/core/commands/registry.js';
import type { Bot } from '../../../src/main.js';
import { FAKE_APP_ID, FakeDiscord } from '../../fakes/fake-discord.js';
import { SEED_ID, testBot } from '../../helpers/bot.js';
import { discordSigner } from '../../helpers/ed25519.js';
import { buttonClick, modalSubmit, ping, slashCommand, slowCommand, str } from './fixtures.js';
import { type LogLine, recordingLogger } from './recording-logger.js';

const signer = discordSigner();
let fake: FakeDiscord;
let app: Bot;
let server: HttpInteractionsServer;
const lines: LogLine[] = [];

const slow = slowCommand(200, 'done', 'private');

beforeAll(async () => {
  fake = await FakeDiscord.start();
  app = await testBot({ commands: [...COMMANDS, slow] });
  server = await startHttpInteractions(
    { applicationId: FAKE_APP_ID, publicKey: signer.publicKeyHex, mode: 'http', http: { host: '127.0.0.1', port: 0 }, apiBase: fake.apiBase },
    app.core,
    recordingLogger(lines),
    { deferAfterMs: 50 },
  );
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
  await app?.stop();
});

const now = () => String(Math.floor(Date.now() / 1000));

async function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`http://127.0.0.1:${server.port}/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

async function signed(payload: unknown, timestamp = now()): Promise<Response> {
  const body = JSON.stringify(payload);
  return post(body, { 'x-signature-ed25519': signer.sign(timestamp, body), 'x-signature-timestamp': timestamp });
}

describe('HTTP interactions mode', () => {
  it('answers a signed PING with PONG (JSON)', async () => {
    const res = await signed(ping());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('answers a correctly signed /ask in the response body', async () => {
    const res = await signed(slashCommand('ask', [str('question', 'How many US troops are in Niger?')]));
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.embeds[0].footer.text).toContain(SEED_ID);
  });

  it('continues a conversation through Follow up → modal → answer', async () => {
    const first: any = await (await signed(slashCommand('ask', [str('question', 'Who entered the airbase?')]))).json();
    const followUp = first.data.components.flatMap((r: any) => r.components).find((b: any) => decodeCustomId(b.custom_id)?.kind === 'follow-up');
    const modal: any = await (await signed(buttonClick(followUp.custom_id, first.data))).json();
    expect(modal.type).toBe(9);
    const answer: any = await (await signed(modalSubmit(modal.data.custom_id, 'question', 'how many of them?'))).json();
    expect(answer.data.embeds[0].description).toMatch(/about 60 Russian/);
  });

  it('defers slow work and edits the answer in through the REST API', async () => {
    const payload = slashCommand('slow');
    const res = await signed(payload);
    expect(await res.json()).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor((r) => r.method === 'PATCH' && r.path === `/webhooks/${FAKE_APP_ID}/${payload.token}/messages/@original`);
    expect(edit.body.content).toBe('done');
    expect(edit.headers.authorization).toBeUndefined();
  });

  it('refuses a bad signature with 401', async () => {
    const body = JSON.stringify(slashCommand('help'));
    const ts = now();
    const res = await post(body, { 'x-signature-ed25519': signer.sign(ts, `${body} `), 'x-signature-timestamp': ts });
    expect(res.status).toBe(401);
    const other = discordSigner();
    expect((await post(body, { 'x-signature-ed25519': other.sign(ts, body), 'x-signature-timestamp': ts })).status).toBe(401);
    expect((await post(body, { 'x-signature-ed25519': 'zz', 'x-signature-timestamp': ts })).status).toBe(401);
  });

  it('refuses a request with a missing header with 401', async () => {
    const body = JSON.stringify(ping());
    const ts = now();
    expect((await post(body, { 'x-signature-timestamp': ts })).status).toBe(401);
    expect((await post(body, { 'x-signature-ed25519': signer.sign(ts, body) })).status).toBe(401);
    expect((await post(body, {})).status).toBe(401);
  });

  it('refuses a replayed body with a different timestamp, and a stale one', async () => {
    const body = JSON.stringify(slashCommand('help'));
    const ts = now();
    const signature = signer.sign(ts, body);
    expect((await post(body, { 'x-signature-ed25519': signature, 'x-signature-timestamp': ts })).status).toBe(200);
    expect((await post(body, { 'x-signature-ed25519': signature, 'x-signature-timestamp': String(Number(ts) + 1) })).status).toBe(401);
    const old = String(Number(ts) - 600);
    expect((await post(body, { 'x-signature-ed25519': signer.sign(old, body), 'x-signature-timestamp': old })).status).toBe(401);
  });

  it('answers a replayed signed interaction once: its id is remembered for the signature window', async () => {
    const asked = JSON.stringify(slashCommand('ask', [str('question', 'How many US troops are in Niger?')]));
    const ts = now();
    const headers = { 'x-signature-ed25519': signer.sign(ts, asked), 'x-signature-timestamp': ts };
    const first = await post(asked, headers);
    expect(first.status).toBe(200);
    const answer: any = await first.json();
    expect(answer.data.embeds[0].description).toMatch(/1,000/);
    expect((await post(asked, headers)).status).toBe(409);
    expect(lines.some((l) => l.msg === 'discord request refused: interaction already handled (replayed)')).toBe(true);

    // A replayed 👎 is not counted twice.
    const down = answer.data.components.flatMap((r: any) => r.components).find((b: any) => b.emoji?.name === '👎');
    const vote = JSON.stringify(buttonClick(down.custom_id, answer.data));
    const voteHeaders = { 'x-signature-ed25519': signer.sign(ts, vote), 'x-signature-timestamp': ts };
    const before = (await app.services.feedback.list()).length;
    expect((await post(vote, voteHeaders)).status).toBe(200);
    expect((await post(vote, voteHeaders)).status).toBe(409);
    expect(await app.services.feedback.list()).toHaveLength(before + 1);
  });

  it('answers other paths with 404 and has a health check', async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/nope`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });

  it('logs no signature or token', () => {
    expect(lines.some((l) => l.msg?.includes('invalid request signature'))).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('fake-interaction-token');
  });
});

describe('verifyDiscordRequest', () => {
  const key = importDiscordPublicKey(signer.publicKeyHex);
  const body = Buffer.from('{"type":1}');
  const ts = '1700000000';
  const at = 1_700_000_000_000;
  it('says why a request is refused', () => {
    expect(verifyDiscordRequest(key, signer.sign(ts, body.toString()), ts, body, at)).toBe('ok');
    expect(verifyDiscordRequest(key, undefined, ts, body, at)).toBe('missing');
    expect(verifyDiscordRequest(key, 'abc', ts, body, at)).toBe('malformed');
    expect(verifyDiscordRequest(key, signer.sign(ts, '{}'), ts, body, at)).toBe('bad-signature');
    expect(verifyDiscordRequest(key, signer.sign(ts, body.toString()), ts, body, at + 301_000)).toBe('stale');
  });
  it('rejects a public key that is not 64 hex characters', () => {
    expect(() => importDiscordPublicKey('abc')).toThrow(/64 hex/);
  });
});
