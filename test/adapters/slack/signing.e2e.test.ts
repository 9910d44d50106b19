import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../../src/adapters/slack/verify-signature.js';
import type { Bot } from '../../../src/main.js';
import { FakeSlack } from '../../fakes/fake-slack.js';
import { testBot } from '../../helpers/bot.js';
import { slackSignature } from '../../helpers/slack-signing.js';
import { startBot } from './slack-harness.js';

/** Slack's worked example ("Verifying requests from Slack"), byte for byte. */
const DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const docTime = new Date(Number(DOC.timestamp) * 1000);

describe("Slack's documented signing example as a test vector", () => {
  it('verifies with a clock fixed at the example time', () => {
    expect(slackSignature(DOC.secret, DOC.timestamp, DOC.body)).toBe(DOC.signature);
    expect(verifySlackSignature({ signingSecret: DOC.secret, timestamp: DOC.timestamp, signature: DOC.signature, body: DOC.body, now: docTime })).toEqual({
      ok: true,
    });
  });

  it('fails when one byte changes, the secret differs, or the clock is real (stale)', () => {
    const base = { signingSecret: DOC.secret, timestamp: DOC.timestamp, signature: DOC.signature, body: DOC.body, now: docTime };
    expect(verifySlackSignature({ ...base, body: DOC.body.replace('text=', 'text=x') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySlackSignature({ ...base, signingSecret: `${DOC.secret}x` })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySlackSignature({ ...base, now: new Date() })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySlackSignature({ ...base, now: new Date(docTime.getTime() + 301_000) })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySlackSignature({ ...base, now: new Date(docTime.getTime() - 301_000) })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySlackSignature({ ...base, now: new Date(docTime.getTime() + 300_000) })).toEqual({ ok: true });
    expect(verifySlackSignature({ ...base, signature: 'v1=abc' })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySlackSignature({ ...base, signature: undefined })).toEqual({ ok: false, reason: 'missing' });
  });

  describe('through the running HTTP server', () => {
    let fake: FakeSlack;
    let app: Bot;
    let bot: Awaited<ReturnType<typeof startBot>>;
    beforeAll(async () => {
      fake = await new FakeSlack().start();
      app = await testBot();
      // /help renamed to the example's /webhook-collect; its reply is private, so it rides on the ack
      // and the example's hooks.slack.com response_url is never called.
      bot = await startBot(fake, app.core, { signingSecret: DOC.secret, commandNames: { help: 'webhook-collect' } }, { clock: () => docTime });
    });
    afterAll(async () => {
      await bot?.running.stop();
      await app?.stop();
      await fake?.close();
    });

    const post = (body: string) =>
      fetch(bot.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': DOC.timestamp, 'x-slack-signature': DOC.signature },
        body,
      });

    it('accepts the example request and answers the command', async () => {
      const res = await post(DOC.body);
      expect(res.status).toBe(200);
      const reply = (await res.json()) as { response_type: string; text: string };
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toMatch(/briefbot/);
    });

    it('rejects the example with one byte changed (401)', async () => {
      expect((await post(DOC.body.replace('roadrunner', 'roadrunnes'))).status).toBe(401);
    });
  });
});
