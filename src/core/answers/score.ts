import { terms } from './analyze.js';
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

/** A verb or adjective the briefing never uses ("when did they *start* flying") is likely just paraphrase. */
const UNKNOWN_NON_SALIENT = 0.25;

export function scoreHit(query: Query, index: BriefingIndex, hit: Hit): Scored {
  const has = (t: string) => hit.matched.has(t) || hit.passage.terms.has(t);
  let ownTotal = 0;
  let ownMatched = 0;
  for (const t of query.own) {
    const known = index.has(t) || hit.matched.has(t);
    const salient = known || query.salient.has(t);
    // In a follow-up, a verb the briefing never uses ("what is he *supposed* to do?") is filler:
    // the context carries the question.
    if (!salient && query.isFollowUp) continue;
    const w = (salient ? 1 : UNKNOWN_NON_SALIENT) * index.idf(t);
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
  const contextOnly = ownTotal === 0;
  const coverage = contextOnly ? Math.min(1, ctxShare * 2.5) : ownMatched / ownTotal;
  const p = precision(query, index, hit);
  // A curated answer whose phrasing is mostly about other things ("how many people have the
  // insurgents killed?" for "how many people live in Niger?") is a weaker match than its coverage
  // says. A passage has no phrasing; a long one always shares some words, so it needs a bit more.
  let confidence = p === undefined ? 0.9 * coverage : 0.75 * coverage + 0.25 * p;
  const form = intentFactor(query, hit.passage.text);
  confidence *= form;
  if (query.intents.has('place') && !mentionsNew(hit.passage.places, query)) confidence *= 0.75;
  // Repeating the previous answer, or a passage that only restates it, is not what a follow-up
  // wants, unless the question asks for something that answer already held ("how many of them?"
  // after "nearly 1,000 US troops…").
  const answersForm = form === 1 && [...query.intents].some((i) => FORM_INTENTS.has(i));
  if (query.previous !== undefined && hit.passage.ref === query.previous && !answersForm) confidence *= 0.5;
  else if (contextOnly && restates(hit.passage.terms, query)) confidence *= 0.8;
  if (query.hints.some(has)) confidence += 0.05;
  confidence = Math.max(0, Math.min(1, confidence));
  // With no words of its own ("how many of them?"), the question form is most of what there is to match…
  const sameIntent = [...query.intents].some((i) => hit.passage.questionIntents?.has(i)) ? (contextOnly ? 0.25 : 0.05) : 0;
  // …and a curated pair asked that way is safer than a passage that merely shares the context.
  const curated = contextOnly && hit.passage.kind === 'qa' ? 0.15 : 0;
  // Inherited terms decide between passages that answer the question itself equally well.
  const ctxWeight = contextOnly ? 0.3 : 0.15;
  return { hit, confidence, rank: confidence + ctxWeight * ctxShare + 0.1 * (p ?? 0.5) + sameIntent + curated + hit.score * 1e-4 };
}

/** Most of the passage's terms were already in the conversation: it says what was just said. */
function restates(terms: ReadonlySet<string>, query: Query): boolean {
  let seen = 0;
  for (const t of terms) if (query.context.has(t)) seen++;
  return terms.size > 0 && seen / terms.size > 0.6;
}

/**
 * "Where…" wants a place the conversation has not named yet: not in the question (by any of its
 * names: Washington is the US), not the thing asked about, not a place the last answer gave.
 */
function mentionsNew(names: readonly string[], query: Query): boolean {
  return names.some((n) => !query.referents.includes(n) && !query.said.includes(n) && termsOf(n).some((t) => !query.own.includes(t)));
}
const nameTerms = new Map<string, readonly string[]>();
function termsOf(name: string): readonly string[] {
  let t = nameTerms.get(name);
  if (!t) {
    t = terms(name);
    nameTerms.set(name, t);
  }
  return t;
}

/** For a Q&A phrasing: the weighted share of its terms the question (with inherited terms) asks about. */
function precision(query: Query, index: BriefingIndex, hit: Hit): number | undefined {
  const terms = hit.passage.questionTerms;
  if (!terms || terms.size === 0) return undefined;
  const asked = new Set([...query.own, ...query.context.keys()]);
  let total = 0;
  let matched = 0;
  for (const t of terms) {
    const w = index.idf(t);
    total += w;
    if (asked.has(t) || hit.matched.has(t)) matched += w;
  }
  return matched / total;
}

// "one" and "few" are left out: "one of Russia's allies" answers no "how many".
const NUMBER_WORD = /\b(two|three|four|five|six|seven|eight|nine|ten|dozen|dozens|hundred|hundreds|thousand|thousands|million|millions|billion|several)\b/i;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*';
const DATE = new RegExp(`\\b(1[89]|20)\\d{2}\\b|\\b${MONTH}\\b|\\b(day|days|week|weeks|month|months|today|yesterday|recent|recently|last year|mid)\\b`, 'i');
const YEAR = /\b(1[89]|20)\d{2}\b|\blast year\b/i;
/** Two capitalised words in a row, "Joe Biden", "Mahamadou Hamidou": a person's name, unless an organisation's or place's. */
const PROPER_NAME = /\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b/g;
const NOT_A_PERSON =
  /\b(Command|Group|State|States|Council|Airbase|Base|International|Islamic|Africa|African|Nations|Union|Ministry|Department|Army|Force|Forces|Embassy|Airport|The|A|An|In|On|At)\b/;

function namesPerson(text: string): boolean {
  return (text.match(PROPER_NAME) ?? []).some((n) => !NOT_A_PERSON.test(n));
}

/**
 * Numbers that could answer "how many" or "how much": not years, not days of a month, not ones
 * the question already holds; sums of money answer "how much" but count nothing.
 */
function hasQuantity(text: string, question: string, money: boolean): boolean {
  const counted = money
    ? text
    : text.replace(/\$\s?\d[\d.,]*\s*(?:m|bn|k|million|billion)?\b|\(?\d[\d.,]*\s+(?:million|billion)\s+(?:US\s+)?dollars\)?/gi, ' ');
  const dated = counted
    .replace(/\b\d{4}-\d{2}(-\d{2})?\b/g, ' ')
    .replace(new RegExp(`\\b\\d{1,2}\\s+${MONTH}\\b|\\b${MONTH}\\s+\\d{1,2}\\b`, 'gi'), ' ')
    // A number that is part of a name ("Airbase 101") counts nothing.
    .replace(/\b[A-Z][A-Za-z]*\s+\d+\b/g, ' ');
  const numbers = (dated.match(/\d+(?:[.,]\d+)*/g) ?? []).filter((n) => !/^(1[89]|20)\d{2}$/.test(n) && !question.includes(n));
  return numbers.length > 0 || NUMBER_WORD.test(counted);
}
const DURATION = /\b(\d+|one|two|three|four|five|six|several|few|many)\s+(days?|weeks?|months?|years?)\b|\buntil\b|\bsince\b|\b(short|long)[- ]term\b/i;

/** Questions asking "how many", "when", "how long" or a name need a passage with a number, date, span or name. */
const UNMET_FORM = 0.45;
const FORM_INTENTS = new Set(['count', 'quantity', 'duration', 'time', 'year', 'name']);

function intentFactor(query: Query, text: string): number {
  const unmet =
    (query.intents.has('duration') && !DURATION.test(text)) ||
    (query.intents.has('name') && !namesPerson(text)) ||
    (query.intents.has('count') && !hasQuantity(text, query.text, false)) ||
    (query.intents.has('quantity') && !hasQuantity(text, query.text, true)) ||
    (query.intents.has('year') && !YEAR.test(text)) ||
    (query.intents.has('time') && !DATE.test(text));
  // Below the answer threshold even for a perfect word match: a passage without any number
  // cannot answer "how many", however much else it shares with the question.
  return unmet ? UNMET_FORM : 1;
}
