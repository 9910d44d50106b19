import { describe, expect, it } from 'vitest';
import { lexicon } from '../../../src/core/text/lexicon.js';

const L = lexicon();
const meet = (a: readonly string[], b: readonly string[]) => a.filter((c) => b.includes(c));

describe('lexicon: lemmas', () => {
  it.each([
    ['soldiers', ['soldier']],
    ['told', ['tell']],
    ['went', ['go']],
    ['children', ['child']],
    ['employees', ['employee']],
    ['ran', ['run']],
    ['stepped', ['step']],
    ['buzzes', ['buzz']],
    ['women', ['woman']],
    ['crises', ['crisis']],
    ['fled', ['flee']],
    ['hoped', ['hope', 'hop']], // morphy tries "ed → e" before "ed → ''"
    ['leaves', ['leaf', 'leave']], // the noun's irregular form ranks above the verb's regular one
  ])('%s → %j', (form, expected) => {
    expect(L.lemmas(form)).toEqual(expected);
  });

  it('puts a form WordNet has as-is first, then its other base forms', () => {
    expect(L.lemmas('given')).toEqual(['given', 'give']);
    expect(L.lemmas('left')).toEqual(['left', 'leave']);
    expect(L.lemmas('found')).toEqual(['found', 'find']);
    expect(L.lemmas('saw')).toEqual(['saw', 'see']);
    expect(L.lemmas('better')[0]).toBe('better');
    expect(L.lemmas('better')).toContain('good');
  });

  it('limits the search to one part of speech when asked', () => {
    expect(L.lemmas('given', 'v')).toEqual(['give']);
    expect(L.lemmas('left', 'v')).toEqual(['leave']);
    expect(L.lemmas('lives', 'n')).toEqual(['life']);
    expect(L.lemmas('lives', 'v')).toEqual(['live']);
    expect(L.lemmas('children', 'v')).toEqual([]);
    expect(L.lemmas('better', 'a')).toEqual(['better', 'good']);
  });

  it('is case-insensitive, knows multi-word lemmas, and returns [] for what it does not know', () => {
    expect(L.lemmas('Soldiers')).toEqual(['soldier']);
    expect(L.lemmas('prime ministers')).toEqual(['prime minister']);
    expect(L.lemmas('qzxv')).toEqual([]);
    expect(L.lemmas('')).toEqual([]);
    // The exception tables are plain objects: inherited keys must not count as irregular forms.
    expect(L.lemmas('constructors', 'n')).toEqual(['constructor']);
    // The rule "s → ''" needs a stem: a lone "s" is not the plural of nothing.
    expect(L.lemmas('s', 'n')).toEqual(['s']);
  });
});

describe('lexicon: has and posOf', () => {
  it('knows lemmas, not inflected forms', () => {
    expect(L.has('soldier')).toBe(true);
    expect(L.has('soldiers')).toBe(false);
    expect(L.has('prime minister')).toBe(true);
    expect(L.has('Prime  Minister')).toBe(true);
    expect(L.has('take over', 'v')).toBe(true);
    expect(L.has('take over', 'n')).toBe(false);
  });

  it('lists parts of speech by sense count', () => {
    expect(L.posOf('left')).toEqual(['n', 'a', 'r']);
    expect(L.posOf('run')).toEqual(['v', 'n']);
    expect(L.posOf('qzxv')).toEqual([]);
  });
});

