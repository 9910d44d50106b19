import { type AskOptions, type ConversationDeps, ConversationService, type Turn } from '../core/conversations/conversation-service.js';
import type { Metrics } from '../core/ports/metrics.js';

/**
 * The conversation service with every question counted: `answered` or `refused` (the briefings do not
 * cover it) with the time it took, or `error` when answering threw (the command runner turns that into an
 * incident reply). Every platform's /ask, follow-up, suggestion button and mention goes through `ask`.
 */
export class MeteredConversationService extends ConversationService {
  constructor(
    deps: ConversationDeps,
    private readonly metrics: Metrics,
  ) {
    super(deps);
  }

  override async ask(question: string, options: AskOptions): Promise<Turn> {
    const started = performance.now();
    try {
      const turn = await super.ask(question, options);
      this.metrics.answer(turn.answer.answered ? 'answered' : 'refused', (performance.now() - started) / 1000);
      return turn;
    } catch (error) {
      this.metrics.answer('error', (performance.now() - started) / 1000);
      throw error;
    }
  }
}
