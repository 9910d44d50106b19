import type { Briefing } from '../briefing/briefing.js';
import { type BriefingLibrary, byRecency } from '../briefing/briefing-library.js';
import { isStopword, lexicon, SpellingCorrector } from '../text/index.js';
import { foldWords } from './names.js';
import { passagesOf } from './passages.js';
import type { Question, Vocabulary } from './question.js';
import { baseForms } from './word-keys.js';

/**
 * Which briefings a question may be about, and how the library spells its words. The catalog holds
 * each published briefing's distinctive terms from every part (title, tags, who's who and places with
 * their aliases, sections, timeline, Q&A): base forms and first-sense WordNet concepts, so "blaze"
 * finds the briefing about a fire. Kept in step with the library as briefings come and go.
 */
export class Router implements Vocabulary {
  private readonly postings = new Map<string, Set<string>>();
  private readonly termsOf = new Map<string, readonly string[]>();
  private readonly wordsOf = new Map<string, Map<string, number>>();
  private readonly spelling = new SpellingCorrector();
  /** Who's who and places names and aliases, as folded word sequences, to the briefings that use them. */
  private readonly names = new Map<string, Set<string>>();
  private readonly namesOf = new Map<string, readonly string[]>();

  constructor(private readonly library: BriefingLibrary) {
    for (const b of library.list()) this.add(b);
    library.onChange((change) => {
      this.remove(change.briefing.id);
      if (change.type === 'set' && change.briefing.status === 'published') this.add(change.briefing);
    });
  }

  correct(word: string): string | undefined {
    return this.spelling.correct(word);
  }

  /** Up to `limit` briefings, best first: rare terms find candidates, the whole question ranks them. */
  route(q: Question, limit = 3): { briefing: Briefing; share: number }[] {
    const total = this.termsOf.size;
    if (total === 0) return [];
    // The catalog holds single words: a phrase of the question ("fire brigade") routes by its words.
    const words = [...new Set(q.words.filter((w) => !w.light).flatMap((w) => w.word.split(' ')))].filter((w) => !isStopword(w));
    const termsOf = words.map((w) => routeTerms(w, 2));
    const df = (t: string) => this.postings.get(t)?.size ?? 0;
    const weight = (t: string) => Math.log(1 + total / Math.max(1, df(t)));
    const cap = Math.max(50, total * 0.05);
    const found = new Set<string>();
    for (const terms of termsOf) for (const t of terms) if (df(t) > 0 && df(t) <= cap) for (const id of this.postings.get(t) ?? []) found.add(id);
    const scored: { briefing: Briefing; score: number }[] = [];
    for (const id of found) {
      const b = this.library.published(id);
      if (!b) continue;
      let score = 0;
      // Each word counts once, by its rarest term the briefing has: a word with many senses is not many words.
      for (const terms of termsOf) score += Math.max(0, ...terms.filter((t) => this.postings.get(t)?.has(id)).map(weight));
      scored.push({ briefing: b, score });
    }
    // A name the question uses is the strongest sign of which briefing it is about.
    const named = this.namesIn(q);
    for (const [id, weight] of named) {
      const hit = scored.find((s) => s.briefing.id === id);
      if (hit) hit.score += weight;
      else {
        const b = this.library.published(id);
        if (b) scored.push({ briefing: b, score: weight });
      }
    }
    scored.sort((a, b) => b.score - a.score || byRecency(a.briefing, b.briefing));
    const top = scored[0]?.score ?? 0;
    // `share`: how well the briefing matches the question's words next to the best match.
    return scored.slice(0, limit).map((s) => ({ briefing: s.briefing, share: top > 0 ? s.score / top : 0 }));
  }

  /** Briefings whose names the question uses, each with the weight of its rarest such name (sequences of 1–5 words). */
  private namesIn(q: Question): Map<string, number> {
    const out = new Map<string, number>();
    const words = q.nameWords.map((w) => w.word);
    const total = this.termsOf.size;
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(5, words.length - i); n >= 1; n--) {
        const ids = this.names.get(words.slice(i, i + n).join(' '));
        if (!ids) continue;
        const weight = 2 * Math.log(1 + total / ids.size);
        for (const id of ids) out.set(id, Math.max(out.get(id) ?? 0, weight));
        break;
      }
    }
    return out;
  }

  private add(b: Briefing): void {
    const texts = [b.title, ...b.tags.map((t) => t.replace(/-/g, ' ')), ...passagesOf(b).flatMap((p) => [p.text, ...(p.phrasings ?? [])])];
    for (const e of [...b.who, ...b.places]) texts.push(...e.aliases);
    const terms = new Set<string>();
    const words = new Map<string, number>();
    for (const text of texts) {
      for (const { word } of foldWords(text)) {
        words.set(word, (words.get(word) ?? 0) + 1);
        if (isStopword(word)) continue;
        for (const t of routeTerms(word, 1)) terms.add(t);
      }
    }
    for (const t of terms) {
      let ids = this.postings.get(t);
      if (!ids) {
        ids = new Set();
        this.postings.set(t, ids);
      }
      ids.add(b.id);
    }
    for (const [w, n] of words) this.spelling.add(w, n);
    const names = new Set<string>();
    for (const e of [...b.who, ...b.places]) {
      for (const n of [e.name, ...e.aliases]) {
        const form = foldWords(n).map((w) => w.word);
        while (form.length > 1 && /^(the|a|an)$/.test(form[0] as string)) form.shift();
        if (form.length > 0 && !form.every((w) => isStopword(w))) names.add(form.join(' '));
      }
    }
    for (const n of names) {
      let ids = this.names.get(n);
      if (!ids) {
        ids = new Set();
        this.names.set(n, ids);
      }
      ids.add(b.id);
    }
    this.namesOf.set(b.id, [...names]);
    this.termsOf.set(b.id, [...terms]);
    this.wordsOf.set(b.id, words);
  }

  private remove(id: string): void {
    for (const t of this.termsOf.get(id) ?? []) {
      const ids = this.postings.get(t);
      ids?.delete(id);
      if (ids?.size === 0) this.postings.delete(t);
    }
    for (const [w, n] of this.wordsOf.get(id) ?? []) this.spelling.remove(w, n);
    for (const n of this.namesOf.get(id) ?? []) {
      const ids = this.names.get(n);
      ids?.delete(id);
      if (ids?.size === 0) this.names.delete(n);
    }
    this.namesOf.delete(id);
    this.termsOf.delete(id);
    this.wordsOf.delete(id);
  }
}

/** A word's routing terms: its base form and the concepts of its first `senses` senses. */
function routeTerms(word: string, senses: number): string[] {
  const lemma = baseForms(word)[0] ?? word;
  return [
    `l:${lemma}`,
    ...lexicon()
      .concepts(lemma, undefined, { maxSenses: senses })
      .map((c) => `c:${c}`),
  ];
}
