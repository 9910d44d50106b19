import type { Answer, AnswerEngine } from '../answers/answer-engine.js';
import type { Clock } from '../ports.js';
import type { ConversationStore } from '../store/store.js';

export interface AskOptions {
  readonly briefing?: string;
  /** Continue this conversation; a new one is started (and stored) under this id if unknown or expired. */
  readonly conversation?: string;
}

/**
 * `answer(question, { briefing?, conversation? })` as adapters use it: the engine plus conversation
 * state kept in the store with a TTL, so a follow-up still resolves after a restart.
 */
export class AnswerService {
  constructor(
    private readonly engine: AnswerEngine,
    private readonly conversations: ConversationStore,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  answer(question: string, options: AskOptions = {}): Answer {
    const now = this.clock();
    const state = options.conversation ? this.conversations.get(options.conversation, now) : undefined;
    const answer = this.engine.answer(question, {
      ...(options.briefing ? { briefing: options.briefing } : {}),
      ...(state ? { context: state.context } : {}),
    });
    // A refused first question still opens the conversation (on the briefing it was routed to),
    // so its suggestion and follow-up buttons work.
    const context = answer.context ?? (answer.briefing ? { briefingId: answer.briefing, terms: {} } : undefined);
    if (options.conversation && context) {
      this.conversations.save(
        {
          id: options.conversation,
          context,
          lastQuestion: question,
          lastCitations: answer.citations,
          turns: (state?.turns ?? 0) + 1,
        },
        now,
        this.ttlMs,
      );
    }
    return answer;
  }

  /** Binds a new conversation to a briefing (a /brief message or its thread): follow-ups default to it. */
  begin(conversation: string, briefingId: string): void {
    const now = this.clock();
    if (this.conversations.get(conversation, now)) return;
    this.conversations.save({ id: conversation, context: { briefingId, terms: {} }, lastQuestion: '', lastCitations: [], turns: 0 }, now, this.ttlMs);
  }

  /** Whether a conversation is still alive (adapters refuse follow-ups on expired ones politely). */
  has(conversation: string): boolean {
    return this.conversations.get(conversation, this.clock()) !== undefined;
  }

  /**
   * Continues conversation `from` under the id `to` as well (same state, fresh TTL). For adapters
   * that learn the id of the place a reply lives only after posting it, e.g. a Slack thread's ts.
   */
  continueAs(from: string, to: string): boolean {
    const now = this.clock();
    const state = this.conversations.get(from, now);
    if (!state) return false;
    this.conversations.save({ ...state, id: to }, now, this.ttlMs);
    return true;
  }
}
