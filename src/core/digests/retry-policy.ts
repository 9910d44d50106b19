import type { DigestSettings } from './digest-settings.js';

type RetrySettings = Pick<DigestSettings, 'catchUpMs' | 'retryBaseMs' | 'retryMaxMs'>;

/** Whether something happening at `at` is still in time for `slot` (exactly `catchUpMs` late still is). */
export function withinCatchUp(slot: Date | number, at: Date | number, catchUpMs: number): boolean {
  return Number(at) - Number(slot) <= catchUpMs;
}

/** Exponential backoff from the attempt count, but never sooner than the platform asked. */
export function nextAttemptAt(settings: RetrySettings, attempts: number, now: Date, retryAfterMs = 0): Date {
  const backoff = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + Math.max(backoff, retryAfterMs));
}
