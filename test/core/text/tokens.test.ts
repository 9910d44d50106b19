import { describe, expect, it } from 'vitest';
import { capitalizedRuns, tokenize } from '../../../src/core/text/tokens.js';

const texts = (s: string) => tokenize(s).map((t) => t.text);
const runs = (s: string) => capitalizedRuns(tokenize(s)).map((r) => r.text);

describe('tokenize', () => {
  it('splits words, numbers and symbols with offsets into the input', () => {
    const input = 'Troops left, fast.';
    const tokens = tokenize(input);
    expect(tokens.map((t) => [t.text, t.kind])).toEqual([
      ['Troops', 'word'],
      ['left', 'word'],
      [',', 'symbol'],
      ['fast', 'word'],
      ['.', 'symbol'],
    ]);
    for (const t of tokens) expect(input.slice(t.start, t.end)).toBe(t.text);
  });

  it.each(['1,000', '1.5', '60', '2018', '$100m', '10%', '3-0', '£5bn', '2020-21', 'US$20', '1990s', '21st', '24/7'])('keeps %s as one number', (n) => {
    const tokens = tokenize(`about ${n} in all`);
    expect(tokens[1]).toMatchObject({ text: n, kind: 'number', capitalized: false });
  });

  it('keeps letters-then-digits names as words', () => {
    expect(tokenize('G7 MH17 F-16 A380').map((t) => [t.text, t.kind])).toEqual([
      ['G7', 'word'],
      ['MH17', 'word'],
      ['F-16', 'word'],
      ['A380', 'word'],
    ]);
  });

  it('keeps a possessive on a number and drops it from lower', () => {
    expect(tokenize("2024's election")[0]).toMatchObject({ text: "2024's", lower: '2024', kind: 'number' });
  });

  it('does not swallow a full stop after a number', () => {
    expect(texts('It opened in 2018. Then')).toEqual(['It', 'opened', 'in', '2018', '.', 'Then']);
  });

  it('keeps apostrophes, hyphens and ampersands inside words', () => {
    expect(texts("O'Brien didn't see the well-known Covid-19 rules at AT&T")).toEqual([
      "O'Brien",
      "didn't",
      'see',
      'the',
      'well-known',
      'Covid-19',
      'rules',
      'at',
      'AT&T',
    ]);
  });

  it('lower-cases, normalises apostrophes and drops possessives', () => {
    const lower = tokenize("Russia's Russia’s soldiers' NASA don’t U.S.").map((t) => t.lower);
    expect(lower).toEqual(['russia', 'russia', 'soldiers', 'nasa', "don't", 'u.s.']);
  });

  it('treats quotes around a word as symbols, not apostrophes', () => {
    expect(texts("the 'junta' said")).toEqual(['the', "'", 'junta', "'", 'said']);
  });

  it('marks capitalised words, all caps included', () => {
    expect(tokenize('NASA and the US met iPhone makers').map((t) => t.capitalized)).toEqual([true, false, false, true, false, false, false]);
  });

  it('marks sentence starts after . ! ? and line breaks, but not after titles', () => {
    const tokens = tokenize('"Ready?" He left. Mr. Smith stayed\nNext line; still one');
    const starts = tokens.filter((t) => t.sentenceStart).map((t) => t.text);
    expect(starts).toEqual(['Ready', 'He', 'Mr', 'Next']);
  });

  it('copes with empty and whitespace-only input', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  \n ')).toEqual([]);
  });
});

describe('capitalizedRuns', () => {
  it('finds names, keeping a sentence-initial word only as part of a longer name', () => {
    expect(runs('Ever Given blocked the Suez Canal')).toEqual(['Ever Given', 'Suez Canal']);
    expect(runs('The Bank of England raised rates')).toEqual(['Bank of England']);
    expect(runs('Call of Duty sold well')).toEqual(['Call of Duty']);
    expect(runs('Russia invaded Ukraine')).toEqual(['Ukraine']);
  });

  it('allows connectors only between capitalised words', () => {
    expect(runs('he met Leonardo da Vinci and the Democratic Republic of the Congo')).toEqual(['Leonardo da Vinci', 'Democratic Republic of the Congo']);
    expect(runs('a bank of England')).toEqual(['England']);
    expect(runs('they met Britain and France')).toEqual(['Britain', 'France']);
    expect(runs('shares of Procter & Gamble fell')).toEqual(['Procter & Gamble']);
  });

  it('takes one trailing integer, but not a score or an amount', () => {
    expect(runs('troops left Airbase 101 and flew on Apollo 13 home')).toEqual(['Airbase 101', 'Apollo 13']);
    expect(runs('it ended Chelsea 3-0 and Arsenal $5m')).toEqual(['Chelsea', 'Arsenal']);
    // At a sentence start a word and a number are not enough to call it a name.
    expect(runs('Apollo 13 launched')).toEqual([]);
  });

  it('ends a run at a possessive and drops the possessive from the text', () => {
    expect(runs("Russia's President Putin met the Bank of England's governor")).toEqual(['President Putin', 'Bank of England']);
  });

  it('breaks at punctuation and at a new sentence', () => {
    expect(runs('he saw Paris, London. Berlin Wall')).toEqual(['Paris', 'London', 'Berlin Wall']);
  });

  it('gives token indices, end exclusive', () => {
    const tokens = tokenize('The Bank of England raised rates');
    expect(capitalizedRuns(tokens)).toEqual([{ start: 1, end: 4, text: 'Bank of England' }]);
  });
});
