import { describe, expect, it } from 'vitest';
import { OsaTrie } from '../../../src/core/text/osa-trie.js';
import { SpellingCorrector } from '../../../src/core/text/spelling.js';

function corrector(words: readonly string[], options?: ConstructorParameters<typeof SpellingCorrector>[0]): SpellingCorrector {
  const c = new SpellingCorrector(options);
  for (const w of words) c.add(w);
  return c;
}

describe('SpellingCorrector', () => {
  const vocabulary = ['goalkeeper', 'penalties', 'argentina', 'eruption', 'volcano'];
  const sc = corrector(vocabulary);

  it.each([
    ['goalkeper', 'goalkeeper'], // a deleted letter
    ['argnetina', 'argentina'], // a swap, two edits by Levenshtein
    ['volacno', 'volcano'], // a swap in a 7-letter word, where only one edit is allowed
    ['penalites', 'penalties'],
    ['eruptoin', 'eruption'],
    ['Volcanoe', 'volcano'], // case does not matter
    ['ovlcano', 'volcano'], // swapping the first two letters may change the first letter
  ])('%s → %s', (typo, intended) => {
    expect(sc.correct(typo)).toBe(intended);
  });

  it('leaves real English words, known words, numbers and short words alone', () => {
    expect(sc.correct('form')).toBeUndefined();
    expect(sc.correct('volcanos')).toBeUndefined(); // WordNet knows it as a plural of volcano
    expect(sc.correct('volcano')).toBeUndefined();
    expect(sc.correct('xq')).toBeUndefined();
    expect(sc.correct('v0lcano')).toBeUndefined();
  });

  it('keeps the first letter otherwise', () => {
    expect(sc.correct('bolcano')).toBeUndefined();
    expect(sc.correct('olcano')).toBeUndefined();
  });

  it('allows one edit up to 7 letters and two beyond', () => {
    expect(sc.correct('volcnao')).toBe('volcano');
    expect(sc.correct('vlcnao')).toBeUndefined(); // 6 letters, two edits
    expect(sc.correct('goalkepr')).toBe('goalkeeper'); // 8 letters, two deletions
    expect(sc.correct('goalkpr')).toBeUndefined(); // 7 letters, three edits
    expect(sc.correct('agrnetina')).toBe('argentina'); // two swaps count two
    expect(sc.correct('argxntxnx')).toBeUndefined(); // three substitutions
  });

  it('prefers the nearer word, then the more frequent', () => {
    const c = corrector([], { isWord: () => false });
    c.add('niger', 5);
    c.add('nigeria', 20);
    c.add('tiger', 100);
    expect(c.correct('nigr')).toBe('niger');
    expect(c.correct('nigera')).toBe('nigeria');
    c.add('nagel', 1);
    c.add('nigel', 3);
    expect(c.correct('nogel')).toBe('nigel');
    c.add('nagel', 10);
    expect(c.correct('nogel')).toBe('nagel');
  });

  it('follows additions and removals', () => {
    const c = corrector([], { isWord: () => false });
    expect(c.correct('zelensky')).toBeUndefined();
    c.add('zelenskyy', 2);
    expect(c.has('Zelenskyy')).toBe(true);
    expect(c.correct('zelensky')).toBe('zelenskyy');
    c.remove('zelenskyy');
    expect(c.correct('zelensky')).toBe('zelenskyy');
    c.remove('zelenskyy');
    expect(c.has('zelenskyy')).toBe(false);
    expect(c.correct('zelensky')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('asks the given isWord instead of the lexicon when told to', () => {
    const c = corrector(['volcano'], { isWord: (w) => w === 'volcanoe' });
    expect(c.correct('volcanoe')).toBeUndefined();
    expect(c.correct('volcanoo')).toBe('volcano');
  });
});

/** Reference optimal-string-alignment distance, the plain O(n·m) table. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('OsaTrie', () => {
  it('finds exactly what a brute-force search finds, pruning notwithstanding', () => {
    // A small alphabet makes near neighbours dense, so pruning mistakes would show.
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const word = () => Array.from({ length: 2 + Math.floor(next() * 9) }, () => 'abcde'[Math.floor(next() * 5)]).join('');
    const vocabulary = [...new Set(Array.from({ length: 3000 }, word))];
    const trie = new OsaTrie();
    for (const w of vocabulary) trie.add(w, 1);
    for (let k = 0; k < 150; k++) {
      const query = word();
      for (const distance of [1, 2]) {
        const expected = vocabulary
          .filter((w) => w[0] === query[0] || (w[0] === query[1] && w[1] === query[0]))
          .map((w) => [w, osa(query, w)] as const)
          .filter(([, d]) => d <= distance)
          .sort();
        const found = trie
          .near(query, distance)
          .map((m) => [m.word, m.distance] as const)
          .sort();
        expect(found, `${query} within ${distance}`).toEqual(expected);
      }
    }
  });

  it('computes optimal-string-alignment distances', () => {
    const trie = new OsaTrie();
    for (const w of ['abcd', 'acbd', 'abd', 'abcde', 'xbcd', 'bacd']) trie.add(w, 1);
    const near = Object.fromEntries(trie.near('abcd', 1).map((r) => [r.word, r.distance]));
    // "xbcd" changes the first letter; "bacd" swaps the first two, the one way to do so.
    expect(near).toEqual({ abcd: 0, acbd: 1, abd: 1, abcde: 1, bacd: 1 });
    expect(trie.near('abcd', 0).map((r) => r.word)).toEqual(['abcd']);
  });

  it('counts and forgets', () => {
    const trie = new OsaTrie();
    trie.add('news', 2);
    trie.add('new', 1);
    expect(trie.count('news')).toBe(2);
    expect(trie.count('ne')).toBe(0);
    trie.remove('news', 5);
    expect(trie.count('news')).toBe(0);
    expect(trie.size).toBe(1);
    trie.remove('absent', 1);
    expect(trie.size).toBe(1);
  });

  it('grows past its first allocation', () => {
    const trie = new OsaTrie();
    for (let i = 0; i < 5000; i++) trie.add(`word${i.toString(36)}`, 1);
    expect(trie.size).toBe(5000);
    expect(trie.count('wordzz')).toBe(1);
  });
});
