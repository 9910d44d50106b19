import MiniSearch from 'minisearch';
import { terms } from '../answers/analyze.js';
import type { Briefing } from './briefing.js';

export type LibraryChange = { type: 'set'; briefing: Briefing; previous?: Briefing } | { type: 'remove'; briefing: Briefing };

/**
 * The briefings currently served, keyed by id, plus a catalog index (one document per briefing)
 * used to list, search and route questions. Drafts are kept but never served.
 */
export class BriefingLibrary {
  private readonly byId = new Map<string, Briefing>();
  private readonly listeners: ((change: LibraryChange) => void)[] = [];
  private readonly catalog = new MiniSearch<{ id: string; title: string; tags: string; about: string }>({
    fields: ['title', 'tags', 'about'],
    tokenize: (s) => (s ? s.split(' ') : []),
    processTerm: (t) => t,
    searchOptions: { boost: { title: 3, tags: 2 }, tokenize: (s) => s.split(' '), processTerm: (t) => t },
  });
  /** How many published briefings contain each catalog term; routing skips terms that nearly all share. */
  private readonly df = new Map<string, number>();
  /**
   * Each briefing's catalog terms as one " a b c " string: a string is a single leaf object to
   * the garbage collector, where 10,000 Sets would be millions of entries to trace on every GC.
   */
  private readonly catalogTerms = new Map<string, string>();
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
    const q = terms(text);
    if (q.length === 0) return this.list().slice(0, limit);
    return this.catalog
      .search(q.join(' '), { prefix: (t) => t.length >= 3, fuzzy: (t) => (t.length >= 5 ? 0.2 : 0), combineWith: 'AND' })
      .slice(0, limit)
      .map((r) => this.byId.get(r.id as string) as Briefing);
  }

  /**
   * Candidate briefings for a question's terms, best first, more recent first on equal scores.
   * Terms found in more than 5% of a large library say little about which briefing is meant, and
   * searching them would walk most of the catalog; so the rare terms find up to 20 candidates,
   * which are then ranked by how much of the whole question each contains, rarer terms weighing
   * more ("the *trade deal* in Katuzem" among three Katuzem stories).
   */
  route(queryTerms: readonly string[], limit = 3): Briefing[] {
    const total = this.catalog.documentCount;
    const cap = Math.max(50, total * 0.05);
    const rare = queryTerms.filter((t) => (this.df.get(t) ?? 0) <= cap);
    if (rare.length === 0) return [];
    const weight = (t: string) => Math.log(1 + total / (this.df.get(t) ?? 1));
    return this.catalog
      .search(rare.join(' '), { combineWith: 'OR' })
      .slice(0, 20)
      .map((r) => {
        const terms = this.catalogTerms.get(r.id as string);
        const covered = queryTerms.reduce((sum, t) => sum + (terms?.includes(` ${t} `) ? weight(t) : 0), 0);
        return { briefing: this.byId.get(r.id as string) as Briefing, covered, score: r.score };
      })
      .sort((a, b) => b.covered - a.covered || b.score - a.score || byRecency(a.briefing, b.briefing))
      .slice(0, limit)
      .map((r) => r.briefing);
  }

  private index(b: Briefing): void {
    const about = [b.tldr, b.summary, ...b.keyPoints, ...b.who.map((e) => e.name), ...b.places.map((e) => e.name), ...b.qa.map((q) => q.question)];
    const doc = {
      id: b.id,
      title: terms(b.title).join(' '),
      tags: b.tags.flatMap((t) => terms(t.replace(/-/g, ' '))).join(' '),
      about: terms(about.join('\n')).join(' '),
    };
    const unique = [...new Set([...doc.title.split(' '), ...doc.tags.split(' '), ...doc.about.split(' ')])].filter(Boolean);
    for (const t of unique) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.catalogTerms.set(b.id, ` ${unique.join(' ')} `);
    this.catalog.add(doc);
  }

  private unindex(b: Briefing): void {
    if (!this.catalog.has(b.id)) return;
    this.catalog.discard(b.id);
    for (const t of (this.catalogTerms.get(b.id) ?? '').split(' ').filter(Boolean)) {
      const n = (this.df.get(t) ?? 1) - 1;
      if (n <= 0) this.df.delete(t);
      else this.df.set(t, n);
    }
    this.catalogTerms.delete(b.id);
  }

  private emit(change: LibraryChange): void {
    this.sorted = undefined;
    for (const l of this.listeners) l(change);
  }
}

export function byRecency(a: Briefing, b: Briefing): number {
  return b.updated.getTime() - a.updated.getTime() || b.published.getTime() - a.published.getTime();
}
