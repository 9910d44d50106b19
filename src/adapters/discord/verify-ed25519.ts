import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** How far a request's timestamp may be from our clock before it counts as a replay. */
export const MAX_TIMESTAMP_SKEW_S = 5 * 60;

/** Imports the Developer Portal's "Public Key" (64 hex characters). Do it once, at start-up. */
export function importDiscordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hex characters');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type VerifyResult = 'ok' | 'missing' | 'malformed' | 'stale' | 'bad-signature';

/**
 * Discord's request signature: Ed25519 over `timestamp + raw body`, hex in `X-Signature-Ed25519`,
 * the timestamp (Unix seconds) in `X-Signature-Timestamp`. A timestamp far from now is refused too,
 * so a captured request cannot be replayed later.
 */
export function verifyDiscordRequest(
  key: KeyObject,
  signature: string | string[] | undefined,
  timestamp: string | string[] | undefined,
  rawBody: Buffer,
  nowMs: number = Date.now(),
): VerifyResult {
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !signature || !timestamp) return 'missing';
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'malformed';
  const valid = verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), key, Buffer.from(signature, 'hex'));
  if (!valid) return 'bad-signature';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_TIMESTAMP_SKEW_S) return 'stale';
  return 'ok';
}
