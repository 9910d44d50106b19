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

describe('OsaTrie', () => {
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
