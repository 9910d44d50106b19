import type { Caller } from '../commands/command.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Clock, Logger } from '../ports/runtime.js';
import type { FeedbackStore } from '../ports/storage.js';
import { expiredReply, feedbackThanksReply } from '../reply/replies.js';
import type { Reply } from '../reply/reply.js';

export interface Vote {
  readonly conversation: string;
  /** The turn the buttons belong to (`Reply.feedback.answerId`). */
  readonly answerId: string;
  readonly helpful: boolean;
}

/**
 * 👍/👎 on an answer: recorded with the question, answer and citation of exactly that turn, looked
 * up in the conversation, so no adapter has to read them back out of a rendered message.
 */
export async function recordFeedback(
  deps: { readonly conversations: ConversationService; readonly feedback: FeedbackStore; readonly clock: Clock; readonly logger: Logger },
  caller: Caller,
  vote: Vote,
): Promise<Reply> {
  const turn = await deps.conversations.findAnswer(vote.conversation, vote.answerId);
  if (!turn) return expiredReply();
  await deps.feedback.record({
    platform: caller.platform,
    user: caller.userId,
    conversation: vote.conversation,
    question: turn.question,
    answer: turn.text,
    briefing: turn.briefingId,
    ...(turn.citation ? { citation: turn.citation } : {}),
    helpful: vote.helpful,
    at: deps.clock(),
  });
  deps.logger.info({ platform: caller.platform, conversation: vote.conversation, answer: vote.answerId, helpful: vote.helpful }, 'feedback recorded');
  return feedbackThanksReply(vote.helpful);
}
