import { lexicon } from '../text/index.js';

/**
 * How words meet. Each word of a passage is indexed under keys: its base forms (`l:`), the WordNet
 * concepts of its first two senses (`c:`), and those senses' direct hypernyms (`h:`). A question's word
 * probes keys with a strength: its own base forms (1), its concepts (a synonym, 0.9), derivationally
 * related words ("founded" → "founder", 0.8), and one level up or down the hypernym tree ("ship" and
 * "vessel", 0.6). Keys are interned as small integers, so a passage's keys are a sorted Int32Array.
 */
export const STRENGTH = { lemma: 1, synonym: 0.9, related: 0.8, derived: 0.7, hypernym: 0.6 } as const;

const ids = new Map<string, number>();
export function keyId(key: string): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  return id;
}

const LIMIT = 200_000;
const indexCache = new Map<string, readonly number[]>();
const probeCache = new Map<string, ReadonlyMap<number, number>>();

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    if (cache.size >= LIMIT) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** Base forms of a lower-cased word; a word WordNet does not know (a name, a number, a typo) is its own. */
const formsCache = new Map<string, readonly string[]>();
export function baseForms(word: string): readonly string[] {
  return remember(formsCache, word, () => {
    const found = lexicon().lemmas(word);
    return found.length > 0 ? found.slice(0, 3) : [word];
  });
}

/** The keys a passage word is indexed under. */
export function indexKeys(word: string): readonly number[] {
  return remember(indexCache, word, () => {
    const lx = lexicon();
    const keys = new Set<number>();
    for (const [i, lemma] of baseForms(word).entries()) {
      keys.add(keyId(`l:${lemma}`));
      if (i > 1) continue;
      // "French" is also about France, "Icelandic" about Iceland.
      for (const place of lx.related(lemma, 'a', { pointer: '\\' })) keys.add(keyId(`l:${place}`));
      const own = lx.concepts(lemma);
      for (const c of own) keys.add(keyId(`c:${c}`));
      for (const c of lx.concepts(lemma, undefined, { hypernyms: true })) if (!own.includes(c)) keys.add(keyId(`h:${c}`));
    }
    return [...keys];
  });
}

/** The keys a question word probes, with how strongly each counts as a match. */
export function probeKeys(word: string): ReadonlyMap<number, number> {
  return remember(probeCache, word, () => {
    const lx = lexicon();
    const out = new Map<number, number>();
    const put = (key: string, s: number) => {
      const id = keyId(key);
      if ((out.get(id) ?? 0) < s) out.set(id, s);
    };
    for (const [i, lemma] of baseForms(word).entries()) {
      put(`l:${lemma}`, STRENGTH.lemma);
      if (i > 1) continue;
      for (const place of lx.related(lemma, 'a', { pointer: '\\' })) put(`l:${place}`, STRENGTH.related);
      const own = lx.concepts(lemma);
      for (const c of own) {
        put(`c:${c}`, STRENGTH.synonym);
        // A passage word whose hypernym this concept is: the passage is more specific ("vessel" asked, "ship" said).
        put(`h:${c}`, STRENGTH.hypernym);
      }
      for (const c of lx.concepts(lemma, undefined, { hypernyms: true })) if (!own.includes(c)) put(`c:${c}`, STRENGTH.hypernym);
      for (const c of lx.concepts(lemma, undefined, { derived: true })) if (!own.includes(c)) put(`c:${c}`, STRENGTH.derived);
      // "how deep" meets "depth", "how old" meets "age".
      for (const c of lx.concepts(lemma, undefined, { attributes: true })) if (!own.includes(c)) put(`c:${c}`, STRENGTH.related);
      for (const r of lx.related(lemma, undefined, { maxSenses: 3 })) put(`l:${r}`, STRENGTH.related);
    }
    return out;
  });
}

/** Sorted, distinct keys as an Int32Array, for compact storage and binary search. */
export function keySet(keys: Iterable<number>): Int32Array {
  return Int32Array.from(new Set(keys)).sort();
}

export function hasKey(set: Int32Array, key: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = set[mid] as number;
    if (v === key) return true;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The strongest match of a probe in a key set, 0 when none. */
export function matchStrength(probe: ReadonlyMap<number, number>, set: Int32Array): number {
  let best = 0;
  for (const [key, s] of probe) if (s > best && hasKey(set, key)) best = s;
  return best;
}
