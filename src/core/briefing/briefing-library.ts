import MiniSearch from 'minisearch';
import type { Briefing } from './briefing.js';

export type LibraryChange = { type: 'set'; briefing: Briefing; previous?: Briefing } | { type: 'remove'; briefing: Briefing };

/**
 * The briefings currently served, keyed by id, plus a catalog index (one document per briefing)
 * used to list and search them (/briefings). Drafts are kept but never served. Routing questions
 * is the answer engine's (answers/router.ts).
 */
export class BriefingLibrary {
  private readonly byId = new Map<string, Briefing>();
  private readonly listeners: ((change: LibraryChange) => void)[] = [];
  private readonly catalog = new MiniSearch<{ id: string; title: string; tags: string; about: string }>({
    fields: ['title', 'tags', 'about'],
    processTerm: searchTerm,
    searchOptions: { boost: { title: 3, tags: 2 }, processTerm: searchTerm },
  });
  /** `list()` sorted once per change, not per call: refusals and /briefings read it on every request. */
  private sorted: Briefing[] | undefined;

  constructor(briefings: Iterable<Briefing> = []) {
    for (const b of briefings) this.set(b);
  }

  onChange(listener: (change: LibraryChange) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  set(briefing: Briefing): void {
    const previous = this.byId.get(briefing.id);
    if (previous) this.unindex(previous);
    this.byId.set(briefing.id, briefing);
    if (briefing.status === 'published') this.index(briefing);
    this.emit(previous ? { type: 'set', briefing, previous } : { type: 'set', briefing });
  }

  remove(id: string): Briefing | undefined {
    const briefing = this.byId.get(id);
    if (!briefing) return undefined;
    this.unindex(briefing);
    this.byId.delete(id);
    this.emit({ type: 'remove', briefing });
    return briefing;
  }

  /** Any briefing by id, drafts included (for `briefbot brief <id>` and the editors' tools). */
  get(id: string): Briefing | undefined {
    return this.byId.get(id);
  }

  /** A published briefing by id. */
  published(id: string): Briefing | undefined {
    const b = this.byId.get(id);
    return b?.status === 'published' ? b : undefined;
  }

  /** Published briefings, most recently updated first. */
  list(): readonly Briefing[] {
    this.sorted ??= [...this.byId.values()].filter((b) => b.status === 'published').sort(byRecency);
    return this.sorted;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Published briefings matching free text (title, tags, summary, names), best first; typos and prefixes allowed. */
  search(text: string, limit = 25): Briefing[] {
    if (!text.split(/\s+/).some((w) => searchTerm(w))) return this.list().slice(0, limit);
    return this.catalog
      .search(text, { prefix: (t) => t.length >= 3, fuzzy: (t) => (t.length >= 5 ? 0.2 : 0), combineWith: 'AND' })
      .slice(0, limit)
      .map((r) => this.byId.get(r.id as string) as Briefing);
  }

  private index(b: Briefing): void {
    const names = [...b.who, ...b.places].flatMap((e) => [e.name, ...e.aliases]);
    this.catalog.add({ id: b.id, title: b.title, tags: b.tags.join(' ').replace(/-/g, ' '), about: [b.tldr, b.summary, ...b.keyPoints, ...names].join('\n') });
  }

  private unindex(b: Briefing): void {
    if (this.catalog.has(b.id)) this.catalog.discard(b.id);
  }

  private emit(change: LibraryChange): void {
    this.sorted = undefined;
    for (const l of this.listeners) l(change);
  }
}

export function byRecency(a: Briefing, b: Briefing): number {
  return b.updated.getTime() - a.updated.getTime() || b.published.getTime() - a.published.getTime();
}

/** Search terms: lower-cased and accent-free, with words too common to narrow a search left out. */
const COMMON = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'and', 'or', 'to', 'for', 'is', 'are', 'was', 'what', 'about']);
function searchTerm(term: string): string | null {
  const t = term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return t && !COMMON.has(t) ? t : null;
}
