import type { AnswerModel } from './answer-model.js';

/**
 * The answer model's weights and threshold. Fitted by `npm run bench -- fit` (bench/fit-answer-model.ts)
 * on the labelled question sets in test/fixtures; see the README's leave-one-out table for how they hold
 * on briefings they were not fitted on. Replace the whole object when refitting.
 */
export const ANSWER_MODEL: AnswerModel = {
  bias: -3,
  weights: {
    coverage: 6,
    precision: 1,
    heaviestMissing: -1,
    unknown: -4,
    namesMissing: -4,
    strangeName: -3,
    numberMissing: -3,
    typeMissing: -4,
    focusMissing: -3,
    focusLoose: -1,
    phrasing: 3,
    subject: 2,
    curated: 0.5,
    contextOnly: 0,
    contextCoverage: 2,
    repeat: -2,
    route: 1,
  },
  threshold: 0.5,
};
