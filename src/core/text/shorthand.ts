/**
 * Chat shorthand and apostrophe-less contractions → the words they stand for. General English only;
 * "y" and "k" depend on context and are handled in expandShorthand.
 */
const SHORTHAND: Readonly<Record<string, string>> = {
  u: 'you',
  r: 'are',
  ur: 'your',
  hw: 'how',
  wat: 'what',
  wut: 'what',
  wht: 'what',
  wot: 'what',
  ppl: 'people',
  bc: 'because',
  bcuz: 'because',
  cuz: 'because',
  coz: 'because',
  b4: 'before',
  govt: 'government',
  abt: 'about',
  thx: 'thanks',
  thnx: 'thanks',
  ty: 'thank you',
  pls: 'please',
  plz: 'please',
  'w/': 'with',
  'w/o': 'without',
  '2day': 'today',
  tdy: 'today',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  yday: 'yesterday',
  yr: 'year',
  yrs: 'years',
  mil: 'million',
  bn: 'billion',
  approx: 'approximately',
  esp: 'especially',
  tho: 'though',
  thru: 'through',
  rn: 'right now',
  btw: 'by the way',
  idk: 'i do not know',
  // Contractions typed without the apostrophe. "wont", "cant" and "id" are rare words and frequent typing.
  whos: 'who is',
  whats: 'what is',
  wheres: 'where is',
  whens: 'when is',
  hows: 'how is',
  whys: 'why is',
  thats: 'that is',
  theres: 'there is',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  hasnt: 'has not',
  havent: 'have not',
  hadnt: 'had not',
  wont: 'will not',
  cant: 'can not',
  couldnt: 'could not',
  shouldnt: 'should not',
  wouldnt: 'would not',
  im: 'i am',
  ive: 'i have',
  youre: 'you are',
  theyre: 'they are',
  // Contractions with the apostrophe, for callers that keep them as one word.
  "won't": 'will not',
  "can't": 'can not',
  "shan't": 'shall not',
  "i'm": 'i am',
};

/** The regular contractions: "-n't" → "not", "-'re" → "are", "-'ve" → "have", "-'ll" → "will", "-'d" → "would". */
const CONTRACTION = /^([a-z]+)(n't|'re|'ve|'ll|'d)$/;
const CONTRACTION_WORDS: Readonly<Record<string, string>> = { "n't": 'not', "'re": 'are', "'ve": 'have', "'ll": 'will', "'d": 'would' };

const isNumber = (word: string | undefined) => word !== undefined && /^\d+(?:[.,]\d+)*$/.test(word);

/**
 * Chat shorthand → words, for lower-cased words (Token.lower): "u" → "you", "wat" → "what", "whats" →
 * "what is", "didn't" → "did not", "b4" → "before", "10k" → "10 thousand". "y" becomes "why" only as the
 * first word, where it asks; "k" becomes "thousand" only after a number. Other words pass through.
 */
export function expandShorthand(words: readonly string[]): string[] {
  const out: string[] = [];
  words.forEach((raw, i) => {
    const word = raw.replace(/[’‘]/g, "'");
    const previous = words[i - 1];
    if (word === 'y' && i === 0) out.push('why');
    else if (word === 'k' && isNumber(previous)) out.push('thousand');
    else if (/^\d+(?:\.\d+)?k$/.test(word)) out.push(word.slice(0, -1), 'thousand');
    else if (word in SHORTHAND) out.push(...(SHORTHAND[word] as string).split(' '));
    else {
      const contraction = CONTRACTION.exec(word);
      if (contraction) {
        const [, stem, ending] = contraction as unknown as [string, string, string];
        // "can't" and "won't" are in the table; other "-n't" forms keep their stem ("didn't" → "did").
        out.push(stem, CONTRACTION_WORDS[ending] as string);
      } else out.push(word);
    }
  });
  return out;
}
