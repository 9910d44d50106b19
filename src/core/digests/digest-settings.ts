/** With nothing new on its topics, a slot is skipped (recorded) or posts a short "nothing new". */
export type NothingNewPolicy = 'skip' | 'post';

export interface DigestSettings {
  readonly defaultTimezone: string;
  /** How late a slot may still be delivered, and how long transient failures are retried. Default 15 min. */
  readonly catchUpMs: number;
  readonly nothingNew: NothingNewPolicy;
  /** Deliveries in flight at once across all channels (the libraries queue on top of this for rate limits). */
  readonly concurrency: number;
  /** How long one attempt holds its claim; an attempt older than this is presumed dead and resumed. */
  readonly leaseMs: number;
  /** First retry delay; doubles per attempt up to `retryMaxMs`. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

export const DEFAULT_DIGEST_SETTINGS: Omit<DigestSettings, 'defaultTimezone'> = {
  catchUpMs: 15 * 60_000,
  nothingNew: 'skip',
  concurrency: 32,
  leaseMs: 2 * 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 5 * 60_000,
};
