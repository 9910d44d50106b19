import { describe, expect, it } from 'vitest';
import { parseSynset, SynsetReader } from '../../../src/core/text/wordnet-data.js';

describe('parseSynset', () => {
  it('reads words, lexical and semantic pointers and the gloss of a data.* record', () => {
    const line =
      '01522777 00 s 04 soldierly 0 soldierlike 0 warriorlike(p) 0 martial 2 002 & 01522469 a 0000 + 10641415 n 0101 | (of persons) befitting a warrior  ';
    const synset = parseSynset(line);
    expect(synset).toMatchObject({ pos: 'a', offset: 1522777, satellite: true, gloss: '(of persons) befitting a warrior' });
    expect(synset.words).toEqual(['soldierly', 'soldierlike', 'warriorlike', 'martial']);
    expect(synset.pointers).toEqual([
      { symbol: '&', offset: 1522469, pos: 'a', source: 0, target: 0 },
      { symbol: '+', offset: 10641415, pos: 'n', source: 1, target: 1 },
    ]);
  });

  it('reads hexadecimal word counts and skips verb frames', () => {
    const words = Array.from({ length: 17 }, (_, k) => `w${k} 0`).join(' ');
    const synset = parseSynset(`00000001 29 v 11 ${words} 001 @ 00000002 v 0000 01 + 02 00 | a verb`);
    expect(synset.words).toHaveLength(17);
    expect(synset.pointers).toEqual([{ symbol: '@', offset: 2, pos: 'v', source: 0, target: 0 }]);
    expect(synset.gloss).toBe('a verb');
  });
});

describe('SynsetReader', () => {
  it('reads records by byte offset, including ones longer than its first buffer', () => {
    const reader = new SynsetReader(4);
    try {
      expect(reader.read('n', 8414212).words).toEqual(['military_personnel', 'soldiery', 'troops']);
      // "city" lists hundreds of instances: its record is 13 KB, past the 4 KB first read.
      const city = reader.read('n', 8542298);
      expect(city.words[0]).toBe('city');
      expect(city.pointers.length).toBeGreaterThan(500);
      expect(city.gloss).toMatch(/^a large and densely populated urban area/);
      expect(reader.read('n', 8414212)).toBe(reader.read('n', 8414212));
    } finally {
      reader.close();
    }
  });
});
