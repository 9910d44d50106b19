import { type Analysis, analyze, terms as termsOf } from './analyze.js';
import type { Intent } from './vocabulary.js';

/** What a follow-up inherits from earlier turns: their terms, with weights that fade per turn. */
export interface ConversationContext {
  readonly briefingId: string;
  readonly terms: Readonly<Record<string, number>>;
  /** The Q&A id or section the last answer came from. */
  readonly lastRef?: string;
  /** Places and people the last answer named, so "that base" can find "Airbase 101". */
  readonly entities?: readonly string[];
}

/** A question ready for scoring: its own terms, plus the inherited ones when it is a follow-up. */
export interface Query {
  readonly text: string;
  readonly own: readonly string[];
  readonly salient: ReadonlySet<string>;
  readonly hints: readonly string[];
  readonly intents: ReadonlySet<Intent>;
  /** Inherited terms and their weights (0 < w < 1); empty unless the question reads as a follow-up. */
  readonly context: ReadonlyMap<string, number>;
  readonly isFollowUp: boolean;
  /** The previous answer's ref, when this is a follow-up. */
  readonly previous?: string;
  /** Entities of the previous answer this question points at ("that base" → "Airbase 101"), lower-cased. */
  readonly referents: readonly string[];
  /** Every entity the previous answer named, when this is a follow-up. */
  readonly said: readonly string[];
}

/**
 * A question reads as a follow-up when it points back ("them", "that", "there") or is too short to
 * stand alone ("and the cost?"). Anything else is answered on its own terms.
 */
export function buildQuery(question: string, context?: ConversationContext): Query {
  const a: Analysis = analyze(question);
  const isFollowUp = context !== undefined && (a.anaphoric || a.terms.length <= 1 || /^\s*(and|so|but|also)\b/i.test(question));
  const inherited = new Map<string, number>();
  const referents: string[] = [];
  if (isFollowUp && context) {
    for (const [term, weight] of Object.entries(context.terms)) if (!a.terms.includes(term)) inherited.set(term, weight);
    // "that base" after an answer naming Airbase 101: the named entity is the referent.
    for (const name of context.entities ?? []) {
      const nameTerms = termsOf(name);
      if (!nameTerms.some((t) => a.terms.includes(t))) continue;
      referents.push(name.toLowerCase());
      for (const t of nameTerms) if (!a.terms.includes(t)) inherited.set(t, 0.9);
    }
  }
  // Part-of-speech tagging is the costliest step of analysis and only matters for a term the
  // briefing does not know, so it runs on first use.
  let salient: ReadonlySet<string> | undefined;
  return {
    text: question,
    own: a.terms,
    get salient() {
      salient ??= analyze(question, { pos: true }).salient;
      return salient;
    },
    hints: a.hints,
    intents: a.intents,
    context: inherited,
    isFollowUp,
    referents,
    said: isFollowUp ? (context?.entities ?? []) : [],
    ...(isFollowUp && context?.lastRef ? { previous: context.lastRef } : {}),
  };
}

export function allTerms(query: Query): string[] {
  return [...new Set([...query.own, ...query.hints, ...query.context.keys()])];
}

/** The context a next turn inherits: this turn's terms at full weight, the answer's at less, older turns fading. */
export function nextContext(
  briefingId: string,
  query: Query,
  answer: { ref: string; text: string; terms: Iterable<string>; places: readonly string[]; people: readonly string[] },
  previous?: ConversationContext,
): ConversationContext {
  const terms: Record<string, number> = {};
  const put = (term: string, weight: number) => {
    terms[term] = Math.max(terms[term] ?? 0, weight);
  };
  if (previous && previous.briefingId === briefingId) for (const [t, w] of Object.entries(previous.terms)) if (w * 0.5 >= 0.1) put(t, w * 0.5);
  for (const t of answer.terms) put(t, 0.3);
  // Answers are written subject first ("Russian military personnel have entered…"): that subject
  // is what "them" in the next question most often means.
  for (const t of termsOf(answer.text).slice(0, 3)) put(t, 0.5);
  for (const [t, w] of query.context) put(t, w * 0.7);
  for (const t of query.own) put(t, 0.6);
  return { briefingId, terms, lastRef: answer.ref, entities: [...answer.places, ...answer.people] };
}
