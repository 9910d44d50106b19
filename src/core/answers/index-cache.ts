import type { Briefing } from '../briefing/briefing.js';
import { BriefingIndex } from './briefing-index.js';

/**
 * Per-briefing indexes, built on demand. Two rules keep latency flat with a large library:
 * - An index is kept only from its second request (recent first requests are remembered by id).
 *   A one-off question about an old briefing then leaves garbage that dies young, instead of an
 *   index the garbage collector must copy into the old generation, and it pushes nothing out.
 * - The cache is bounded by passages, not briefings: one long briefing costs as much to rebuild
 *   as dozens of short ones.
 */
export class IndexCache {
  private readonly indexes = new Map<string, BriefingIndex>();
  private readonly requested = new Set<string>();
  private passages = 0;

  constructor(
    private readonly budget = 20_000,
    private readonly remember = 10_000,
  ) {}

  /** Builds and keeps the index now (start-up warm-up), as if it had been asked for twice. */
  warm(briefing: Briefing): void {
    if (this.indexes.get(briefing.id)?.briefing !== briefing) this.requested.add(briefing.id);
    this.get(briefing);
  }

  get(briefing: Briefing): BriefingIndex {
    const cached = this.indexes.get(briefing.id);
    if (cached?.briefing === briefing) {
      // Re-insert: Map order is the LRU order.
      this.indexes.delete(briefing.id);
      this.indexes.set(briefing.id, cached);
      return cached;
    }
    if (cached) this.invalidate(briefing.id);
    const index = new BriefingIndex(briefing);
    if (this.requested.delete(briefing.id)) this.keep(index);
    else this.noteRequest(briefing.id);
    return index;
  }

  invalidate(id: string): void {
    const stale = this.indexes.get(id);
    if (!stale) return;
    this.indexes.delete(id);
    this.passages -= stale.size;
  }

  private keep(index: BriefingIndex): void {
    this.indexes.set(index.briefing.id, index);
    this.passages += index.size;
    for (const [id, old] of this.indexes) {
      if (this.passages <= this.budget || old === index) break;
      this.indexes.delete(id);
      this.passages -= old.size;
    }
  }

  private noteRequest(id: string): void {
    this.requested.add(id);
    if (this.requested.size > this.remember) this.requested.delete(this.requested.values().next().value as string);
  }
}
