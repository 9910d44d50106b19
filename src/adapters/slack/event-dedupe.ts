/**
 * Remembers recently seen Slack `event_id`s so an event Slack delivers again (after a timeout it
 * retries up to three times, marked `x-slack-retry-num`) is handled once. Bounded: the oldest ids
 * are forgotten first. In memory only: after a restart a late retry could be answered again.
 */
export class EventDedupe {
  private readonly seen = new Map<string, true>();
  constructor(private readonly capacity = 5000) {}

  /** True the first time an id is offered, false for every repeat. */
  firstTime(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, true);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
