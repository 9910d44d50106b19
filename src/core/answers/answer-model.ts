/**
 * The one scoring model: a logistic function of named, bounded features of (question, passage).
 * Its weights are fitted on labelled questions (`npm run bench -- fit`, see bench/fit-answer-model.ts)
 * and kept in `weights.ts`; nothing else in the engine weighs evidence.
 */
export const FEATURES = [
  /** IDF-weighted share of the question's own content words the passage holds (lemma, synonym, related word, hypernym). */
  'coverage',
  /** How much of the passage the question's words account for: a short passage about just this beats a long one that mentions it. */
  'precision',
  /** The heaviest question word the passage lacks, next to the heaviest word of the question (0 when it lacks none). */
  'heaviestMissing',
  /** Share of the question's content weight that appears nowhere in the briefing. */
  'unknown',
  /** Share of the names the question uses that the passage does not mention and the conversation does not supply. */
  'namesMissing',
  /** The question names something (a capitalised or unknown name) the briefing never mentions. */
  'strangeName',
  /** A number the question gives is not in the passage ("Airbase 201" asked, "Airbase 101" said). */
  'numberMissing',
  /** The question asks for a kind of answer (a count, a sum, a date, a span, a person, a place…) the passage does not hold. */
  'typeMissing',
  /** The thing asked for ("cost", "employees", "founded") is not matched in the passage itself. */
  'focusMissing',
  /** The thing asked for matched only loosely (a hypernym or a related word), not by lemma or synonym. */
  'focusLoose',
  /** For a curated answer: how closely the question matches its nearest phrasing; 0 for other passages. */
  'phrasing',
  /** The passage is the who's who or places entry of a name the question uses ("who is Philippe Jost?"). */
  'subject',
  /** How far the phrasing match goes beyond half (0 below): a near-paraphrase of a curated question is nearly decisive. */
  'phrasingClose',
  /** How far coverage goes beyond 0.8 (0 below): every word found counts for more than most found. */
  'coverageFull',
  /** 1 for a curated Q&A answer. */
  'curated',
  /** A follow-up with no content words of its own ("how many of them?"). */
  'contextOnly',
  /** Share of what the conversation carries (the last turn's words and names) that the passage holds. */
  'contextCoverage',
  /** The passage is the previous answer again. */
  'repeat',
  /** How well its briefing matches the question's words, next to the best-matching briefing (1 for the best). */
  'route',
] as const;

export type Feature = (typeof FEATURES)[number];
export type Features = Readonly<Record<Feature, number>>;

export interface AnswerModel {
  readonly bias: number;
  readonly weights: Readonly<Record<Feature, number>>;
  /** Answer when the best passage's confidence is at least this. */
  readonly threshold: number;
}

export function confidence(model: AnswerModel, f: Features): number {
  let z = model.bias;
  for (const name of FEATURES) z += model.weights[name] * f[name];
  return 1 / (1 + Math.exp(-z));
}

export function featureVector(f: Features): number[] {
  return FEATURES.map((n) => f[n]);
}
