import { stemmer } from 'stemmer';
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { ANAPHORA, FILLER_PHRASES, INTENT_PHRASES, type Intent, STOPWORDS, SYNONYM_GROUPS, WHO_WHAT } from './vocabulary.js';

/** A question or passage reduced to what matching needs. */
export interface Analysis {
  /** Content terms: stemmed, with synonyms folded to one canonical term. */
  readonly terms: readonly string[];
  /**
   * The terms that came from nouns, proper nouns or numbers (only with `{ pos: true }`). A briefing
   * that lacks one of these cannot answer ("the population of Niger"); a missing verb matters less.
   */
  readonly salient: ReadonlySet<string>;
  /** Terms implied by the question form ("how much" → cost) that help ranking but are not required. */
  readonly hints: readonly string[];
  readonly intents: ReadonlySet<Intent>;
  /** True when the text points back to an earlier turn ("them", "that", "there"). */
  readonly anaphoric: boolean;
}

const MAX_PHRASE = 5;

/** Stemming runs a dozen regular expressions per word; the vocabulary is small, so remember each. */
const STEMS = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

function stemWord(word: string): string {
  let stem = STEMS.get(word);
  if (stem === undefined) {
    stem = /^\d/.test(word) ? word : stemmer(word);
    if (STEMS.size >= STEM_CACHE_LIMIT) STEMS.clear();
    STEMS.set(word, stem);
  }
  return stem;
}

function splitWords(text: string): string[] {
  const marked = text
    // "US" and "U.S." are the country; lower-case "us" is usually the pronoun.
    .replace(/\bU\.S\.(?=\W|$)|\bU\.S\b|\bUS\b/g, ' usa ')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  return (marked.match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []).map((w) => w.replace(/'s$/, '').replace(/'/g, ''));
}

/** stem sequence → canonical term, for single words and phrases alike. */
const PHRASES = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const canonical = splitWords(group[0] as string)
    .map(stemWord)
    .join('_');
  for (const member of group) {
    const stems = splitWords(member).map(stemWord);
    const key = stems.join(' ');
    const taken = PHRASES.get(key);
    // Two groups claiming one word would make matching depend on list order: fail at start-up instead.
    if (taken !== undefined && taken !== canonical) throw new Error(`synonym "${member}" is in both the "${taken}" and "${canonical}" groups`);
    if (stems.length > 0) PHRASES.set(key, canonical);
  }
}

/** Filler phrases map to the empty term, which matching consumes without emitting. */
for (const phrase of FILLER_PHRASES) PHRASES.set(splitWords(phrase).map(stemWord).join(' '), '');

/** First stems of multi-word phrases: only at these does matching try the longer forms. */
const PHRASE_STARTS = new Set([...PHRASES.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0] as string));

const INTENTS = INTENT_PHRASES.map((p) => ({ ...p, words: p.phrase.split(' ') })).sort((a, b) => b.words.length - a.words.length);

const nlp = winkNLP(model);
const SALIENT_POS = new Set(['NOUN', 'PROPN', 'NUM']);

/** Lower-cased word → whether the tagger saw it as a noun, proper noun or number. */
function salientWords(text: string): Set<string> {
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(nlp.its.value) as string[];
  const pos = tokens.out(nlp.its.pos) as string[];
  const out = new Set<string>();
  values.forEach((v, i) => {
    if (SALIENT_POS.has(pos[i] as string)) for (const w of splitWords(v)) out.add(w);
  });
  return out;
}

export function analyze(text: string, options: { pos?: boolean; intents?: boolean } = {}): Analysis {
  const words = splitWords(text);
  const nouns = options.pos ? salientWords(text) : undefined;
  const salient = new Set<string>();
  const intents = new Set<Intent>();
  const hints: string[] = [];
  const consumed = new Set<number>();

  for (const intent of options.intents === false ? [] : INTENTS) {
    for (
      let i = words.indexOf(intent.words[0] as string);
      i >= 0 && i + intent.words.length <= words.length;
      i = words.indexOf(intent.words[0] as string, i + 1)
    ) {
      if (intent.words.every((w, k) => words[i + k] === w && !consumed.has(i + k))) {
        intents.add(intent.intent);
        if (intent.hint) hints.push(stemWord(intent.hint));
        for (let k = 0; k < intent.words.length; k++) consumed.add(i + k);
      }
    }
  }

  const stems = words.map(stemWord);
  const terms: string[] = [];
  let anaphoric = false;
  for (let i = 0; i < words.length; ) {
    if (consumed.has(i)) {
      i++;
      continue;
    }
    let matched = 0;
    const longest = PHRASE_STARTS.has(stems[i] as string) ? Math.min(MAX_PHRASE, words.length - i) : 1;
    for (let len = longest; len >= 1 && matched === 0; len--) {
      const canonical = PHRASES.get(len === 1 ? singleKey(words[i] as string, stems[i] as string) : stems.slice(i, i + len).join(' '));
      if (canonical === '' && len > 1) {
        matched = len;
        // A lone stopword ("us", "left") only counts when it is the country or the verb.
      } else if (canonical && (len > 1 || !isStop(words[i] as string, words[i + 1]))) {
        terms.push(canonical);
        if (words.slice(i, i + len).some((w) => nouns?.has(w))) salient.add(canonical);
        matched = len;
      }
    }
    if (matched > 0) {
      i += matched;
      continue;
    }
    const word = words[i] as string;
    if (ANAPHORA.has(word)) anaphoric = true;
    else if (!isStop(word, words[i + 1]) && word.length > 1) {
      terms.push(stems[i] as string);
      if (nouns?.has(word)) salient.add(stems[i] as string);
    }
    i++;
  }
  return { terms: unique(terms), salient, hints: unique(hints), intents, anaphoric };
}

/**
 * A word's synonym key is its stem, so plurals and tenses fold ("soldiers" → "soldier"), except
 * when stemming shrinks a longer word to a two-letter stem: "used" → "us" is not the country.
 */
function singleKey(word: string, stem: string): string {
  return stem.length <= 2 && word.length > 2 ? word : stem;
}

function isStop(word: string, next: string | undefined): boolean {
  // Lower-case "us" followed by a content word is the country ("us troops"), else the pronoun.
  if (word === 'us') return next === undefined || STOPWORDS.has(next) || ANAPHORA.has(next) || WHO_WHAT.has(next);
  return STOPWORDS.has(word) || WHO_WHAT.has(word) || ANAPHORA.has(word);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Content terms only, for indexing passages (which ask nothing, so question forms are not looked for). */
export function terms(text: string): string[] {
  return analyze(text, { intents: false }).terms as string[];
}
