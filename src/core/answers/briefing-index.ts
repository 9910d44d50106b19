import type { Briefing } from '../briefing/briefing.js';
import { lexicon } from '../text/index.js';
import { type TextWords, textWords } from './content-words.js';
import { type EntityKind, NameIndex } from './names.js';
import { type Passage, passagesOf } from './passages.js';
import { indexKeys, keySet } from './word-keys.js';

/** What general knowledge says a name in the text is: WordNet knows Paris is a city and Reuters an agency. */
function kindOf(name: string): EntityKind {
  const lx = lexicon();
  if (lx.isA(name, ['location', 'structure', 'body of water'])) return 'place';
  if (lx.isA(name, ['person', 'organization', 'social group'])) return 'agent';
  return 'name';
}

/**
 * Whether a capitalised run of one word is a name: a word WordNet does not know ("Reuters", "Mbappé"),
 * or one it knows as a place, person or organisation ("Paris"); not an ordinary word that happens to
 * be capitalised after a colon or in a heading ("Nearly", "Background").
 */
function isName(word: string): boolean {
  const lx = lexicon();
  return !lx.has(word) || kindOf(word) !== 'name';
}

/** A passage with what matching needs, computed once when the index is built. */
export interface IndexedPassage {
  readonly passage: Passage;
  /** Keys of the passage's own words (for a Q&A pair, of its answer). */
  readonly own: Int32Array;
  /** For a Q&A pair: keys of its phrasings, one set each. */
  readonly phrasings: readonly Int32Array[];
  /** Keys of the words around it (previous sentence, heading, the entry's name): weaker evidence. */
  readonly around: Int32Array;
  /** Entities the passage names itself, and those its surroundings name. */
  readonly mentions: ReadonlySet<number>;
  readonly aroundMentions: ReadonlySet<number>;
  /** Entities named in each of its phrasings, and how many content words each phrasing has. */
  readonly phrasingMentions: readonly ReadonlySet<number>[];
  readonly phrasingSizes: readonly number[];
  /** How many content words the passage itself has. */
  readonly size: number;
  /** The entry's entity, for a who's who or places passage. */
  readonly subject?: number;
  readonly numbers: readonly number[];
  /** Name mentions in the shown text, with character offsets, for answer types. */
  readonly spans: readonly { entity: number; start: number; end: number }[];
}

/**
 * The searchable form of one briefing: its passages, the names it uses, and an inverted index from
 * word keys to passages. Built in one pass over the briefing (linear in its size).
 */
export class BriefingIndex {
  readonly passages: IndexedPassage[] = [];
  readonly names: NameIndex;
  private readonly postings = new Map<number, number[]>();
  private readonly byEntity = new Map<number, number[]>();
  /** Lower-cased words of the briefing, for spelling and "the briefing never says this". */
  readonly vocabulary = new Set<string>();
  /**
   * Numbered names ("Dock 201", "Airbase 101", "Apollo 13"): the word, lower-cased, and the numbers it
   * carries here. "Dock 301" in a question then names something this briefing does not have.
   */
  readonly numbered = new Map<string, Set<number>>();

  constructor(readonly briefing: Briefing) {
    const parts = passagesOf(briefing);
    const lx = lexicon();
    // Two passes: the names come from the whole text (its capitalised runs), then every text is matched against them.
    const read = new Map<string, TextWords>();
    const words = (text: string) => {
      let w = read.get(text);
      if (!w) {
        w = textWords(text);
        read.set(text, w);
      }
      return w;
    };
    const otherNames = new Set<string>();
    for (const text of [briefing.title, ...parts.map((p) => p.text)]) {
      for (const run of words(text).runs) otherNames.add(run.text);
      for (const m of text.matchAll(/\b(\p{Lu}[\p{L}-]+) (\d{1,5})\b/gu)) {
        const word = (m[1] as string).toLowerCase();
        if (!this.numbered.has(word)) this.numbered.set(word, new Set());
        this.numbered.get(word)?.add(Number(m[2]));
      }
    }
    this.names = new NameIndex(briefing, { otherNames, isCommonWord: (w) => lx.has(w), kindOf, isName });
    const analyse = (text: string) => this.analyse(words(text));
    const subjectOf = new Map(this.names.entities.flatMap((e) => (e.entry ? [[e.entry, e.id] as const] : [])));
    for (const p of parts) {
      const own = analyse(p.text);
      const phrasings = (p.phrasings ?? []).map(analyse);
      const aroundText = [p.previous, p.subject?.name].filter(Boolean).join('. ');
      const around = aroundText ? analyse(aroundText) : undefined;
      const subject = p.subject ? subjectOf.get(p.subject) : undefined;
      const indexed: IndexedPassage = {
        passage: p,
        own: own.keys,
        phrasings: phrasings.map((a) => a.keys),
        around: around?.keys ?? new Int32Array(),
        mentions: new Set(own.mentions.map((m) => m.entity)),
        aroundMentions: new Set([...(around?.mentions.map((m) => m.entity) ?? []), ...(subject !== undefined ? [subject] : [])]),
        phrasingMentions: phrasings.map((a) => new Set(a.mentions.map((m) => m.entity))),
        phrasingSizes: phrasings.map((a) => a.size),
        size: own.size,
        ...(subject !== undefined ? { subject } : {}),
        numbers: own.numbers,
        spans: own.spans,
      };
      this.passages.push(indexed);
      for (const e of new Set([...indexed.mentions, ...indexed.aroundMentions, ...indexed.phrasingMentions.flatMap((m) => [...m])])) {
        let list = this.byEntity.get(e);
        if (!list) {
          list = [];
          this.byEntity.set(e, list);
        }
        list.push(p.id);
      }
      const searchable = new Set([...indexed.own, ...indexed.phrasings.flatMap((k) => [...k])]);
      for (const k of searchable) {
        let list = this.postings.get(k);
        if (!list) {
          list = [];
          this.postings.set(k, list);
        }
        list.push(p.id);
      }
    }
  }

  private analyse({ words, numbers, nameWords }: TextWords) {
    for (const w of words) this.vocabulary.add(w.word);
    for (const w of nameWords) this.vocabulary.add(w.word);
    const mentions = this.names.find(nameWords.map((w) => w.word));
    const spans = mentions.map((m) => ({ entity: m.entity, start: nameWords[m.start]?.start ?? 0, end: nameWords[m.end - 1]?.end ?? 0 }));
    // Its size in units: each name once, and each single word outside the names (phrases repeat their words).
    const single = words.filter((w) => !w.word.includes(' ') && !spans.some((s) => w.start < s.end && w.end > s.start));
    return {
      keys: keySet(words.flatMap((w) => indexKeys(w.word))),
      mentions,
      numbers,
      spans,
      size: single.length + new Set(mentions.map((m) => m.entity)).size,
    };
  }

  get size(): number {
    return this.passages.length;
  }

  /** Passages holding any of the keys. */
  candidates(keys: Iterable<number>): Set<number> {
    const out = new Set<number>();
    for (const k of keys) for (const id of this.postings.get(k) ?? []) out.add(id);
    return out;
  }

  /** Passages that name the entity (themselves, around them, or in a phrasing). */
  mentioning(entity: number): readonly number[] {
    return this.byEntity.get(entity) ?? [];
  }

  /** How many passages hold any of the keys. */
  documentFrequency(keys: Iterable<number>): number {
    return this.candidates(keys).size;
  }

  /** Inverse document frequency within this briefing; a word it never uses weighs the most. */
  idf(df: number): number {
    return Math.log((this.passages.length + 1) / (df + 0.5)) + 1;
  }
}
