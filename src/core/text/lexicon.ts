import { LruMap } from './lru.js';
import { morphy, type Origin } from './morphy.js';
import { SynsetReader } from './wordnet-data.js';
import { POS_LIST, type Pos, type PosIndex, readPosIndex, senseCount, senseOffsets } from './wordnet-index.js';

export type { Pos } from './wordnet-index.js';

export interface ConceptOptions {
  /** How many of the lemma's senses, in WordNet's frequency order (default 2). */
  readonly maxSenses?: number;
  /** Add each sense's direct hypernyms ("@", "@i"; "&" for an adjective satellite's head). One level, never more. */
  readonly hypernyms?: boolean;
  /**
   * Add the synsets that the senses' derivational pointers ("+") lead to. Looser than synonymy: it is how
   * "troops" (whose synset holds "soldiery") meets "soldier" — both point to the verb "soldier" — and also
   * how "employer" meets "employee" (through "employ"). Off by default.
   */
  readonly derived?: boolean;
  /** Add the attribute synsets ("=") of adjective senses and the adjectives of noun senses: "tall" → "height", "deep" → "depth". */
  readonly attributes?: boolean;
}

export interface PhraseMatch {
  /** The WordNet lemma, words joined by spaces: "pull out". */
  readonly lemma: string;
  /** How many input words it covers, from the start index. */
  readonly words: number;
  readonly pos: readonly Pos[];
}

export interface Lexicon {
  /**
   * Base forms of a word form, most likely first, as WordNet's morphy finds them: the form itself when
   * WordNet has it, then irregular forms, then the detachment rules' results in morphy's order. Without
   * `pos`, all parts of speech (nouns first within each of those three ranks). Multi-word forms
   * ("prime ministers") are matched word by word. Unknown → [].
   */
  lemmas(word: string, pos?: Pos): readonly string[];
  /** Whether WordNet knows this lemma (multi-word lemmas use spaces: "prime minister"). */
  has(lemma: string, pos?: Pos): boolean;
  /** The parts of speech WordNet lists for the lemma, most senses first. */
  posOf(lemma: string): readonly Pos[];
  /**
   * Concept ids ("n:08199025") of the lemma's first `maxSenses` senses (default 2) in WordNet's frequency
   * order, to stay sense-safe; options add direct hypernyms or derivational neighbours. Without `pos`,
   * the first senses of each part of speech. A word form that is not itself a lemma ("soldiers") is
   * first reduced to its most likely base form for each part of speech.
   */
  concepts(lemma: string, pos?: Pos, options?: ConceptOptions): readonly string[];
  /** The other lemmas of the same first `maxSenses` senses (default 2). */
  synonyms(lemma: string, pos?: Pos, options?: { maxSenses?: number }): readonly string[];
  /** Derivationally related lemmas (WordNet's lexical "+" pointers from this word), over all senses unless `maxSenses`. */
  related(lemma: string, pos?: Pos, options?: { maxSenses?: number; pointer?: '+' | '\\' }): readonly string[];
  /**
   * The longest multi-word WordNet lemma starting at words[i] (lower-cased surface words), trying each
   * word as written and its base forms, over at most `maxWords` words (default 4). Undefined when none.
   */
  phraseAt(words: readonly string[], i: number, maxWords?: number): PhraseMatch | undefined;
  /** Whether some multi-word lemma begins with this word (as written or a base form): where phraseAt is worth asking. */
  startsPhrase(word: string): boolean;
  /**
   * Whether one of the lemma's first `maxSenses` noun senses (default 3) is, through hypernyms and
   * instance hypernyms, a kind of one of the `ancestors` lemmas' first senses: `isA('paris', ['location'])`.
   * General knowledge (Paris is a city, Einstein a person), used to type names, never to match words.
   */
  isA(lemma: string, ancestors: readonly string[], maxSenses?: number): boolean;
  /** Every multi-word lemma, words separated by spaces, for callers that match phrases in bulk. */
  multiWordLemmas(): Iterable<string>;
  /** WordNet's definition of a concept id from `concepts`, for explaining a match; undefined for a bad id. */
  gloss(conceptId: string): string | undefined;
}

const ORIGIN_RANK: Record<Origin, number> = { 'as-is': 0, irregular: 1, rule: 2 };
const HYPERNYM = new Set(['@', '@i']);

/** Lemma text as the index keys it: lower case, "_" between words, typographic apostrophes plain. */
function toKey(text: string): string {
  // Most lookups are already plain lower-case words; skip the rewriting for them.
  if (/^[a-z]+$/.test(text)) return text;
  return text.trim().toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, '_');
}

function toLemma(key: string): string {
  return key.includes('_') ? key.replace(/_/g, ' ') : key;
}

