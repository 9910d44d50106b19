import { describe, expect, it } from 'vitest';
import { annotate } from '../../../src/core/text/annotate.js';

const entities = (s: string) => annotate(s).entities.map((e) => [e.type, e.text]);

describe('annotate', () => {
  it('finds dates, durations, money, percentages and counts in news prose', () => {
    expect(entities('The base cost $100 million and took three weeks to build.')).toEqual([
      ['MONEY', '$100 million'],
      ['DURATION', 'three weeks'],
    ]);
    expect(entities('They left on 13 April 2024.')).toEqual([['DATE', '13 April 2024']]);
    expect(entities('He said 20% of the 1,000 soldiers were gone by 5pm yesterday.')).toEqual([
      ['PERCENT', '20%'],
      ['CARDINAL', '1,000'],
      ['TIME', '5pm'],
      ['DATE', 'yesterday'],
    ]);
  });

  it('has quirks callers must handle', () => {
    // A number in a name is a CARDINAL of its own: callers decide names.
    expect(entities('Troops left Airbase 201 near Niamey.')).toEqual([['CARDINAL', '201']]);
    // "about" joins its number, "nearly" does not.
    expect(entities('about 60 of them')).toEqual([['CARDINAL', 'about 60']]);
    expect(entities('nearly one thousand people')).toEqual([['CARDINAL', 'one thousand']]);
    // An ordinal and its unit come apart; a bare decade is a DATE.
    expect(entities('the second week of May 2024')).toEqual([
      ['ORDINAL', 'second'],
      ['DURATION', 'week'],
      ['DATE', 'May 2024'],
    ]);
    expect(entities('in the 1990s')).toEqual([['DATE', '1990s']]);
    // A score is not an entity at all.
    expect(entities('The score was 3-0.')).toEqual([]);
  });

  it('gives entity offsets into the input', () => {
    const text = 'It cost $100 million in 2024.';
    for (const e of annotate(text).entities) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('tags and lemmatises each word, leaving punctuation out', () => {
    const text = "Russia's troops didn't leave; they took the base.";
    const words = annotate(text).words;
    expect(words.map((w) => w.text)).toEqual(['Russia', "'s", 'troops', 'did', "n't", 'leave', 'they', 'took', 'the', 'base']);
    const byText = Object.fromEntries(words.map((w) => [w.text, w]));
    expect(byText.troops).toMatchObject({ pos: 'NOUN', lemma: 'troop' });
    expect(byText.took).toMatchObject({ pos: 'VERB', lemma: 'take' });
    expect(byText["n't"]).toMatchObject({ lemma: 'not' });
    expect(byText.Russia?.pos).toBe('PROPN');
    for (const w of words) expect(text.slice(w.start, w.end)).toBe(w.text);
  });

  it('tags a capitalised sentence-initial noun as a proper noun, and leaves it unlemmatised', () => {
    const [first] = annotate('Troops left the base.').words;
    expect(first).toMatchObject({ text: 'Troops', pos: 'PROPN', lemma: 'troops' });
  });

  it('copes with empty input', () => {
    expect(annotate('')).toEqual({ entities: [], words: [] });
  });
});
