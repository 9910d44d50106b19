import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../core/ports/metrics.js';

/** Answers take about a millisecond; a slow store or a large library shows up in the upper buckets. */
const ANSWER_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The Metrics port in Prometheus form, on a registry of its own (never prom-client's global one), so
 * several bots in one process (tests, benchmarks) keep separate counts. `GET /metrics` on the ops
 * listener serves `text()`. Every method swallows its own errors: counting must never break an answer.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly answers: Counter<'outcome'>;
  private readonly answerSeconds: Histogram<'outcome'>;
  private readonly digests: Counter<'outcome' | 'platform'>;
  private readonly rateLimits: Counter<'platform'>;
  private readonly takeovers: Counter;
  private readonly storeErrors: Counter<'operation'>;
  private briefingCount: () => number = () => 0;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.answers = new Counter({
      name: 'briefbot_answers_total',
      help: 'Questions answered (/ask and follow-ups), by outcome: answered, refused (not covered), error (an incident).',
      labelNames: ['outcome'],
      registers,
    });
    this.answerSeconds = new Histogram({
      name: 'briefbot_answer_duration_seconds',
      help: 'Time to answer one question (engine and store), by outcome.',
      labelNames: ['outcome'],
      buckets: ANSWER_BUCKETS,
      registers,
    });
    this.digests = new Counter({
      name: 'briefbot_digests_total',
      help: 'Digest attempts settled, by outcome (sent, retried, skipped, failed, paused, recovered) and platform.',
      labelNames: ['outcome', 'platform'],
      registers,
    });
    this.rateLimits = new Counter({
      name: 'briefbot_platform_rate_limited_total',
      help: 'Requests a platform answered with 429 (rate limited).',
      labelNames: ['platform'],
      registers,
    });
    this.takeovers = new Counter({
      name: 'briefbot_digest_claim_takeovers_total',
      help: 'Digest deliveries taken over from a process that stopped renewing its claim.',
      registers,
    });
    this.storeErrors = new Counter({
      name: 'briefbot_store_errors_total',
      help: 'Store calls that failed, by operation (e.g. conversations.save).',
      labelNames: ['operation'],
      registers,
    });
    const briefings = () => this.briefingCount();
    new Gauge({
      name: 'briefbot_briefings_published',
      help: 'Published briefings in service (hot reload included).',
      registers,
      collect() {
        this.set(briefings());
      },
    });
    // Zero series for every answer outcome, so rate() works from the first scrape.
    for (const outcome of ['answered', 'refused', 'error']) this.answers.labels(outcome).inc(0);
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** Where `briefbot_briefings_published` reads its value (the library, which hot reload changes). */
  countBriefingsWith(count: () => number): void {
    this.briefingCount = count;
  }

  answer(outcome: 'answered' | 'refused' | 'error', seconds: number): void {
    safely(() => {
      this.answers.labels(outcome).inc();
      this.answerSeconds.labels(outcome).observe(seconds);
    });
  }

  digest(outcome: string, platform: string): void {
    safely(() => this.digests.labels(outcome, platform).inc());
  }

  rateLimited(platform: string): void {
    safely(() => this.rateLimits.labels(platform).inc());
  }

  claimTakeover(): void {
    safely(() => this.takeovers.inc());
  }

  storeError(operation: string): void {
    safely(() => this.storeErrors.labels(operation).inc());
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of everything in this registry. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // A metric must never fail the work it counts.
  }
}
