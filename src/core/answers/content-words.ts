import {
  type CapitalizedRun,
  capitalizedRuns,
  expandShorthand,
  isNumberWord,
  isStopword,
  lexicon,
  parseQuantity,
  type Token,
  tokenize,
} from '../text/index.js';
import { type FoldedWord, fold } from './names.js';

/** A word (or WordNet phrase, "pull out") that carries meaning, with where it stands in the text. */
export interface ContentWord {
  /** Lower-cased and accent-free; words of a phrase joined by a space. */
  readonly word: string;
  readonly start: number;
  readonly end: number;
  readonly capitalized: boolean;
  /** A number's value ("1,000" → 1000, "sixty" → 60), when the word is one. */
  readonly value?: number;
}

export interface TextWords {
  readonly tokens: readonly Token[];
  readonly words: readonly ContentWord[];
  /** Values of every number in the text. */
  readonly numbers: readonly number[];
  /** Every word, folded and split at hyphens ("Notre-Dame" → "notre", "dame"), for matching names. */
  readonly nameWords: readonly FoldedWord[];
  readonly runs: readonly CapitalizedRun[];
}

interface WordInfo {
  readonly folded: string;
  /** Chat shorthand expanded ("hw" → ["how"], "whats" → ["what", "is"]). */
  readonly parts: readonly string[];
  readonly stop: boolean;
  /** The word and its base forms: what a multi-word lemma may be spelt with ("kicked" → "kick"). */
  readonly forms: readonly string[];
  readonly pieces: readonly string[];
}

interface PhraseNode {
  lemma?: string;
  readonly next: Map<string, PhraseNode>;
}

let PHRASES: PhraseNode | undefined;
/** WordNet's multi-word lemmas as a trie of words, built on first use. */
function phraseTrie(): PhraseNode {
  if (PHRASES) return PHRASES;
  const root: PhraseNode = { next: new Map() };
  for (const lemma of lexicon().multiWordLemmas()) {
    let node = root;
    for (const w of lemma.split(' ')) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map() };
        node.next.set(w, child);
      }
      node = child;
    }
    node.lemma = lemma;
  }
  PHRASES = root;
  return root;
}

/** The longest multi-word lemma starting at `i`, trying each word's forms. */
function phraseAt(surface: readonly string[], i: number): { lemma: string; words: number } | undefined {
  let best: { lemma: string; words: number } | undefined;
  const walk = (node: PhraseNode, j: number) => {
    if (node.lemma && j - i >= 2 && (!best || j - i > best.words)) best = { lemma: node.lemma, words: j - i };
    const word = surface[j];
    if (word === undefined || j - i >= 4) return;
    for (const f of info(word).forms) {
      const child = node.next.get(f);
      if (child) walk(child, j + 1);
    }
  };
  walk(phraseTrie(), i);
  return best;
}

/** Texts share most of their words: each distinct word is looked at once. */
const INFO = new Map<string, WordInfo>();
function info(lower: string): WordInfo {
  let i = INFO.get(lower);
  if (!i) {
    const folded = fold(lower);
    const parts = expandShorthand([folded]);
    i = {
      folded,
      parts,
      stop: parts.every(isStopword),
      forms: [...new Set([folded, ...lexicon().lemmas(folded)])],
      pieces: folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean),
    };
    if (INFO.size > 200_000) INFO.clear();
    INFO.set(lower, i);
  }
  return i;
}

/**
 * The content words of a text: function words dropped, chat shorthand expanded, multi-word WordNet
 * lemmas joined ("kicked out" → "kick out"); plus the text's words for name matching and its
 * capitalised runs. One tokenisation serves all of it. Spans refer to the original text.
 */
/** Particles that make a phrasal verb: "pull out", "kick out", "step down", "take over". */
const PARTICLES = new Set(['out', 'up', 'down', 'off', 'over', 'in', 'on', 'away', 'back', 'around', 'through', 'aside', 'ahead', 'about']);

/**
 * `phrases`: "both" keeps a phrase and its words (passages: "a fire broke out" must still say "fire"
 * even though WordNet has "fire break"); "verbs" joins only phrasal verbs and leaves compounds as words
 * (questions: "kicked out" is one thing asked, "fire brigade" is two words to find).
 */
export function textWords(text: string, phrases: 'both' | 'verbs' = 'both'): TextWords {
  const tokens = tokenize(text);
  const words: ContentWord[] = [];
  const numbers: number[] = [];
  const nameWords: FoldedWord[] = [];
  const surface: string[] = [];
  const at: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'symbol') continue;
    const w = info(t.lower);
    for (const piece of w.pieces) nameWords.push({ word: piece, start: t.start, end: t.end });
    for (const p of w.parts) {
      surface.push(p);
      at.push(t);
    }
  }
  for (let i = 0; i < surface.length; ) {
    const word = surface[i] as string;
    const token = at[i] as Token;
    const value = token.kind === 'number' || isNumberWord(word) ? parseQuantity(token.kind === 'number' ? token.text : word)?.value : undefined;
    if (value !== undefined || token.kind === 'number') {
      if (value !== undefined) numbers.push(value);
      words.push({ word, start: token.start, end: token.end, capitalized: false, ...(value !== undefined ? { value } : {}) });
      i++;
      continue;
    }
    const phrase = info(word).stop ? undefined : phraseAt(surface, i);
    if (phrase && !phrase.lemma.split(' ').every(isStopword)) {
      const last = at[i + phrase.words - 1] ?? token;
      const particle = PARTICLES.has(phrase.lemma.split(' ').at(-1) as string);
      if (phrases === 'both' || particle) {
        words.push({ word: phrase.lemma, start: token.start, end: last.end, capitalized: token.capitalized && !token.sentenceStart });
        if (phrases === 'verbs') {
          i += phrase.words;
          continue;
        }
      }
    }
    if (!isStopword(word)) words.push({ word, start: token.start, end: token.end, capitalized: token.capitalized && !token.sentenceStart });
    i++;
  }
  return { tokens, words, numbers, nameWords, runs: capitalizedRuns(tokens) };
}
