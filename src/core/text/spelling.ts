import { lexicon } from './lexicon.js';
import { type Match, OsaTrie } from './osa-trie.js';

export { expandShorthand } from './shorthand.js';

export interface SpellingOptions {
  /**
   * Whether a word is real English and so must never be "corrected" ("form" is not a typo of "from").
   * Defaults to asking the WordNet lexicon for base forms; tests and callers with their own
   * dictionary may pass another.
   */
  readonly isWord?: (word: string) => boolean;
}

/** The shortest word worth correcting: two-letter words are too often someone's abbreviation. */
const MIN_LENGTH = 3;
/** Up to this length one edit is allowed; longer words may have two. */
const ONE_EDIT_UP_TO = 7;

/** Spelling correction against a vocabulary of known words with counts (the briefings' own words). */
export class SpellingCorrector {
  readonly #trie = new OsaTrie();
  readonly #isWord: (word: string) => boolean;

  constructor(options: SpellingOptions = {}) {
    this.#isWord = options.isWord ?? ((word) => lexicon().lemmas(word).length > 0);
  }

  /** Distinct known words. */
  get size(): number {
    return this.#trie.size;
  }

  add(word: string, count = 1): void {
    const key = word.toLowerCase();
    if (key.length > 0 && count > 0) {
      this.#trie.add(key, count);
    }
  }

  remove(word: string, count = 1): void {
    const key = word.toLowerCase();
    this.#trie.remove(key, count);
  }

  has(word: string): boolean {
    return this.#trie.count(word.toLowerCase()) > 0;
  }

  /**
   * The intended known word for an unknown one, or undefined: when the word is known, too short, has a
   * digit, is a real English word, or nothing is close enough. Distance is optimal string alignment (an
   * adjacent swap is one edit): 1 for 3–7 letters, 2 beyond. The first letter must stay unless the edit
   * swaps the first two. The nearest wins, then the more frequent, then the alphabetically first.
   */
  correct(word: string): string | undefined {
    const key = word.toLowerCase();
    if (key.length < MIN_LENGTH || /\d/.test(key) || this.has(key) || this.#isWord(key)) return undefined;
    const candidates = this.#trie.near(key, key.length <= ONE_EDIT_UP_TO ? 1 : 2);
    let best: Match | undefined;
    for (const c of candidates) {
      if (!best || c.distance < best.distance || (c.distance === best.distance && (c.count > best.count || (c.count === best.count && c.word < best.word)))) {
        best = c;
      }
    }
    return best?.word;
  }
}
