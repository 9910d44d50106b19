import { ANAPHORA, expandShorthand, isStopword, tokenize } from '../text/index.js';
import { type AnswerType, questionForm } from './answer-types.js';
import { type ContentWord, textWords } from './content-words.js';
import { type FoldedWord, fold } from './names.js';

/**
 * Words that carry a question without saying what it is about ("what *happened*", "*tell* me",
 * "did they *manage* to"): they weigh little and are never the thing asked for.
 */
const LIGHT = new Set([
  'happen',
  'happened',
  'happens',
  'happening',
  'thing',
  'things',
  'stuff',
  'kind',
  'sort',
  'lot',
  'exactly',
  'actually',
  'really',
  'tell',
  'know',
  'explain',
  'mean',
  'talk',
  'info',
  'information',
  'detail',
  'details',
  'news',
  'story',
  'update',
  'manage',
  'managed',
  'try',
  'tried',
  'able',
  'want',
  'wanted',
  'like',
  'say',
  'said',
  'do',
  'did',
  'does',
  'done',
  'get',
  'got',
  'go',
  'going',
  'make',
  'made',
]);
/** Words that open a follow-up that leaves out its subject: "and the cost?", "what about the other one?". */
const CONTINUATIONS = /^\s*(and|but|so|also|plus|what about|how about|then)\b/i;

export interface QuestionWord extends ContentWord {
  /** How much the word counts before the briefing's own rarity weighs it (light words count less). */
  readonly weight: number;
  readonly light: boolean;
  /** The measure a "how deep"-style question asks for: the question's focus before any other word. */
  readonly asked?: boolean;
}

/** A question, read once before any briefing is consulted. */
export interface Question {
  readonly text: string;
  /** After spelling correction against the library's vocabulary. */
  readonly corrected: string;
  readonly type?: AnswerType;
  readonly words: readonly QuestionWord[];
  readonly numbers: readonly { value: number; start: number; end: number }[];
  /** Its words folded for matching names. */
  readonly nameWords: readonly FoldedWord[];
  /** Capitalised names as typed ("Macron"), which the chosen briefing must know. */
  readonly capitalised: readonly string[];
  /** It points back at earlier turns ("he", "them", "that", "there"), or starts as a continuation. */
  readonly pointsBack: boolean;
  /** The pronouns it uses, lower-cased. */
  readonly pronouns: readonly string[];
}

export interface Vocabulary {
  /** The word as the library spells it, when the typed one is a misspelling of it. */
  correct(word: string): string | undefined;
}

export function readQuestion(raw: string, vocabulary: Vocabulary): Question {
  const text = raw.replace(/\s+/g, ' ').trim();
  const corrected = correctSpelling(text, vocabulary);
  const tokens = tokenize(corrected);
  const lowered = expandShorthand(tokens.filter((t) => t.kind !== 'symbol').map((t) => fold(t.lower)));
  const form = questionForm(lowered);
  // Where the question phrase ends in the text: "how long", "which country" are the form, not the topic.
  const formEnd = charEndOfWord(corrected, form.after);
  const { words: content, nameWords, runs } = textWords(corrected, 'verbs');
  // The nouns of a question phrase ("which *country*", "what *year*") still say something, and its
  // adjective is the very thing asked ("how *deep*" asks a depth); "many", "much", "long" say nothing.
  const words: QuestionWord[] = content
    .filter((w) => w.start >= formEnd || !FORM_ADVERBS.has(w.word))
    .map((w) => {
      if (w.start < formEnd && MEASURES.has(w.word)) return { ...w, light: false, weight: 1, asked: true };
      const light = LIGHT.has(w.word) || w.start < formEnd;
      return { ...w, light, weight: LIGHT.has(w.word) ? 0.3 : w.start < formEnd ? 0.5 : 1 };
    });
  // "Are there…", "how many are there": existential "there" points at no place.
  const pronouns = lowered.filter((w, i) => ANAPHORA.has(w) && !(w === 'there' && BE.has(lowered[i - 1] ?? lowered[i + 1] ?? '')));
  const numberWords = content.filter((w) => w.value !== undefined).map((w) => ({ value: w.value as number, start: w.start, end: w.end }));
  return {
    text,
    corrected,
    ...(form.type ? { type: form.type } : {}),
    words,
    numbers: numberWords,
    nameWords,
    capitalised: runs.map((r) => r.text),
    pointsBack: pronouns.length > 0 || CONTINUATIONS.test(text),
    pronouns,
  };
}

const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been']);

/** Words that only make up a question phrase ("many" in "how many"). */
const FORM_ADVERBS = new Set(['many', 'much', 'long', 'soon', 'often']);
/** Adjectives of "how …" questions that name the measure asked for. */
const MEASURES = new Set(['old', 'big', 'large', 'tall', 'high', 'deep', 'far', 'wide', 'heavy', 'fast', 'small', 'strong']);

/** The offset just past the n-th word token (0 when n is 0). */
function charEndOfWord(text: string, n: number): number {
  if (n <= 0) return 0;
  const words = tokenize(text).filter((t) => t.kind !== 'symbol');
  return words[Math.min(n, words.length) - 1]?.end ?? 0;
}

/**
 * The question as the library would spell it: chat shorthand written out ("hw" → "how", "ppl" →
 * "people"), then each remaining unknown word corrected against the library's vocabulary.
 */
function correctSpelling(text: string, vocabulary: Vocabulary): string {
  let out = '';
  let at = 0;
  for (const t of tokenize(text)) {
    if (t.kind !== 'word') continue;
    const lower = fold(t.lower);
    const expanded = expandShorthand([lower]);
    const written = expanded.length !== 1 || expanded[0] !== lower ? expanded.join(' ') : undefined;
    const fixed = written ?? vocabulary.correct(lower);
    // A correction to a two-letter word, or to a function word other than by swapping letters ("teh" →
    // "the", but not "wat" → "was"), is more likely wrong than right.
    if (!fixed || (!written && (fixed.length < 3 || (isStopword(fixed) && !sameLetters(fixed, lower))))) continue;
    out += text.slice(at, t.start) + fixed;
    at = t.end;
  }
  return out + text.slice(at);
}

function sameLetters(a: string, b: string): boolean {
  return [...a].sort().join('') === [...b].sort().join('');
}
