/** General-English language tools for the answer engine: nothing here knows any briefing or story. */
export { type AnnotatedEntity, type AnnotatedWord, type Annotation, annotate, type EntityType } from './annotate.js';
export { type ConceptOptions, type Lexicon, lexicon, type PhraseMatch, type Pos } from './lexicon.js';
export { isNumberWord, parseQuantity, type Quantity } from './numbers.js';
export { expandShorthand, SpellingCorrector, type SpellingOptions } from './spelling.js';
export { ANAPHORA, isStopword, QUESTION_WORDS, STOPWORDS } from './stopwords.js';
export { type CapitalizedRun, capitalizedRuns, type Token, tokenize } from './tokens.js';
