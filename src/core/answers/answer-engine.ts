import type { Briefing } from '../briefing/briefing.js';
import { type BriefingLibrary, byRecency } from '../briefing/briefing-library.js';
import { ErrorCode, UserError } from '../errors.js';
import type { CitationRef } from '../ports/storage.js';
import { type AnswerModel, confidence, type Features } from './answer-model.js';
import type { BriefingIndex, IndexedPassage } from './briefing-index.js';
import { type ConversationContext, emptyContext } from './conversation-context.js';
import { candidatesOf, featuresOf, type Reading, readIn, violatesNumberedName } from './features.js';
import { IndexCache } from './index-cache.js';
import { type Question, readQuestion } from './question.js';
import { Router } from './router.js';
import { ANSWER_MODEL } from './weights.js';

export type { ConversationContext } from './conversation-context.js';

export interface Answer {
  readonly answered: boolean;
  /** A curated Q&A answer or a passage of the briefing, verbatim; or the refusal. */
  readonly text: string;
  /** The briefing answered from, or (refused) the one the question was routed to. */
  readonly briefing: string | null;
  /** Where the answer rests; present exactly when `answered`. */
  readonly citation?: CitationRef;
  readonly confidence: number;
  /** Two or three questions the briefing can answer, phrased as its Q&A pairs ask them. */
  readonly suggestions: readonly string[];
  /** What the next turn of the same conversation inherits. */
  readonly context?: ConversationContext;
}

export interface AnswerRequest {
  /** Answer from this briefing only. */
  readonly briefing?: string;
  readonly context?: ConversationContext;
}

export const REFUSAL = "The briefing doesn't cover that.";

/** A question matching a curated phrasing this closely (F1 of weighted words) gets its curated answer. */
const CURATED_MATCH = 0.75;
const CURATED_CONFIDENCE = 0.8;

/** Confidences this close count as a tie, which goes to the more recent briefing. */
const TIE = 0.02;

export interface Scored {
  readonly reading: Reading;
  readonly passage: IndexedPassage;
  readonly features: Features;
  readonly confidence: number;
}

export interface Considered {
  readonly question: Question;
  readonly best?: Scored;
  readonly readings: readonly Reading[];
  /** The best briefing's candidates, best first. */
  readonly scored: readonly Scored[];
  /** Every briefing's candidates, best first. */
  readonly all: readonly Scored[];
}

export class AnswerEngine {
  private readonly cache: IndexCache;
  private readonly router: Router;
  private readonly model: AnswerModel;

  constructor(
    private readonly library: BriefingLibrary,
    options: { model?: AnswerModel; cachePassages?: number } = {},
  ) {
    this.cache = new IndexCache(options.cachePassages);
    this.router = new Router(library);
    this.model = options.model ?? ANSWER_MODEL;
    library.onChange((change) => this.cache.invalidate(change.briefing.id));
  }

  answer(question: string, request: AnswerRequest = {}): Answer {
    return this.decide(this.consider(question, request), request);
  }

  /** The answer (or refusal) the considered candidates make. */
  decide({ best, readings, question: q, scored }: Considered, request: AnswerRequest = {}): Answer {
    if (!best || best.confidence < this.model.threshold) {
      const routed = best?.reading ?? readings[0];
      const briefing = routed?.index.briefing ?? this.library.list()[0];
      return {
        answered: false,
        text: REFUSAL,
        briefing: briefing?.id ?? null,
        confidence: round(best?.confidence ?? 0),
        suggestions: briefing ? suggestions(this.cache.get(briefing), [], undefined) : [],
        // A refused turn hands on what the conversation had, not a guess.
        ...(request.context ? { context: request.context } : briefing ? { context: emptyContext(briefing.id) } : {}),
      };
    }
    const p = best.passage.passage;
    const index = best.reading.index;
    return {
      answered: true,
      text: p.text,
      briefing: index.briefing.id,
      citation: { briefingId: index.briefing.id, sectionId: p.section, ...(p.qaId ? { qaId: p.qaId } : {}) },
      confidence: round(best.confidence),
      suggestions: suggestions(index, scored, p.qaId),
      context: nextContext(best, q),
    };
  }

