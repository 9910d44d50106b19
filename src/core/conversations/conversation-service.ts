import { randomBytes } from 'node:crypto';
import type { Answer, AnswerEngine } from '../answers/answer-engine.js';
import { type ConversationContext, contextFrom, emptyContext } from '../answers/conversation-context.js';
import type { Clock } from '../ports/runtime.js';
import type { AnswerRecord, ConversationState, ConversationStore, Json, UnansweredStore } from '../ports/storage.js';

/** How many turns a conversation remembers for feedback; older buttons then say the answer is gone. */
export const KEPT_ANSWERS = 10;

export interface AskOptions {
  /** The conversation to continue; it is started (and stored) under this id if unknown or expired. */
  readonly conversation: string;
  /** Answer from this briefing only. */
  readonly briefing?: string;
  /** Where the question came from, for the editors' report of refused questions. */
  readonly platform: string;
}

/** One answered (or refused) question, and the id its feedback buttons carry. */
export interface Turn {
  readonly answer: Answer;
  readonly answerId: string;
}

export interface ConversationDeps {
  readonly engine: AnswerEngine;
  readonly conversations: ConversationStore;
  readonly unanswered: UnansweredStore;
  readonly clock: Clock;
  readonly ttlMs: number;
}

/**
 * The answer engine plus conversation state kept in the store with a TTL, so a follow-up still
 * resolves after a restart or on another replica. Each turn is recorded, so feedback names exactly
 * the answer it is about, and each refused question is recorded for the editors.
 */
export class ConversationService {
  constructor(private readonly deps: ConversationDeps) {}

  async ask(question: string, options: AskOptions): Promise<Turn> {
    const { conversations, clock } = this.deps;
    const now = clock();
    const state = await conversations.get(options.conversation, now);
    const answer = this.deps.engine.answer(question, {
      ...(options.briefing ? { briefing: options.briefing } : {}),
      ...(state && contextOf(state) ? { context: contextOf(state) } : {}),
    });
    const answerId = randomBytes(4).toString('hex');
    // A refused first question still opens the conversation (on the briefing it was routed to),
    // so its suggestion and follow-up buttons work.
    const context = answer.context ?? (answer.briefing ? emptyContext(answer.briefing) : undefined);
    if (context) {
      const record: AnswerRecord = {
        id: answerId,
        question,
        text: answer.text,
        answered: answer.answered,
        briefingId: answer.briefing,
        ...(answer.citation ? { citation: answer.citation } : {}),
      };
      const answers = [...(state?.answers ?? []), record].slice(-KEPT_ANSWERS);
      await conversations.save({ id: options.conversation, context: toJson(context), turns: (state?.turns ?? 0) + 1, answers }, now, this.deps.ttlMs);
    }
    if (!answer.answered) {
      await this.deps.unanswered.record({ platform: options.platform, conversation: options.conversation, question, briefing: answer.briefing, at: now });
    }
    return { answer, answerId };
  }

  /** Binds a new conversation to a briefing (a /brief message, a digest or its thread): follow-ups default to it. */
  async begin(conversation: string, briefingId: string): Promise<void> {
    const now = this.deps.clock();
    if (await this.deps.conversations.get(conversation, now)) return;
    await this.deps.conversations.save({ id: conversation, context: toJson(emptyContext(briefingId)), turns: 0, answers: [] }, now, this.deps.ttlMs);
  }

  /** Whether a conversation is still alive (adapters refuse follow-ups on expired ones politely). */
  async has(conversation: string): Promise<boolean> {
    return (await this.deps.conversations.get(conversation, this.deps.clock())) !== undefined;
  }

  /** A turn of a live conversation, by the id its buttons carry. */
  async findAnswer(conversation: string, answerId: string): Promise<AnswerRecord | undefined> {
    const state = await this.deps.conversations.get(conversation, this.deps.clock());
    return state?.answers.find((a) => a.id === answerId);
  }

  /**
   * Continues conversation `from` under the id `to` as well (same state, fresh TTL). For adapters
   * that learn the id of the place a reply lives only after posting it, e.g. a Slack thread's ts.
   */
  async continueAs(from: string, to: string): Promise<boolean> {
    const now = this.deps.clock();
    const state = await this.deps.conversations.get(from, now);
    if (!state) return false;
    await this.deps.conversations.save({ ...state, id: to }, now, this.deps.ttlMs);
    return true;
  }
}

// The engine's context is plain data (strings, numbers, arrays of strings); the store keeps it as opaque JSON.
function toJson(context: ConversationContext): Json {
  return context as unknown as Json;
}

function contextOf(state: ConversationState): ConversationContext | undefined {
  return contextFrom(state.context);
}