describe('lexicon: concepts and synonyms', () => {
  it('gives concept ids in WordNet order, first two senses by default', () => {
    const troops = L.concepts('troops', 'n');
    expect(troops).toEqual(['n:08414212']);
    expect(L.gloss('n:08414212')).toBe('soldiers collectively');
    expect(L.concepts('leave', 'v')).toHaveLength(2);
    expect(L.concepts('leave', 'v', { maxSenses: 5 })).toHaveLength(5);
    expect(L.concepts('qzxv')).toEqual([]);
  });

  it('reduces a word form to its base form first', () => {
    expect(L.concepts('soldiers', 'n')).toEqual(L.concepts('soldier', 'n'));
  });

  it('"troops" and "soldiers" are not WordNet synonyms, but meet through derivation', () => {
    // WordNet 3.1 has {military personnel, soldiery, troops} "soldiers collectively" and {soldier} apart,
    // and their hypernyms (force/personnel; enlisted person) differ too.
    expect(meet(L.concepts('troops', 'n'), L.concepts('soldiers', 'n'))).toEqual([]);
    expect(meet(L.concepts('troops', 'n', { hypernyms: true }), L.concepts('soldiers', 'n', { hypernyms: true }))).toEqual([]);
    // "soldiery" (in troops' synset) and "soldier" both derive from the verb "to soldier".
    expect(meet(L.concepts('troops', 'n', { derived: true }), L.concepts('soldiers', 'n', { derived: true }))).toEqual(['v:01099442']);
    expect(L.synonyms('troops', 'n')).toEqual(['military personnel', 'soldiery']);
  });

  it('"takeover" shares its first sense with "coup": WordNet ranks the coup d\'état sense first', () => {
    expect(L.synonyms('takeover', 'n', { maxSenses: 1 })).toEqual(["coup d'etat", 'coup', 'putsch']);
    expect(meet(L.concepts('takeover', 'n', { maxSenses: 1 }), L.concepts('coup', 'n', { maxSenses: 1 }))).toEqual(['n:01147528']);
  });

  it('"takeover" meets "buyout" only through a hypernym, and "coup" never meets "buyout"', () => {
    expect(meet(L.concepts('takeover', 'n'), L.concepts('buyout', 'n'))).toEqual([]);
    expect(meet(L.concepts('takeover', 'n', { hypernyms: true }), L.concepts('buyout', 'n'))).toEqual(['n:00791195']);
    expect(meet(L.concepts('coup', 'n', { hypernyms: true }), L.concepts('buyout', 'n', { hypernyms: true }))).toEqual([]);
  });

  it('"left" (remaining) is not a sense of "leave"', () => {
    const left = L.concepts('left', 'a', { hypernyms: true, maxSenses: 4 });
    expect(meet(left, L.concepts('leave', 'v', { hypernyms: true, maxSenses: 4 }))).toEqual([]);
    expect(L.synonyms('left', 'a')).toContain('remaining');
    // Without a part of speech, the form "left" is also read as the verb's past tense.
    expect(meet(L.concepts('left'), L.concepts('leave', 'v'))).not.toEqual([]);
  });

  it('hypernyms go up one level only', () => {
    const soldier = L.concepts('soldier', 'n', { maxSenses: 1, hypernyms: true });
    expect(soldier).toEqual(['n:10641415', 'n:10078585']);
    expect(L.gloss('n:10078585')).toMatch(/^a serviceman who ranks below/);
  });

  it('an adjective satellite’s hypernym is its head adjective', () => {
    const [sense, head] = L.concepts('remaining', 'a', { maxSenses: 1, hypernyms: true });
    expect(sense).toBeDefined();
    expect(head).toBeDefined();
    expect(L.gloss(head as string)).toBeDefined();
  });

  it('other synonyms come back lower-cased with spaces', () => {
    expect(L.synonyms('buyout', 'n')).toEqual([]);
    expect(L.synonyms('car', 'n', { maxSenses: 1 })).toEqual(['auto', 'automobile', 'machine', 'motorcar']);
  });

  it('rejects malformed concept ids', () => {
    expect(L.gloss('x:1')).toBeUndefined();
    expect(L.gloss('n:1')).toBeUndefined();
  });
});

describe('lexicon: related', () => {
  it('follows derivational pointers from the word itself', () => {
    expect(L.related('employ', 'v')).toEqual(expect.arrayContaining(['employee', 'employer', 'employment']));
    expect(L.related('found', 'v')).toEqual(expect.arrayContaining(['founder', 'foundation']));
    expect(L.related('die', 'v', { maxSenses: 1 })).toEqual(['death']);
    expect(L.related('death', 'n')).toContain('die');
    expect(L.related('invade')).toEqual(expect.arrayContaining(['invasion', 'invader']));
  });

  it('does not return the word itself or the synset-mates’ derivations', () => {
    expect(L.related('soldier', 'n')).not.toContain('soldier');
    // "troops" has no "+" pointer of its own; its synset-mate "soldiery" does.
    expect(L.related('troops', 'n')).toEqual([]);
  });
});

describe('lexicon: phraseAt', () => {
  it.each([
    [['pulled', 'out', 'of'], 0, 'pull out', ['v']],
    [['kicked', 'out'], 0, 'kick out', ['v']],
    [['stepped', 'down', 'as', 'leader'], 0, 'step down', ['v']],
    [['took', 'over', 'the', 'country'], 0, 'take over', ['v']],
    [['sets', 'up'], 0, 'set up', ['v']],
    [['carried', 'out', 'attacks'], 0, 'carry out', ['v']],
    [['the', 'prime', 'minister', 'said'], 1, 'prime minister', ['n']],
    [['the', 'prime', 'ministers'], 1, 'prime minister', ['n']],
    [['in', 'the', 'united', 'states'], 2, 'united states', ['n']],
  ])('%j at %i → %s', (words, i, lemma, pos) => {
    const match = L.phraseAt(words, i);
    expect(match?.lemma).toBe(lemma);
    expect(match?.words).toBe((lemma as string).split(' ').length);
    expect(match?.pos).toEqual(pos);
  });

  it('takes the longest match', () => {
    expect(L.phraseAt(['in', 'the', 'end', 'they', 'left'], 0)).toMatchObject({ lemma: 'in the end', words: 3 });
  });

  it('is undefined for a single word or where no phrase starts', () => {
    expect(L.phraseAt(['soldiers', 'left'], 0)).toBeUndefined();
    expect(L.phraseAt(['the', 'soldiers'], 0)).toBeUndefined();
    expect(L.phraseAt(['pull'], 0)).toBeUndefined();
    expect(L.phraseAt([], 0)).toBeUndefined();
  });

  it('respects maxWords', () => {
    expect(L.phraseAt(['in', 'the', 'end'], 0, 2)).toBeUndefined();
  });
});

describe('lexicon: singleton', () => {
  it('is loaded once', () => {
    expect(lexicon()).toBe(L);
  });
});
