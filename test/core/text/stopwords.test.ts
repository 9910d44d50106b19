import { describe, expect, it } from 'vitest';
import { ANAPHORA, isStopword, QUESTION_WORDS, STOPWORDS } from '../../../src/core/text/stopwords.js';

describe('stopwords', () => {
  it('covers function words of every kind', () => {
    for (const w of ['the', 'a', 'of', 'in', 'and', 'but', 'is', 'was', 'have', 'did', 'will', 'could', 'you', 'we', 'not', "didn't"])
      expect(isStopword(w)).toBe(true);
  });

  it('keeps content words out, even common ones and ones that begin names', () => {
    for (const w of ['ever', 'given', 'use', 'left', 'went', 'take', 'new', 'first', 'troops', 'one', 'hundred', 'said']) expect(isStopword(w)).toBe(false);
  });

  it('keeps question words and anaphora in their own sets, which isStopword also covers', () => {
    expect([...QUESTION_WORDS]).toEqual(expect.arrayContaining(['who', 'what', 'when', 'where', 'why', 'how', 'which']));
    expect([...ANAPHORA]).toEqual(
      expect.arrayContaining(['it', 'its', 'he', 'him', 'his', 'she', 'her', 'they', 'them', 'their', 'that', 'this', 'these', 'those', 'there', 'then']),
    );
    for (const w of [...QUESTION_WORDS, ...ANAPHORA]) {
      expect(STOPWORDS.has(w)).toBe(false);
      expect(isStopword(w)).toBe(true);
    }
  });

  it('expects lower-cased input', () => {
    expect(isStopword('The')).toBe(false);
  });
});
