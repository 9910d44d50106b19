import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack: reject a request whose timestamp is more than five minutes from our clock (either way). */
export const SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/**
 * Verifies Slack's request signature (v0, HMAC-SHA256 over `v0:<timestamp>:<raw body>`) with a
 * constant-time comparison. `now` is injectable so Slack's documented example can be a test vector.
 */
export function verifySlackSignature(input: {
  readonly signingSecret: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly body: Buffer | string;
  readonly now: Date;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed' };
  if (Math.abs(Math.floor(input.now.getTime() / 1000) - Number(timestamp)) > SIGNATURE_MAX_AGE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = createHmac('sha256', input.signingSecret).update(`v0:${timestamp}:`).update(input.body).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
