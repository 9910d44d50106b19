import type { DeliveryStore } from '../core/ports/storage.js';

/** What shutdown did with the digest deliveries this process held. */
export interface DrainReport {
  /** Deliveries in flight when shutdown began. */
  readonly inFlight: number;
  /** Attempts that settled (sent, retried, failed…) after shutdown began. */
  readonly finished: number;
  /** Deliveries still held at the deadline, released so another replica resumes them at once. */
  readonly released: number;
}

/**
 * Graceful shutdown for digest delivery, as a wrapper around the store's delivery port (so the digest
 * service needs no shutdown mode of its own): after `begin()` no new delivery is claimed (a claim answers
 * "someone else has it", which the service already handles), the attempts in flight are counted as they
 * finish, and `settle()` releases whatever this process still holds (`deliveries.release(owner)`), after
 * which lease renewals are refused so a release cannot be undone by a late renewal.
 */
export class DeliveryDrain {
  private readonly inFlight = new Set<number>();
  private draining = false;
  private released = false;
  private atBegin = 0;
  private finished = 0;
  private deadline: Promise<void> | undefined;

  constructor(private readonly owner: string) {}

  wrap(deliveries: DeliveryStore): DeliveryStore {
    const claim: DeliveryStore['claim'] = async (id, owner, now, leaseUntil) => {
      if (this.draining) return undefined;
      const claimed = await deliveries.claim(id, owner, now, leaseUntil);
      if (claimed && owner === this.owner) this.inFlight.add(id);
      return claimed;
    };
    const finish: DeliveryStore['finish'] = async (id, owner, update, now) => {
      try {
        return await deliveries.finish(id, owner, update, now);
      } finally {
        if (this.inFlight.delete(id) && this.draining) this.finished++;
      }
    };
    const renew: DeliveryStore['renew'] = async (owner, now, leaseUntil) => (this.released ? 0 : deliveries.renew(owner, now, leaseUntil));
    return new Proxy(deliveries, {
      get(target, prop) {
        if (prop === 'claim') return claim;
        if (prop === 'finish') return finish;
        if (prop === 'renew') return renew;
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** Stops claims; returns how many deliveries are in flight. The grace period starts now. */
  begin(graceMs: number): number {
    if (!this.draining) {
      this.draining = true;
      this.atBegin = this.inFlight.size;
      this.deadline = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    }
    return this.atBegin;
  }

  /** `work`, or the end of the grace period if that comes first (without `begin`, just `work`). */
  async bounded(work: Promise<unknown>): Promise<void> {
    await Promise.race([work, this.deadline ?? work]);
  }

  /** Releases what this process still holds (lease ends `now`) and reports. Call once, after the in-flight work ended or the grace period did. */
  async settle(deliveries: DeliveryStore, now: Date): Promise<DrainReport> {
    this.draining = true;
    if (this.released) return { inFlight: this.atBegin, finished: this.finished, released: 0 };
    this.released = true; // from here on renewals are refused, so the release below sticks
    const released = await deliveries.release(this.owner, now);
    return { inFlight: this.atBegin, finished: this.finished, released };
  }
}
