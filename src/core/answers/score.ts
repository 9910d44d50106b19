import type { BriefingIndex, Hit } from './briefing-index.js';
import type { Query } from './query.js';

/**
 * How well one passage answers a query, in [0, 1].
 *
 * The core is coverage: the share of the question's weight that the passage contains, where a
 * term weighs its inverse document frequency within the briefing, and terms from nouns, names and
 * numbers weigh twice what verbs and adjectives do. A term the briefing never uses weighs the
 * most, so "the population of Niger" scores low even though "Niger" matches everywhere; an
 * unknown verb ("when did they *start* flying") costs less. Inherited follow-up terms only rank
 * (`rank`), except when the question has no terms of its own ("how many of them?").
 */
export interface Scored {
  readonly hit: Hit;
  readonly confidence: number;
  readonly rank: number;
}

const NON_SALIENT = 0.5;
const UNKNOWN_NON_SALIENT = 0.25;

export function scoreHit(query: Query, index: BriefingIndex, hit: Hit): Scored {
  const has = (t: string) => hit.matched.has(t) || hit.passage.terms.has(t);
  let ownTotal = 0;
  let ownMatched = 0;
  for (const t of query.own) {
    const known = index.has(t) || hit.matched.has(t);
    const w = (query.salient.has(t) ? 1 : known ? NON_SALIENT : UNKNOWN_NON_SALIENT) * index.idf(t);
    ownTotal += w;
    if (has(t)) ownMatched += w;
  }
  let ctxTotal = 0;
  let ctxMatched = 0;
  for (const [t, weight] of query.context) {
    const w = weight * index.idf(t);
    ctxTotal += w;
    if (has(t)) ctxMatched += w;
  }
  const ctxShare = ctxTotal > 0 ? ctxMatched / ctxTotal : 0;
  let confidence = ownTotal > 0 ? ownMatched / ownTotal : Math.min(1, ctxShare * 2.5);
  confidence *= intentFactor(query, hit.passage.text);
  if (query.hints.some(has)) confidence += 0.05;
  if (hit.passage.kind === 'qa') confidence += 0.03;
  confidence = Math.max(0, Math.min(1, confidence));
  return { hit, confidence, rank: confidence + 0.3 * ctxShare + hit.score * 1e-4 };
}

const NUMBER = /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|dozens|hundred|hundreds|thousand|thousands|million|millions|billion|several|few)\b/i;
const DATE =
  /\b(1[89]|20)\d{2}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(day|week|month|year|today|yesterday|recent|recently|last|since|mid)\b/i;
const DURATION = /\b(\d+|one|two|three|four|five|six|several|few|many)\s+(days?|weeks?|months?|years?)\b|\buntil\b|\bsince\b|\b(short|long)[- ]term\b/i;

/** Questions asking "how many", "when" or "how long" need a passage with a number, date or span. */
function intentFactor(query: Query, text: string): number {
  if (query.intents.has('duration') && !DURATION.test(text)) return 0.5;
  if (query.intents.has('quantity') && !NUMBER.test(text)) return 0.6;
  if (query.intents.has('time') && !DATE.test(text)) return 0.6;
  return 1;
}