function conceptId(pos: Pos, offset: number): string {
  return `${pos}:${String(offset).padStart(8, '0')}`;
}

class WordNetLexicon implements Lexicon {
  readonly #index: Record<Pos, PosIndex>;
  /** Every proper prefix ("pull", "prime") of a multi-word lemma, "_"-joined: where phraseAt may go on. */
  readonly #prefixes = new Set<string>();
  readonly #reader = new SynsetReader();
  /** phraseAt asks for the same few hundred word forms over and over. */
  readonly #forms = new LruMap<string, readonly string[]>(50_000);

  constructor() {
    this.#index = { n: readPosIndex('n'), v: readPosIndex('v'), a: readPosIndex('a'), r: readPosIndex('r') };
    for (const pos of POS_LIST) {
      for (const key of this.#index[pos].lemmas.keys()) {
        for (let cut = key.indexOf('_'); cut > 0; cut = key.indexOf('_', cut + 1)) this.#prefixes.add(key.slice(0, cut));
      }
    }
  }

  lemmas(word: string, pos?: Pos): readonly string[] {
    const key = toKey(word);
    if (key.length === 0) return [];
    if (key.includes('_')) return this.#collocation(key.split('_'), pos).map(toLemma);
    return this.#baseForms(key, pos).map(toLemma);
  }

  has(lemma: string, pos?: Pos): boolean {
    const key = toKey(lemma);
    return pos ? this.#index[pos].lemmas.has(key) : POS_LIST.some((p) => this.#index[p].lemmas.has(key));
  }

