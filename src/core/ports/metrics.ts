/**
 * What the bot counts, for operators. The ops listener exports it in Prometheus format
 * (src/ops/prometheus-metrics.ts); tests and tools use `noMetrics`. Methods never throw.
 */
export interface Metrics {
  /** An `/ask` (or follow-up) finished: answered, refused, or failed with an incident. */
  answer(outcome: 'answered' | 'refused' | 'error', seconds: number): void;
  /** A digest attempt settled with this outcome (sent, retried, skipped, failed, paused, recovered). */
  digest(outcome: string, platform: string): void;
  /** A platform answered 429 (rate limited) to one of our requests. */
  rateLimited(platform: string): void;
  /** A delivery another process had claimed (and stopped renewing) was taken over. */
  claimTakeover(): void;
  /** A store call failed (the caller handles it; this only counts). */
  storeError(operation: string): void;
}

const noop = () => {};
export const noMetrics: Metrics = { answer: noop, digest: noop, rateLimited: noop, claimTakeover: noop, storeError: noop };