  /** Reads the question, picks the briefings to try and scores their candidate passages. */
  consider(question: string, request: AnswerRequest = {}): Considered {
    const q = readQuestion(question, this.router);
    const current = request.context ? this.library.published(request.context.briefingId) : undefined;
    const followUp = current !== undefined && isFollowUp(q);
    let briefings: { briefing: Briefing; share: number }[];
    if (request.briefing) {
      const b = this.library.published(request.briefing);
      if (!b) throw new UserError(ErrorCode.BriefingNotFound, `No published briefing "${request.briefing}".`, { id: request.briefing });
      briefings = [{ briefing: b, share: 1 }];
    } else {
      briefings = this.router.route(q);
      if (current) {
        const routed = briefings.find((b) => b.briefing === current);
        const others = briefings.filter((b) => b.briefing !== current);
        // The conversation's briefing is where a follow-up belongs, however its words route.
        const own = { briefing: current, share: followUp ? 1 : (routed?.share ?? 0) };
        briefings = followUp ? [own, ...others] : [...others, own].sort((a, b) => b.share - a.share);
      }
    }
    const readings: Reading[] = [];
    let best: Scored | undefined;
    let bestScored: Scored[] = [];
    const all: Scored[] = [];
    for (const { briefing: b, share } of briefings) {
      const index = this.cache.get(b);
      const inContext = b === current;
      const reading = readIn(index, q, share, inContext ? request.context : undefined, followUp && inContext);
      readings.push(reading);
      const scored = candidatesOf(reading)
        .map((id) => this.score(reading, index.passages[id] as IndexedPassage))
        .sort((a, b) => b.confidence - a.confidence);
      all.push(...scored);
      const top = scored[0];
      if (!top) continue;
      if (!best || top.confidence > best.confidence + TIE || (top.confidence >= best.confidence - TIE && byRecency(b, best.reading.index.briefing) < 0)) {
        best = top;
        bestScored = scored;
      }
      // A follow-up answered well in its own briefing does not wander into others, and one that points
      // back ("when did *they* come to power?") is about its conversation whatever its words say.
      if (followUp && inContext && (top.confidence >= this.model.threshold || q.pronouns.length > 0)) break;
    }
    return { question: q, ...(best ? { best } : {}), readings, scored: bestScored, all: all.sort((a, b) => b.confidence - a.confidence) };
  }

  private score(reading: Reading, passage: IndexedPassage): Scored {
    const features = featuresOf(reading, passage);
    let c = violatesNumberedName(reading, passage) ? 0 : confidence(this.model, features);
    // The question is one an editor wrote a curated answer for, in other words: that answer stands.
    if (c > 0 && features.phrasing >= CURATED_MATCH && features.namesMissing === 0 && features.numberMissing === 0) c = Math.max(c, CURATED_CONFIDENCE);
    return { reading, passage, features, confidence: c };
  }

  /**
   * Loads the language resources (WordNet, word vectors, wink-nlp) and indexes the most recent
   * briefings, so the first questions after start-up do not stall everything else for seconds.
   */
  warmUp(briefings = 20): void {
    for (const b of this.library.list().slice(0, briefings)) this.cache.warm(b);
    // One question through every step: spelling, WordNet, the word vectors, wink-nlp's annotations.
    this.consider('how many people were there in 2024 and why?');
  }

  /** The searchable index of a briefing (see IndexCache for what is kept). */
  indexOf(briefing: Briefing): BriefingIndex {
    return this.cache.get(briefing);
  }
}

/** A question that points back, continues ("and the cost?"), or has at most one word of its own. */
function isFollowUp(q: Question): boolean {
  return q.pointsBack || q.words.filter((w) => !w.light).length <= 1;
}

function nextContext(best: Scored, q: Question): ConversationContext {
  const { reading, passage } = best;
  const names = reading.index.names;
  const own = q.words.filter((w) => !w.light).map((w) => w.word);
  const asked = [...reading.names, ...reading.given].map((id) => names.entity(id).name);
  const answerNames = [...passage.spans]
    .sort((a, b) => a.start - b.start)
    .map((s) => names.entity(s.entity))
    .filter((e, i, all) => all.findIndex((x) => x.id === e.id) === i)
    .map((e) => ({ name: e.name, kind: e.kind }));
  if (passage.subject !== undefined && !answerNames.some((n) => n.name === names.entity(passage.subject as number).name)) {
    const e = names.entity(passage.subject);
    answerNames.unshift({ name: e.name, kind: e.kind });
  }
  const p = passage.passage;
  return {
    briefingId: reading.index.briefing.id,
    // A follow-up with no words of its own keeps the subject it inherited.
    words: own.length > 0 || !reading.context ? own : (reading.context.words.map((w) => w.word) as string[]),
    names: asked,
    answerNames,
    last: { section: p.section, ...(p.qaId ? { qaId: p.qaId } : {}), text: p.text },
  };
}

/** Other Q&A questions near the answer (or near the question, for a refusal), then the briefing's first ones. */
function suggestions(index: BriefingIndex, scored: readonly Scored[], exclude: string | undefined, count = 3): string[] {
  const seen = new Set(exclude ? [exclude] : []);
  const out: string[] = [];
  const qa = index.briefing.qa;
  const push = (id: string | undefined) => {
    const pair = qa.find((q) => q.id === id);
    if (!pair || seen.has(pair.id) || out.length >= count) return;
    seen.add(pair.id);
    out.push(pair.question);
  };
  for (const s of scored) if (s.reading.index === index) push(s.passage.passage.qaId);
  for (const pair of qa) push(pair.id);
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
