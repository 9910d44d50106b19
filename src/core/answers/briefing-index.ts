import MiniSearch from 'minisearch';
import { type Briefing, sentences } from '../briefing/briefing.js';
import { analyze, terms } from './analyze.js';
import type { Intent } from './vocabulary.js';

/** Something an answer can be: a curated Q&A pair or one passage of the briefing. */
export interface Passage {
  readonly id: number;
  readonly kind: 'qa' | 'passage';
  /** Q&A id for `qa`, otherwise the section id. */
  readonly ref: string;
  readonly section: string;
  /** The phrasing this entry was indexed under (one Q&A has one entry per phrasing). */
  readonly question?: string;
  /** Terms and intents of that phrasing alone, to tell a close paraphrase from a loose one. */
  readonly questionTerms?: ReadonlySet<string>;
  readonly questionIntents?: ReadonlySet<Intent>;
  readonly text: string;
  readonly terms: ReadonlySet<string>;
  /** Names from the briefing's places and who's who that the text mentions, lower-cased. */
  readonly places: readonly string[];
  readonly people: readonly string[];
}

export interface Hit {
  readonly passage: Passage;
  /** Query terms this passage contains, exactly or within MiniSearch's typo tolerance. */
  readonly matched: ReadonlySet<string>;
  readonly score: number;
}

/**
 * The searchable form of one briefing. MiniSearch finds candidates (BM25 with typo tolerance);
 * the answer engine re-ranks them by how much of the question they cover.
 */
export class BriefingIndex {
  private readonly search: MiniSearch<{ id: number; q: string; text: string }>;
  private readonly df = new Map<string, number>();
  readonly passages: Passage[] = [];

  constructor(readonly briefing: Briefing) {
    this.search = new MiniSearch({
      fields: ['q', 'text'],
      // Fields hold terms already analysed by `terms()`, so both sides agree on stems and synonyms.
      tokenize: (s) => (s ? s.split(' ') : []),
      processTerm: (t) => t,
      // Typo tolerance only for words the briefing does not have: a known word matches exactly,
      // and skipping the fuzzy walk for it keeps searches fast.
      searchOptions: { boost: { q: 2 }, fuzzy: (t) => (t.length >= 5 && !this.df.has(t) ? 0.2 : false), tokenize: (s) => s.split(' '), processTerm: (t) => t },
    });
    const docs: { id: number; q: string; text: string }[] = [];
    const placeNames = briefing.places.map((e) => e.name.replace(/^the\s+/i, '').toLowerCase());
    const personNames = briefing.who.map((e) => e.name.replace(/^the\s+/i, '').toLowerCase());
    const mentioned = (names: string[], text: string) => {
      const lower = text.toLowerCase();
      return names.filter((n) => lower.includes(n));
    };
    // One Q&A answer is indexed once per phrasing: analyse its text once.
    const analysed = new Map<string, { terms: string[]; places: string[]; people: string[] }>();
    const analyseText = (text: string) => {
      let a = analysed.get(text);
      if (!a) {
        a = { terms: terms(text), places: mentioned(placeNames, text), people: mentioned(personNames, text) };
        analysed.set(text, a);
      }
      return a;
    };
    const add = (kind: Passage['kind'], ref: string, section: string, text: string, question?: string) => {
      const t = analyseText(text);
      const q = question ? analyze(question) : undefined;
      const questionTerms = q?.terms ?? [];
      const all = new Set([...questionTerms, ...t.terms]);
      const passage: Passage = {
        id: this.passages.length,
        kind,
        ref,
        section,
        text,
        terms: all,
        places: t.places,
        people: t.people,
        ...(question && q ? { question, questionTerms: new Set(q.terms), questionIntents: q.intents } : {}),
      };
      this.passages.push(passage);
      for (const term of all) this.df.set(term, (this.df.get(term) ?? 0) + 1);
      docs.push({ id: passage.id, q: questionTerms.join(' '), text: t.terms.join(' ') });
    };
    for (const qa of briefing.qa) {
      for (const phrasing of [qa.question, ...qa.alternatives]) add('qa', qa.id, qa.section, qa.answer, phrasing);
    }
    const prose = (section: string, text: string) => {
      for (const s of sentences(text)) add('passage', section, section, s);
    };
    prose('tldr', briefing.tldr);
    prose('summary', briefing.summary);
    for (const p of briefing.keyPoints) add('passage', 'key-points', 'key-points', p);
    for (const e of briefing.who) add('passage', 'who', 'who', `${e.name}: ${e.description}`);
    for (const e of briefing.places) add('passage', 'places', 'places', `${e.name}: ${e.description}`);
    for (const e of briefing.timeline) add('passage', 'timeline', 'timeline', `${e.date}: ${e.event}`);
    for (const p of briefing.whatNext) add('passage', 'what-next', 'what-next', p);
    for (const section of briefing.sections) {
      for (const paragraph of section.paragraphs) prose(section.id, paragraph);
    }
    add('passage', 'title', 'summary', briefing.title);
    this.search.addAll(docs);
  }

  get size(): number {
    return this.passages.length;
  }

  /** Inverse document frequency within this briefing; an unseen term gets the highest weight. */
  idf(term: string): number {
    return Math.log((this.passages.length + 1) / ((this.df.get(term) ?? 0) + 0.5)) + 1;
  }

  has(term: string): boolean {
    return this.df.has(term);
  }

  find(queryTerms: readonly string[], limit = 40): Hit[] {
    if (queryTerms.length === 0) return [];
    return this.search
      .search(queryTerms.join(' '), { combineWith: 'OR' })
      .slice(0, limit)
      .map((r) => ({
        passage: this.passages[r.id as number] as Passage,
        matched: new Set(r.queryTerms),
        score: r.score,
      }));
  }
}
