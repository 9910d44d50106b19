import type { DeliveryOutcome, DeliveryStore } from '../ports/storage.js';

export const emptyOutcomes = (): Record<DeliveryOutcome, number> => ({ sent: 0, retried: 0, skipped: 0, failed: 0, paused: 0, recovered: 0 });

/** Writes outcomes to the append-only delivery log and counts them for the tick's report. */
export class OutcomeLog {
  readonly counts = emptyOutcomes();

  constructor(private readonly deliveries: Pick<DeliveryStore, 'log'>) {}

  async record(deliveryId: number, subscriptionId: string, slot: Date, outcome: DeliveryOutcome, detail: string | undefined, at: Date): Promise<void> {
    await this.deliveries.log({ deliveryId, subscriptionId, slot, outcome, ...(detail ? { detail } : {}), at });
    this.counts[outcome]++;
  }
}