  posOf(lemma: string): readonly Pos[] {
    const key = toKey(lemma);
    return POS_LIST.map((p) => [p, senseCount(this.#index[p], key)] as const)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([p]) => p);
  }

  concepts(lemma: string, pos?: Pos, options: ConceptOptions = {}): readonly string[] {
    const out = new Set<string>();
    const senses = this.#senses(lemma, pos, options.maxSenses ?? 2);
    for (const { pos: p, offset } of senses) out.add(conceptId(p, offset));
    if (options.hypernyms || options.derived || options.attributes) {
      for (const { pos: p, offset } of senses) {
        const synset = this.#reader.read(p, offset);
        for (const pointer of synset.pointers) {
          const take =
            (options.hypernyms && (HYPERNYM.has(pointer.symbol) || (synset.satellite && pointer.symbol === '&'))) ||
            (options.derived && pointer.symbol === '+') ||
            (options.attributes && pointer.symbol === '=');
          if (take) out.add(conceptId(pointer.pos, pointer.offset));
        }
      }
    }
    return [...out];
  }

  synonyms(lemma: string, pos?: Pos, options: { maxSenses?: number } = {}): readonly string[] {
    const out = new Set<string>();
    for (const { pos: p, offset, key } of this.#senses(lemma, pos, options.maxSenses ?? 2)) {
      for (const word of this.#reader.read(p, offset).words) if (word !== key) out.add(toLemma(word));
    }
    return [...out];
  }

  related(lemma: string, pos?: Pos, options: { maxSenses?: number; pointer?: '+' | '\\' } = {}): readonly string[] {
    // "+": derivationally related ("found" → "founder"); "\\": what an adjective pertains to ("French" → "France").
    const symbol = options.pointer ?? '+';
    const out = new Set<string>();
    for (const { pos: p, offset, key } of this.#senses(lemma, pos, options.maxSenses ?? Number.POSITIVE_INFINITY)) {
      const synset = this.#reader.read(p, offset);
      const self = synset.words.indexOf(key) + 1;
      for (const pointer of synset.pointers) {
        if (pointer.symbol !== symbol || pointer.source !== self) continue;
        const word = this.#reader.read(pointer.pos, pointer.offset).words[pointer.target - 1];
        if (word !== undefined && word !== key) out.add(toLemma(word));
      }
    }
    return [...out];
  }

  phraseAt(words: readonly string[], i: number, maxWords = 4): PhraseMatch | undefined {
    let best: string | undefined;
    let bestLength = 0;
    const extend = (j: number, key: string) => {
      const word = words[j];
      if (word === undefined || j - i >= maxWords) return;
      for (const form of this.#formsOf(word)) {
        const next = key === '' ? form : `${key}_${form}`;
        const length = j - i + 1;
        if (length >= 2 && length > bestLength && this.#isLemma(next)) {
          best = next;
          bestLength = length;
        }
        if (this.#prefixes.has(next)) extend(j + 1, next);
      }
    };
    extend(i, '');
    return best === undefined ? undefined : { lemma: toLemma(best), words: bestLength, pos: this.posOf(best) };
  }

  isA(lemma: string, ancestors: readonly string[], maxSenses = 3): boolean {
    const targets = new Set(ancestors.flatMap((a) => this.#senses(a, 'n', 1).map((s) => s.offset)));
    const seen = new Set<number>();
    let frontier = this.#senses(lemma, 'n', maxSenses).map((s) => s.offset);
    // Depth is bounded: WordNet's noun hierarchy is at most ~20 levels deep.
    for (let depth = 0; depth < 20 && frontier.length > 0; depth++) {
      const next: number[] = [];
      for (const offset of frontier) {
        if (targets.has(offset)) return true;
        if (seen.has(offset)) continue;
        seen.add(offset);
        for (const p of this.#reader.read('n', offset).pointers) if (HYPERNYM.has(p.symbol) && p.pos === 'n') next.push(p.offset);
      }
      frontier = next;
    }
    return false;
  }

  *multiWordLemmas(): Iterable<string> {
    const seen = new Set<string>();
    for (const pos of POS_LIST) {
      for (const key of this.#index[pos].lemmas.keys()) {
        if (key.includes('_') && !seen.has(key)) {
          seen.add(key);
          yield toLemma(key);
        }
      }
    }
  }

  startsPhrase(word: string): boolean {
    return this.#formsOf(word).some((f) => this.#prefixes.has(f));
  }

  gloss(conceptId: string): string | undefined {
    const match = /^([nvar]):(\d{8})$/.exec(conceptId);
    if (!match) return undefined;
    try {
      return this.#reader.read(match[1] as Pos, Number(match[2])).gloss;
    } catch {
      return undefined;
    }
  }

  #isLemma(key: string): boolean {
    return POS_LIST.some((p) => this.#index[p].lemmas.has(key));
  }

  /** The surface form first, then its base forms: what a phrase may be built from. */
  #formsOf(word: string): readonly string[] {
    const surface = toKey(word);
    let forms = this.#forms.get(surface);
    if (!forms) {
      forms = [...new Set([surface, ...this.#baseForms(surface)])];
      this.#forms.set(surface, forms);
    }
    return forms;
  }

  /**
   * Base forms over the given part of speech or all of them: as-is, then irregular, then rule-made, and
   * within each in morphy's own order ("hoped": "ed → e" gives "hope" before "ed → ''" gives "hop"),
   * nouns before verbs before adjectives before adverbs.
   */
  #baseForms(key: string, pos?: Pos): string[] {
    const found: { lemma: string; rank: number }[] = [];
    for (const p of pos ? [pos] : POS_LIST) {
      const index = this.#index[p];
      for (const { lemma, origin } of morphy(key, p, index.lemmas)) {
        const rank = ORIGIN_RANK[origin];
        const seen = found.find((f) => f.lemma === lemma);
        if (!seen) found.push({ lemma, rank });
        else if (rank < seen.rank) seen.rank = rank;
      }
    }
    // Array.prototype.sort is stable, so discovery order survives within a rank.
    return found.sort((a, b) => a.rank - b.rank).map((f) => f.lemma);
  }

  /** Multi-word forms: every word may be as written or a base form, and the whole must be one lemma. */
  #collocation(parts: readonly string[], pos?: Pos): string[] {
    const out: string[] = [];
    const walk = (j: number, key: string) => {
      if (j === parts.length) {
        if (pos ? this.#index[pos].lemmas.has(key) : this.#isLemma(key)) out.push(key);
        return;
      }
      for (const form of this.#formsOf(parts[j] as string)) {
        const next = j === 0 ? form : `${key}_${form}`;
        if (j === parts.length - 1 || this.#prefixes.has(next)) walk(j + 1, next);
      }
    };
    walk(0, '');
    return [...new Set(out)];
  }

  /** The senses to use for a lemma, or for a word form's most likely base form in each part of speech. */
  #senses(lemma: string, pos: Pos | undefined, maxSenses: number): { pos: Pos; offset: number; key: string }[] {
    const key = toKey(lemma);
    const out: { pos: Pos; offset: number; key: string }[] = [];
    for (const p of pos ? [pos] : POS_LIST) {
      const index = this.#index[p];
      const base = index.lemmas.has(key) ? key : key.includes('_') ? this.#collocation(key.split('_'), p)[0] : this.#baseForms(key, p)[0];
      if (base === undefined) continue;
      const offsets = senseOffsets(index, base) ?? [];
      for (let k = 0; k < offsets.length && k < maxSenses; k++) out.push({ pos: p, offset: offsets[k] as number, key: base });
    }
    return out;
  }
}

let instance: WordNetLexicon | undefined;

/** The process-wide WordNet 3.1 lexicon, loaded on first call (0.3–0.7 s and ~30 MB resident on the project's machine). */
export function lexicon(): Lexicon {
  instance ??= new WordNetLexicon();
  return instance;
}
